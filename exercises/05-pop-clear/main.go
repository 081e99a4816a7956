// Вправа 05. Очищення сесії: кошик покупок.
//
// Умова — у README.uk.md поруч. Перевірка: go run ./cmd/course test 05
// (або go test ./exercises/05-pop-clear/). Готовий код — у plumbing.go.
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
	// TODO: прочитайте товар з форми готовою formItem, як це робить
	// «Додати»: чужий товар чи погана форма — 400 з поясненням.
	// Приберіть із сесії лише цей товар, усе інше лишається; якщо його
	// немає в кошику — нічого страшного. Збережіть сесію і
	// переспрямуйте на /cart (303 See Other).
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}

// clearCart прибирає з кошика всі товари.
func (a *app) clearCart(w http.ResponseWriter, r *http.Request) {
	// TODO: кошик стає порожнім. Але в сесії, крім кошика, лежить
	// лічильник візитів, і він має лишитися, як і сама кукі: очистити
	// кошик — ще не «забути мене». Що саме прибрати і як дізнатися, які
	// ключі сесії — товари? Збережіть сесію і переспрямуйте на /cart
	// (303 See Other).
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}

// forget забуває відвідувача на цьому пристрої, як session.clear() у
// Flask.
func (a *app) forget(w http.ResponseWriter, r *http.Request) {
	// TODO: приберіть із сесії все і зробіть так, щоб браузер видалив
	// кукі сесії. Збережіть сесію і переспрямуйте на /cart
	// (303 See Other).
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}
