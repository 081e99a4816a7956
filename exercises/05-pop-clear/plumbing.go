package main

// Тут — готовий код: сховище, вітрина з лічильником візитів, кошик,
// кнопка «Додати», читання сесії і форм, відповіді. Ваша частина — у
// main.go.

import (
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"strings"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

const sessionName = "session"

// product — товар магазину. ID — ключ у сесії і значення у формах,
// Name — назва на сторінці.
type product struct{ ID, Name string }

// catalog — усі товари. Кошик зберігає в сесії кількість кожного
// товару під його ID: Values["apple"] = 2. Поруч у тій самій сесії
// лежить лічильник візитів вітрини: Values["visits"] = 3.
var catalog = []product{
	{"apple", "Яблука"},
	{"pear", "Груші"},
	{"plum", "Сливи"},
}

// inCatalog каже, чи є в магазині товар з таким ID (рівно таким).
func inCatalog(id string) bool {
	for _, p := range catalog {
		if p.ID == id {
			return true
		}
	}
	return false
}

// maxFormBytes — найбільше тіло форми кнопки, у байтах.
const maxFormBytes = 1 << 10

// formItem читає з форми ID товару (поле item) і перевіряє, що такий
// товар є в каталозі. Повертає ID або, якщо форма чи товар не
// годяться, текст для відповіді 400.
func formItem(w http.ResponseWriter, r *http.Request) (id, problem string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", fmt.Sprintf("Форма завелика: щонайбільше %d КіБ.",
				maxFormBytes>>10)
		}
		return "", "Не вдалося прочитати форму: її зіпсовано."
	}
	id = r.PostForm.Get("item")
	if !inCatalog(id) {
		return "", "Такого товару немає."
	}
	return id, ""
}

// shopTemplate — вітрина: лічильник візитів, кнопки «Додати» і
// «Прибрати» для кожного товару, «Очистити кошик» і «Забути мене».
// Відповіді на кнопки з'являються в рамці з кошиком (target="cart"),
// тож сторінка лишається на місці.
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
<p>Візитів до магазину: {{.Visits}}</p>
<ul>
{{range .Catalog}}<li>{{.Name}}
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
<form method="post" action="/forget" target="cart">
  <button>Забути мене на цьому пристрої</button>
</form>
<h2>Кошик</h2>
<iframe name="cart" src="/cart" title="Кошик"></iframe>
</body>
</html>
`))

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// private позначає кожну відповідь як особисту (Vary: Cookie,
// Cache-Control: no-store): спільний кеш не покаже її іншому
// відвідувачу. Чому так — у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// shop показує вітрину і рахує візити до неї: лічильник лежить у
// сесії під "visits", поруч із кошиком.
func (a *app) shop(w http.ResponseWriter, r *http.Request) {
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
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	err = shopTemplate.Execute(w, map[string]any{
		"Catalog": catalog, "Visits": n,
	})
	if err != nil {
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
	n, _ := session.Values[id].(int)
	session.Values[id] = n + 1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// getSession повертає сесію відвідувача, як у кроці 02. Кукі, яку не
// вдалося прочитати (її підробили, строк її дії минув, її підписано
// іншим ключем або вона задовга), — це анонімний відвідувач: Get
// однаково дає нову порожню сесію. Помилку повертаємо, лише коли
// зламані самі налаштування (IsUsage, IsInternal: наприклад, порожній
// ключ) — про це має дізнатися розробник.
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

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// writeText відповідає простим текстом: тип указано явно, а nosniff
// забороняє браузеру вгадувати в ньому HTML.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// crossSiteDenied відповідає на POST, надісланий з чужого сайту.
func crossSiteDenied(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "Запит відхилено: форму надіслано з іншого сайту. "+
		"Відкрийте сторінку цього сайту й надішліть форму звідти.",
		http.StatusForbidden)
}
