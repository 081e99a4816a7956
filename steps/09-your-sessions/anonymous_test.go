package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

// getVisits надсилає GET /visits з кукі c (nil — без кукі) просто в
// обробник, без браузера: так 20 000 запитів минають за секунди.
func getVisits(h http.Handler, c *http.Cookie) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, browser.Origin+"/visits", nil)
	if c != nil {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// Межа анонімних сесій: 20 000 запитів GET /visits без кукі лишають
// у теці не 20 000 файлів, а maxAnonymous. Понад межу відвідувач
// бачить сторінку, але без кукі. Записані анонімні сесії працюють
// далі, а вхід працює завжди: сесії тих, хто ввійшов, межа не рахує і
// не витісняє.
func TestAnonymousSessionsCapped(t *testing.T) {
	dir := t.TempDir()
	h := newHandler(newStore(dir, testKey))
	alice := browser.New(t, h)
	login(alice, "alice")

	first := getVisits(h, nil).Result().Cookies()
	for i := 1; i < 20_000; i++ {
		rec := getVisits(h, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("запит %d: статус — отримали %d, очікували 200", i+1, rec.Code)
		}
	}
	wantFiles(t, dir, maxAnonymous+1) // анонімні + сесія alice

	rec := getVisits(h, nil)
	browser.Want(t, "GET /visits понад межу: тіло", rec.Body.String(),
		"Візитів у цій сесії: 1\n")
	browser.Want(t, "GET /visits понад межу: Set-Cookie", rec.Header().Get("Set-Cookie"), "")

	if len(first) != 1 {
		t.Fatalf("перший GET /visits: кукі — отримали %d, очікували одну", len(first))
	}
	rec = getVisits(h, first[0])
	browser.Want(t, "GET /visits з першою анонімною кукі: тіло", rec.Body.String(),
		"Візитів у цій сесії: 2\n")

	alice.Get("/profile").WantBody("User: alice")
	bob := browser.New(t, h)
	login(bob, "bob").WantBody("Ви увійшли як bob\nLogged in as bob")
	bob.Get("/visits").WantBody("Візитів у цій сесії: 1")
	wantFiles(t, dir, maxAnonymous+2)
	bob.PostForm("/logout", nil).WantBody("You are not logged in")
	wantFiles(t, dir, maxAnonymous+1)
}

// Межа не вічна: анонімні сесії, що минули, звільняють місце. І
// файли, що лишилися від попереднього запуску сервера, облік бачить
// після першого прибирання, одразу після старту.
func TestAnonymousCapFreesAndCountsOldFiles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		store := newStore(dir, testKey)
		store.MaxAnonymous = 3
		h := newHandler(store)
		for range 5 {
			getVisits(h, nil)
		}
		wantFiles(t, dir, 3)

		// Перезапуск: нове сховище на тій самій теці.
		store = newStore(dir, testKey)
		store.MaxAnonymous = 3
		// Як у main: перше прибирання — до першого запиту.
		if err := store.clean(); err != nil {
			t.Fatalf("прибирання — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		go store.cleanEvery(t.Context(), cleanupInterval)
		h = newHandler(store)
		if c := getVisits(h, nil).Header().Get("Set-Cookie"); c != "" {
			t.Errorf("GET /visits після перезапуску: Set-Cookie — отримали %q, "+
				"очікували порожньо (межу вже досягнуто)", c)
		}
		wantFiles(t, dir, 3)

		// 31 хвилина бездіяльності і прибирання: старі анонімні сесії
		// минули, нові записуються знову.
		time.Sleep(sessionLifetime + cleanupInterval)
		synctest.Wait()
		wantFiles(t, dir, 0)
		for range 5 {
			getVisits(h, nil)
		}
		wantFiles(t, dir, 3)
	})
}
