// Розв'язок вправи 02. Секретний ключ: без ключа застосунок не стартує.
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код.
package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
)

// sessionName — ім'я кукі сесії.
const sessionName = "session"

// minKeyLen — найкоротший ключ підпису, у байтах.
const minKeyLen = 32

func main() {
	key, err := loadKey(os.Getenv)
	if err != nil {
		// Без ключа не стартуємо: тимчасовий ключ на кожному з
		// кількох серверів був би свій, і сесії губилися б.
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	devserver.Run(newHandler(newStore(key)))
}

// loadKey читає ключ підпису зі змінної середовища APP_SECRET:
// base64 (стандартне кодування, як його друкує
// `openssl rand -base64 32`), від 32 байтів після розкодування.
func loadKey(getenv func(string) string) ([]byte, error) {
	value := getenv("APP_SECRET")
	if value == "" {
		return nil, errors.New("змінну APP_SECRET не задано; " +
			"створіть ключ: openssl rand -base64 32")
	}
	key, err := base64.StdEncoding.DecodeString(value)
	if err != nil {
		return nil, fmt.Errorf("APP_SECRET має бути в base64: %v", err)
	}
	// Довжину міряємо в байтах ключа, а не в символах base64:
	// 32 символи base64 — це лише 24 байти.
	if len(key) < minKeyLen {
		return nil, fmt.Errorf("APP_SECRET закороткий: %d Б, "+
			"а потрібно щонайменше %d Б", len(key), minKeyLen)
	}
	return key, nil
}

// newStore створює сховище сесій у кукі.
func newStore(key []byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(key)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (змінена, з іншим ключем, задовга), — анонімний
// відвідувач: Get уже дав нову порожню сесію, беремо її. Задовга
// кукі не має позначки IsDecode, тож помилкою вважаємо лише зламані
// налаштування: IsUsage (наприклад, порожній ключ) та IsInternal.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	return session, nil
}

// newHandler повертає обробник (handler) застосунку: лічильник
// переглядів.
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
