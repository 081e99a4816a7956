package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

// Тести вправи 06 — це її умова: звичайна сесія живе до закриття
// браузера, і сервер приймає її годину; сесія «запам'ятати мене» живе
// 7 днів і переживає закриття браузера.

var testKey = bytes.Repeat([]byte("k"), 32)

// Строки з умови вправи.
const (
	// Звичайна сесія: сервер приймає її годину.
	ordinaryLimit = time.Hour
	// «Запам'ятати мене»: кукі і сесія живуть 7 днів.
	rememberLimit = 7 * 24 * time.Hour
)

const (
	loggedIn  = "Logged in as alice"
	anonymous = "You are not logged in"
)

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

// login надсилає форму входу як alice, з прапорцем «запам'ятати
// мене» або без нього.
func login(b *browser.Browser, remember bool) *browser.Response {
	form := url.Values{"username": {"alice"}}
	if remember {
		form.Set("remember", "on")
	}
	return b.PostForm("/login", form)
}

// wantNoCookie перевіряє, що браузер уже не надішле кукі сесії.
func wantNoCookie(t *testing.T, b *browser.Browser) {
	t.Helper()
	if c := b.Cookie(sessionName); c != nil {
		t.Errorf("кукі %s у браузері — отримали є, очікували немає", c.Name)
	}
}

// wantOldCookieRefused надсилає збережену раніше кукі знову, як
// зробив би той, хто її скопіював, і перевіряє, що сервер її не
// приймає. Так перевіряємо сервер, а не браузер.
func wantOldCookieRefused(t *testing.T, b *browser.Browser, old *http.Cookie) {
	t.Helper()
	if old == nil {
		t.Fatalf("кукі %s після входу — отримали немає, очікували є", sessionName)
	}
	b.SetCookie(old)
	r := b.Get("/")
	browser.Want(t, "GET / зі старою кукі: текст сторінки",
		strings.TrimSpace(r.Body), anonymous)
}

func TestLogin(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
	b.Get("/login").WantStatus(http.StatusOK).
		WantBodyContains(`name="username"`).WantBodyContains(`name="remember"`)
	login(b, false).WantRedirect(http.StatusSeeOther, "/").WantBody(loggedIn)
}

func TestCookieAttributes(t *testing.T) {
	// common — атрибути, однакові для обох видів сесії.
	common := func(t *testing.T, c *http.Cookie) {
		t.Helper()
		browser.Want(t, "кукі: HttpOnly", c.HttpOnly, true)
		browser.Want(t, "кукі: Secure", c.Secure, true)
		browser.Want(t, "кукі: SameSite", c.SameSite, http.SameSiteLaxMode)
		browser.Want(t, "кукі: Path", c.Path, "/")
	}
	t.Run("звичайна сесія — кукі до закриття браузера", func(t *testing.T) {
		c := login(newBrowser(t), false).WantSetCookie(sessionName)
		browser.Want(t, "кукі: Max-Age", c.MaxAge, 0)
		browser.Want(t, "кукі: Expires задано", !c.Expires.IsZero(), false)
		common(t, c)
	})
	t.Run("запам'ятати мене — кукі на 7 днів", func(t *testing.T) {
		c := login(newBrowser(t), true).WantSetCookie(sessionName)
		browser.Want(t, "кукі: Max-Age", c.MaxAge, int(rememberLimit/time.Second))
		common(t, c)
	})
	t.Run("вхід без прапорця після входу з ним — знову до закриття браузера", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		c := login(b, false).WantSetCookie(sessionName)
		browser.Want(t, "кукі: Max-Age", c.MaxAge, 0)
		browser.Want(t, "кукі: Expires задано", !c.Expires.IsZero(), false)
	})
}

// Лічильник /visits зберігає сесію ще раз. Це збереження не має
// змінювати вибір, зроблений під час входу.
func TestLaterSaveKeepsLifetime(t *testing.T) {
	t.Run("запам'ятована сесія лишається постійною", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		c := b.Get("/visits").WantBody("Візитів у цій сесії: 1").
			WantSetCookie(sessionName)
		browser.Want(t, "GET /visits: кукі: Max-Age", c.MaxAge, int(rememberLimit/time.Second))
		b.Restart()
		b.Get("/").WantBody(loggedIn)
	})
	t.Run("звичайна сесія лишається до закриття браузера", func(t *testing.T) {
		b := newBrowser(t)
		login(b, false)
		c := b.Get("/visits").WantBody("Візитів у цій сесії: 1").
			WantSetCookie(sessionName)
		browser.Want(t, "GET /visits: кукі: Max-Age", c.MaxAge, 0)
		browser.Want(t, "GET /visits: кукі: Expires задано", !c.Expires.IsZero(), false)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
}

func TestBrowserRestart(t *testing.T) {
	t.Run("звичайна сесія зникає", func(t *testing.T) {
		b := newBrowser(t)
		login(b, false)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
	t.Run("запам'ятована сесія лишається", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		b.Restart()
		b.Get("/").WantBody(loggedIn)
	})
}

// Час у synctest.Test несправжній: time.Sleep на тиждень минає
// миттєво. Між входом і перевіркою запитів немає, тож розв'язок, що
// продовжує сесію з кожним запитом, проходить ці тести так само.
func TestOrdinaryLifetime(t *testing.T) {
	t.Run("за 59 хвилин ще в сесії", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, false)
			time.Sleep(ordinaryLimit - time.Minute)
			b.Get("/").WantBody(loggedIn)
		})
	})
	t.Run("за 61 хвилину сервер відкидає кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, false)
			old := b.Cookie(sessionName)
			time.Sleep(ordinaryLimit + time.Minute)
			// Браузер, якого не закривали, досі тримає кукі, і
			// хтось може надіслати її знову. Сервер її вже не приймає.
			wantOldCookieRefused(t, b, old)
		})
	})
}

func TestRememberedLifetime(t *testing.T) {
	t.Run("за 7 днів без хвилини ще в сесії", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			time.Sleep(rememberLimit - time.Minute)
			b.Get("/").WantBody(loggedIn)
		})
	})
	t.Run("за 7 днів і хвилину браузер викидає кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			time.Sleep(rememberLimit + time.Minute)
			wantNoCookie(t, b)
			b.Get("/").WantBody(anonymous)
		})
	})
	t.Run("за 7 днів і хвилину сервер відкидає стару кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			old := b.Cookie(sessionName)
			time.Sleep(rememberLimit + time.Minute)
			// Браузер її вже викинув, але хтось зберіг копію.
			wantOldCookieRefused(t, b, old)
		})
	})
}
