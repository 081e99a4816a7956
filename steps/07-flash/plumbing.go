package main

// Тут — код, перенесений з попередніх кроків. Нове в цьому кроці —
// у main.go.

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

const sessionName = "session"

// sessionLifetime — як permanent_session_lifetime у Flask.
const sessionLifetime = 30 * time.Minute

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

//go:embed login.html logout.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	// store.MaxAge задає дві речі: атрибут Max-Age кукі і перевірку на
	// сервері — підпис кукі містить час, і кукі, старшу за 30 хвилин,
	// securecookie не прийме. Саме друге захищає від кукі, яку хтось
	// зберіг і надсилає знову.
	store.MaxAge(int(sessionLifetime / time.Second))
	// А тепер лише атрибут: 0 — кукі без строку, вона зникне, коли
	// браузер закриють. Перевірка на сервері лишається 30 хвилин.
	// (Типово gorilla дає кукі на 30 днів, Flask — до закриття браузера.)
	store.Options.MaxAge = 0
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

func (a *app) profile(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	username, _ := session.Values["username"].(string)
	if username != "" {
		writeText(w, "User: "+username)
		return
	}
	writeText(w, "Not logged in")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, "login.html", map[string]any{"MaxLen": maxUsernameLen})
}

func (a *app) logoutForm(w http.ResponseWriter, r *http.Request) {
	render(w, "logout.html", nil)
}

// logout — як session.pop('username', None): інші значення лишаються.
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	delete(session.Values, "username")
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// forget — як session.clear(): сесію видалено разом із кукі.
func (a *app) forget(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	clear(session.Values)
	session.Options.MaxAge = -1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у тій самій сесії: він переживає вихід.
func (a *app) visits(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	n, _ := session.Values["visits"].(int)
	n++
	session.Values["visits"] = n
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
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

// saveSession зберігає сесію; викликайте до того, як почнеться
// відповідь. Якщо відвідувач просив запам'ятати його, кукі отримує
// строк 30 хвилин і переживе закриття браузера; інакше вона живе до
// закриття браузера.
func saveSession(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	if remember, _ := session.Values["remember"].(bool); remember {
		session.Options.MaxAge = int(sessionLifetime / time.Second)
	}
	return session.Save(r, w)
}

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
}

// writeText відповідає простим текстом. Тип вказуємо явно, а nosniff
// забороняє браузеру вгадувати HTML: ім'я з <script> лишиться текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// render показує HTML-сторінку; html/template екранує дані.
func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("шаблон %s: %v", name, err)
	}
}
