package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const emptyCart = "Кошик порожній."

// cartText — те, що показує GET /cart: заголовок і рядки товарів.
func cartText(lines ...string) string {
	return strings.Join(append([]string{"У кошику:"}, lines...), "\n")
}

// add натискає «Додати» для кожного товару по черзі.
func add(b *browser.Browser, items ...string) {
	for _, id := range items {
		b.PostForm("/cart/add", url.Values{"item": {id}})
	}
}

func remove(b *browser.Browser, id string) *browser.Response {
	return b.PostForm("/cart/remove", url.Values{"item": {id}})
}

// Прибрати товар — як session.pop: зникає лише один ключ.
func TestRemove(t *testing.T) {
	t.Run("прибирає лише цей товар", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(b, "apple", "apple", "pear")
		b.Get("/cart").WantBody(cartText("Яблука × 2", "Груші × 1"))
		remove(b, "apple").WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(cartText("Груші × 1"))
		b.Get("/cart").WantBody(cartText("Груші × 1"))
	})
	t.Run("товару немає в кошику — нешкідливо", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(b, "pear")
		remove(b, "plum").WantRedirect(http.StatusSeeOther, "/cart").
			WantBody(cartText("Груші × 1"))
	})
	t.Run("порожній кошик — нешкідливо", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		remove(b, "apple").WantRedirect(http.StatusSeeOther, "/cart").
			WantBody(emptyCart)
	})
	t.Run("зіпсована кукі — порожній кошик, а не помилка", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(b, "apple")
		b.TamperCookie(sessionName)
		remove(b, "apple").WantRedirect(http.StatusSeeOther, "/cart").
			WantBody(emptyCart)
	})
}

// Очистити кошик — як session.clear(): зникає вся сесія разом із кукі.
func TestClear(t *testing.T) {
	t.Run("очищає все і видаляє кукі", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(b, "apple", "pear", "plum")
		r := b.PostForm("/cart/clear", nil).
			WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart)
		// Заголовок Max-Age=0 Go читає як MaxAge = -1: «видалити зараз».
		c := r.WantSetCookie(sessionName)
		browser.Want(t, "POST /cart/clear: Max-Age кукі", c.MaxAge, -1)
		if c := b.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері — %s", browser.GotWant(c.String(), "немає"))
		}
		b.Get("/cart").WantBody(emptyCart)
	})
	t.Run("у кукі видалення не лишилося старих даних", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(b, "apple")
		c := b.PostForm("/cart/clear", nil).WantSetCookie(sessionName)
		// Хтось зберіг кукі з відповіді і надіслав її знову.
		b.SetCookie(&http.Cookie{Name: c.Name, Value: c.Value, Path: "/"})
		b.Get("/cart").WantStatus(http.StatusOK).WantBody(emptyCart)
	})
	t.Run("порожній кошик — нешкідливо", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.PostForm("/cart/clear", nil).WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart)
	})
	t.Run("після очищення кошик знову працює", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(b, "apple")
		b.PostForm("/cart/clear", nil)
		add(b, "plum")
		b.Get("/cart").WantBody(cartText("Сливи × 1"))
	})
}

// Кошик змінює лише POST з нашого сайту: посилання чи картинка на
// чужій сторінці (GET) і чужа форма (POST з іншого Origin) його не
// чіпають.
func TestOnlyPOSTChangesCart(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	add(b, "apple")
	b.Get("/cart/remove?item=apple").WantStatus(http.StatusMethodNotAllowed)
	b.Get("/cart/clear").WantStatus(http.StatusMethodNotAllowed)
	b.Get("/cart").WantBody(cartText("Яблука × 1"))

	req, _ := http.NewRequest(http.MethodPost, browser.Origin+"/cart/clear", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	b.Do(req).WantStatus(http.StatusForbidden)
	b.Get("/cart").WantBody(cartText("Яблука × 1"))
}
