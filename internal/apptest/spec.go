package apptest

import (
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
)

// Специфікація застосунку заняття: сценарії, які визначають, що він
// робить, — записані один раз і перевірені на кожній його версії
// (крок 06 на gorilla, застосунок у Redis, застосунок на scs). Назви
// підтестів читаються як сама специфікація:
//
//	go test -run 'TestSpec' -v ./steps/06-permanent/
//
// Там, де версія відрізняється задумом (наприклад, сховище в кукі не
// може відкликати свою копію), сценарій не пропускається мовчки: він
// запускає підтест, назва якого називає відмінність, і перевіряє саме
// її.

// Storage says where a target keeps the session's data.
type Storage int

const (
	// InCookie: the data travels in the signed cookie itself
	// (gorilla's CookieStore).
	InCookie Storage = iota
	// ServerSide: the cookie carries only an ID, the data lives on the
	// server (Redis, scs's memstore).
	ServerSide
)

// A Target is one version of the lesson app and what it declares about
// itself. The zero value of every property is step 06's behaviour.
type Target struct {
	// New returns a fresh handler of the app with its own empty store
	// and a test key. Scenarios where time matters call it inside a
	// synctest bubble, so that the store reads the bubble's clock.
	New func(t *testing.T) http.Handler

	// Storage is where the session's data lives.
	Storage Storage

	// BareToken: the cookie is only a random token, with no signature
	// and no time in it (scs), so it stays the same for the whole life
	// of the session.
	BareToken bool

	// RealClock: the store counts time by itself, outside the
	// program (scs's redisstore sets PEXPIREAT, and Redis expires the
	// key on its own clock), so synctest cannot move its time.
	// Scenarios with time then say so by name and stop.
	RealClock bool

	// OrdinarySlides: every request prolongs an ordinary session too,
	// not only a remembered one (scs's IdleTimeout).
	OrdinarySlides bool

	// LoginFlash: after login the home page first shows the one-time
	// message "Ви увійшли як NAME" (the Redis app, like step 07).
	LoginFlash bool

	// LogoutEndsSession: logout deletes the whole session, as step 08
	// and the Redis app do; there is no separate /forget.
	LogoutEndsSession bool

	// NoRemember: the app has no «запам'ятати мене»; the checkbox is
	// ignored and every session is an ordinary one (the Redis app).
	NoRemember bool
}

// Spec runs the whole specification against tg.
func Spec(t *testing.T, tg Target) {
	if tg.New == nil {
		t.Fatalf("apptest.Spec: Target.New — отримали nil, " +
			"очікували функцію, що створює обробник")
	}
	t.Run("вхід", func(t *testing.T) { specLogin(t, tg) })
	t.Run("вихід", func(t *testing.T) { specLogout(t, tg) })
	t.Run("забути все", func(t *testing.T) { specForget(t, tg) })
	t.Run("звичайна сесія", func(t *testing.T) { specOrdinary(t, tg) })
	t.Run("запам'ятати мене", func(t *testing.T) { specRemember(t, tg) })
	t.Run("абсолютний строк", func(t *testing.T) { specCap(t, tg) })
	t.Run("погані кукі", func(t *testing.T) { specBadCookies(t, tg) })
	t.Run("захист", func(t *testing.T) { specGuards(t, tg) })
	t.Run("ID сесії", func(t *testing.T) { specSessionID(t, tg) })
	t.Run("відкликання", func(t *testing.T) { specRevocation(t, tg) })
}

// withClock runs f in a synctest bubble: time.Sleep there passes at
// once. On a target whose store keeps its own real clock the subtest
// says so by its name and stops: faking the program's clock would
// not move Redis's.
func (tg Target) withClock(t *testing.T, name string,
	f func(t *testing.T)) {
	t.Helper()
	if tg.RealClock {
		t.Run(name+" — час рахує саме сховище, synctest його не пересуне",
			func(t *testing.T) {
				t.Skip("сховище стежить за строком на власному " +
					"годиннику: цей сценарій перевірено на тому самому " +
					"застосунку зі сховищем у пам'яті")
			})
		return
	}
	t.Run(name, func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			bubbles.Store(t, true)
			defer bubbles.Delete(t)
			f(t)
		})
	})
}

// bubbles holds the *testing.T of every scenario running in a
// synctest bubble right now.
var bubbles sync.Map

// InBubble reports whether t is the test of a scenario that runs in a
// synctest bubble. Target.New uses it to stop, before the bubble ends,
// a goroutine its library starts (scs.New starts one): the bubble
// cannot end while any of its goroutines is alive.
func InBubble(t *testing.T) bool {
	_, ok := bubbles.Load(t)
	return ok
}

// forgetPath is the action that deletes the whole session.
func (tg Target) forgetPath() string {
	if tg.LogoutEndsSession {
		return "/logout"
	}
	return "/forget"
}
