// Вправа 01. Імпорт: привітайте нового і постійного відвідувача.
//
// Умова — у README.uk.md поруч. Перевірка: go test ./exercises/01-import/
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
	// TODO: оберіть параметри кукі, як у кроці 01: HttpOnly і SameSite=Lax.
	return store
}

// newHandler повертає обробник (handler) застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// TODO: прочитайте сесію, запам'ятайте в ній, що відвідувач
		// уже був, збережіть її і дайте відповідь:
		// «Привіт! Ви тут уперше.» або «З поверненням!».
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	return mux
}
