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
	// [05.1] Прибирає лише цей товар; лічильник візитів лишається.
	t.Run("прибирає лише цей товар", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		wantVisits(t, b, "GET /", 1)
		add(t, b, "apple", "apple", "pear")
		b.Get("/cart").WantBody(cartText("Яблука × 2", "Груші × 1"))
		remove(b, "apple").WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(cartText("Груші × 1"))
		b.Get("/cart").WantBody(cartText("Груші × 1"))
		wantVisits(t, b, "GET / після «Прибрати»", 2)
	})
	// [05.2] Товару немає в кошику — нешкідливо.
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
	// [05.3] Зіпсована кукі — анонімний відвідувач з порожнім кошиком.
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
	// [05.4] Товар не з каталогу — 400, кошик той самий.
	t.Run("товар не з каталогу — 400, кошик не змінився", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		items := []string{"Apple", "APPLE", " apple", "apple ", "appl", "apple1",
			"apple pear", "", "banana", "visits", strings.Repeat("a", 500)}
		for _, item := range items {
			r := remove(b, item)
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
	// [05.5] Завелика чи зіпсована форма — 400 зі своїм текстом.
	t.Run("завелика форма — 400 зі своїм текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		big := url.Values{"item": {strings.Repeat("a", 2<<10)}}.Encode()
		b.PostBody("/cart/remove", big).WantStatus(http.StatusBadRequest).
			WantBody("Форма завелика: щонайбільше 1 КіБ.")
		b.Get("/cart").WantBody(cartText("Яблука × 1"))
	})
	t.Run("зіпсована форма — 400 зі своїм текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		b.PostBody("/cart/remove", "item=%zz").WantStatus(http.StatusBadRequest).
			WantBody("Не вдалося прочитати форму: її зіпсовано.")
		b.Get("/cart").WantBody(cartText("Яблука × 1"))
	})
}

// [05.6] Нове у вправі: «Очистити кошик» прибирає всі товари, але не
// сесію: лічильник візитів і кукі лишаються.
func TestClearCart(t *testing.T) {
	t.Run("прибирає всі товари, лічильник візитів лишається", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		wantVisits(t, b, "GET /", 1)
		wantVisits(t, b, "GET / удруге", 2)
		add(t, b, "apple", "pear", "plum", "plum")
		r := clearCart(b).WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart)
		if c := r.Hops[0].Cookie(sessionName); c != nil && c.MaxAge < 0 {
			t.Errorf("POST /cart/clear: кукі %q — %s", sessionName, browser.GotWant(
				browser.Phrase("видалено (Max-Age=0)"),
				browser.Phrase("кукі лишається: очищено лише кошик")))
		}
		b.Get("/cart").WantBody(emptyCart)
		wantVisits(t, b, "GET / після «Очистити кошик»", 3)
	})
	t.Run("порожній кошик — нешкідливо", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		wantVisits(t, b, "GET /", 1)
		clearCart(b).WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart)
		clearCart(b).WantBody(emptyCart)
		wantVisits(t, b, "GET / після «Очистити кошик» двічі", 2)
	})
	t.Run("після очищення кошик знову працює", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		clearCart(b)
		add(t, b, "plum")
		b.Get("/cart").WantBody(cartText("Сливи × 1"))
	})
}

// «Забути мене» — як session.clear(): зникає вся сесія разом із кукі.
func TestForget(t *testing.T) {
	// [05.7] Очищає все і видаляє кукі.
	t.Run("очищає все і видаляє кукі", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		wantVisits(t, b, "GET /", 1)
		add(t, b, "apple", "pear", "plum")
		r := forget(b).WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart)
		// Заголовок Max-Age=0 Go читає як MaxAge = -1: «видалити зараз».
		c := r.WantSetCookie(sessionName)
		browser.Want(t, "POST /forget: Max-Age кукі", c.MaxAge, -1)
		if c := b.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері після «Забути мене» — %s", browser.GotWant(c.String(),
				browser.Phrase("кукі немає")))
		}
		b.Get("/cart").WantBody(emptyCart)
		wantVisits(t, b, "GET / після «Забути мене»", 1)
	})
	// [05.8] У кукі видалення не лишилося старих даних.
	t.Run("у кукі видалення не лишилося старих даних", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		wantVisits(t, b, "GET /", 1)
		wantVisits(t, b, "GET / удруге", 2)
		add(t, b, "apple")
		c := forget(b).WantSetCookie(sessionName)
		// Хтось зберіг кукі з відповіді і надіслав її знову.
		b.SetCookie(&http.Cookie{Name: c.Name, Value: c.Value, Path: "/"})
		b.Get("/cart").WantStatus(http.StatusOK).WantBody(emptyCart)
		b.SetCookie(&http.Cookie{Name: c.Name, Value: c.Value, Path: "/"})
		wantVisits(t, b, "GET / з кукі, яку надіслало «Забути мене»", 1)
	})
	// [05.9] Порожня сесія — нешкідливо; після «Забути мене» все працює.
	t.Run("порожня сесія — нешкідливо", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		forget(b).WantRedirect(http.StatusSeeOther, "/cart").
			WantStatus(http.StatusOK).WantBody(emptyCart)
	})
	t.Run("після «Забути мене» кошик знову працює", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		add(t, b, "apple")
		forget(b)
		add(t, b, "plum")
		b.Get("/cart").WantBody(cartText("Сливи × 1"))
		if b.Cookie(sessionName) == nil {
			t.Errorf("кукі в браузері після «Додати» — %s",
				browser.GotWant(browser.Phrase("кукі немає"), "session=…"))
		}
	})
}

// [05.11] Один сервер обслуговує всіх покупців: кнопки одного не
// чіпають кошика і лічильника іншого.
func TestTwoVisitors(t *testing.T) {
	h := newHandler(newStore(testKey))
	alice, bob := browser.New(t, h), browser.New(t, h)
	wantVisits(t, bob, "GET / bob", 1)
	add(t, alice, "apple", "pear")
	add(t, bob, "plum", "plum")
	remove(alice, "apple").WantBody(cartText("Груші × 1"))
	bob.Get("/cart").WantBody(cartText("Сливи × 2"))
	clearCart(alice).WantBody(emptyCart)
	bob.Get("/cart").WantBody(cartText("Сливи × 2"))
	forget(alice).WantBody(emptyCart)
	bob.Get("/cart").WantBody(cartText("Сливи × 2"))
	add(t, bob, "pear")
	bob.Get("/cart").WantBody(cartText("Груші × 1", "Сливи × 2"))
	add(t, alice, "apple")
	alice.Get("/cart").WantBody(cartText("Яблука × 1"))
	bob.Get("/cart").WantBody(cartText("Груші × 1", "Сливи × 2"))
	wantVisits(t, bob, "GET / bob", 2)
}

// [05.12] Кошик змінює лише POST з нашого сайту: посилання чи картинка
// на чужій сторінці (GET) і чужа форма (POST з іншого Origin) його не
// чіпають.
func TestOnlyPOSTChangesCart(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	add(t, b, "apple")
	b.Get("/cart/remove?item=apple").WantStatus(http.StatusMethodNotAllowed)
	b.Get("/cart/clear").WantStatus(http.StatusMethodNotAllowed)
	b.Get("/forget").WantStatus(http.StatusMethodNotAllowed)
	b.Get("/cart").WantBody(cartText("Яблука × 1"))

	for _, path := range []string{"/cart/remove", "/cart/clear", "/forget"} {
		b.PostFromOtherSite(path, "item=apple").WantStatus(http.StatusForbidden)
	}
	b.Get("/cart").WantBody(cartText("Яблука × 1"))
}

// [05.13] Кожна відповідь — особиста (Vary: Cookie, Cache-Control:
// no-store): сторінки, переспрямування, відмови 400, 403, 404, 405 і
// 500. Кошик одного не потрапить до іншого через спільний кеш.
func TestEveryResponseIsPrivate(t *testing.T) {
	browser.AllResponsesPrivate(t, newHandler(newStore(testKey)),
		func(b *browser.Browser) {
			b.Get("/")
			b.Get("/cart")
			add(t, b, "apple", "pear")
			remove(b, "apple")
			remove(b, "banana")
			b.PostBody("/cart/remove", "item=%zz")
			clearCart(b)
			add(t, b, "plum")
			forget(b)
			forget(b)
			b.Get("/cart")
		})
	broken := true
	browser.AllResponsesPrivate(t, newHandler(flakyStore{newStore(testKey), &broken}),
		func(b *browser.Browser) {
			remove(b, "apple").WantStatus(http.StatusInternalServerError)
			clearCart(b).WantStatus(http.StatusInternalServerError)
		})
}
