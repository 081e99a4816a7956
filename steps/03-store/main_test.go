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

// usernameInCookie читає ім'я з кукі браузера тим самим сховищем, що
// й сервер: у цьому кроці сторінки, яка його показує, ще немає.
func usernameInCookie(t *testing.T, b *browser.Browser) any {
	t.Helper()
	c := b.Cookie(sessionName)
	if c == nil {
		return nil
	}
	req, _ := http.NewRequest(http.MethodGet, browser.Origin+"/", nil)
	req.AddCookie(c)
	session, err := newStore(testKey).Get(req, sessionName)
	if err != nil {
		t.Fatalf("кукі не читається: %v", err)
	}
	return session.Values["username"]
}

func TestLoginForm(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	r := b.Get("/login").WantStatus(http.StatusOK).WantBodyContains(`name="username"`)
	browser.Want(t, "GET /login: Content-Type", r.Header.Get("Content-Type"), "text/html; charset=utf-8")
}

func TestLoginStoresUsername(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	r := b.PostForm("/login", url.Values{"username": {"alice"}})
	r.WantRedirect(http.StatusSeeOther, "/").WantStatus(http.StatusOK)
	// Кукі прийшла разом із переспрямуванням, тобто Save було до Redirect.
	if len(r.Hops[0].Cookies) == 0 {
		t.Errorf("POST /login: Set-Cookie у відповіді 303 — отримали немає, очікували кукі %q", sessionName)
	}
	browser.Want(t, "ім'я в сесії", usernameInCookie(t, b), any("alice"))
}

func TestLoginRejectsBadNames(t *testing.T) {
	tests := []struct {
		name string
		form url.Values
		body string
	}{
		{"порожнє ім'я", url.Values{"username": {""}}, "Вкажіть ім'я користувача."},
		{"поля немає", url.Values{}, "Вкажіть ім'я користувача."},
		{"5000 байтів", url.Values{"username": {strings.Repeat("a", 5000)}},
			"Ім'я задовге: щонайбільше 64 символи."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			b.PostForm("/login", tt.form).WantStatus(http.StatusBadRequest).WantBody(tt.body)
			browser.Want(t, "ім'я в сесії", usernameInCookie(t, b), nil)
		})
	}
}

func TestMethodsAndCrossSite(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	req, _ := http.NewRequest(http.MethodDelete, browser.Origin+"/login", nil)
	b.Do(req).WantStatus(http.StatusMethodNotAllowed)

	req, _ = http.NewRequest(http.MethodPost, browser.Origin+"/login",
		strings.NewReader("username=mallory"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	b.Do(req).WantStatus(http.StatusForbidden)
	browser.Want(t, "ім'я в сесії", usernameInCookie(t, b), nil)
}
