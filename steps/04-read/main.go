// Крок 04. Доступ до даних сесії: головна і профіль.
//
// Вхід — як у кроці 03. Нове: / і /profile читають ім'я із сесії і
// відповідають текстами з конспекту Flask.
//
// Запустіть: go run ./steps/04-read
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

func main() {
	// Ключі — як у кроці 02; код тепер у пакеті internal/sessionkey.
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
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	return private(csrf.Handler(mux))
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

// Далі: крок 05 — вихід (session.pop) і очищення сесії (session.clear).
