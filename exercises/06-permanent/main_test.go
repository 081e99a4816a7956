package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

// Тести вправи 06 — це її умова: звичайна сесія живе до закриття
// браузера, і сервер приймає її годину від останнього збереження;
// сесія «запам'ятати мене» живе 7 днів від останнього запиту і
// переживає закриття браузера.

var testKey = bytes.Repeat([]byte("k"), 32)

// Строки з умови вправи.
const (
	// Звичайна сесія: сервер приймає її годину.
	ordinaryLimit = time.Hour
	// «Запам'ятати мене»: кукі і сесія живуть 7 днів.
	rememberLimit = 7 * 24 * time.Hour
	// day — доба, щоб числа в тестах читалися.
	day = 24 * time.Hour
)

// rememberMaxAge — Max-Age кукі «запам'ятати мене», у секундах.
const rememberMaxAge = int(rememberLimit / time.Second)

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
	return loginAs(b, "alice", remember)
}

func loginAs(b *browser.Browser, name string, remember bool) *browser.Response {
	form := url.Values{"username": {name}}
	if remember {
		form.Set("remember", "on")
	}
	return b.PostForm("/login", form)
}

// sessionCookie повертає кукі сесії, яку браузер надішле, і зупиняє
// тест, якщо її немає.
func sessionCookie(t *testing.T, b *browser.Browser, when string) *http.Cookie {
	t.Helper()
	c := b.Cookie(sessionName)
	if c == nil {
		t.Fatalf("кукі %q у браузері %s — отримали браузер без неї, "+
			"очікували, що вона там є", sessionName, when)
	}
	return c
}

// wantNoCookie перевіряє, що браузер уже не надішле кукі сесії.
func wantNoCookie(t *testing.T, b *browser.Browser) {
	t.Helper()
	if c := b.Cookie(sessionName); c != nil {
		t.Errorf("кукі %s у браузері — %s", c.Name, browser.GotWant(
			c.Value, browser.Phrase("браузер її вже викинув")))
	}
}

// wantCopyRefused кладе копію старої кукі в інший браузер, як зробив
// би той, хто її скопіював, і перевіряє, що сервер її не приймає ні
// на головній, ні на /visits. Так перевіряємо сервер, а не браузер.
func wantCopyRefused(t *testing.T, h http.Handler, old *http.Cookie) {
	t.Helper()
	thief := browser.New(t, h)
	thief.SetCookie(old)
	r := thief.Get("/")
	browser.Want(t, "GET / з копією старої кукі: текст сторінки",
		strings.TrimSpace(r.Body), anonymous)
	thief.SetCookie(old)
	r = thief.Get("/visits")
	browser.Want(t, "GET /visits з копією старої кукі: текст сторінки",
		strings.TrimSpace(r.Body), "Візитів у цій сесії: 1")
	thief.Get("/").WantBody(anonymous)
}

// wantMaxAge перевіряє строк кукі, яку надіслала відповідь.
func wantMaxAge(t *testing.T, r *browser.Response, what string, want int) {
	t.Helper()
	c := r.WantSetCookie(sessionName)
	browser.Want(t, what+": кукі: Max-Age", c.MaxAge, want)
	if want == 0 {
		browser.Want(t, what+": кукі: Expires задано", !c.Expires.IsZero(), false)
	}
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
		b := newBrowser(t)
		r := login(b, false)
		wantMaxAge(t, r, "POST /login", 0)
		common(t, r.WantSetCookie(sessionName))
		r = b.Get("/visits")
		wantMaxAge(t, r, "GET /visits", 0)
		common(t, r.WantSetCookie(sessionName))
	})
	t.Run("запам'ятати мене — кукі на 7 днів", func(t *testing.T) {
		b := newBrowser(t)
		r := login(b, true)
		wantMaxAge(t, r, "POST /login", rememberMaxAge)
		common(t, r.WantSetCookie(sessionName))
		for _, path := range []string{"/", "/visits"} {
			r := b.Get(path)
			wantMaxAge(t, r, "GET "+path, rememberMaxAge)
			common(t, r.WantSetCookie(sessionName))
		}
	})
	t.Run("вхід без прапорця після входу з ним — знову до закриття браузера", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		wantMaxAge(t, login(b, false), "POST /login", 0)
		wantMaxAge(t, b.Get("/visits"), "GET /visits", 0)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
}

// Прапорець — це рівно remember=on, як його надсилає браузер. Усе
// інше — звичайна сесія.
func TestRememberFlag(t *testing.T) {
	for _, value := range []string{"off", "On", "ON", "true", "1", "", " on", "on ", "onn"} {
		t.Run(fmt.Sprintf("remember=%q", value), func(t *testing.T) {
			b := newBrowser(t)
			r := b.PostForm("/login", url.Values{"username": {"alice"}, "remember": {value}})
			r.WantBody(loggedIn)
			wantMaxAge(t, r, fmt.Sprintf("POST /login з remember=%q", value), 0)
		})
	}
}

// Лічильник /visits зберігає сесію ще раз. Це збереження не має
// змінювати вибір, зроблений під час входу.
func TestLaterSaveKeepsLifetime(t *testing.T) {
	t.Run("запам'ятована сесія лишається постійною", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		r := b.Get("/visits").WantBody("Візитів у цій сесії: 1")
		wantMaxAge(t, r, "GET /visits", rememberMaxAge)
		b.Restart()
		b.Get("/").WantBody(loggedIn)
	})
	t.Run("звичайна сесія лишається до закриття браузера", func(t *testing.T) {
		b := newBrowser(t)
		login(b, false)
		r := b.Get("/visits").WantBody("Візитів у цій сесії: 1")
		wantMaxAge(t, r, "GET /visits", 0)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
}

// Один сервер — багато відвідувачів: вибір одного не діє на іншого.
func TestTwoVisitors(t *testing.T) {
	h := newHandler(newStore(testKey))
	alice, bob := browser.New(t, h), browser.New(t, h)
	loginAs(alice, "alice", true)
	loginAs(bob, "bob", false)
	wantMaxAge(t, alice.Get("/visits"), "GET /visits (alice)", rememberMaxAge)
	wantMaxAge(t, bob.Get("/visits"), "GET /visits (bob)", 0)
	loginAs(bob, "bob", true)
	loginAs(alice, "alice", false)
	wantMaxAge(t, bob.Get("/visits"), "GET /visits (bob)", rememberMaxAge)
	wantMaxAge(t, alice.Get("/visits"), "GET /visits (alice)", 0)
	alice.Restart()
	bob.Restart()
	alice.Get("/").WantBody(anonymous)
	bob.Get("/").WantBody("Logged in as bob")
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
// миттєво.
func TestOrdinaryLifetime(t *testing.T) {
	t.Run("читання не продовжує звичайну сесію", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, false)
			time.Sleep(30 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(29 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(2 * time.Minute)
			// Браузер, якого не закривали, досі надсилає кукі, але
			// від входу минула 61 хвилина.
			sessionCookie(t, b, "через 61 хвилину")
			b.Get("/").WantBody(anonymous)
		})
	})
	t.Run("година рахується від останнього збереження", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, false)
			old := sessionCookie(t, b, "після входу")
			time.Sleep(50 * time.Minute)
			b.Get("/visits").WantBody("Візитів у цій сесії: 1")
			time.Sleep(11 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			// Копія кукі, зробленої під час входу, уже не діє.
			wantCopyRefused(t, h, old)
			time.Sleep(48 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(2 * time.Minute)
			b.Get("/").WantBody(anonymous)
		})
	})
	t.Run("після 61 хвилини /visits починає нову сесію", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, false)
			b.Get("/visits").WantBody("Візитів у цій сесії: 1")
			time.Sleep(ordinaryLimit + time.Minute)
			b.Get("/visits").WantBody("Візитів у цій сесії: 1")
			b.Get("/").WantBody(anonymous)
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
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, true)
			old := sessionCookie(t, b, "після входу")
			time.Sleep(rememberLimit + time.Minute)
			// Браузер її вже викинув, але хтось зберіг копію.
			wantCopyRefused(t, h, old)
		})
	})
}

// «Запам'ятати мене» ковзає, як SESSION_REFRESH_EACH_REQUEST у Flask:
// 7 днів рахуються від останнього запиту, а не від входу.
func TestRememberedSlides(t *testing.T) {
	t.Run("відвідини кожні 5 днів тримають у сесії понад 3 тижні", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			for range 4 {
				time.Sleep(5 * day)
				b.Get("/").WantBody(loggedIn)
				if t.Failed() {
					return // далі те саме повідомлення повторилося б
				}
			}
			b.Restart()
			time.Sleep(5 * day)
			b.Get("/").WantBody(loggedIn)
		})
	})
	t.Run("після активності 7 днів і хвилина без запитів — кінець", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, true)
			old := sessionCookie(t, b, "після входу")
			time.Sleep(5 * day)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(5 * day)
			b.Get("/").WantBody(loggedIn)
			// Користувач досі активний, але копія кукі з дня входу
			// старша за 7 днів.
			wantCopyRefused(t, h, old)
			latest := sessionCookie(t, b, "на 10-й день")
			time.Sleep(rememberLimit + time.Minute)
			wantNoCookie(t, b)
			b.Get("/").WantBody(anonymous)
			wantCopyRefused(t, h, latest)
		})
	})
}

// Кожна відповідь застосунку залежить від сесії: жоден спільний кеш
// не має її зберігати — для будь-якої адреси і будь-якого відвідувача.
func TestPrivate(t *testing.T) {
	for _, remember := range []bool{false, true} {
		name := "звичайна сесія"
		if remember {
			name = "запам'ятати мене"
		}
		t.Run(name, func(t *testing.T) {
			b := newBrowser(t)
			b.Get("/").WantPrivate()
			b.Get("/login").WantPrivate()
			b.Get("/visits").WantPrivate()
			login(b, remember).WantPrivate()
			b.Get("/").WantPrivate()
			b.Get("/visits").WantPrivate()
		})
	}
}

func TestCrossSiteRefused(t *testing.T) {
	b := newBrowser(t)
	b.PostFromOtherSite("/login", "username=mallory&remember=on").WantStatus(http.StatusForbidden)
	b.Get("/").WantBody(anonymous)
}
