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

// errorKey — окремий ключ для помилок, як категорія "error" у Flask.
const errorKey = "error"

// topics — розсилки, на які можна підписатися.
var topics = []string{"новини", "знижки", "події"}

// TODO: межі того, що форма може покласти в кукі (умова, розділ
// «Межі»): кукі вміщає лише близько 4 КіБ.

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
	mux.HandleFunc("POST /subscribe", func(w http.ResponseWriter,
		r *http.Request) {
		// TODO: для кожного поля topic форми додайте повідомлення:
		// відома розсилка — «Ви підписалися: новини»,
		// невідома — помилку «невідома розсилка «спам».»,
		// жодної — помилку «оберіть хоча б одну розсилку.».
		// Форма, що виходить за межі, — відповідь 400, і в сесію
		// нічого не потрапляє. Нова форма заміняє повідомлення, яких
		// ще не показали. Потім переспрямуйте на / (303 See Other).
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// TODO: кожна відповідь застосунку залежить від сесії. Жоден
	// спільний кеш (проксі, CDN) не має зберігати її й показувати
	// іншому відвідувачу — як у кроці 01.
	return csrf.Handler(mux)
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, строк її дії минув, з іншим ключем,
// задовга), — це новий відвідувач, а не помилка. Помилку повертаємо,
// лише коли зламані налаштування (IsUsage, IsInternal).
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

// crossSiteDenied відповідає на POST, надісланий з чужого сайту.
func crossSiteDenied(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "Запит відхилено: форму надіслано з іншого сайту. "+
		"Відкрийте сторінку цього сайту й надішліть форму звідти.",
		http.StatusForbidden)
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// writeText відповідає простим текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}
