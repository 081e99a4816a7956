// Неправильний розв'язок вправи 01: типові параметри кукі gorilla (без HttpOnly, SameSite=None).
//
// Тести мають його відхилити (go run ./internal/check це перевіряє).
package main

import (
	"net/http"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
)

// sessionName — ім'я кукі сесії.
const sessionName = "session"

func main() {
	key := securecookie.GenerateRandomKey(32)
	devserver.Run(newHandler(newStore(key)))
}

// newStore створює сховище сесій у кукі.
func newStore(key []byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(key)
	return store
}

// newHandler повертає обробник (handler) застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// Зіпсована чи чужа кукі дає нову порожню сесію: для нас це
		// просто новий відвідувач.
		session, _ := store.Get(r, sessionName)
		seen, _ := session.Values["seen"].(bool)

		session.Values["seen"] = true
		if err := session.Save(r, w); err != nil {
			http.Error(w, "не вдалося зберегти сесію", http.StatusInternalServerError)
			return
		}

		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if seen {
			w.Write([]byte("З поверненням!\n"))
			return
		}
		w.Write([]byte("Привіт! Ви тут уперше.\n"))
	})
	return mux
}
