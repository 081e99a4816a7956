module example.com/lesson27

go 1.25.1

require (
	github.com/gorilla/securecookie v1.1.2
	github.com/gorilla/sessions v1.4.0
	golang.org/x/text v0.41.0
)
