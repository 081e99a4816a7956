// Package apptest holds the tests of the lesson's complete app that
// steps 06 and 07 share: step 07 is step 06 plus flash messages, and
// everything else it must do exactly as step 06 does. The login form's
// hygiene (forms.go) is shared by steps 04–07. Each step's
// main_test.go keeps a test function of the same name that calls the
// one here, so `go test -run` and the links in the lesson text work as
// before.
package apptest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

// An App returns a fresh handler of the step's app with a test key.
type App func() http.Handler

// sessionName is the session cookie's name in every step.
const sessionName = "session"

// Login submits the login form, ticking «запам'ятати мене» if asked.
func Login(b *browser.Browser, name string, remember bool) *browser.Response {
	form := url.Values{"username": {name}}
	if remember {
		form.Set("remember", "on")
	}
	return b.PostForm("/login", form)
}

func LoginRejectsBadNames(t *testing.T, app App) {
	tests := []struct {
		name string
		form url.Values
	}{
		{"порожнє ім'я", url.Values{"username": {""}}},
		{"лише пробіли", url.Values{"username": {"   "}}},
		{"поля немає", url.Values{}},
		{"65 символів", url.Values{"username": {strings.Repeat("я", 65)}}},
		{"5000 байтів", url.Values{"username": {strings.Repeat("a", 5000)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := browser.New(t, app())
			r := b.PostForm("/login", tt.form).WantStatus(http.StatusBadRequest)
			if c := r.SetCookie(sessionName); c != nil {
				t.Errorf("POST /login: кукі — %s",
					browser.GotWant(c.String(), "без Set-Cookie"))
			}
			b.Get("/").WantBody("You are not logged in")
		})
	}
}

func OutputIsNotHTML(t *testing.T, app App) {
	b := browser.New(t, app())
	name := `<script>alert(1)</script>`
	Login(b, name, false)
	for _, path := range []string{"/", "/profile"} {
		r := b.Get(path).WantBodyContains(name)
		browser.Want(t, path+": Content-Type",
			r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
		browser.Want(t, path+": X-Content-Type-Options",
			r.Header.Get("X-Content-Type-Options"), "nosniff")
	}
}

func LogoutKeepsOtherValues(t *testing.T, app App) {
	b := browser.New(t, app())
	Login(b, "alice", false)
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
		WantBody("You are not logged in")
	b.Get("/visits").WantBody("Візитів у цій сесії: 2")

	t.Run("вихід без входу нічого не ламає", func(t *testing.T) {
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
	})
	t.Run("GET /logout лише показує кнопку", func(t *testing.T) {
		Login(b, "alice", false)
		b.Get("/logout").WantStatus(http.StatusOK).
			WantBodyContains(`action="/logout"`)
		b.Get("/").WantBody("Logged in as alice")
	})
}

func ForgetDeletesCookie(t *testing.T, app App) {
	b := browser.New(t, app())
	Login(b, "alice", false)
	b.Get("/visits")
	r := b.PostForm("/forget", nil).WantRedirect(http.StatusSeeOther, "/")
	// Max-Age=0 у заголовку Go читає як MaxAge = -1: «видалити зараз».
	browser.Want(t, "POST /forget: Max-Age кукі",
		r.WantSetCookie(sessionName).MaxAge, -1)
	if c := b.Cookie(sessionName); c != nil {
		t.Errorf("кукі в браузері — %s", browser.GotWant(c.String(), "немає"))
	}
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
}

func CrossSiteLoginRefused(t *testing.T, app App) {
	b := browser.New(t, app())
	b.PostFromOtherSite("/login", "username=mallory").WantStatus(http.StatusForbidden)
	b.Get("/").WantBody("You are not logged in")
}

func TamperedCookieIsAnonymous(t *testing.T, app App) {
	b := browser.New(t, app())
	Login(b, "alice", false)
	b.TamperCookie(sessionName)
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

func CookieAttributes(t *testing.T, app App) {
	t.Run("звичайна сесія — до закриття браузера", func(t *testing.T) {
		c := Login(browser.New(t, app()), "alice", false).
			WantSetCookie(sessionName)
		browser.Want(t, "Max-Age", c.MaxAge, 0)
		browser.Want(t, "Expires задано", !c.Expires.IsZero(), false)
		browser.Want(t, "HttpOnly", c.HttpOnly, true)
		browser.Want(t, "Secure", c.Secure, true)
		browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
	})
	t.Run("запам'ятати мене — 30 хвилин", func(t *testing.T) {
		r := Login(browser.New(t, app()), "alice", true)
		c := r.Hops[0].Cookie(sessionName)
		if c == nil {
			t.Fatalf("POST /login: кукі %q — отримали відповідь без неї, "+
				"очікували Set-Cookie", sessionName)
		}
		browser.Want(t, "POST /login: Max-Age", c.MaxAge, 1800)
		browser.Want(t, "POST /login: HttpOnly", c.HttpOnly, true)
	})
	t.Run("лічильник не робить постійну кукі звичайною", func(t *testing.T) {
		b := browser.New(t, app())
		Login(b, "alice", true)
		c := b.Get("/visits").WantSetCookie(sessionName)
		browser.Want(t, "Max-Age", c.MaxAge, 1800)
	})
}

func Lifetime(t *testing.T, app App) {
	t.Run("звичайна: за 29 хвилин ще в сесії", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := browser.New(t, app())
			Login(b, "alice", false)
			time.Sleep(29 * time.Minute)
			b.Get("/").WantBody("Logged in as alice")
		})
	})
	t.Run("звичайна: за 31 хвилину сервер відкидає кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := browser.New(t, app())
			Login(b, "alice", false)
			time.Sleep(31 * time.Minute)
			// Браузер ще тримає кукі (вона до закриття браузера)...
			if b.Cookie(sessionName) == nil {
				t.Fatalf("кукі в браузері — отримали браузер без неї, очікували, що вона там є")
			}
			// ...але сервер її не приймає.
			b.Get("/").WantBody("You are not logged in")
		})
	})
	t.Run("звичайна: після перезапуску браузера сесії немає",
		func(t *testing.T) {
			b := browser.New(t, app())
			Login(b, "alice", false)
			b.Restart()
			b.Get("/").WantBody("You are not logged in")
		})
	t.Run("запам'ятати: після перезапуску браузера сесія є",
		func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := browser.New(t, app())
				Login(b, "alice", true)
				time.Sleep(29 * time.Minute)
				b.Restart()
				b.Get("/").WantBody("Logged in as alice")
			})
		})
	t.Run("запам'ятати: за 31 хвилину браузер викидає кукі",
		func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := browser.New(t, app())
				Login(b, "alice", true)
				old := b.Cookie(sessionName)
				time.Sleep(31 * time.Minute)
				if c := b.Cookie(sessionName); c != nil {
					t.Errorf("кукі в браузері — отримали її, очікували, що браузер її вже викинув")
				}
				b.Get("/").WantBody("You are not logged in")

				// Стару кукі надіслали знову: сервер теж її відкидає.
				b.SetCookie(old)
				b.Get("/").WantBody("You are not logged in")
			})
		})
}

func OversizedCookieIsAnonymous(t *testing.T, app App) {
	b := browser.New(t, app())
	b.SetCookie(&http.Cookie{Name: sessionName,
		Value: strings.Repeat("A", 5000), Path: "/"})
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

// Вихід прибирає лише ім'я: прапорець «запам'ятати мене» лишається в
// сесії, і кукі після виходу теж постійна. Так само у Flask: після
// session.pop у кукі лишається _permanent.
func LogoutKeepsRemember(t *testing.T, app App) {
	b := browser.New(t, app())
	Login(b, "alice", true)
	c := b.PostForm("/logout", nil).WantBody("You are not logged in").
		WantSetCookie(sessionName)
	browser.Want(t, "POST /logout: Max-Age кукі", c.MaxAge, 1800)
}
