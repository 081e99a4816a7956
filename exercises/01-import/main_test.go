package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const firstVisit = "Привіт! Ви тут уперше."

// returning — що бачить відвідувач, який був тут minutes хвилин тому.
func returning(minutes int) string {
	return fmt.Sprintf("З поверненням! Минулий візит: %d хв тому.", minutes)
}

func TestGreeting(t *testing.T) {
	t.Run("перший візит", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/").WantStatus(http.StatusOK).WantBody(firstVisit)
	})
	t.Run("другий і третій візит у тому ж браузері", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			b.Get("/")
			b.Get("/").WantStatus(http.StatusOK).WantBody(returning(0))
			b.Get("/").WantStatus(http.StatusOK).WantBody(returning(0))
		})
	})
	// Один сервер обслуговує всіх відвідувачів: те, що знає про
	// одного, не має «перетекти» до іншого.
	t.Run("два браузери на одному сервері", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			alice, bob := browser.New(t, h), browser.New(t, h)
			alice.Get("/")
			alice.Get("/").WantBody(returning(0))
			bob.Get("/").WantBody(firstVisit)
			bob.Get("/").WantBody(returning(0))
		})
	})
	t.Run("зіпсована кукі — знову вперше, а не помилка", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/").WantSetCookie(sessionName)
		b.TamperCookie(sessionName)
		b.Get("/").WantStatus(http.StatusOK).WantBody(firstVisit)
	})
}

// Час у тестах іде через synctest: три години минають за мить.
func TestLastVisit(t *testing.T) {
	t.Run("хвилини від минулого візиту, а не від першого", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			b.Get("/")
			time.Sleep(5 * time.Minute)
			b.Get("/").WantBody(returning(5))
			time.Sleep(2 * time.Minute)
			b.Get("/").WantBody(returning(2))
			time.Sleep(3 * time.Hour)
			b.Get("/").WantBody(returning(180))
		})
	})
	t.Run("неповна хвилина не рахується", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			b.Get("/")
			time.Sleep(90 * time.Second)
			b.Get("/").WantBody(returning(1))
			time.Sleep(59 * time.Second)
			b.Get("/").WantBody(returning(0))
		})
	})
	t.Run("у кожного браузера свій минулий візит", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			alice, bob := browser.New(t, h), browser.New(t, h)
			alice.Get("/")
			time.Sleep(4 * time.Minute)
			bob.Get("/")
			time.Sleep(6 * time.Minute)
			alice.Get("/").WantBody(returning(10))
			bob.Get("/").WantBody(returning(6))
		})
	})
}

// Кожна відповідь залежить від кукі відвідувача, тож жоден спільний
// кеш не має її зберігати: ні першу, ні наступні, ні сторінку помилки.
func TestPrivate(t *testing.T) {
	t.Run("перший і наступний візити", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/").WantPrivate()
		b.Get("/").WantPrivate()
	})
	t.Run("зіпсована кукі", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/").WantSetCookie(sessionName)
		b.TamperCookie(sessionName)
		b.Get("/").WantPrivate()
	})
	t.Run("сесію не вдалося зберегти", func(t *testing.T) {
		browser.New(t, newHandler(brokenStore{})).Get("/").WantPrivate()
	})
}

func TestSessionCookie(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	for _, visit := range []string{"перший візит", "другий візит"} {
		c := b.Get("/").WantSetCookie(sessionName)
		browser.Want(t, visit+`: кукі "session": HttpOnly`, c.HttpOnly, true)
		browser.Want(t, visit+`: кукі "session": SameSite`, c.SameSite, http.SameSiteLaxMode)
		browser.Want(t, visit+`: кукі "session": Path`, c.Path, "/")
	}
}

// Сховище не змогло зберегти сесію — відповідь 500, а не привітання:
// відвідувач без кукі прийде знову «вперше», і сервер має про це знати.
func TestSaveErrorIs500(t *testing.T) {
	b := browser.New(t, newHandler(brokenStore{}))
	b.Get("/").WantStatus(http.StatusInternalServerError).WantBodyLacks(firstVisit)
}

// brokenStore — сховище сесій, яке читає, але не може зберегти
// (наприклад, диск повний).
type brokenStore struct{}

func (s brokenStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

func (s brokenStore) New(r *http.Request, name string) (*sessions.Session, error) {
	session := sessions.NewSession(s, name)
	session.IsNew = true
	return session, nil
}

func (s brokenStore) Save(*http.Request, http.ResponseWriter, *sessions.Session) error {
	return errors.New("сховище зламалося")
}
