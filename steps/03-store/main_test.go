package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

// usernameInCookie читає ім'я з кукі браузера тим самим сховищем, що
// й сервер: у цьому кроці сторінки, яка його показує, ще немає.
func usernameInCookie(t *testing.T, b *browser.Browser) any {
	t.Helper()
	c := b.Cookie(sessionName)
	if c == nil {
		return nil
	}
	req, err := http.NewRequest(http.MethodGet, browser.Origin+"/", nil)
	if err != nil {
		t.Fatalf("не вдалося створити запит: %v", err)
	}
	req.AddCookie(c)
	session, err := newStore(testKey).Get(req, sessionName)
	if err != nil {
		t.Fatalf("кукі не читається: %v", err)
	}
	return session.Values["username"]
}

func TestLoginForm(t *testing.T) {
	t.Run("GET /login показує форму входу", func(t *testing.T) {
		r := newBrowser(t).Get("/login").WantStatus(http.StatusOK).
			WantBodyContains(`name="username"`)
		browser.Want(t, "GET /login: Content-Type",
			r.Header.Get("Content-Type"), "text/html; charset=utf-8")
	})
}

func TestLoginStoresUsername(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantBody("Головна сторінка. Увійдіть: /login")
	r := b.PostForm("/login", url.Values{"username": {"alice"}})
	t.Run("вхід переспрямовує на головну кодом 303", func(t *testing.T) {
		r.WantRedirect(http.StatusSeeOther, "/").WantStatus(http.StatusOK)
	})
	t.Run("кукі приходить разом із 303: Save — до Redirect",
		func(t *testing.T) {
			if r.Hops[0].Cookie(sessionName) == nil {
				t.Errorf("POST /login: кукі %q у відповіді 303 — отримали "+
					"відповідь без неї, очікували Set-Cookie: %s=…",
					sessionName, sessionName)
			}
		})
	t.Run("ім'я лежить у сесії", func(t *testing.T) {
		browser.Want(t, "ім'я в сесії", usernameInCookie(t, b), any("alice"))
	})
	t.Run("головна після входу підказує, що далі", func(t *testing.T) {
		r.WantBodyLacks("Увійдіть").WantBodyContains("Ви увійшли").
			WantBodyContains("go run ./steps/04-read")
	})
}

func TestLoginRejectsBadNames(t *testing.T) {
	tests := []struct {
		name string
		body string // тіло POST /login як є
		want string
	}{
		{"порожнє ім'я", "username=", "Вкажіть ім'я користувача."},
		{"поля немає", "", "Вкажіть ім'я користувача."},
		{"лише пробіли", "username=+++", "Вкажіть ім'я користувача."},
		{"не UTF-8", "username=%FF%FE",
			"Ім'я має бути текстом у кодуванні UTF-8."},
		{"зіпсоване кодування форми", "username=%zz",
			"Не вдалося прочитати форму: її зіпсовано."},
		{"форма понад 4 КіБ", "username=" + strings.Repeat("a", 5000),
			"Форма завелика: щонайбільше 4 КіБ."},
	}
	// Правило для імені (internal/usertext) і його випадки спільні для
	// всіх застосунків курсу (apptest.BadNames, apptest.GoodNames).
	for _, c := range apptest.BadNames {
		tests = append(tests, struct{ name, body, want string }{
			c.What, apptest.FormBody(c.Input), c.Want})
	}
	for _, tt := range tests {
		t.Run(tt.name+" — 400 і зрозуміле пояснення", func(t *testing.T) {
			b := newBrowser(t)
			b.PostBody("/login", tt.body).WantStatus(http.StatusBadRequest).
				WantBody(tt.want).WantPrivate()
			browser.Want(t, "ім'я в сесії", usernameInCookie(t, b), nil)
		})
	}
	for _, c := range apptest.GoodNames {
		t.Run(c.What+" — ім'я в сесії", func(t *testing.T) {
			b := newBrowser(t)
			b.PostBody("/login", apptest.FormBody(c.Input)).
				WantStatus(http.StatusOK)
			browser.Want(t, "ім'я в сесії", usernameInCookie(t, b), any(c.Shown))
		})
	}
}

func TestMethodsAndCrossSite(t *testing.T) {
	b := newBrowser(t)
	t.Run("інший метод — 405", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodDelete,
			browser.Origin+"/login", nil)
		b.Do(req).WantStatus(http.StatusMethodNotAllowed)
	})
	t.Run("POST з чужого сайту — 403 з поясненням українською",
		func(t *testing.T) {
			b.PostFromOtherSite("/login", "username=mallory").WantStatus(http.StatusForbidden).
				WantBodyContains("Запит відхилено: форму надіслано з " +
					"іншого сайту.").WantPrivate()
			browser.Want(t, "ім'я в сесії", usernameInCookie(t, b), nil)
		})
}

func TestPrivate(t *testing.T) {
	b := newBrowser(t)
	t.Run("жодна сторінка не потрапить у спільний кеш", func(t *testing.T) {
		b.Get("/").WantPrivate()
		b.Get("/login").WantPrivate()
		b.PostForm("/login", url.Values{"username": {"alice"}}).WantPrivate()
		b.Get("/").WantPrivate()
	})
}
