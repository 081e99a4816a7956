package main

import (
	"bytes"
	"net/http"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func TestVisitCounter(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	b.Get("/").WantStatus(http.StatusOK).WantBody("Ви відкрили цю сторінку 1 раз(и).")
	b.Get("/").WantBody("Ви відкрили цю сторінку 2 раз(и).")

	t.Run("інший браузер має свій лічильник", func(t *testing.T) {
		other := browser.New(t, newHandler(newStore(testKey)))
		other.Get("/").WantBody("Ви відкрили цю сторінку 1 раз(и).")
	})
	t.Run("інші шляхи — 404", func(t *testing.T) {
		b.Get("/nope").WantStatus(http.StatusNotFound)
	})
}

func TestCookieAttributes(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	c := b.Get("/").WantSetCookie(sessionName)
	browser.Want(t, "HttpOnly", c.HttpOnly, true)
	browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
	browser.Want(t, "Secure", c.Secure, true)
	browser.Want(t, "Path", c.Path, "/")
	// Типовий строк gorilla/sessions — 30 днів (у Flask — до закриття
	// браузера); крок 06 це змінює.
	browser.Want(t, "Max-Age", c.MaxAge, 30*24*60*60)
}
