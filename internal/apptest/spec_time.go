package apptest

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"example.com/lesson27/internal/browser"
)

// lifetime — таймаут сесії заняття: 30 хвилин.
const lifetime = 30 * time.Minute

// wantAbout30Min checks that a persistent cookie lives 30 minutes. A
// second either way is the library's rounding (scs rounds up).
func wantAbout30Min(t *testing.T, what string, c *http.Cookie) {
	t.Helper()
	const want = int(lifetime / time.Second)
	if c.MaxAge < want-5 || c.MaxAge > want+1 {
		t.Errorf("%s: Max-Age кукі — %s", what,
			browser.GotWant(c.MaxAge, fmt.Sprintf("%d (±1 с)", want)))
	}
}

// keepActive visits / every 20 minutes for 3 hours and checks each time
// that alice is still logged in.
func keepActive(b *browser.Browser) {
	for i := 1; i <= 9; i++ {
		time.Sleep(20 * time.Minute)
		b.Get("/").WantBody(loggedIn("alice"))
	}
}

func specOrdinary(t *testing.T, tg Target) {
	t.Run("кукі до закриття браузера: без Max-Age і Expires",
		func(t *testing.T) {
			c := Login(tg.open(t), "alice", false).WantSetCookie(sessionName)
			browser.Want(t, "Max-Age", c.MaxAge, 0)
			browser.Want(t, "Expires задано", !c.Expires.IsZero(), false)
			browser.Want(t, "HttpOnly", c.HttpOnly, true)
			browser.Want(t, "Secure", c.Secure, true)
			browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
		})
	t.Run("після перезапуску браузера сесії немає", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
	tg.withClock(t, "29 хвилин без дій — ще в сесії", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		time.Sleep(29 * time.Minute)
		b.Get("/").WantBody(loggedIn("alice"))
	})
	tg.withClock(t, "31 хвилина без дій — браузер ще тримає кукі, "+
		"а сервер її відкидає", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		time.Sleep(31 * time.Minute)
		if b.Cookie(sessionName) == nil {
			t.Fatalf("кукі в браузері — отримали браузер без неї, очікували, що вона там є")
		}
		b.Get("/").WantBody(anonymous)
	})
	if tg.OrdinarySlides {
		tg.withClock(t, "відвідувач заходить кожні 20 хвилин — таймаут "+
			"подовжує і звичайну сесію, так задумано", func(t *testing.T) {
			b := tg.open(t)
			Login(b, "alice", false)
			keepActive(b)
		})
		return
	}
	tg.withClock(t, "відвідувач лише читає — як у Flask, таймаут "+
		"рахується від останнього збереження", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		time.Sleep(20 * time.Minute)
		b.Get("/").WantBody(loggedIn("alice"))
		time.Sleep(11 * time.Minute)
		b.Get("/").WantBody(anonymous)
	})
}

func specRemember(t *testing.T, tg Target) {
	if tg.NoRemember {
		t.Run("«запам'ятати мене» немає — так задумано: "+
			"прапорець дає звичайну сесію", func(t *testing.T) {
			b := tg.open(t)
			c := Login(b, "alice", true).WantSetCookie(sessionName)
			browser.Want(t, "POST /login: Max-Age", c.MaxAge, 0)
			b.Restart()
			b.Get("/").WantBody(anonymous)
		})
		return
	}
	t.Run("кукі на 30 хвилин", func(t *testing.T) {
		c := Login(tg.open(t), "alice", true).WantSetCookie(sessionName)
		wantAbout30Min(t, "POST /login", c)
		browser.Want(t, "HttpOnly", c.HttpOnly, true)
		browser.Want(t, "Secure", c.Secure, true)
	})
	t.Run("переживає перезапуск браузера", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", true)
		b.Restart()
		b.Get("/").WantBody(loggedIn("alice"))
	})
	t.Run("лічильник не робить кукі звичайною", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", true)
		wantAbout30Min(t, "GET /visits",
			b.Get("/visits").WantSetCookie(sessionName))
	})
	t.Run("вихід лишає кукі постійною, як _permanent у Flask",
		func(t *testing.T) {
			b := tg.open(t)
			Login(b, "alice", true)
			c := b.PostForm("/logout", nil).WantBody(anonymous).
				WantSetCookie(sessionName)
			wantAbout30Min(t, "POST /logout", c)
		})
	tg.withClock(t, "29 хвилин без дій і перезапуск — ще в сесії",
		func(t *testing.T) {
			b := tg.open(t)
			Login(b, "alice", true)
			time.Sleep(29 * time.Minute)
			b.Restart()
			b.Get("/").WantBody(loggedIn("alice"))
		})
	tg.withClock(t, "31 хвилина без дій — браузер викидає кукі, "+
		"а її копію відкидає сервер", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", true)
		old := b.Cookie(sessionName)
		time.Sleep(31 * time.Minute)
		if c := b.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері — отримали її, очікували, що браузер її вже викинув")
		}
		b.Get("/").WantBody(anonymous)
		b.SetCookie(old)
		b.Get("/").WantBody(anonymous)
	})
	tg.withClock(t, "ковзає: активність кожні 20 хвилин 3 години "+
		"тримає вхід, 31 хвилина без дій — ні", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", true)
		keepActive(b)
		b.Restart()
		b.Get("/").WantBody(loggedIn("alice"))
		time.Sleep(31 * time.Minute)
		b.Get("/").WantBody(anonymous)
	})
	specReplay(t, tg)
}

// specReplay: a cookie saved at login and sent again three hours later,
// while its owner is still active.
func specReplay(t *testing.T, tg Target) {
	name := "кукі трьохгодинної давнини сервер відкидає, хоч сесія жива"
	if tg.BareToken {
		name = "кукі — лише випадковий токен: його стара копія " +
			"відкриває ту саму живу сесію — так задумано, закриває її вихід"
	}
	tg.withClock(t, name, func(t *testing.T) {
		h := tg.New(t)
		b := browser.New(t, h)
		Login(b, "alice", true)
		first := b.Cookie(sessionName)
		keepActive(b)
		thief := browser.New(t, h)
		thief.SetCookie(first)
		if !tg.BareToken {
			thief.Get("/").WantBody(anonymous)
			return
		}
		thief.Get("/").WantBody(loggedIn("alice"))
		b.PostForm("/logout", nil).WantBody(anonymous)
		thief.Get("/").WantBody(anonymous)
	})
}
