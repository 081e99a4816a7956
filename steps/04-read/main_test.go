package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func TestReadPages(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	t.Run("анонімному відвідувачу — тексти Flask для гостя",
		func(t *testing.T) {
			b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
			b.Get("/profile").WantStatus(http.StatusOK).WantBody("Not logged in")
		})
	t.Run("після входу головна і профіль показують ім'я", func(t *testing.T) {
		b.PostForm("/login", url.Values{"username": {"alice"}}).
			WantBody("Logged in as alice")
		b.Get("/profile").WantBody("User: alice")
	})
	t.Run("зіпсована кукі — анонімний відвідувач", func(t *testing.T) {
		b.TamperCookie(sessionName)
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
	})
}

// Ім'я з HTML лишається текстом: тип text/plain і nosniff. Версія
// Flask із конспекту віддала б його як text/html.
func TestOutputIsNotHTML(t *testing.T) {
	t.Run("ім'я з HTML лишається текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		name := `<script>alert(1)</script>`
		b.PostForm("/login", url.Values{"username": {name}})
		for _, path := range []string{"/", "/profile"} {
			r := b.Get(path).WantBodyContains(name)
			browser.Want(t, path+": Content-Type",
				r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
			browser.Want(t, path+": X-Content-Type-Options",
				r.Header.Get("X-Content-Type-Options"), "nosniff")
		}
	})
}

// Значення іншого типу не ламає сторінку: форма «кома ok».
func TestValueOfAnotherType(t *testing.T) {
	t.Run("значення іншого типу в сесії не ламає сторінок", func(t *testing.T) {
		store := newStore(testKey)
		b := browser.New(t, newHandler(store))
		// Сесію з username = 42 (число) створює сам тест тим самим сховищем.
		rec := httptest.NewRecorder()
		req, _ := http.NewRequest(http.MethodGet, browser.Origin+"/", nil)
		session, _ := store.New(req, sessionName)
		session.Values["username"] = 42
		if err := session.Save(req, rec); err != nil {
			t.Fatal(err)
		}
		for _, c := range rec.Result().Cookies() {
			b.SetCookie(c)
		}
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
		b.Get("/profile").WantStatus(http.StatusOK).WantBody("Not logged in")
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
		for _, path := range []string{"/", "/profile", "/login"} {
			b.Get(path).WantPrivate()
		}
		b.PostForm("/login", url.Values{"username": {"alice"}}).WantPrivate()
		b.Get("/").WantPrivate()
		b.Get("/profile").WantPrivate()
	})
}
