module example.com/lesson27/scs

go 1.25.1

require (
	example.com/lesson27 v0.0.0-00010101000000-000000000000
	github.com/alexedwards/scs/redisstore v0.0.0-20251002162104-209de6e426de
	github.com/alexedwards/scs/v2 v2.9.0
	github.com/gomodule/redigo v1.8.0
	github.com/gorilla/sessions v1.4.0
)

require (
	github.com/gorilla/securecookie v1.1.2 // indirect
	golang.org/x/text v0.41.0 // indirect
)

replace example.com/lesson27 => ../
