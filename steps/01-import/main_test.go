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
	t.Run("лічильник росте з кожним візитом", func(t *testing.T) {
		b.Get("/").WantStatus(http.StatusOK).WantBody("Візитів: 1")
		b.Get("/").WantBody("Візитів: 2")
	})
	t.Run("текст правильний для будь-якого числа", func(t *testing.T) {
		for range 3 {
			b.Get("/")
		}
		b.Get("/").WantBody("Візитів: 6")
	})
	t.Run("інший браузер має свій лічильник", func(t *testing.T) {
		other := browser.New(t, newHandler(newStore(testKey)))
		other.Get("/").WantBody("Візитів: 1")
	})
	t.Run("інші шляхи — 404", func(t *testing.T) {
		b.Get("/nope").WantStatus(http.StatusNotFound)
	})
}

func TestPrivate(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	t.Run("сторінка з лічильником не потрапить у спільний кеш",
		func(t *testing.T) {
			b.Get("/").WantPrivate()
			b.Get("/").WantPrivate()
		})
}

func TestCookieAttributes(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	c := b.Get("/").WantSetCookie(sessionName)
	t.Run("JavaScript сторінки кукі не прочитає", func(t *testing.T) {
		browser.Want(t, "HttpOnly", c.HttpOnly, true)
	})
	t.Run("з чужого сайту POST кукі не отримає", func(t *testing.T) {
		browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
	})
	t.Run("кукі передається лише через HTTPS", func(t *testing.T) {
		browser.Want(t, "Secure", c.Secure, true)
	})
	t.Run("кукі діє на всьому сайті", func(t *testing.T) {
		browser.Want(t, "Path", c.Path, "/")
	})
	t.Run("типовий строк gorilla — 30 днів", func(t *testing.T) {
		// У Flask звичайна сесія живе до закриття браузера; крок 06
		// робить так само.
		browser.Want(t, "Max-Age", c.MaxAge, 30*24*60*60)
	})
}
