package main

import (
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

// Абсолютний строк: 12 годин від входу, хоч би як часто відвідувач
// заходив. Власник заходить щодвадцять хвилин, злодій з копією кукі —
// щодвадцять дев'ять; таймаут бездіяльності (30 хвилин) не спрацьовує
// ні в кого з них. За секунду до строку обидва ще всередині, у мить
// строку обидва виходять. Кукі ніколи не обіцяє більше, ніж дозволить
// сервер: її Max-Age і Expires не сягають далі за строк.
func TestAbsoluteLifetime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		h := newHandler(newStore(dir, testKey))
		owner := browser.New(t, h)
		login(owner, "alice")
		end := time.Now().Add(absoluteLifetime)
		thief := browser.New(t, h)
		thief.SetCookie(cookieOf(t, owner))

		for minute := 1; minute < 12*60; minute++ {
			time.Sleep(time.Minute)
			if minute%20 == 0 {
				visit(t, owner, end)
				owner.Get("/").WantBody("Logged in as alice")
			}
			if minute%29 == 0 {
				visit(t, thief, end)
				thief.Get("/profile").WantBody("User: alice")
			}
			if t.Failed() {
				t.Fatalf("%d-та хвилина після входу: далі не перевіряємо", minute)
			}
		}
		time.Sleep(time.Minute - time.Second)
		owner.Get("/profile").WantBody("User: alice")
		thief.Get("/profile").WantBody("User: alice")
		copied := cookieOf(t, thief)

		time.Sleep(time.Second) // рівно 12 годин від входу
		// Браузер сам забуває кукі: її Max-Age скінчився разом зі
		// строком.
		owner.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
		if c := owner.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері власника — отримали %s, очікували, що її немає", c)
		}
		// Злодій на Max-Age не зважає і надсилає значення кукі далі,
		// але сервер сесії вже не приймає і видаляє її файл.
		thief.SetCookie(&http.Cookie{Name: sessionName, Value: copied.Value, Path: "/"})
		thief.Get("/profile").WantStatus(http.StatusOK).WantBody("Not logged in")
		wantFiles(t, dir, 0)
		// Збереження з цією кукі — нова анонімна сесія, а не стара.
		thief.Get("/visits").WantBody("Візитів у цій сесії: 1")
		thief.Get("/profile").WantBody("Not logged in")
	})
}

// visit відкриває /visits і перевіряє кукі відповіді: Max-Age —
// 30 хвилин, а під кінець — скільки лишилося до end, не більше;
// Expires — не пізніше за end.
func visit(t *testing.T, b *browser.Browser, end time.Time) {
	t.Helper()
	c := b.Get("/visits").WantSetCookie(sessionName)
	left := time.Until(end)
	want := min(int(sessionLifetime/time.Second), int(left/time.Second))
	browser.Want(t, "GET /visits: Max-Age кукі", c.MaxAge, want)
	if c.Expires.After(end) {
		t.Errorf("GET /visits: Expires кукі — отримали %s, очікували не пізніше %s",
			c.Expires.UTC(), end.UTC())
	}
}

// Новий вхід — новий строк: вхід за годину до кінця строку дає ще 12
// годин, а копія кукі з-перед входу нічого не відкриває.
func TestReloginStartsNewLifetime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHandler(newStore(t.TempDir(), testKey))
		b := browser.New(t, h)
		login(b, "alice")
		for range 11 * 3 {
			time.Sleep(20 * time.Minute)
			b.Get("/visits")
		}
		old := cookieOf(t, b)
		login(b, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
		c := b.Get("/visits").WantSetCookie(sessionName)
		browser.Want(t, "GET /visits після нового входу: Max-Age кукі", c.MaxAge, 1800)
		thief := browser.New(t, h)
		thief.SetCookie(old)
		thief.Get("/profile").WantBody("Not logged in")

		for range 6 {
			time.Sleep(20 * time.Minute)
			b.Get("/visits")
		}
		// 13 годин від першого входу, 2 — від другого.
		b.Get("/profile").WantBody("User: alice")
	})
}
