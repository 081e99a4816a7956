// Крок 07. Одноразові повідомлення (flash).
//
// Застосунок кроку 06 і одне нове: після входу головна сторінка один
// раз показує «Ви увійшли як alice». Наступного разу цього рядка вже
// немає. У Flask це flash() і get_flashed_messages(), у gorilla —
// session.AddFlash і session.Flashes.
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
	"unicode/utf8"

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
	return http.NewCrossOriginProtection().Handler(mux)
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
	// зберегти, і до того, як почнеться відповідь. Зберігаємо лише
	// тоді, коли щось забрали: інакше сесія не змінилася.
	var lines []string
	if flashes := session.Flashes(); len(flashes) > 0 {
		if err := saveSession(r, w, session); err != nil {
			serverError(w, err)
			return
		}
		for _, f := range flashes {
			if msg, ok := f.(string); ok {
				lines = append(lines, msg)
			}
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
	// Як flash() у Flask: повідомлення чекає в сесії, доки його не
	// покаже наступна сторінка. Воно їде в тій самій кукі, тож
	// зберегти сесію треба, як і для імені.
	session.AddFlash("Ви увійшли як " + username)
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

// Далі: крок 08 — сесії на сервері: вихід, що справді відкликає
// кукі, і кілька копій застосунку з одним сховищем.
