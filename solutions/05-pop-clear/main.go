// Розв'язок вправи 05. Очищення сесії: кошик покупок.
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код. Готовий код — у plumbing.go.
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
	mux.HandleFunc("GET /{$}", a.shop)
	mux.HandleFunc("GET /cart", a.cart)
	// Усе, що змінює сесію, — лише POST: GET має тільки читати, а
	// POST з чужого сайту відхилить CrossOriginProtection.
	mux.HandleFunc("POST /cart/add", a.add)
	mux.HandleFunc("POST /cart/remove", a.remove)
	mux.HandleFunc("POST /cart/clear", a.clearCart)
	mux.HandleFunc("POST /forget", a.forget)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// Кожна відповідь залежить від сесії: private на весь застосунок.
	return private(csrf.Handler(mux))
}

// remove прибирає з кошика один товар (поле форми item) повністю,
// як session.pop у Flask.
func (a *app) remove(w http.ResponseWriter, r *http.Request) {
	// Ключ приходить від відвідувача. formItem, як і в «Додати»,
	// пропускає лише товари з каталогу, рівно як вони записані, і
	// відмовляє завеликій чи зіпсованій формі.
	id, problem := formItem(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Як session.pop(id, None): delete прибирає один ключ, а якщо
	// його немає, нічого не робить. Усе інше лишається.
	delete(session.Values, id)
	// Без Save браузер зберіг би стару кукі з цим товаром.
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// clearCart прибирає з кошика всі товари.
func (a *app) clearCart(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Не clear(session.Values): у сесії, крім кошика, лежить лічильник
	// візитів. Товари — це ключі з каталогу, тож прибираємо саме їх,
	// по одному; інші ключі і сама кукі лишаються. (Не «усі значення
	// типу int»: лічильник теж int.)
	for _, p := range catalog {
		delete(session.Values, p.ID)
	}
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// forget забуває відвідувача на цьому пристрої, як session.clear() у
// Flask.
func (a *app) forget(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// clear — вбудована функція Go: порожня мапа. Тож навіть якщо
	// хтось збереже кукі з цієї відповіді, у ній нічого немає.
	clear(session.Values)
	// MaxAge = -1: Save надішле кукі з Max-Age=0, і браузер її
	// видалить. Параметри — копія параметрів сховища, тож це
	// стосується лише цієї сесії.
	session.Options.MaxAge = -1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}
