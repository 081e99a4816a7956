// Розв'язок вправи 06. Постійні сесії: «запам'ятати мене на 7 днів».
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код.
package main

import (
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// rememberLifetime — як app.permanent_session_lifetime =
// timedelta(days=7) у Flask: стільки живе сесія «запам'ятати мене»
// після останнього запиту.
const rememberLifetime = 7 * 24 * time.Hour

// sessionTimeout — скільки сервер приймає звичайну сесію після
// останнього збереження.
const sessionTimeout = time.Hour

// ordinaryCap і rememberCap — абсолютний строк сесії: від входу, хоч
// би як активно нею користувалися. Лише він зупиняє копію кукі, яку
// хтось надсилає знову й знову: кожен запит з нею продовжує таймаут.
const (
	ordinaryCap = 12 * time.Hour
	rememberCap = 30 * 24 * time.Hour
)

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

// maxFormBytes — найбільше тіло форми входу, у байтах.
const maxFormBytes = 4 << 10

// loginPage — форма входу з прапорцем «запам'ятати мене».
var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="uk">
<meta charset="utf-8">
<title>Вхід</title>
<h1>Вхід</h1>
<form method="post" action="/login">
  <p><label>Ім'я користувача
    <input name="username" maxlength="{{.}}" required autofocus></label>
  <p><label><input type="checkbox" name="remember" value="on">
    Запам'ятати мене на 7 днів</label>
  <p><button type="submit">Увійти</button>
</form>
<p><a href="/">Головна</a> · <a href="/visits">Візити</a>
`))

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
	// Сервер перевіряє час, записаний у підписі кукі. Таке вікно одне
	// на все сховище, тож беремо найдовший строк — 7 днів. store.MaxAge
	// задає і це вікно, і атрибут Max-Age кукі.
	store.MaxAge(int(rememberLifetime / time.Second))
	// Тепер лише атрибут: типова кукі живе до закриття браузера.
	// Вікно на сервері лишається 7 днів.
	store.Options.MaxAge = 0
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /visits", a.visits)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// Кожна відповідь залежить від сесії: обгортаємо весь застосунок.
	return private(csrf.Handler(mux))
}

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

func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Як SESSION_REFRESH_EACH_REQUEST у Flask: кукі сесії «запам'ятати
	// мене» видаємо заново з новою міткою часу, тож 7 днів рахуються
	// від останнього запиту. Звичайну сесію, як і у Flask, читання не
	// продовжує.
	if remembered(session) {
		if err := saveSession(r, w, session); err != nil {
			serverError(w, err)
			return
		}
	}
	if username, ok := session.Values["username"].(string); ok {
		writeText(w, "Logged in as "+username)
		return
	}
	writeText(w, "You are not logged in")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := loginPage.Execute(w, maxUsernameLen); err != nil {
		log.Printf("шаблон входу: %v", err)
	}
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username, problem := formUsername(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	// Вибір «запам'ятати мене» зберігаємо в самій сесії, як Flask
	// зберігає _permanent: він потрібен під час кожного Save. Вхід без
	// прапорця скасовує попередній вибір.
	if r.PostForm.Get("remember") == "on" {
		session.Values["remember"] = true
	} else {
		delete(session.Values, "remember")
	}
	// Від входу відлічується абсолютний строк. Новий вхід — новий
	// відлік. Секунди (int64) gob кодує без реєстрації.
	session.Values["login"] = time.Now().Unix()
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у тій самій сесії: ще одне збереження, яке не
// має змінити строк життя кукі.
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

// remembered каже, чи просив відвідувач запам'ятати його.
func remembered(session *sessions.Session) bool {
	remember, _ := session.Values["remember"].(bool)
	return remember
}

// timeLeft каже, скільки сесії лишилося до абсолютного строку:
// 12 годин від входу, а з «запам'ятати мене» — 30 днів. ok — false,
// якщо входу в сесії не було (лише лічильник): тоді строку немає.
func timeLeft(session *sessions.Session) (left time.Duration, ok bool) {
	login, ok := session.Values["login"].(int64)
	if !ok {
		return 0, false
	}
	limit := ordinaryCap
	if remembered(session) {
		limit = rememberCap
	}
	return time.Until(time.Unix(login, 0).Add(limit)), true
}

// getSession повертає сесію відвідувача. Якщо кукі не вдалося
// прочитати (її підробили, строк її дії минув, її підписано іншим
// ключем або вона задовга), Get однаково дає нову порожню сесію: це
// анонімний відвідувач, а не помилка сервера. Помилку повертаємо,
// лише коли зламані самі налаштування (IsUsage, IsInternal).
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	// Вікно сховища — 7 днів, а звичайній сесії дано годину. Її строк
	// лежить у самій сесії: кукі підписана, тож відвідувач його не
	// посуне. Звичайна сесія, строк якої минув, — як нова: забуваємо
	// все.
	if !remembered(session) {
		deadline, _ := session.Values["deadline"].(int64)
		if time.Now().Unix() > deadline {
			clear(session.Values)
		}
	}
	// Абсолютний строк — так само: сесія, строк якої минув, порожня на
	// кожній адресі.
	if left, ok := timeLeft(session); ok && left <= 0 {
		clear(session.Values)
	}
	return session, nil
}

// saveSession зберігає сесію; викликайте до того, як почнеться
// відповідь. Строк кукі залежить від вибору, що лежить у сесії, тож
// кожне збереження, не лише вхід, дає кукі правильний строк.
func saveSession(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	if remembered(session) {
		// Постійна кукі: переживе закриття браузера.
		session.Options.MaxAge = cookieMaxAge(session)
		delete(session.Values, "deadline")
	} else {
		// Кукі до закриття браузера (типова для сховища), а сервер
		// прийматиме її годину від цього збереження.
		session.Values["deadline"] = time.Now().Add(sessionTimeout).Unix()
	}
	return session.Save(r, w)
}

// cookieMaxAge — Max-Age кукі «запам'ятати мене», у секундах: 7 днів,
// але не більше, ніж лишилося до абсолютного строку. Кукі не обіцяє
// браузеру більше, ніж дозволить сервер.
func cookieMaxAge(session *sessions.Session) int {
	maxAge := rememberLifetime
	if left, ok := timeLeft(session); ok {
		maxAge = min(maxAge, left)
	}
	if maxAge < time.Second {
		// Строк от-от мине. 0 зробив би кукі звичайною (до закриття
		// браузера), тож просимо браузер видалити її.
		return -1
	}
	return int(maxAge / time.Second)
}
