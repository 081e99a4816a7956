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
	// Усе, що змінює кошик, — лише POST: GET має тільки читати, а
	// POST з чужого сайту відхилить CrossOriginProtection.
	mux.HandleFunc("POST /cart/add", a.add)
	mux.HandleFunc("POST /cart/remove", a.remove)
	mux.HandleFunc("POST /cart/clear", a.clear)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// Кожна відповідь залежить від сесії: private на весь застосунок.
	return private(csrf.Handler(mux))
}

// remove прибирає з кошика один товар (поле форми item) повністю,
// як session.pop у Flask.
func (a *app) remove(w http.ResponseWriter, r *http.Request) {
	// TODO: прочитайте товар з форми і перевірте його так само, як це
	// робить «Додати»: чужий товар чи погана форма — 400 з поясненням.
	// Приберіть із сесії лише цей товар, інші лишаються; якщо його
	// немає в кошику — нічого страшного. Збережіть сесію і
	// переспрямуйте на /cart (303 See Other).
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}

// clear очищає кошик повністю, як session.clear() у Flask.
func (a *app) clear(w http.ResponseWriter, r *http.Request) {
	// TODO: приберіть із сесії всі значення і зробіть так, щоб
	// браузер видалив кукі сесії. Збережіть сесію і переспрямуйте на
	// /cart (303 See Other).
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}
