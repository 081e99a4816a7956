package apptest

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"example.com/lesson27/internal/browser"
)

// Абсолютний строк сесії заняття: від входу, і жоден запит його не
// продовжує. Сервер стежить за ним сам: копія кукі, яку хтось надсилає
// знову й знову, гине тієї самої миті, що й сесія власника.
const (
	ordinaryCap = 12 * time.Hour
	rememberCap = 7 * 24 * time.Hour
)

// activityEvery — як часто заходить активний відвідувач: частіше за
// таймаут бездіяльності, тож зупинити його може лише абсолютний строк.
const activityEvery = 20 * time.Minute

// roundingSlack — на скільки кукі може обіцяти більше, ніж лишилося:
// scs округлює Max-Age і Expires до секунди вгору.
const roundingSlack = time.Second

func specCap(t *testing.T, tg Target) {
	ordinary := capCase{name: "звичайна", remember: false, cap: ordinaryCap,
		capText: "12 годин"}
	remember := capCase{name: "запам'ятати мене", remember: true,
		cap: rememberCap, capText: "7 днів"}
	if tg.NoRemember {
		// Прапорець дає звичайну сесію, тож і строк у неї звичайний.
		remember = capCase{name: "прапорець «запам'ятати мене» дає " +
			"звичайну сесію — так задумано", remember: true,
			cap: ordinaryCap, capText: "12 годин"}
	}
	for _, c := range []capCase{ordinary, remember} {
		tg.withClock(t, c.name+": активність кожні 20 хвилин тримає вхід "+
			c.capText+", хвилина понад — і сесії немає",
			func(t *testing.T) { capOwner(t, tg, c) })
		tg.withClock(t, c.name+": копія кукі, яку надсилають кожні 20 "+
			"хвилин, гине тієї самої миті", func(t *testing.T) {
			capCopy(t, tg, c)
		})
	}
	tg.withClock(t, "новий вхід — новий відлік, а копія кукі з першого "+
		"входу гине за строком першого", func(t *testing.T) {
		capNewLogin(t, tg)
	})
	if tg.Storage == InCookie {
		tg.withClock(t, "сховище в кукі: копія кукі після виходу живе, "+
			"доки нею користуються, але не довше за строк — так задумано",
			func(t *testing.T) { capCopyAfterLogout(t, tg) })
	}
}

// AbsoluteLifetime runs the specification's scenario «абсолютний
// строк» on a step's app with the cookie store (steps 06 and 07), so
// that each step has a test of that name.
func AbsoluteLifetime(t *testing.T, app App) {
	specCap(t, Target{
		New:     func(*testing.T) http.Handler { return app() },
		Storage: InCookie,
	})
}

// A capCase is one kind of session with its absolute lifetime.
type capCase struct {
	name     string
	remember bool
	cap      time.Duration
	capText  string
}

// capOwner: the owner keeps the session busy until a minute before the
// cap; a minute after it, the session is gone. Every cookie the server
// sends on the way promises no more than the server will allow.
func capOwner(t *testing.T, tg Target, c capCase) {
	b := tg.open(t)
	end := time.Now().Add(c.cap)
	r := Login(b, "alice", c.remember)
	wantNoPromiseAfter(t, r, end)
	n := 0
	visit := func() {
		t.Helper()
		n++
		// Щодоби людина закриває і знову відкриває браузер.
		if c.remember && n%72 == 0 {
			b.Restart()
		}
		wantNoPromiseAfter(t, b.Get("/visits"), end)
		wantNoPromiseAfter(t, b.Get("/").WantBody(loggedIn("alice")), end)
		if t.Failed() {
			t.FailNow() // далі те саме повідомлення повторилося б
		}
	}
	busyUntil(t, end, visit)
	time.Sleep(2 * time.Minute)
	b.Get("/").WantBody(anonymous)
	b.Get("/profile").WantBody(notLogged)
}

// busyUntil calls visit every 20 minutes while the next visit would
// still come before end, then once more a minute before end, and
// returns at that moment.
func busyUntil(t *testing.T, end time.Time, visit func()) {
	t.Helper()
	for time.Until(end) > activityEvery {
		time.Sleep(activityEvery)
		visit()
	}
	time.Sleep(time.Until(end) - time.Minute)
	visit()
}

// capCopy: someone copied the cookie right after login and keeps
// sending it every 20 minutes, while the owner is gone. The copy is in
// until a minute before the cap and out a minute after it, on every
// route.
func capCopy(t *testing.T, tg Target, c capCase) {
	h := tg.New(t)
	owner := browser.New(t, h)
	end := time.Now().Add(c.cap)
	Login(owner, "alice", c.remember)
	thief := newReplayer(t, h, wantCookie(t, owner, "після входу"))
	busyUntil(t, end, func() {
		t.Helper()
		thief.get("/visits")
		thief.get("/").WantBody(loggedIn("alice"))
		if t.Failed() {
			t.FailNow()
		}
	})
	time.Sleep(2 * time.Minute)
	wantCopyEnded(t, thief)
}

// wantCopyEnded checks that the replayed cookie is an anonymous
// visitor on every route, like a session after the idle timeout: the
// counter starts again from 1, and saving it brings no login back.
func wantCopyEnded(t *testing.T, thief *replayer) {
	t.Helper()
	thief.get("/").WantBody(anonymous)
	thief.get("/profile").WantBody(notLogged)
	thief.get("/visits").WantBody(visits("1"))
	thief.get("/").WantBody(anonymous)
}

// capNewLogin: alice logs in, stays active, and logs in again 11 hours
// later. The new login starts a new cap; a copy of the first login's
// cookie, kept busy, ends no later than the first cap.
func capNewLogin(t *testing.T, tg Target) {
	h := tg.New(t)
	b := browser.New(t, h)
	first := time.Now()
	Login(b, "alice", false)
	thief := newReplayer(t, h, wantCookie(t, b, "після першого входу"))
	both := func() {
		t.Helper()
		b.Get("/visits")
		b.Get("/").WantBody(loggedIn("alice"))
		thief.get("/visits")
		if t.Failed() {
			t.FailNow()
		}
	}
	busyUntil(t, first.Add(11*time.Hour+time.Minute), both)
	second := time.Now()
	Login(b, "alice", false)
	busyUntil(t, first.Add(ordinaryCap), both)
	time.Sleep(2 * time.Minute)
	b.Get("/").WantBody(loggedIn("alice"))
	thief.get("/").WantBody(anonymous)
	busyUntil(t, second.Add(ordinaryCap), func() {
		t.Helper()
		b.Get("/visits")
		b.Get("/").WantBody(loggedIn("alice"))
		if t.Failed() {
			t.FailNow()
		}
	})
	time.Sleep(2 * time.Minute)
	b.Get("/").WantBody(anonymous)
}

// capCopyAfterLogout: a cookie store cannot revoke a copy (the
// revocation scenario shows it); the cap is what ends a copy that its
// holder keeps busy after the owner logged out.
func capCopyAfterLogout(t *testing.T, tg Target) {
	h := tg.New(t)
	b := browser.New(t, h)
	end := time.Now().Add(ordinaryCap)
	Login(b, "alice", false)
	thief := newReplayer(t, h, wantCookie(t, b, "після входу"))
	b.PostForm("/logout", nil).WantBody(anonymous)
	busyUntil(t, end, func() {
		t.Helper()
		thief.get("/visits")
		thief.get("/").WantBody(loggedIn("alice"))
		if t.Failed() {
			t.FailNow()
		}
	})
	time.Sleep(2 * time.Minute)
	wantCopyEnded(t, thief)
}

// wantNoPromiseAfter checks every session cookie a response sent: its
// Max-Age and Expires must not reach past end, when the server will
// refuse the session anyway. A cookie that lives until the browser
// closes promises nothing and passes.
func wantNoPromiseAfter(t *testing.T, r *browser.Response, end time.Time) {
	t.Helper()
	limit := end.Add(roundingSlack)
	for _, h := range r.Hops {
		c := h.Cookie(sessionName)
		if c == nil {
			continue
		}
		what := fmt.Sprintf("%s %s: кукі", h.Method, h.Path)
		if c.MaxAge > 0 {
			if until := time.Now().Add(time.Duration(c.MaxAge) * time.Second); until.After(limit) {
				t.Errorf("%s: Max-Age — %s", what, browser.GotWant(c.MaxAge,
					browser.Phrase(fmt.Sprintf("не більше %d (до кінця строку сесії)",
						int(time.Until(end)/time.Second)))))
			}
		}
		if !c.Expires.IsZero() && c.MaxAge >= 0 && c.Expires.After(limit) {
			t.Errorf("%s: Expires — %s", what, browser.GotWant(
				browser.Phrase(c.Expires.UTC().Format(http.TimeFormat)),
				browser.Phrase("не пізніше за "+end.UTC().Format(http.TimeFormat))))
		}
	}
}

// A replayer sends a copied session cookie the way a script does: it
// keeps the newest value the server sent, ignores Max-Age and Expires,
// and ignores the server's request to delete the cookie.
type replayer struct {
	b     *browser.Browser
	value string
}

func newReplayer(t *testing.T, h http.Handler, c *http.Cookie) *replayer {
	return &replayer{b: browser.New(t, h), value: c.Value}
}

// get visits path with the copied cookie.
func (p *replayer) get(path string) *browser.Response {
	p.b.SetCookie(&http.Cookie{Name: sessionName, Value: p.value, Path: "/"})
	r := p.b.Get(path)
	if c := r.SetCookie(sessionName); c != nil && c.MaxAge >= 0 && c.Value != "" {
		p.value = c.Value
	}
	return r
}
