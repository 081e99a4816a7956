package main

import (
	"bytes"
	"net/http"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const (
	firstVisit  = "Привіт! Ви тут уперше."
	secondVisit = "З поверненням!"
)

func TestGreeting(t *testing.T) {
	t.Run("перший візит", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/").WantStatus(http.StatusOK).WantBody(firstVisit)
	})
	t.Run("другий і третій візит у тому ж браузері", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/")
		b.Get("/").WantStatus(http.StatusOK).WantBody(secondVisit)
		b.Get("/").WantStatus(http.StatusOK).WantBody(secondVisit)
	})
	t.Run("інший браузер — знову вперше", func(t *testing.T) {
		h := newHandler(newStore(testKey))
		browser.New(t, h).Get("/")
		browser.New(t, h).Get("/").WantBody(firstVisit)
	})
	t.Run("зіпсована кукі — знову вперше, а не помилка", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/").WantSetCookie(sessionName)
		b.TamperCookie(sessionName)
		b.Get("/").WantStatus(http.StatusOK).WantBody(firstVisit)
	})
}

func TestSessionCookie(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	c := b.Get("/").WantSetCookie(sessionName)
	browser.Want(t, "кукі: HttpOnly", c.HttpOnly, true)
	browser.Want(t, "кукі: SameSite", c.SameSite, http.SameSiteLaxMode)
	browser.Want(t, "кукі: Path", c.Path, "/")
}
