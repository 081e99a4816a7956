// Крок 06. Постійні сесії та таймаути: «запам'ятати мене».
//
// Це повний застосунок заняття: вхід, головна, профіль, вихід.
// Новим є строк життя сесії. Як у Flask:
//
//   - звичайна сесія живе, доки відкрито браузер: кукі без Max-Age
//     і без Expires;
//   - «запам'ятати мене» (session.permanent = True у Flask) дає
//     кукі, що живе 30 хвилин і переживає закриття браузера;
//   - в обох випадках сервер сам відкидає кукі, старшу за 30 хвилин,
//     навіть якщо хтось надішле її знову.
//
// Запустіть: go run ./steps/06-permanent
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

// sessionLifetime — як permanent_session_lifetime у Flask.
const sessionLifetime = 30 * time.Minute

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

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("POST /forget", a.forget)
	mux.HandleFunc("GET /visits", a.visits)
	return http.NewCrossOriginProtection().Handler(mux)
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
	// Прапорець «запам'ятати мене» зберігаємо в самій сесії, як
	// Flask зберігає _permanent: він потрібен при кожному Save.
	if r.PostFormValue("remember") == "on" {
		session.Values["remember"] = true
	} else {
		delete(session.Values, "remember")
	}
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
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

// Це останній крок заняття. Далі, за його межами: крок 07 —
// одноразові повідомлення (flash).
