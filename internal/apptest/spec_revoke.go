package apptest

import (
	"net/http"
	"testing"
	"time"

	"example.com/lesson27/internal/browser"
)

// wantCookie returns the cookie the browser holds, or stops the test.
func wantCookie(t *testing.T, b *browser.Browser, when string) *http.Cookie {
	t.Helper()
	c := b.Cookie(sessionName)
	if c == nil {
		t.Fatalf("%s: кукі %q у браузері — отримали браузер без неї, очікували, що вона там є",
			when, sessionName)
	}
	return c
}

func specSessionID(t *testing.T, tg Target) {
	// Відвідувач отримав кукі до входу; таку кукі міг підкинути й
	// зловмисник (фіксація сесії, session fixation).
	h := tg.New(t)
	victim := browser.New(t, h)
	victim.Get("/visits").WantBody(visits("1"))
	planted := wantCookie(t, victim, "до входу")
	Login(victim, "alice", false)
	after := wantCookie(t, victim, "після входу")
	if after.Value == planted.Value {
		t.Errorf("кукі після входу — отримали ту саму, що до входу, " +
			"очікували нову")
	}
	t.Run("дані сесії переходять у нову", func(t *testing.T) {
		victim.Get("/visits").WantBody(visits("2"))
	})
	t.Run("кукі до входу не відкриває сесію користувача",
		func(t *testing.T) {
			attacker := browser.New(t, h)
			attacker.SetCookie(planted)
			attacker.Get("/").WantBody(anonymous)
		})
	if tg.Storage == InCookie {
		t.Run("сховище в кукі: ID немає, кукі до входу несе свої старі "+
			"дані (лічильник, але не ім'я) — так задумано",
			func(t *testing.T) {
				attacker := browser.New(t, h)
				attacker.SetCookie(planted)
				attacker.Get("/visits").WantBody(visits("2"))
			})
		return
	}
	t.Run("старий ID мертвий: його даних більше немає", func(t *testing.T) {
		attacker := browser.New(t, h)
		attacker.SetCookie(planted)
		attacker.Get("/visits").WantBody(visits("1"))
	})
}

func specRevocation(t *testing.T, tg Target) {
	if tg.Storage == InCookie {
		tg.withClock(t, "сховище в кукі: копія кукі після виходу досі "+
			"відкриває сесію — так задумано, до кінця таймауту",
			func(t *testing.T) {
				h := tg.New(t)
				b := browser.New(t, h)
				Login(b, "alice", false)
				stolen := wantCookie(t, b, "після входу")
				b.PostForm("/logout", nil).WantBody(anonymous)
				thief := browser.New(t, h)
				thief.SetCookie(stolen)
				thief.Get("/").WantBody(loggedIn("alice"))
				time.Sleep(31 * time.Minute)
				thief.Get("/").WantBody(anonymous)
			})
		return
	}
	t.Run("копія кукі після виходу нічого не відкриває", func(t *testing.T) {
		h := tg.New(t)
		b := browser.New(t, h)
		Login(b, "alice", false)
		b.Get("/visits").WantBody(visits("1"))
		stolen := wantCookie(t, b, "після входу")
		b.PostForm("/logout", nil).WantBody(anonymous)
		thief := browser.New(t, h)
		thief.SetCookie(stolen)
		thief.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
		thief.Get("/profile").WantBody(notLogged)
		thief.Get("/visits").WantBody(visits("1"))
	})
	t.Run("копія кукі після «забути все» нічого не відкриває",
		func(t *testing.T) {
			h := tg.New(t)
			b := browser.New(t, h)
			Login(b, "alice", false)
			stolen := wantCookie(t, b, "після входу")
			b.PostForm(tg.forgetPath(), nil).WantBody(anonymous)
			thief := browser.New(t, h)
			thief.SetCookie(stolen)
			thief.Get("/").WantBody(anonymous)
		})
	t.Run("копії з двох входів після виходу нічого не відкривають",
		func(t *testing.T) {
			h := tg.New(t)
			b := browser.New(t, h)
			Login(b, "alice", false)
			first := wantCookie(t, b, "після першого входу")
			b.PostForm("/logout", nil).WantBody(anonymous)
			Login(b, "alice", false)
			second := wantCookie(t, b, "після другого входу")
			b.PostForm("/logout", nil).WantBody(anonymous)
			for _, c := range []*http.Cookie{first, second} {
				thief := browser.New(t, h)
				thief.SetCookie(c)
				thief.Get("/").WantBody(anonymous)
			}
		})
}
