package main

// Тут — код, перенесений з попередніх кроків. Нове в цьому кроці —
// у main.go.

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/usertext"
)

const sessionName = "session"

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

// Строки життя сесії, як у кроці 06: таймаут бездіяльності і
// абсолютний строк від входу.
const (
	idleTimeout      = 30 * time.Minute
	ordinaryLifetime = 12 * time.Hour
	rememberLifetime = 7 * 24 * time.Hour
)

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

//go:embed login.html logout.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	// store.MaxAge задає дві речі: атрибут Max-Age кукі і таймаут
	// бездіяльності на сервері — підпис кукі містить час збереження, і
	// кукі, збережену понад 30 хвилин тому, securecookie не прийме.
	// Копію кукі, якою користуються, зупиняє абсолютний строк
	// (getSession), як у кроці 06.
	store.MaxAge(int(idleTimeout / time.Second))
	// А тепер лише атрибут: 0 — звичайна сесія, кукі зникне, коли
	// браузер закриють. Таймаут на сервері лишається 30 хвилин.
	// (Типово gorilla дає кукі на 30 днів, Flask — до закриття браузера.)
	store.Options.MaxAge = 0
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

func (a *app) profile(w http.ResponseWriter, r *http.Request) {
	session, err := a.readSession(w, r)
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

// forget — як session.clear(): сесію видалено разом із кукі.
func (a *app) forget(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	clear(session.Values)
	session.Options.MaxAge = -1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у тій самій сесії: він переживає вихід.
func (a *app) visits(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	n, _ := session.Values["visits"].(int)
	n++
	session.Values["visits"] = n
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
}

// getSession повертає сесію відвідувача, як у кроці 02. Кукі, яку не
// вдалося прочитати (її підробили, строк її дії минув, її підписано
// іншим ключем або вона задовга), — це анонімний відвідувач: Get
// однаково дає нову порожню сесію. Помилку повертаємо, лише коли
// зламані самі налаштування (IsUsage, IsInternal: наприклад, порожній
// ключ) — про це має дізнатися розробник. Сесія, абсолютний строк якої
// минув, стає порожньою, як у кроці 06.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	if end, ok := deadline(session); ok && !time.Now().Before(end) {
		clear(session.Values)
	}
	return session, nil
}

// loginKey — ключ у Values, під яким лежить час входу, у секундах
// (крок 06).
const loginKey = "loginAt"

// deadline повертає мить, коли сесія скінчиться, хоч би як активно нею
// користувалися: час входу плюс абсолютний строк (крок 06). ok — false,
// якщо входу в цій сесії не було.
func deadline(session *sessions.Session) (end time.Time, ok bool) {
	at, ok := session.Values[loginKey].(int64)
	if !ok {
		return time.Time{}, false
	}
	lifetime := ordinaryLifetime
	if remembered(session) {
		lifetime = rememberLifetime
	}
	return time.Unix(at, 0).Add(lifetime), true
}

// remembered каже, чи просив відвідувач запам'ятати його (крок 06).
func remembered(session *sessions.Session) bool {
	remember, _ := session.Values["remember"].(bool)
	return remember
}

// saveSession зберігає сесію, як у кроці 06: запам'ятаний відвідувач
// отримує кукі на 30 хвилин (але не довше, ніж лишилося до
// абсолютного строку), інший — звичайну сесію (кукі до закриття
// браузера).
func saveSession(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	if remembered(session) {
		session.Options.MaxAge = cookieMaxAge(session)
	}
	return session.Save(r, w)
}

// cookieMaxAge — Max-Age кукі «запам'ятати мене», у секундах, як у
// кроці 06: кукі не обіцяє браузеру більше, ніж дозволить сервер.
func cookieMaxAge(session *sessions.Session) int {
	left := idleTimeout
	if end, ok := deadline(session); ok {
		left = min(left, time.Until(end))
	}
	if seconds := int(left / time.Second); seconds > 0 {
		return seconds
	}
	return -1 // менше секунди: кукі видаляємо
}

// readSession дає сесію сторінкам, які її лише читають, і продовжує
// «запам'ятати мене» (крок 06): сесію запам'ятаного відвідувача
// зберігаємо знову, звичайну — ні.
func (a *app) readSession(w http.ResponseWriter, r *http.Request) (
	*sessions.Session, error) {
	session, err := getSession(a.store, r)
	if err != nil || !remembered(session) {
		return session, err
	}
	return session, saveSession(r, w, session)
}

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
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
