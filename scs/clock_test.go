package main

import (
	"fmt"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

// lateStore — memstore, що тримає сесію на добу довше, ніж просить scs:
// так поводиться Redis, чий годинник відстає від годинника застосунку.
type lateStore struct{ *memstore.MemStore }

func (s lateStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.MemStore.Commit(token, b, expiry.Add(24*time.Hour))
}

// lateManager — менеджер застосунку зі сховищем lateStore; m — memstore
// під ним.
func lateManager(t *testing.T) (sm *scs.SessionManager, m *memstore.MemStore) {
	sm = newManager(nil)
	stopCleanup(t, sm)
	m = sm.Store.(*guard).Unwrap().(*memstore.MemStore)
	sm.Store = newGuard(lateStore{m})
	return sm, m
}

// Абсолютний строк рахує годинник застосунку, а не сховища. Сховище, що
// тримає сесію довше, її не продовжить: о 12-й годині від входу
// застосунок сам закінчує сесію (endIfTooOld) і видаляє її зі сховища,
// тож і копія кукі нічого не відкриває.
func TestAppClockEndsSession(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sm, m := lateManager(t)
		h := newHandler(sm)
		b := browser.New(t, h)
		apptest.Login(b, "alice", false)
		token := b.Cookie(sessionName).Value
		for range 12*3 - 1 {
			time.Sleep(20 * time.Minute)
			b.Get("/visits")
		}
		b.Get("/").WantBody("Logged in as alice")
		time.Sleep(20 * time.Minute) // рівно 12 годин від входу
		b.Get("/").WantBody("You are not logged in")
		if _, found, _ := m.Find(token); found {
			t.Errorf("сесія в сховищі через 12 годин після входу — отримали є, очікували немає")
		}
		thief := browser.New(t, h)
		thief.SetCookie(&http.Cookie{Name: sessionName, Value: token, Path: "/"})
		thief.Get("/profile").WantBody("Not logged in")
	})
}

// Кукі «запам'ятати мене» не обіцяє й на секунду більше, ніж дозволить
// сервер: Max-Age — не більше, ніж лишилося до кінця сесії, Expires —
// не пізніше за нього. (Сам scs округлює обидва на секунду вгору.)
func TestRememberCookieNeverOutlivesSession(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sm := newManager(nil)
		stopCleanup(t, sm)
		b := browser.New(t, newHandler(sm))
		end := time.Now().Add(rememberLifetime)
		want := func(what string, c *http.Cookie) {
			t.Helper()
			if c == nil {
				t.Fatalf("%s: кукі — отримали відповідь без неї, очікували Set-Cookie", what)
			}
			left := min(idleTimeout, time.Until(end))
			if time.Duration(c.MaxAge)*time.Second > left {
				t.Errorf("%s: Max-Age кукі — %s", what, browser.GotWant(c.MaxAge,
					browser.Phrase(fmt.Sprintf("не більше %d", int(left/time.Second)))))
			}
			if limit := time.Now().Add(left); c.Expires.After(limit) {
				t.Errorf("%s: Expires кукі — %s", what, browser.GotWant(
					browser.Phrase(c.Expires.UTC().Format(http.TimeFormat)),
					browser.Phrase("не пізніше за "+limit.UTC().Format(http.TimeFormat))))
			}
		}
		want("POST /login", apptest.Login(b, "alice", true).SetCookie(sessionName))
		for time.Until(end) > time.Minute {
			time.Sleep(min(20*time.Minute, time.Until(end)-time.Minute/2))
			want("GET /visits", b.Get("/visits").SetCookie(sessionName))
			if t.Failed() {
				t.FailNow()
			}
		}
	})
}
