// Вправа 02. Секретний ключ: без ключа застосунок не стартує.
//
// Умова — у README.uk.md поруч. Перевірка: go run ./cmd/course test 02
// або go test ./exercises/02-secret-key/
//
// Запустіть, коли розв'яжете:
//
//	export APP_SECRET=$(openssl rand -base64 32)
//	go run ./exercises/02-secret-key
package main

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
)

// sessionName — ім'я кукі сесії.
const sessionName = "session"

// minKeyLen — найкоротший ключ підпису, у байтах.
const minKeyLen = 32

func main() {
	// TODO: сервер стартує лише з ключем, який дала loadKey. Якщо
	// ключа немає, надрукуйте помилку і завершіть програму з кодом 1,
	// не запускаючи сервер.
	key := securecookie.GenerateRandomKey(minKeyLen)
	devserver.Run(newHandler(newStore(key)))
}

// loadKey читає ключ підпису зі змінної середовища APP_SECRET:
// base64 (стандартне кодування, як його друкує
// `openssl rand -base64 32`), від 32 байтів після розкодування.
// Змінної немає, вона не base64 або ключ закороткий — помилка, у
// тексті якої є назва змінної APP_SECRET.
func loadKey(getenv func(string) string) ([]byte, error) {
	// TODO: поверніть байти ключа з APP_SECRET або помилку в кожному
	// з випадків, які перелічує умова.
	return nil, errors.New("ще не реалізовано")
}

// newStore створює сховище сесій у кукі.
func newStore(key []byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(key)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// getSession повертає сесію відвідувача.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	// TODO: кукі, яку не вдалося прочитати (її змінили, підписали
	// іншим ключем, вона задовга), — це анонімний відвідувач, а не
	// помилка сервера. Помилку повертайте лише тоді, коли зламано
	// налаштування (наприклад, порожній ключ), як у кроці 02.
	return store.Get(r, sessionName)
}

// newHandler повертає обробник (handler) застосунку: лічильник
// переглядів. Його вже написано, міняти не треба.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter,
		r *http.Request) {
		session, err := getSession(store, r)
		if err != nil {
			http.Error(w, "помилка сесії", http.StatusInternalServerError)
			return
		}
		views, _ := session.Values["views"].(int)
		views++
		session.Values["views"] = views
		if err := session.Save(r, w); err != nil {
			http.Error(w, "не вдалося зберегти сесію",
				http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		fmt.Fprintf(w, "Переглядів: %d\n", views)
	})
	return private(mux)
}

// private позначає кожну відповідь як особисту (Vary: Cookie,
// Cache-Control: no-store): спільний кеш не покаже її іншому
// відвідувачу. Чому так — у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}
