package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// Прибрати товар — як session.pop: зникає лише один ключ.
func TestRemove(t *testing.T) {
	t.Run("прибирає лише цей товар", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple", "apple", "pear")
		b.Get("/cart").WantBody(cartText("Яблука × 2", "Груші × 1"))
		remove(b, "apple").WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(cartText("Груші × 1")).
			WantPrivate()
		b.Get("/cart").WantBody(cartText("Груші × 1"))
	})
	t.Run("товару немає в кошику — нешкідливо", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "pear")
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
		add(t, b, "apple")
		b.TamperCookie(sessionName)
		remove(b, "apple").WantRedirect(http.StatusSeeOther, "/cart").
			WantBody(emptyCart)
	})
}

// Товар приходить з форми, тобто від відвідувача: «Прибрати»
// перевіряє його так само, як «Додати».
func TestRemoveChecksItem(t *testing.T) {
	t.Run("товар не з каталогу — 400, кошик не змінився", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		items := []string{"Apple", "APPLE", " apple", "apple ", "appl", "apple1",
			"apple pear", "", "banana", strings.Repeat("a", 500)}
		for _, item := range items {
			r := remove(b, item).WantPrivate()
			first := r.Hops[0]
			if got := status(first); got != "400 Bad Request" {
				t.Errorf("POST /cart/remove з item = %q: статус — %s",
					item, browser.GotWant(got, browser.Phrase("400 Bad Request")))
				break // решту значень перевіримо, коли це виправите
			}
			r.WantBody(noSuchItem)
			b.Get("/cart").WantBody(cartText("Яблука × 1"))
		}
	})
	t.Run("завелика форма — 400 зі своїм текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		big := url.Values{"item": {strings.Repeat("a", 2<<10)}}.Encode()
		postRaw(t, b, "/cart/remove", big).WantStatus(http.StatusBadRequest).
			WantBody("Форма завелика: щонайбільше 1 КіБ.").WantPrivate()
		b.Get("/cart").WantBody(cartText("Яблука × 1"))
	})
	t.Run("зіпсована форма — 400 зі своїм текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		postRaw(t, b, "/cart/remove", "item=%zz").WantStatus(http.StatusBadRequest).
			WantBody("Не вдалося прочитати форму: її зіпсовано.")
		b.Get("/cart").WantBody(cartText("Яблука × 1"))
	})
}

// Очистити кошик — як session.clear(): зникає вся сесія разом із кукі.
func TestClear(t *testing.T) {
	t.Run("очищає все і видаляє кукі", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple", "pear", "plum")
		r := clearCart(b).WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart).WantPrivate()
		// Заголовок Max-Age=0 Go читає як MaxAge = -1: «видалити зараз».
		c := r.WantSetCookie(sessionName)
		browser.Want(t, "POST /cart/clear: Max-Age кукі", c.MaxAge, -1)
		if c := b.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері — %s", browser.GotWant(c.String(),
				browser.Phrase("кукі немає")))
		}
		b.Get("/cart").WantBody(emptyCart)
	})
	t.Run("у кукі видалення не лишилося старих даних", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		c := clearCart(b).WantSetCookie(sessionName)
		// Хтось зберіг кукі з відповіді і надіслав її знову.
		b.SetCookie(&http.Cookie{Name: c.Name, Value: c.Value, Path: "/"})
		b.Get("/cart").WantStatus(http.StatusOK).WantBody(emptyCart)
	})
	t.Run("порожній кошик — нешкідливо", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		clearCart(b).WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart)
	})
	t.Run("після очищення кошик знову працює", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		clearCart(b)
		add(t, b, "plum")
		b.Get("/cart").WantBody(cartText("Сливи × 1"))
		if b.Cookie(sessionName) == nil {
			t.Errorf("кукі в браузері після «Додати» — %s",
				browser.GotWant(browser.Phrase("кукі немає"), "session=…"))
		}
	})
}

// Один сервер обслуговує всіх покупців: кнопки одного не чіпають
// кошика іншого.
func TestTwoVisitors(t *testing.T) {
	h := newHandler(newStore(testKey))
	alice, bob := browser.New(t, h), browser.New(t, h)
	add(t, alice, "apple", "pear")
	add(t, bob, "plum", "plum")
	remove(alice, "apple").WantBody(cartText("Груші × 1"))
	bob.Get("/cart").WantBody(cartText("Сливи × 2"))
	clearCart(alice).WantBody(emptyCart)
	bob.Get("/cart").WantBody(cartText("Сливи × 2"))
	add(t, bob, "pear")
	bob.Get("/cart").WantBody(cartText("Груші × 1", "Сливи × 2"))
	add(t, alice, "apple")
	alice.Get("/cart").WantBody(cartText("Яблука × 1"))
	bob.Get("/cart").WantBody(cartText("Груші × 1", "Сливи × 2"))
}

// Кошик змінює лише POST з нашого сайту: посилання чи картинка на
// чужій сторінці (GET) і чужа форма (POST з іншого Origin) його не
// чіпають.
func TestOnlyPOSTChangesCart(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	add(t, b, "apple")
	b.Get("/cart/remove?item=apple").WantStatus(http.StatusMethodNotAllowed)
	b.Get("/cart/clear").WantStatus(http.StatusMethodNotAllowed)
	b.Get("/cart").WantBody(cartText("Яблука × 1"))

	crossSite(t, b, "/cart/remove").WantStatus(http.StatusForbidden)
	crossSite(t, b, "/cart/clear").WantStatus(http.StatusForbidden)
	b.Get("/cart").WantBody(cartText("Яблука × 1"))
}

// Кожна сторінка і кожне переспрямування — особисті (Vary: Cookie,
// Cache-Control: no-store): кошик одного не потрапить до іншого через
// спільний кеш.
func TestPrivate(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	b.Get("/").WantPrivate()
	b.Get("/cart").WantPrivate()
	b.PostForm("/cart/add", url.Values{"item": {"apple"}}).WantPrivate()
	b.PostForm("/cart/add", url.Values{"item": {"pear"}}).WantPrivate()
	remove(b, "apple").WantPrivate()
	remove(b, "banana").WantPrivate()
	clearCart(b).WantPrivate()
	clearCart(b).WantPrivate()
	b.Get("/cart").WantPrivate()
}
