package main

// Тут — код, перенесений з попередніх кроків. Нове в цьому кроці —
// у main.go і filestore.go.

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/usertext"
)

const sessionName = "session"

// sessionLifetime — строк сесії від останнього збереження.
const sessionLifetime = 30 * time.Minute

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

//go:embed login.html logout.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

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

// index показує повідомлення, що чекають у сесії, а під ними —
// звичний рядок заняття.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	var lines []string
	if flashes := session.Flashes(); len(flashes) > 0 {
		// Як у кроці 07: без Save повідомлення лишаться — тепер у
		// файлі на сервері.
		if err := session.Save(r, w); err != nil {
			saveError(w, r, err)
			return
		}
		for _, f := range flashes {
			if msg, ok := f.(string); ok {
				lines = append(lines, msg)
			}
		}
	}
	if username, ok := session.Values["username"].(string); ok {
		lines = append(lines, "Logged in as "+username)
	} else {
		lines = append(lines, "You are not logged in")
	}
	writeText(w, strings.Join(lines, "\n"))
}

func (a *app) profile(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	username, _ := session.Values["username"].(string)
	if username != "" {
		writeText(w, "User: "+username)
		return
	}
	writeText(w, "Not logged in")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, "login.html", map[string]any{"MaxLen": maxUsernameLen})
}

func (a *app) logoutForm(w http.ResponseWriter, r *http.Request) {
	render(w, "logout.html", nil)
}

// visits — лічильник у сесії: він тепер у файлі на сервері.
func (a *app) visits(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	n, _ := session.Values["visits"].(int)
	n++
	session.Values["visits"] = n
	if err := session.Save(r, w); err != nil {
		saveError(w, r, err)
		return
	}
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, строк дії минув, інший ключ, задовга), — це
// анонімний відвідувач. Кукі сесії, якої на сервері вже немає, —
// теж: fileStore дає тоді нову сесію без помилки. Помилка сервера
// (500) — зламані налаштування (IsUsage, IsInternal) та біда з диском.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		!cookieErr.IsUsage() && !cookieErr.IsInternal() {
		return session, nil
	}
	return session, err
}

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// writeText відповідає простим текстом. Тип вказуємо явно, а nosniff
// забороняє браузеру вгадувати HTML: ім'я з <script> лишиться текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// render показує HTML-сторінку; html/template екранує дані.
func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("шаблон %s: %v", name, err)
	}
}

// maxFormBytes — найбільше тіло форми входу, у байтах (крок 03).
const maxFormBytes = 4 << 10

// formUsername читає ім'я з форми і перевіряє його, як у кроці 03.
// Повертає ім'я або, якщо воно не годиться, текст для відповіді 400.
func formUsername(w http.ResponseWriter, r *http.Request) (
	username, problem string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", fmt.Sprintf("Форма завелика: щонайбільше %d КіБ.",
				maxFormBytes>>10)
		}
		return "", "Не вдалося прочитати форму: її зіпсовано."
	}
	username, err := usertext.Name(r.PostForm.Get("username"),
		maxUsernameLen)
	if err != nil {
		return "", err.Error()
	}
	return username, ""
}

// crossSiteDenied відповідає на POST, надісланий з чужого сайту.
func crossSiteDenied(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "Запит відхилено: форму надіслано з іншого сайту. "+
		"Відкрийте сторінку цього сайту й надішліть форму звідти.",
		http.StatusForbidden)
}
