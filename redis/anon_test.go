package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/lesson27/internal/browser"
	"example.com/lesson27/redis/internal/redistest"
)

// 20 000 запитів GET /visits без кукі — кожен заводить сесію. Redis
// тримає щонайбільше maxAnonymous із них, найновіші, а сесію після
// входу потік анонімних відвідувачів не витісняє.
func TestAnonymousSessionsCapped(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	h := newHandler(newStore(client, testKey))
	alice := browser.New(t, h)
	login(alice, "alice")
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

	keys, err := client.Keys(context.Background(), "session:*").Result()
	if err != nil {
		t.Fatalf("KEYS session:* — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	browser.Want(t, fmt.Sprintf("сесій у Redis після %d анонімних відвідувачів і входу", flood),
		len(keys), maxAnonymous+1)
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
