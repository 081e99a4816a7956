// Розв'язок вправи 04. Доступ до даних сесії: привітання на ім'я.
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код. Готовий код — у plumbing.go.
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
	// private обгортає весь застосунок: Vary: Cookie і
	// Cache-Control: no-store має кожна відповідь, і сторінки, і
	// переспрямування, і помилки.
	return private(csrf.Handler(mux))
}

// helloTemplate — сторінка привітання з ім'ям (Name), привітанням
// (Greeting) і порадою, якщо Tips. Порожнє ім'я — це гість.
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
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Форма «кома ok»: у гостя значення немає (nil), а число чи
	// щось інше на місці імені — теж не ім'я. Паніки не буде: name
	// стане "", і сторінка привітає гостя.
	name, _ := session.Values["username"].(string)

	// Як session.get('lang', 'uk') у Flask: мови немає або вона не
	// рівно "en" — вітаємося українською.
	greeting := "Привіт"
	if lang, _ := session.Values["lang"].(string); lang == "en" {
		greeting = "Hello"
	}
	// Як session.get('tips', True) у Flask: поради показуємо, поки
	// відвідувач їх не сховав. Нульове значення bool — false, тож
	// «значення немає» від «сховав» відрізняє лише ok: без нього
	// новий відвідувач не побачив би жодної поради. Значення іншого
	// типу (скажімо, рядок від старішої версії) — як немає.
	tips, ok := session.Values["tips"].(bool)
	if !ok {
		tips = true
	}
	// html/template екранує ім'я: <script> стане &lt;script&gt;.
	render(w, helloTemplate, map[string]any{
		"Name": name, "Greeting": greeting, "Tips": tips,
	})
}

// whoami відповідає простим текстом: ім'я або «Ви не увійшли.».
func (a *app) whoami(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Тип указуємо явно, а nosniff забороняє браузеру вгадувати.
	// Без цього Go сам «понюхає» тіло, і ім'я <script>… зробить
	// відповідь text/html. Заголовки — до розгалуження: вони
	// потрібні і гостю, і тому, хто увійшов.
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	name, _ := session.Values["username"].(string)
	if name == "" {
		fmt.Fprintln(w, "Ви не увійшли.")
		return
	}
	fmt.Fprintln(w, name)
}
