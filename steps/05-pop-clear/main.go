// Крок 05. Очищення сесії: вихід і «забути все».
//
// Нове в цьому кроці:
//
//   - POST /logout прибирає з сесії лише ім'я, як session.pop у Flask;
//   - POST /forget очищає всю сесію і видаляє кукі, як session.clear();
//   - GET /visits — лічильник у тій самій сесії: видно, що вихід
//     його не чіпає, а «забути все» — обнуляє.
//
// Запустіть: go run ./steps/05-pop-clear
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

func main() {
	// Ключі — як у кроці 02; код тепер у пакеті internal/sessionkey.
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

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	// У Flask вихід — GET /logout. Але GET має лише читати: посилання
	// чи картинка на чужому сайті не повинні нікого виводити. Тож GET
	// показує кнопку, а виходить POST, який CrossOriginProtection
	// приймає лише з нашого сайту.
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("POST /forget", a.forget)
	mux.HandleFunc("GET /visits", a.visits)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	return private(csrf.Handler(mux))
}

func (a *app) logoutForm(w http.ResponseWriter, r *http.Request) {
	render(w, "logout.html", nil)
}

// logout — як session.pop('username', None): прибирає лише ім'я,
// інші значення сесії лишаються. Якщо імені немає, delete нічого не
// робить: вихід без входу нешкідливий.
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	delete(session.Values, "username")
	// Без Save зміна пропала б разом із запитом: на сервері CookieStore
	// нічого не зберігає, а браузер лишив би стару кукі з ім'ям.
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// forget — як session.clear(): сесію видалено разом із кукі.
func (a *app) forget(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	clear(session.Values)
	// MaxAge = -1: Save надішле кукі, яка вже прострочена, і браузер
	// її видалить. Flask робить це сам, коли сесія стає порожньою.
	session.Options.MaxAge = -1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у тій самій сесії.
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
		serverError(w, err)
		return
	}
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
}

// Далі: крок 06 — постійні сесії і таймаути («запам'ятати мене»).
