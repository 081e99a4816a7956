package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
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
func add(t testing.TB, b *browser.Browser, items ...string) {
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

// forget натискає «Забути мене на цьому пристрої».
func forget(b *browser.Browser) *browser.Response {
	return b.PostForm("/forget", nil)
}

// visitsLine — рядок вітрини з лічильником візитів.
var visitsLine = regexp.MustCompile(`Візитів до магазину: (\d+)`)

// wantVisits відкриває вітрину (це ще один візит) і перевіряє, що
// лічильник показує want. what називає цей візит у повідомленні.
func wantVisits(t testing.TB, b *browser.Browser, what string, want int) {
	t.Helper()
	r := b.Get("/")
	m := visitsLine.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil {
		t.Errorf("%s: лічильник візитів — %s", what, browser.GotWant(
			browser.Phrase(fmt.Sprintf("сторінку %d без нього", r.Status)), want))
		return
	}
	got, _ := strconv.Atoi(m[1])
	browser.Want(t, what+": лічильник візитів", got, want)
}

// status — статус відповіді, як його пишуть перевірки браузера:
// 303 See Other, без лапок.
func status(h browser.Hop) browser.Phrase {
	return browser.Phrase(fmt.Sprintf("%d %s", h.Status, http.StatusText(h.Status)))
}
