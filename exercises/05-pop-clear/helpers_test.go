package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const (
	emptyCart  = "Кошик порожній."
	noSuchItem = "Такого товару немає."
)

// cartText — те, що показує GET /cart: заголовок і рядки товарів.
func cartText(lines ...string) string {
	return strings.Join(append([]string{"У кошику:"}, lines...), "\n")
}

// add натискає «Додати» для кожного товару по черзі. «Додати» — готовий
// код, тож якщо воно не спрацювало, далі перевіряти нема чого.
func add(t *testing.T, b *browser.Browser, items ...string) {
	t.Helper()
	for _, id := range items {
		r := b.PostForm("/cart/add", url.Values{"item": {id}})
		if r.Hops[0].Status != http.StatusSeeOther {
			t.Fatalf("POST /cart/add: статус — %s (це готовий код: "+
				"перевірте, чи ви його не змінили)",
				browser.GotWant(status(r.Hops[0]),
					browser.Phrase("303 See Other")))
		}
	}
}

// remove натискає «Прибрати» для товару id.
func remove(b *browser.Browser, id string) *browser.Response {
	return b.PostForm("/cart/remove", url.Values{"item": {id}})
}

// clearCart натискає «Очистити кошик».
func clearCart(b *browser.Browser) *browser.Response {
	return b.PostForm("/cart/clear", nil)
}

// postRaw надсилає з нашого сайту форму з тілом body як є: так тест
// передає те, чого url.Values не закодує (%zz).
func postRaw(t *testing.T, b *browser.Browser, path, body string) *browser.Response {
	t.Helper()
	return b.PostBody(path, body)
}

// crossSite надсилає POST на path з чужого сайту, як це зробила б
// форма на чужій сторінці.
func crossSite(t *testing.T, b *browser.Browser, path string) *browser.Response {
	t.Helper()
	return b.PostFromOtherSite(path, "item=apple")
}

// status — статус відповіді, як його пишуть перевірки браузера:
// 303 See Other, без лапок.
func status(h browser.Hop) browser.Phrase {
	return browser.Phrase(fmt.Sprintf("%d %s", h.Status, http.StatusText(h.Status)))
}
