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
	"strings"
	"unicode/utf8"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

const sessionName = "session"

// maxUsernameLen — найдовше ім'я, у символах. Кукі не може бути
// більшою за 4096 байтів: securecookie відмовить і кукі не буде.
// Тож довжину перевіряємо самі й кажемо про це відвідувачу.
const maxUsernameLen = 64

// Сторінка форми вбудована в програму: go:embed кладе файл у
// виконуваний файл, і програма не шукає його на диску.
//
//go:embed login.html logout.html
var pages embed.FS

// html/template екранує все, що підставляє в сторінку.
var templates = template.Must(template.ParseFS(pages, "*.html"))

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// index — як 'username' in session у Flask.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Values — це map[any]any. Форма «кома ok» не панікує: у нового
	// відвідувача значення немає (nil), і ok буде false; так само,
	// якщо там лежить не рядок.
	if username, ok := session.Values["username"].(string); ok {
		writeText(w, "Logged in as "+username)
		return
	}
	writeText(w, "You are not logged in")
}

// profile — як session.get('username') у Flask: немає значення —
// маємо нульове значення "".
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

	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
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

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
}

// writeText відповідає простим текстом. Flask віддає рядок як
// text/html, і ім'я <script>…</script> там виконається. Ми вказуємо
// тип явно, а nosniff забороняє браузеру вгадувати HTML: будь-яке ім'я
// лишиться текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// render показує HTML-сторінку з шаблону.
func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("шаблон %s: %v", name, err)
	}
}
