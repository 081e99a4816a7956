// Вправа 07. Повідомлення після підписки: два види flash.
//
// Умова — у README.uk.md поруч. Перевірка: go test ./exercises/07-flash/
package main

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// errorKey — окремий ключ для помилок: session.AddFlash(msg, errorKey).
const errorKey = "error"

// topics — розсилки, на які можна підписатися.
var topics = []string{"новини", "знижки", "події"}

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

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// TODO: заберіть із сесії помилки (ключ errorKey) і звичайні
		// повідомлення та покажіть їх, кожне в окремому рядку:
		// спершу помилки з початком «Помилка: », потім решта.
		// Немає жодного — «Нових повідомлень немає.».
		// Повідомлення мають зникнути після показу.
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	mux.HandleFunc("POST /subscribe", func(w http.ResponseWriter, r *http.Request) {
		// TODO: для кожного поля topic форми додайте повідомлення:
		// відома розсилка — «Ви підписалися: новини»,
		// невідома — помилку «невідома розсилка «спам».»,
		// жодної — помилку «оберіть хоча б одну розсилку.».
		// Потім переспрямуйте на / (303 See Other).
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	return http.NewCrossOriginProtection().Handler(mux)
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, застара, з іншим ключем, задовга), — це
// новий відвідувач, а не помилка. Помилку повертаємо, лише коли
// зламані налаштування (IsUsage, IsInternal).
func getSession(store sessions.Store, r *http.Request) (*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) && (cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	return session, nil
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
}

// writeText відповідає простим текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}
