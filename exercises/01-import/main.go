// Вправа 01. Імпорт: привітайте нового і постійного відвідувача.
//
// Умова — у README.uk.md поруч. Перевірка: go run ./cmd/course test 01
// або go test ./exercises/01-import/
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
	// TODO: JavaScript сторінки не має бачити кукі, а POST з чужого
	// сайту не має її отримувати — як у кроці 01.
	return store
}

// newHandler повертає обробник (handler) застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter,
		r *http.Request) {
		// TODO: упізнайте відвідувача за сесією і запам'ятайте час
		// цього візиту. Новому відповідайте «Привіт! Ви тут уперше.»,
		// знайомому — «З поверненням! Минулий візит: N хв тому.».
		// Якщо сесію не вдалося зберегти — 500.
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	// TODO: жоден спільний кеш не має зберігати відповіді застосунку:
	// кожна з них залежить від кукі відвідувача (як у кроці 01).
	return mux
}
