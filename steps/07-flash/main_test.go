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

var testKey = bytes.Repeat([]byte("k"), 32)

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

func login(b *browser.Browser, name string, remember bool) *browser.Response {
	form := url.Values{"username": {name}}
	if remember {
		form.Set("remember", "on")
	}
	return b.PostForm("/login", form)
}

// hopCookie повертає кукі name з одного кроку переспрямування.
func hopCookie(t *testing.T, h browser.Hop, name string) *http.Cookie {
	t.Helper()
	for _, c := range h.Cookies {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("%s %s: кукі %q — отримали відповідь без неї, очікували Set-Cookie",
		h.Method, h.Path, name)
	return nil
}

func TestLoginFlow(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantBody("You are not logged in")
	b.Get("/profile").WantBody("Not logged in")
	b.Get("/login").WantStatus(http.StatusOK).
		WantBodyContains(`name="username"`).WantBodyContains(`name="remember"`)

	login(b, "alice", false).
		WantRedirect(http.StatusSeeOther, "/").
		WantBody("Ви увійшли як alice\nLogged in as alice")
	b.Get("/profile").WantBody("User: alice")
}

func TestFlashShownOnce(t *testing.T) {
	b := newBrowser(t)
	// POST /login переспрямовує на головну: вона й показує повідомлення.
	login(b, "alice", false).
		WantBody("Ви увійшли як alice\nLogged in as alice")
	b.Get("/").WantBody("Logged in as alice")
	b.Get("/").WantBody("Logged in as alice")

	t.Run("головна без повідомлень не надсилає кукі", func(t *testing.T) {
		if c := b.Get("/").SetCookie(sessionName); c != nil {
			t.Errorf("GET /: кукі — %s", browser.GotWant(c.String(), "без Set-Cookie"))
		}
	})
	t.Run("кожен вхід — своє повідомлення", func(t *testing.T) {
		login(b, "bob", false).
			WantBody("Ви увійшли як bob\nLogged in as bob")
		b.Get("/").WantBody("Logged in as bob")
	})
	t.Run("профіль повідомлень не читає", func(t *testing.T) {
		b := newBrowser(t)
		b.Get("/profile").WantBody("Not logged in")
		login(b, "alice", false)
		b.Get("/profile").WantBody("User: alice")
	})
}

// Пастка: Flashes без Save. Тест додає до застосунку дві службові
// сторінки: POST /test/flash кладе повідомлення в сесію, а
// GET /test/peek читає його, але сесію не зберігає.
func TestFlashesNeedSave(t *testing.T) {
	store := newStore(testKey)
	mux := http.NewServeMux()
	mux.Handle("/", newHandler(store))
	mux.HandleFunc("POST /test/flash", func(w http.ResponseWriter, r *http.Request) {
		session, _ := store.Get(r, sessionName)
		session.AddFlash("Привіт")
		if err := session.Save(r, w); err != nil {
			t.Errorf("Save: %v", err)
		}
	})
	mux.HandleFunc("GET /test/peek", func(w http.ResponseWriter, r *http.Request) {
		session, _ := store.Get(r, sessionName)
		fmt.Fprintln(w, session.Flashes()...) // без session.Save
	})
	b := browser.New(t, mux)

	b.PostForm("/test/flash", nil)
	b.Get("/test/peek").WantBody("Привіт")
	// Flashes видалив повідомлення лише в пам'яті: кукі його досі має.
	b.Get("/test/peek").WantBody("Привіт")
	// Головна зберігає сесію: показала — і повідомлення більше немає.
	b.Get("/").WantBody("Привіт\nYou are not logged in")
	b.Get("/").WantBody("You are not logged in")
	b.Get("/test/peek").WantBody("")
}

func TestLoginRejectsBadNames(t *testing.T) {
	tests := []struct {
		name string
		form url.Values
	}{
		{"порожнє ім'я", url.Values{"username": {""}}},
		{"лише пропуски", url.Values{"username": {"   "}}},
		{"поля немає", url.Values{}},
		{"65 символів", url.Values{"username": {strings.Repeat("я", 65)}}},
		{"5000 байтів", url.Values{"username": {strings.Repeat("a", 5000)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t)
			r := b.PostForm("/login", tt.form).WantStatus(http.StatusBadRequest)
			if c := r.SetCookie(sessionName); c != nil {
				t.Errorf("POST /login: кукі — %s", browser.GotWant(c.String(), "без Set-Cookie"))
			}
			b.Get("/").WantBody("You are not logged in")
		})
	}
}

func TestOutputIsNotHTML(t *testing.T) {
	b := newBrowser(t)
	name := `<script>alert(1)</script>`
	login(b, name, false)
	for _, path := range []string{"/", "/profile"} {
		r := b.Get(path).WantBodyContains(name)
		browser.Want(t, path+": Content-Type", r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
		browser.Want(t, path+": X-Content-Type-Options", r.Header.Get("X-Content-Type-Options"), "nosniff")
	}
}

func TestLogoutKeepsOtherValues(t *testing.T) {
	b := newBrowser(t)
	login(b, "alice", false)
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
		WantBody("You are not logged in")
	b.Get("/visits").WantBody("Візитів у цій сесії: 2")

	t.Run("вихід без входу нічого не ламає", func(t *testing.T) {
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
	})
	t.Run("GET /logout лише показує кнопку", func(t *testing.T) {
		login(b, "alice", false)
		b.Get("/logout").WantStatus(http.StatusOK).WantBodyContains(`action="/logout"`)
		b.Get("/").WantBody("Logged in as alice")
	})
}

func TestForgetDeletesCookie(t *testing.T) {
	b := newBrowser(t)
	login(b, "alice", false)
	b.Get("/visits")
	r := b.PostForm("/forget", nil).WantRedirect(http.StatusSeeOther, "/")
	// Max-Age=0 у заголовку Go читає як MaxAge = -1: «видалити зараз».
	browser.Want(t, "POST /forget: Max-Age кукі", r.WantSetCookie(sessionName).MaxAge, -1)
	if c := b.Cookie(sessionName); c != nil {
		t.Errorf("кукі в браузері — %s", browser.GotWant(c.String(), "немає"))
	}
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
}

func TestCrossSiteLoginRefused(t *testing.T) {
	b := newBrowser(t)
	req, _ := http.NewRequest(http.MethodPost, browser.Origin+"/login",
		strings.NewReader("username=mallory"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	b.Do(req).WantStatus(http.StatusForbidden)
	b.Get("/").WantBody("You are not logged in")
}

func TestTamperedCookieIsAnonymous(t *testing.T) {
	b := newBrowser(t)
	login(b, "alice", false)
	b.TamperCookie(sessionName)
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

func TestCookieAttributes(t *testing.T) {
	t.Run("звичайна сесія — до закриття браузера", func(t *testing.T) {
		c := login(newBrowser(t), "alice", false).WantSetCookie(sessionName)
		browser.Want(t, "Max-Age", c.MaxAge, 0)
		browser.Want(t, "Expires задано", !c.Expires.IsZero(), false)
		browser.Want(t, "HttpOnly", c.HttpOnly, true)
		browser.Want(t, "Secure", c.Secure, true)
		browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
	})
	t.Run("запам'ятати мене — 30 хвилин", func(t *testing.T) {
		r := login(newBrowser(t), "alice", true)
		c := hopCookie(t, r.Hops[0], sessionName)
		browser.Want(t, "POST /login: Max-Age", c.MaxAge, 1800)
		browser.Want(t, "POST /login: HttpOnly", c.HttpOnly, true)
		// Головна після входу теж зберігає сесію (забрала
		// повідомлення) — і кукі лишається постійною.
		c = r.WantSetCookie(sessionName)
		browser.Want(t, "GET /: Max-Age", c.MaxAge, 1800)
	})
	t.Run("лічильник не робить постійну кукі звичайною", func(t *testing.T) {
		b := newBrowser(t)
		login(b, "alice", true)
		c := b.Get("/visits").WantSetCookie(sessionName)
		browser.Want(t, "Max-Age", c.MaxAge, 1800)
	})
}

func TestLifetime(t *testing.T) {
	t.Run("звичайна: за 29 хвилин ще в сесії", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, "alice", false)
			time.Sleep(29 * time.Minute)
			b.Get("/").WantBody("Logged in as alice")
		})
	})
	t.Run("звичайна: за 31 хвилину сервер відкидає кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, "alice", false)
			time.Sleep(31 * time.Minute)
			// Браузер ще тримає кукі (вона до закриття браузера)...
			if b.Cookie(sessionName) == nil {
				t.Fatalf("кукі в браузері — отримали немає, очікували є")
			}
			// ...але сервер її не приймає.
			b.Get("/").WantBody("You are not logged in")
		})
	})
	t.Run("звичайна: після перезапуску браузера сесії немає", func(t *testing.T) {
		b := newBrowser(t)
		login(b, "alice", false)
		b.Restart()
		b.Get("/").WantBody("You are not logged in")
	})
	t.Run("запам'ятати: після перезапуску браузера сесія є", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, "alice", true)
			time.Sleep(29 * time.Minute)
			b.Restart()
			b.Get("/").WantBody("Logged in as alice")
		})
	})
	t.Run("запам'ятати: за 31 хвилину браузер викидає кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, "alice", true)
			old := b.Cookie(sessionName)
			time.Sleep(31 * time.Minute)
			if c := b.Cookie(sessionName); c != nil {
				t.Errorf("кукі в браузері — отримали є, очікували немає")
			}
			b.Get("/").WantBody("You are not logged in")

			// Стару кукі надіслали знову: сервер теж її відкидає.
			b.SetCookie(old)
			b.Get("/").WantBody("You are not logged in")
		})
	})
}

func TestOversizedCookieIsAnonymous(t *testing.T) {
	b := newBrowser(t)
	b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", 5000), Path: "/"})
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

// Вихід прибирає лише ім'я: прапорець «запам'ятати мене» лишається в
// сесії, і кукі після виходу теж постійна. Так само у Flask: після
// session.pop у кукі лишається _permanent.
func TestLogoutKeepsRemember(t *testing.T) {
	b := newBrowser(t)
	login(b, "alice", true)
	c := b.PostForm("/logout", nil).WantBody("You are not logged in").WantSetCookie(sessionName)
	browser.Want(t, "POST /logout: Max-Age кукі", c.MaxAge, 1800)
}
