// Крок 07. Одноразові повідомлення (flash).
//
// Застосунок кроку 06 і одне нове: після входу головна сторінка один
// раз показує «Ви увійшли як alice». Наступного разу цього рядка вже
// немає, а вихід забирає й повідомлення, які ще не показано. У Flask
// це flash() і get_flashed_messages(), у gorilla — session.AddFlash і
// session.Flashes.
//
// Пастка: Flashes видаляє повідомлення лише з сесії в пам'яті. Доки
// сесію не збережено (Save), кукі браузера їх містить, і наступна
// сторінка покаже їх знову. Flask зберігає сесію сам, gorilla — ні.
//
// Запустіть: go run ./steps/07-flash
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

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

// index показує повідомлення, що чекають у сесії, а під ними —
// звичний рядок заняття: "Logged in as alice".
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Flashes повертає повідомлення і видаляє їх із session.Values —
	// але лише в пам'яті. Щоб вони зникли й із кукі, сесію треба
	// зберегти, і до того, як почнеться відповідь. Звичайну сесію
	// зберігаємо, лише коли щось забрали: інакше вона не змінилася.
	// Запам'ятану — завжди, як readSession у кроці 06.
	flashes := session.Flashes()
	if len(flashes) > 0 || remembered(session) {
		if err := saveSession(r, w, session); err != nil {
			serverError(w, err)
			return
		}
	}
	var lines []string
	for _, f := range flashes {
		if msg, ok := f.(string); ok {
			lines = append(lines, msg)
		}
	}
	if username, ok := session.Values["username"].(string); ok {
		lines = append(lines, "Logged in as "+username)
	} else {
		lines = append(lines, "You are not logged in")
	}
	writeText(w, strings.Join(lines, "\n"))
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
	// Як flash() у Flask: повідомлення чекає в сесії, доки його не
	// покаже наступна сторінка. Воно передається в тій самій кукі,
	// тож зберегти сесію треба, як і для імені. Ім'я вже перевірене
	// (formUsername), тож і повідомлення має межу. Старі непоказані
	// повідомлення прибираємо: хто входить знову й знову, не
	// відкриваючи головної, інакше накопичив би їх, доки кукі не
	// переросте межу.
	session.Flashes()
	session.AddFlash("Ви увійшли як " + username)
	// Прапорець «запам'ятати мене» зберігаємо в самій сесії, як
	// Flask зберігає _permanent: він потрібен під час кожного Save.
	if r.PostForm.Get("remember") == "on" {
		session.Values["remember"] = true
	} else {
		delete(session.Values, "remember")
	}
	// Новий вхід — новий відлік абсолютного строку (крок 06).
	session.Values[loginKey] = time.Now().Unix()
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logout — як session.pop('username', None): інші значення лишаються.
// Але повідомлення, що ще чекають показу, вихід забирає: їх бачитиме
// наступна людина за цим браузером, а вони не для неї («Ви увійшли як
// alice»). Flask їх сам теж не забирає: session.pop('username')
// лишає в сесії _flashes, і там потрібне session.pop('_flashes', None).
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	delete(session.Values, "username")
	// Flashes забирає з сесії повідомлення без категорії — інших у
	// цьому кроці немає; показувати їх не будемо.
	session.Flashes()
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// Далі: крок 08 — сесії на сервері: вихід, що справді відкликає
// кукі, і кілька копій застосунку з одним сховищем.
