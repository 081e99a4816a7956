// Розв'язок вправи 05. Очищення сесії: кошик покупок.
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
	"strings"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// product — товар магазину. ID — ключ у сесії і значення у формах,
// Name — назва на сторінці.
type product struct{ ID, Name string }

// catalog — усі товари. Кошик зберігає в сесії кількість кожного
// товару під його ID: Values["apple"] = 2.
var catalog = []product{
	{"apple", "Яблука"},
	{"pear", "Груші"},
	{"plum", "Сливи"},
}

// inCatalog каже, чи є в магазині товар з таким ID.
func inCatalog(id string) bool {
	for _, p := range catalog {
		if p.ID == id {
			return true
		}
	}
	return false
}

// shopTemplate — вітрина: кнопки «Додати» і «Прибрати» для кожного
// товару і «Очистити кошик». Відповіді на кнопки з'являються в рамці
// з кошиком (target="cart"), тож сторінка лишається на місці.
var shopTemplate = template.Must(template.New("shop").Parse(
	`<!doctype html>
<html lang="uk">
<head><meta charset="utf-8"><title>Магазин</title>
<style>
  body { font-family: sans-serif; max-width: 30rem; margin: 2rem auto; }
  form { display: inline; }
  iframe { width: 100%; height: 8rem; border: 1px solid #ccc; }
</style>
</head>
<body>
<h1>Магазин</h1>
<ul>
{{range .}}<li>{{.Name}}
  <form method="post" action="/cart/add" target="cart">
    <input type="hidden" name="item" value="{{.ID}}"><button>Додати</button>
  </form>
  <form method="post" action="/cart/remove" target="cart">
    <input type="hidden" name="item" value="{{.ID}}"><button>Прибрати</button>
  </form>
</li>
{{end}}</ul>
<form method="post" action="/cart/clear" target="cart">
  <button>Очистити кошик</button>
</form>
<h2>Кошик</h2>
<iframe name="cart" src="/cart" title="Кошик"></iframe>
</body>
</html>
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
	mux.HandleFunc("GET /{$}", a.shop)
	mux.HandleFunc("GET /cart", a.cart)
	// Усе, що змінює кошик, — лише POST: GET має тільки читати, а
	// POST з чужого сайту відхилить CrossOriginProtection.
	mux.HandleFunc("POST /cart/add", a.add)
	mux.HandleFunc("POST /cart/remove", a.remove)
	mux.HandleFunc("POST /cart/clear", a.clear)
	return http.NewCrossOriginProtection().Handler(mux)
}

// remove прибирає з кошика один товар (поле форми item) повністю,
// як session.pop у Flask.
func (a *app) remove(w http.ResponseWriter, r *http.Request) {
	id := r.PostFormValue("item")
	// Ключ приходить від відвідувача: видаляємо лише товари з
	// каталогу, а не будь-яке значення сесії.
	if !inCatalog(id) {
		http.Error(w, "Такого товару немає.", http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Як session.pop(id, None): delete прибирає один ключ, а якщо
	// його немає, нічого не робить. Інші товари лишаються.
	delete(session.Values, id)
	// Без Save браузер зберіг би стару кукі з цим товаром.
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// clear очищає кошик повністю, як session.clear() у Flask.
func (a *app) clear(w http.ResponseWriter, r *http.Request) {
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

// Далі — код із заготовки: вітрина, кошик, додавання товару.

func (a *app) shop(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := shopTemplate.Execute(w, catalog); err != nil {
		log.Printf("шаблон: %v", err)
	}
}

// cart показує вміст кошика простим текстом.
func (a *app) cart(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	lines := []string{"У кошику:"}
	for _, p := range catalog {
		if n, _ := session.Values[p.ID].(int); n > 0 {
			lines = append(lines, fmt.Sprintf("%s × %d", p.Name, n))
		}
	}
	if len(lines) == 1 {
		writeText(w, "Кошик порожній.")
		return
	}
	writeText(w, strings.Join(lines, "\n"))
}

// add додає в кошик одну штуку товару (поле форми item).
func (a *app) add(w http.ResponseWriter, r *http.Request) {
	id := r.PostFormValue("item")
	if !inCatalog(id) {
		http.Error(w, "Такого товару немає.", http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	n, _ := session.Values[id].(int)
	session.Values[id] = n + 1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// getSession повертає сесію відвідувача. Якщо кукі не вдалося
// прочитати (її підробили, вона застара, підписана іншим ключем чи
// задовга), Get однаково дає нову порожню сесію: це анонімний
// відвідувач, а не помилка сервера. Помилку повертаємо, лише коли
// зламані самі налаштування (IsUsage, IsInternal: наприклад, порожній
// ключ) — про це має дізнатися розробник.
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

// writeText відповідає простим текстом: тип указано явно, а nosniff
// забороняє браузеру вгадувати в ньому HTML.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}
