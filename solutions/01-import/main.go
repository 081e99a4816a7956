// Розв'язок вправи 01. Імпорт: привітайте нового і постійного відвідувача.
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код.
package main

import (
	"fmt"
	"net/http"
	"time"

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
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// private позначає кожну відповідь як особисту: спільний кеш не
// покаже її іншому відвідувачу. А nosniff не дає браузеру вгадувати
// тип відповіді. Чому так — у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// newHandler повертає обробник (handler) застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter,
		r *http.Request) {
		// Зіпсована чи чужа кукі дає нову порожню сесію: для нас це
		// просто новий відвідувач.
		session, _ := store.Get(r, sessionName)
		// Час візиту зберігаємо числом секунд (Unix): int64 gob знає
		// сам, а time.Time довелося б реєструвати (gob.Register).
		last, seen := session.Values["last"].(int64)

		now := time.Now()
		session.Values["last"] = now.Unix()
		if err := session.Save(r, w); err != nil {
			http.Error(w, "не вдалося зберегти сесію",
				http.StatusInternalServerError)
			return
		}

		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !seen {
			fmt.Fprintln(w, "Привіт! Ви тут уперше.")
			return
		}
		// Ділення цілих чисел відкидає неповну хвилину.
		minutes := (now.Unix() - last) / 60
		fmt.Fprintf(w, "З поверненням! Минулий візит: %d хв тому.\n",
			minutes)
	})
	// Кожна відповідь залежить від сесії: обгортаємо весь mux.
	return private(mux)
}
