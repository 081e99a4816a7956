package main

// Тут — код, перенесений з кроку 01 майже без змін. Нове в цьому
// кроці — у main.go.

import (
	"fmt"
	"net/http"

	"github.com/gorilla/sessions"
)

// sessionName — ім'я кукі сесії, як у Flask.
const sessionName = "session"

// newStore створює сховище сесій у кукі з парами ключів.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// private позначає кожну відповідь як особисту (Vary: Cookie,
// Cache-Control: no-store): спільний кеш не покаже її іншому
// відвідувачу. А X-Content-Type-Options: nosniff не дає браузеру
// вгадувати тип відповіді. Чому так — у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// newHandler повертає обробник застосунку: той самий лічильник, що й
// у кроці 01.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter,
		r *http.Request) {
		session, err := getSession(store, r)
		if err != nil {
			http.Error(w, "помилка сесії", http.StatusInternalServerError)
			return
		}
		visits, _ := session.Values["visits"].(int)
		visits++
		session.Values["visits"] = visits
		if err := session.Save(r, w); err != nil {
			http.Error(w, "не вдалося зберегти сесію",
				http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Візитів: %d\n", visits)
	})
	return private(mux)
}
