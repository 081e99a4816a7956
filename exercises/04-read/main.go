// Вправа 04. Доступ до даних сесії: привітання на ім'я.
//
// Умова — у README.uk.md поруч. Перевірка: go run ./cmd/course test 04
// (або go test ./exercises/04-read/). Готовий код — у plumbing.go.
package main

import (
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

func main() {
	keys, err := sessionkey.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if keys.Temporary {
		log.Print(sessionkey.TemporaryWarning)
	}
	devserver.Run(newHandler(newStore(keys.Pairs...)))
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter,
		r *http.Request) {
		http.Redirect(w, r, "/hello", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /hello", a.hello)
	mux.HandleFunc("GET /whoami", a.whoami)
	mux.HandleFunc("POST /tips", a.tips)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// TODO: кожна відповідь цього застосунку залежить від сесії
	// відвідувача. Подбайте, щоб жодну з них спільний кеш (проксі,
	// CDN) не зберіг і не показав іншому відвідувачу — як у кроці 01.
	return csrf.Handler(mux)
}

// helloTemplate — сторінка привітання. Вона вже готова: вам лишається
// передати їй ім'я (Name), привітання (Greeting) і чи показувати
// пораду (Tips). Порожнє ім'я — це гість.
var helloTemplate = template.Must(template.New("hello").Parse(
	`<!doctype html>
<html lang="uk">
<head><meta charset="utf-8"><title>Привітання</title></head>
<body>
{{if .Name}}<h1>{{.Greeting}}, {{.Name}}!</h1>
{{else}}<h1>Привіт, гостю!</h1>
<p><a href="/login">Увійдіть</a>, і ми привітаємо вас на ім'я.</p>
{{end}}{{if .Tips}}<p class="tip">Порада: мову привітання обирають під
час входу.</p>
<form method="post" action="/tips"><input type="hidden" name="show"
value="0"><button>Сховати поради</button></form>
{{else}}<form method="post" action="/tips"><input type="hidden"
name="show" value="1"><button>Показувати поради</button></form>
{{end}}</body>
</html>
`))

// hello показує HTML-сторінку з привітанням.
func (a *app) hello(w http.ResponseWriter, r *http.Request) {
	// TODO: поки що сторінка вітає кожного як гостя і порад не
	// показує. Прочитайте сесію і передайте шаблону ім'я з "username"
	// (у гостя — ""). Привітання "Hello" — лише коли мова в "lang"
	// рівно "en"; будь-яка інша мова або жодної — "Привіт".
	//
	// Нове: поради (Tips). Їх показують, поки відвідувач їх не сховав;
	// кнопки «Сховати» і «Показувати» (готовий обробник tips) кладуть у
	// сесію "tips" = false чи true. Що показати новому відвідувачу, у
	// чиїй сесії "tips" немає зовсім? А якщо там значення іншого типу?
	// Сторінка не має панікувати, хай що лежить у сесії.
	render(w, helloTemplate, map[string]any{
		"Name": "", "Greeting": "Привіт", "Tips": false,
	})
}

// whoami відповідає простим текстом: ім'я або «Ви не увійшли.».
func (a *app) whoami(w http.ResponseWriter, r *http.Request) {
	// TODO: прочитайте сесію і відповідайте простим текстом: лише
	// ім'я, наприклад alice, або «Ви не увійшли.», якщо імені в
	// сесії немає. Кожна відповідь має бути простим текстом
	// (text/plain; charset=utf-8), який браузер не вгадуватиме як
	// HTML (X-Content-Type-Options: nosniff).
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}
