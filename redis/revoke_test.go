package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
	"example.com/lesson27/redis/internal/redistest"
)

// Відкликання, яке не скасовує ні клієнт, що пішов, ні активність:
// вихід і новий вхід з уже скасованим контекстом запиту, абсолютний
// строк.

// hungUp надсилає форму на path з кукі c так, як її надсилає клієнт, що
// закрив з'єднання одразу після запиту: контекст запиту вже скасовано.
func hungUp(h http.Handler, path string, form url.Values, c *http.Cookie) {
	req := httptest.NewRequest(http.MethodPost, browser.Origin+path,
		strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	ctx, cancel := context.WithCancel(req.Context())
	cancel()
	h.ServeHTTP(httptest.NewRecorder(), req.WithContext(ctx))
}

// Клієнт закрив з'єднання, щойно надіслав POST /logout (чи POST /login):
// сесію однаково видалено в Redis, і копія кукі нічого не відкриває.
func TestRevocationSurvivesHangUp(t *testing.T) {
	for _, tt := range []struct {
		what, path string
		form       url.Values
	}{
		{"вихід", "/logout", nil},
		{"новий вхід", "/login", url.Values{"username": {"bob"}}},
	} {
		t.Run(tt.what, func(t *testing.T) {
			client := redistest.Start(t).NewClient(t)
			h := newHandler(newStore(client, testKey))
			b := browser.New(t, h)
			login(b, "alice")
			stolen := b.Cookie(sessionName)
			if stolen == nil {
				t.Fatalf("кукі %q у браузері — отримали браузер без неї, "+
					"очікували, що вона там є", sessionName)
			}
			hungUp(h, tt.path, tt.form, stolen)
			n, _ := client.Exists(context.Background(), keyOf(t, stolen)).Result()
			browser.Want(t, "ключів сесії в Redis після POST "+tt.path, n, int64(0))
			thief := browser.New(t, h)
			thief.SetCookie(stolen)
			thief.Get("/profile").WantBody("Not logged in")
		})
	}
}

// Redis дійшов до maxmemory з політикою noeviction і відмовляє в
// записі. Вихід однаково завершує сесію: DEL пам'ять звільняє, і Redis
// його виконує (а транзакцію MULTI … EXEC з ним відкинув би цілою).
func TestLogoutWhenRedisIsFull(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	h := newHandler(newStore(client, testKey))
	b := browser.New(t, h)
	login(b, "alice")
	stolen := b.Cookie(sessionName)
	if stolen == nil {
		t.Fatalf("кукі %q у браузері — отримали браузер без неї, "+
			"очікували, що вона там є", sessionName)
	}
	ctx := context.Background()
	for _, kv := range [][2]string{{"maxmemory-policy", "noeviction"}, {"maxmemory", "1"}} {
		if err := client.ConfigSet(ctx, kv[0], kv[1]).Err(); err != nil {
			t.Fatalf("CONFIG SET %s %s: %v", kv[0], kv[1], err)
		}
	}
	b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/")
	n, _ := client.Exists(ctx, keyOf(t, stolen)).Result()
	browser.Want(t, "ключів сесії в Redis після POST /logout", n, int64(0))
	thief := browser.New(t, h)
	thief.SetCookie(stolen)
	thief.Get("/profile").WantBody("Not logged in")
}

// Абсолютний строк видаляє сесію в Redis, а не лише не пускає її
// кукі: ключа вкраденої кукі там більше немає. Специфікація
// (TestSpec, «абсолютний строк») перевіряє решту: активність до строку
// і копію кукі.
func TestLoginLifetimeDeletesSession(t *testing.T) {
	srv := redistest.Start(t)
	synctest.Test(t, func(t *testing.T) {
		client := srv.NewClient(t)
		h := newHandler(newStore(client, testKey))
		b := browser.New(t, h)
		login(b, "alice")
		first := b.Cookie(sessionName)
		for range 12*3 - 1 {
			time.Sleep(20 * time.Minute)
			b.Get("/visits")
		}
		// Рівно 12 годин від входу: строк минув.
		time.Sleep(20 * time.Minute)
		b.Get("/").WantBody("You are not logged in")
		n, _ := client.Exists(context.Background(), keyOf(t, first)).Result()
		browser.Want(t, "ключів сесії в Redis після 12 годин", n, int64(0))
		wantKeys(t, client, 0)
	})
}
