// Неправильний розв'язок вправи 07: переспрямування раніше за Save.
//
// Тести мають його відхилити (go run ./internal/check це перевіряє).
package main

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"slices"
	"strings"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// errorKey — окремий ключ для помилок. Flashes() без ключа їх не
// бачить, Flashes(errorKey) бачить лише їх.
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
		session, err := getSession(store, r)
		if err != nil {
			serverError(w, err)
			return
		}
		// Забираємо обидва види повідомлень: помилки — першими.
		errs := session.Flashes(errorKey)
		infos := session.Flashes()
		if len(errs)+len(infos) == 0 {
			writeText(w, "Нових повідомлень немає.")
			return
		}
		// Flashes видалив їх лише в пам'яті: зберігаємо сесію, інакше
		// кукі принесе їх знову. І зберігаємо до першого байта тіла.
		if err := session.Save(r, w); err != nil {
			serverError(w, err)
			return
		}
		var lines []string
		for _, e := range errs {
			lines = append(lines, fmt.Sprint("Помилка: ", e))
		}
		for _, m := range infos {
			lines = append(lines, fmt.Sprint(m))
		}
		writeText(w, strings.Join(lines, "\n"))
	})
	mux.HandleFunc("POST /subscribe", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "Не вдалося прочитати форму.", http.StatusBadRequest)
			return
		}
		session, err := getSession(store, r)
		if err != nil {
			serverError(w, err)
			return
		}
		chosen := r.PostForm["topic"]
		if len(chosen) == 0 {
			session.AddFlash("оберіть хоча б одну розсилку.", errorKey)
		}
		for _, topic := range chosen {
			if slices.Contains(topics, topic) {
				session.AddFlash("Ви підписалися: " + topic)
			} else {
				msg := fmt.Sprintf("невідома розсилка «%s».", topic)
				session.AddFlash(msg, errorKey)
			}
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
		// Запізно: відповідь уже почалася, кукі загубиться.
		if err := session.Save(r, w); err != nil {
			log.Printf("помилка сесії: %v", err)
		}
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
