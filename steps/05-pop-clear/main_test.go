package main

import (
	"bytes"
	"net/http"
	"net/url"
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func TestLogoutKeepsOtherValues(t *testing.T) {
	// Вихід прибирає лише ім'я, як session.pop у Flask.
	b := browser.New(t, newHandler(newStore(testKey)))
	b.PostForm("/login", url.Values{"username": {"alice"}})
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
		WantBody("You are not logged in")
	b.Get("/profile").WantBody("Not logged in")
	// Лічильник пережив вихід: pop прибрав лише ім'я.
	b.Get("/visits").WantBody("Візитів у цій сесії: 2")

	t.Run("вихід без входу нічого не ламає", func(t *testing.T) {
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
		b.Get("/visits").WantBody("Візитів у цій сесії: 3")
	})
	t.Run("GET /logout лише показує кнопку", func(t *testing.T) {
		b.PostForm("/login", url.Values{"username": {"alice"}})
		b.Get("/logout").WantStatus(http.StatusOK).
			WantBodyContains(`action="/logout"`)
		b.Get("/").WantBody("Logged in as alice")
	})
}

func TestForgetDeletesCookie(t *testing.T) {
	t.Run("«забути все» видаляє кукі й обнуляє лічильник", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.PostForm("/login", url.Values{"username": {"alice"}})
		b.Get("/visits")
		r := b.PostForm("/forget", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
		// Заголовок Max-Age=0 Go читає як MaxAge = -1: «видалити зараз».
		browser.Want(t, "POST /forget: Max-Age кукі",
			r.WantSetCookie(sessionName).MaxAge, -1)
		if c := b.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері — отримали %s, очікували, що браузер "+
				"її видалить", c.String())
		}
		b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	})
}

func TestFormHygiene(t *testing.T) {
	apptest.FormHygiene(t, func() http.Handler {
		return newHandler(newStore(testKey))
	})
}

func TestPrivate(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	t.Run("жодна сторінка не потрапить у спільний кеш", func(t *testing.T) {
		b.PostForm("/login", url.Values{"username": {"alice"}}).WantPrivate()
		for _, path := range []string{"/", "/profile", "/login", "/logout",
			"/visits"} {
			b.Get(path).WantPrivate()
		}
		b.PostForm("/logout", nil).WantPrivate()
		b.PostForm("/forget", nil).WantPrivate()
	})
}
