// Розв'язок вправи 07. Повідомлення після підписки: два види flash.
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код.
package main

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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

// Межі того, що форма може покласти в кукі: назву невідомої розсилки
// повідомлення повторює, а кукі вміщає лише близько 4 КіБ.
const (
	maxTopics   = 10 // полів topic в одній формі
	maxTopicLen = 40 // символів у назві розсилки
)

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
	mux.HandleFunc("POST /subscribe", func(w http.ResponseWriter,
		r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "Не вдалося прочитати форму.", http.StatusBadRequest)
			return
		}
		chosen := r.PostForm["topic"]
		if problem := checkTopics(chosen); problem != "" {
			http.Error(w, problem, http.StatusBadRequest)
			return
		}
		session, err := getSession(store, r)
		if err != nil {
			serverError(w, err)
			return
		}
		// Нова форма заміняє повідомлення, яких ще ніхто не побачив
		// (клієнт не пішов за переспрямуванням): інакше вони
		// накопичувалися б, доки кукі не стане задовгою.
		session.Flashes(errorKey)
		session.Flashes()
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
		if err := session.Save(r, w); err != nil {
			serverError(w, err)
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// Кожна відповідь залежить від сесії: обгортаємо весь застосунок.
	return private(csrf.Handler(mux))
}

// checkTopics перевіряє поля topic форми, перш ніж щось із них
// потрапить у кукі. Повертає текст для відповіді 400 або "".
func checkTopics(chosen []string) string {
	if len(chosen) > maxTopics {
		return fmt.Sprintf("Забагато розсилок в одній формі: щонайбільше %d.",
			maxTopics)
	}
	for _, topic := range chosen {
		if !utf8.ValidString(topic) ||
			strings.ContainsFunc(topic, hidden) {
			return "Назва розсилки має бути текстом UTF-8 " +
				"без керівних символів."
		}
		if utf8.RuneCountInString(topic) > maxTopicLen {
			return fmt.Sprintf("Назва розсилки задовга: щонайбільше %d "+
				"символів.", maxTopicLen)
		}
	}
	return ""
}

// hidden — символ, якого не видно як звичайну літеру чи знак:
// керівний (новий рядок, табуляція), невидимий (пробіл нульової
// ширини U+200B) чи знак напрямку тексту (U+202E). Такими можна
// підробити вигляд тексту на сторінці.
func hidden(r rune) bool { return !unicode.IsPrint(r) }

// private позначає кожну відповідь як особисту (Vary: Cookie,
// Cache-Control: no-store): спільний кеш не покаже її іншому
// відвідувачу. А X-Content-Type-Options: nosniff не дає браузеру
// вгадувати тип відповіді. Як у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
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
