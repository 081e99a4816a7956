// Вправа 03. Збереження даних у сесії: мова застосунку.
//
// Умова — у README.uk.md поруч. Перевірка: go test ./exercises/03-store/
package main

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

// sessionName — ім'я кукі сесії.
const sessionName = "session"

// Сторінка з формою вибору мови вбудована в програму.
//
//go:embed lang.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

// greetings — привітання кожною мовою, яку можна обрати.
var greetings = map[string]string{
	"uk": "Привіт!",
	"en": "Hello!",
}

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

// newHandler повертає обробник (handler) застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /lang", a.langForm)
	mux.HandleFunc("POST /lang", a.setLang)
	// TODO: захистіть форму від запитів з чужих сайтів: загорніть
	// mux у http.NewCrossOriginProtection(), як у кроці 03.
	return mux
}

// index вітається мовою із сесії. Його вже написано.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	lang, _ := session.Values["lang"].(string)
	greeting, ok := greetings[lang]
	if !ok {
		writeText(w, "Мову не обрано. Оберіть її: /lang")
		return
	}
	writeText(w, greeting)
}

// langForm показує форму вибору мови. Його вже написано.
func (a *app) langForm(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	lang, _ := session.Values["lang"].(string)
	render(w, "lang.html", map[string]any{"Lang": lang})
}

// setLang зберігає в сесії мову, яку обрали у формі.
func (a *app) setLang(w http.ResponseWriter, r *http.Request) {
	// TODO: прочитайте поле lang з форми. Приймайте лише "uk" або
	// "en"; інше — відповідь 400 «Невідома мова: оберіть uk або en.»,
	// і в сесії нічого не змінюється. Запишіть мову в сесію під
	// ключем "lang", збережіть сесію і переспрямуйте (redirect) на
	// "/" кодом 303 See Other.
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, застара, з іншим ключем, задовга), — це
// анонімний відвідувач: Get уже дав нову порожню сесію. Помилка —
// лише зламані налаштування (IsUsage, IsInternal: порожній ключ).
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

// writeText відповідає простим текстом.
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
