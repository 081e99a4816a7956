package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

// failingStore — memstore, Commit якого відмовляє, доки ввімкнено fail:
// так поводиться Redis, що не приймає записів (maxmemory).
type failingStore struct {
	*memstore.MemStore
	fail atomic.Bool
}

func (s *failingStore) Commit(token string, b []byte, expiry time.Time) error {
	if s.fail.Load() {
		return errors.New("OOM command not allowed when used memory > 'maxmemory'")
	}
	return s.MemStore.Commit(token, b, expiry)
}

// Сховище не прийняло сесію: відповідь — лише 500 з текстом курсу, без
// сторінки, яку обробник уже написав, і без кукі. Наступний запит,
// коли сховище знову працює, — як звичайно.
func TestFailedSaveSendsNoPage(t *testing.T) {
	store := &failingStore{MemStore: memstore.NewWithCleanupInterval(0)}
	b := browser.New(t, newHandler(newManager(store)))
	apptest.Login(b, "alice", false)
	store.fail.Store(true)
	for _, path := range []string{"/profile", "/", "/visits"} {
		r := b.Get(path).WantStatus(http.StatusInternalServerError).
			WantBody("Внутрішня помилка сервера.")
		if c := r.SetCookie(sessionName); c != nil {
			t.Errorf("GET %s: кукі — %s", path,
				browser.GotWant(c.String(), "без Set-Cookie"))
		}
		r.WantPrivate()
	}
	store.fail.Store(false)
	b.Get("/profile").WantStatus(http.StatusOK).WantBody("User: alice")
}

// 20 000 запитів GET /visits без кукі — кожен заводить сесію. Сховище
// тримає щонайбільше maxAnonymous із них, найновіші, а сесію після
// входу потік анонімних відвідувачів не витісняє.
func TestAnonymousSessionsCapped(t *testing.T) {
	store := memstore.NewWithCleanupInterval(0)
	h := newHandler(newManager(store))
	alice := browser.New(t, h)
	apptest.Login(alice, "alice", false)
	first := browser.New(t, h)
	first.Get("/visits").WantBody("Візитів у цій сесії: 1")

	const flood = 20_000
	for i := range flood {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, browser.Origin+"/visits", nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET /visits без кукі, запит %d: статус — %s",
				i+1, browser.GotWant(rec.Code, http.StatusOK))
		}
	}
	last := browser.New(t, h)
	last.Get("/visits").WantBody("Візитів у цій сесії: 1")

	all, err := store.All()
	if err != nil {
		t.Fatalf("All — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	browser.Want(t, fmt.Sprintf("сесій у сховищі після %d анонімних відвідувачів і входу", flood),
		len(all), maxAnonymous+1)
	t.Run("сесія після входу лишилася", func(t *testing.T) {
		alice.Get("/").WantBody("Logged in as alice")
	})
	t.Run("найновіша анонімна сесія лишилася", func(t *testing.T) {
		last.Get("/visits").WantBody("Візитів у цій сесії: 2")
	})
	t.Run("найстарішу анонімну сесію видалено: лічильник знову з 1", func(t *testing.T) {
		first.Get("/visits").WantBody("Візитів у цій сесії: 1")
	})
}

// Перевірка типу: guard — сховище scs з контекстом.
var _ scs.CtxStore = (*guard)(nil)
