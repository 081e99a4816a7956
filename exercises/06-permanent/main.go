// Вправа 06. Постійні сесії: «запам'ятати мене на 7 днів».
//
// Умова — у README.uk.md поруч. Перевірка: go test ./exercises/06-permanent/
//
// Вхід, головна сторінка і лічильник візитів уже працюють. Бракує
// строку життя сесії: зараз кукі живе 30 днів (так типово в gorilla),
// і сервер приймає її стільки ж.
package main

import (
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// TODO: строки життя. «Запам'ятати мене» — 7 днів від останнього
// запиту, як app.permanent_session_lifetime = timedelta(days=7) у
// Flask. Звичайна сесія — до закриття браузера, а сервер приймає її
// годину від останнього збереження.
//
// І абсолютний строк, якого у Flask немає: звичайна сесія живе
// щонайбільше 12 годин від входу, «запам'ятати мене» — 30 днів від
// входу, хоч би як часто людина (чи той, хто скопіював її кукі)
// заходила.

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
	// TODO: сервер має відкидати кукі, старшу за 7 днів, а типова
	// кукі — жити до закриття браузера.
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
	// TODO: кожна відповідь застосунку залежить від сесії. Жоден
	// спільний кеш (проксі, CDN) не має зберігати її й показувати
	// іншому відвідувачу — як у кроці 01.
	return csrf.Handler(mux)
}

func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// TODO: сесія «запам'ятати мене» живе 7 днів від останнього
	// запиту, а не від входу (як SESSION_REFRESH_EACH_REQUEST у
	// Flask). Звичайну сесію читання не продовжує.
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
	// TODO: прапорець форми remember=on — «запам'ятати мене».
	// Запам'ятайте вибір так, щоб кожне наступне збереження сесії
	// (і в /visits теж) знало про нього. Вхід без прапорця скасовує
	// попередній вибір. Від входу відлічується абсолютний строк:
	// новий вхід — новий відлік.
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
	// TODO: звичайна сесія (без «запам'ятати мене»), збережена понад
	// годину тому, — це анонімний відвідувач. Так само будь-яка сесія,
	// від входу якої минуло більше за її абсолютний строк.
	return session, nil
}

// saveSession зберігає сесію; викликайте до того, як почнеться
// відповідь. Його викликають і вхід, і /visits.
func saveSession(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	// TODO: кукі сесії «запам'ятати мене» живе 7 днів і переживає
	// закриття браузера, але не довше, ніж лишилося до абсолютного
	// строку; кукі звичайної сесії — до закриття браузера.
	return session.Save(r, w)
}
