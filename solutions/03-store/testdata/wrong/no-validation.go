// Неправильний розв'язок вправи 03: зберігає будь-яке значення lang без перевірки.
//
// Тести мають його відхилити (go run ./internal/check це перевіряє).
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
	// CrossOriginProtection відхиляє (403) POST з чужого сайту:
	// сторінка на evil.example не змінить мову нашим відвідувачам.
	return http.NewCrossOriginProtection().Handler(mux)
}

// index вітається мовою із сесії.
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

// langForm показує форму вибору мови.
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
	// Приймаємо лише мови зі списку, і перевіряємо до того, як
	// чіпати сесію: погане значення не потрапить у кукі.
	lang := r.PostFormValue("lang")

	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Values["lang"] = lang
	// Save — до http.Redirect: Redirect пише відповідь, і кукі,
	// збережена після нього, загубиться.
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	// 303 See Other: браузер відкриє "/" через GET.
	http.Redirect(w, r, "/", http.StatusSeeOther)
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
