// Крок 06. Постійні сесії та таймаути: «запам'ятати мене».
//
// Це повний застосунок заняття: вхід, головна, профіль, вихід.
// Новим є строк життя сесії. Як у Flask:
//
//   - звичайна сесія живе, доки відкрито браузер: кукі без Max-Age
//     і без Expires;
//   - «запам'ятати мене» (session.permanent = True у Flask) дає
//     кукі, що живе 30 хвилин і переживає закриття браузера. Кожен
//     запит, що читає сесію, продовжує її ще на 30 хвилин, як
//     SESSION_REFRESH_EACH_REQUEST у Flask: активний користувач
//     лишається в сесії, а 30 хвилин тиші її завершують;
//   - в обох випадках діє таймаут: сервер сам відкидає кукі, збережену
//     понад 30 хвилин тому, навіть якщо хтось надішле її знову.
//
// Запустіть: go run ./steps/06-permanent
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

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
	// store.MaxAge задає дві речі: атрибут Max-Age кукі і таймаут на
	// сервері — підпис кукі містить час збереження, і кукі, збережену
	// понад 30 хвилин тому, securecookie не прийме. Саме таймаут
	// захищає від кукі, яку хтось скопіював і надсилає знову.
	store.MaxAge(int(sessionLifetime / time.Second))
	// А тепер лише атрибут: 0 — звичайна сесія, кукі зникне, коли
	// браузер закриють. Таймаут на сервері лишається 30 хвилин.
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
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	return private(csrf.Handler(mux))
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username, problem := formUsername(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	// Прапорець «запам'ятати мене» зберігаємо в самій сесії, як
	// Flask зберігає _permanent: він потрібен під час кожного Save
	// і кожного запиту (readSession).
	if r.PostForm.Get("remember") == "on" {
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

// remembered каже, чи просив відвідувач запам'ятати його.
func remembered(session *sessions.Session) bool {
	remember, _ := session.Values["remember"].(bool)
	return remember
}

// saveSession зберігає сесію; викликайте до того, як почнеться
// відповідь. Якщо відвідувач просив запам'ятати його, кукі отримує
// строк 30 хвилин і переживе закриття браузера; інакше вона живе до
// закриття браузера.
func saveSession(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	if remembered(session) {
		session.Options.MaxAge = int(sessionLifetime / time.Second)
	}
	return session.Save(r, w)
}

// readSession дає сесію сторінкам, які її лише читають (головна,
// профіль), і продовжує «запам'ятати мене», як Flask з
// SESSION_REFRESH_EACH_REQUEST: сесію запам'ятаного відвідувача
// зберігаємо знову. Кукі отримує новий Max-Age, а підпис — новий час,
// тож 30 хвилин відлічуються від останнього запиту.
//
// Звичайну сесію читання не продовжує — як і у Flask, який її в такому
// разі не надсилає знову. Таймаут звичайної сесії відлічує 30 хвилин від
// її останнього збереження (вхід, вихід, лічильник), а не від
// останнього запиту: хто лише читає сторінки, через 30 хвилин після
// входу увійде знову. Хочете продовжувати й її — зберігайте сесію тут
// завжди; тоді кожна відповідь нестиме нову кукі.
//
// Стара копія кукі від цього не оживає: у ній старий час підпису, і
// через 30 хвилин сервер її відкине, хоч би як часто власник заходив.
func (a *app) readSession(w http.ResponseWriter, r *http.Request) (
	*sessions.Session, error) {
	session, err := getSession(a.store, r)
	if err != nil || !remembered(session) {
		return session, err
	}
	return session, saveSession(r, w, session)
}

// Це останній крок заняття. Далі, за його межами: крок 07 —
// одноразові повідомлення (flash).
