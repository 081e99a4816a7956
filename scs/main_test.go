package main

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/alexedwards/scs/redisstore"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
	"example.com/lesson27/scs/internal/redistest"
)

// Тести, яких немає в специфікації: те, що стосується лише scs.

// Ім'я, яке правило курсу (internal/usertext) відхиляє, ім'я не в
// UTF-8 і форма, яку не вдалося прочитати, — 400 зі своїм поясненням;
// ім'я, яке правило приймає, показано так, як правило його готує.
func TestLoginRejectsBadInput(t *testing.T) {
	apptest.NamesFollowTheRule(t, func() http.Handler {
		return newHandler(newManager(nil))
	})
	tests := []struct {
		what, body, want string
	}{
		{"не UTF-8", "username=%FF%FE",
			"Ім'я має бути текстом у кодуванні UTF-8."},
		{"задовга форма", "username=" + strings.Repeat("a", 5000),
			"Форма завелика: щонайбільше 4 КіБ."},
		{"зіпсована форма", "username=%zz",
			"Не вдалося прочитати форму: її зіпсовано."},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			b := browser.New(t, newHandler(newManager(nil)))
			req, err := http.NewRequest(http.MethodPost,
				browser.Origin+"/login", strings.NewReader(tt.body))
			if err != nil {
				t.Fatalf("запит: %v", err)
			}
			req.Header.Set("Content-Type",
				"application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			b.Do(req).WantStatus(http.StatusBadRequest).WantBody(tt.want)
			b.Get("/").WantBody("You are not logged in")
		})
	}
}

// scs.New у бульбашці synctest: горутина-прибиральник memstore живе
// вічно, і бульбашка не закінчилася б («deadlock: main bubble goroutine
// has exited but blocked goroutines remain»). Вимикач — StopCleanup
// після synctest.Wait (stopCleanup у spec_test.go). Цей тест проходить,
// лише якщо вимикач працює. Сам прибиральник у бульбашці теж іде за
// фальшивим годинником: тікер щохвилини.
func TestScsNewInBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sm := newManager(nil)
		stopCleanup(t, sm)
		b := browser.New(t, newHandler(sm))
		apptest.Login(b, "alice", false)
		time.Sleep(29 * time.Minute)
		b.Get("/").WantBody("Logged in as alice")
	})
}

// Redis недоступний — це поломка, 500, а не анонімний відвідувач.
func TestRedisDownIsServerError(t *testing.T) {
	srv := redistest.Start(t)
	sm := newManager(redisstore.New(srv.NewPool(t)))
	b := browser.New(t, newHandler(sm))
	apptest.Login(b, "alice", false).WantBody("Logged in as alice")
	srv.Stop()
	b.Get("/").WantStatus(http.StatusInternalServerError).
		WantBody("Внутрішня помилка сервера.")
}

// REDIS_ADDR задано, а Redis не відповідає: застосунок не стартує і
// каже, як запустити Redis.
func TestNewStoreRedisNotRunning(t *testing.T) {
	srv := redistest.Start(t)
	addr := srv.Addr
	srv.Stop()
	_, err := newStore(func(k string) string {
		return url.Values{"REDIS_ADDR": {addr}}.Get(k)
	})
	_, port, _ := net.SplitHostPort(addr)
	want := "Запустіть його: redis-server --port " + port +
		" --save '' --maxmemory 64mb --maxmemory-policy volatile-ttl"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("newStore: помилка — %s", browser.GotWant(
			browser.ErrText(err), "Redis недоступний… "+want+"…"))
	}
}
