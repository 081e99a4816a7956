// Вправа 04. Доступ до даних сесії: привітання на ім'я.
//
// Умова — у README.uk.md поруч. Перевірка: go test ./exercises/04-read/
package main

import (
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

// Сторінки короткі, тож лежать прямо в коді. (У кроках вони в
// окремих файлах .html, вбудованих через go:embed.)

// loginPage — форма входу: ім'я і мова привітання.
const loginPage = `<!doctype html>
<html lang="uk">
<head><meta charset="utf-8"><title>Вхід</title></head>
<body>
<h1>Вхід</h1>
<form method="post" action="/login">
  <p><label>Ім'я користувача
    <input name="username" maxlength="64" required autofocus></label></p>
  <p><label>Мова привітання
    <select name="lang">
      <option value="uk">українська</option>
      <option value="en">English</option>
    </select></label></p>
  <button type="submit">Увійти</button>
</form>
<p><a href="/hello">Привітання</a> · <a href="/whoami">Хто я?</a></p>
</body>
</html>
`

// helloTemplate — сторінка привітання. Вона вже готова: вам лишається
// передати їй ім'я (Name) і привітання (Greeting). html/template
// екранує все, що підставляє в сторінку.
var helloTemplate = template.Must(template.New("hello").Parse(
	`<!doctype html>
<html lang="uk">
<head><meta charset="utf-8"><title>Привітання</title></head>
<body>
{{if .Name}}<h1>{{.Greeting}}, {{.Name}}!</h1>
{{else}}<h1>Привіт, гостю!</h1>
<p><a href="/login">Увійдіть</a>, і ми привітаємо вас на ім'я.</p>
{{end}}</body>
</html>
`))

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

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hello", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /hello", a.hello)
	mux.HandleFunc("GET /whoami", a.whoami)
	return http.NewCrossOriginProtection().Handler(mux)
}

// hello показує HTML-сторінку з привітанням.
func (a *app) hello(w http.ResponseWriter, r *http.Request) {
	// TODO: поки що сторінка вітає кожного як гостя. Прочитайте
	// сесію (getSession) і значення "username" та "lang". Ім'я
	// передайте в Name (у гостя — ""). Мова "en" — привітання
	// "Hello", будь-яка інша або жодної — "Привіт".
	name, greeting := "", "Привіт"
	render(w, helloTemplate, map[string]string{
		"Name": name, "Greeting": greeting,
	})
}

// whoami відповідає простим текстом: ім'я або «Ви не увійшли.».
func (a *app) whoami(w http.ResponseWriter, r *http.Request) {
	// TODO: прочитайте сесію і відповідайте простим текстом: лише
	// ім'я, наприклад alice, або «Ви не увійшли.», якщо імені в сесії
	// немає. Задайте заголовки Content-Type: text/plain;
	// charset=utf-8 і X-Content-Type-Options: nosniff.
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}

// Далі — готовий код: вхід, читання сесії, відповіді.

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, loginPage)
}

// login кладе в сесію ім'я ("username") і мову ("lang": "uk" або
// "en") і переспрямовує на /hello.
func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username := strings.TrimSpace(r.PostFormValue("username"))
	switch {
	case username == "":
		http.Error(w, "Вкажіть ім'я користувача.", http.StatusBadRequest)
		return
	case utf8.RuneCountInString(username) > maxUsernameLen:
		http.Error(w, fmt.Sprintf("Ім'я задовге: щонайбільше %d символи.",
			maxUsernameLen), http.StatusBadRequest)
		return
	}
	lang := "uk"
	if r.PostFormValue("lang") == "en" {
		lang = "en"
	}

	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	session.Values["lang"] = lang
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/hello", http.StatusSeeOther)
}

// getSession повертає сесію відвідувача. Якщо кукі не вдалося
// прочитати (її підробили, вона застара, підписана іншим ключем чи
// задовга), Get однаково дає нову порожню сесію: це анонімний
// відвідувач, а не помилка сервера. Помилку повертаємо, лише коли
// зламані самі налаштування (IsUsage, IsInternal: наприклад, порожній
// ключ) — про це має дізнатися розробник.
func getSession(store sessions.Store, r *http.Request) (*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) && (cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	return session, nil
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
}

// render показує HTML-сторінку з шаблону.
func render(w http.ResponseWriter, t *template.Template, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := t.Execute(w, data); err != nil {
		log.Printf("шаблон %s: %v", t.Name(), err)
	}
}
