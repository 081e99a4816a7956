package main

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

func TestLoginFlow(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantBody("You are not logged in")
	b.Get("/profile").WantBody("Not logged in")
	b.Get("/login").WantStatus(http.StatusOK).
		WantBodyContains(`name="username"`).WantBodyContains(`name="remember"`)

	apptest.Login(b, "alice", false).
		WantRedirect(http.StatusSeeOther, "/").
		WantBody("Ви увійшли як alice\nLogged in as alice")
	b.Get("/profile").WantBody("User: alice")
}

func TestFlashShownOnce(t *testing.T) {
	b := newBrowser(t)
	// POST /login переспрямовує на головну: вона й показує повідомлення.
	apptest.Login(b, "alice", false).
		WantBody("Ви увійшли як alice\nLogged in as alice")
	b.Get("/").WantBody("Logged in as alice")
	b.Get("/").WantBody("Logged in as alice")

	t.Run("головна без повідомлень не надсилає кукі", func(t *testing.T) {
		if c := b.Get("/").SetCookie(sessionName); c != nil {
			t.Errorf("GET /: кукі — %s", browser.GotWant(c.String(), "без Set-Cookie"))
		}
	})
	t.Run("кожен вхід — своє повідомлення", func(t *testing.T) {
		apptest.Login(b, "bob", false).
			WantBody("Ви увійшли як bob\nLogged in as bob")
		b.Get("/").WantBody("Logged in as bob")
	})
	t.Run("профіль повідомлень не читає", func(t *testing.T) {
		b := newBrowser(t)
		b.Get("/profile").WantBody("Not logged in")
		apptest.Login(b, "alice", false)
		b.Get("/profile").WantBody("User: alice")
	})
}

// Пастка: Flashes без Save. Тест додає до застосунку дві службові
// сторінки: POST /test/flash кладе повідомлення в сесію, а
// GET /test/peek читає його, але сесію не зберігає.
func TestFlashesNeedSave(t *testing.T) {
	store := newStore(testKey)
	mux := http.NewServeMux()
	mux.Handle("/", newHandler(store))
	mux.HandleFunc("POST /test/flash", func(w http.ResponseWriter, r *http.Request) {
		session, _ := store.Get(r, sessionName)
		session.AddFlash("Привіт")
		if err := session.Save(r, w); err != nil {
			t.Errorf("Save: %v", err)
		}
	})
	mux.HandleFunc("GET /test/peek", func(w http.ResponseWriter, r *http.Request) {
		session, _ := store.Get(r, sessionName)
		fmt.Fprintln(w, session.Flashes()...) // без session.Save
	})
	b := browser.New(t, mux)

	b.PostForm("/test/flash", nil)
	b.Get("/test/peek").WantBody("Привіт")
	// Flashes видалив повідомлення лише в пам'яті: кукі його досі має.
	b.Get("/test/peek").WantBody("Привіт")
	// Головна зберігає сесію: показала — і повідомлення більше немає.
	b.Get("/").WantBody("Привіт\nYou are not logged in")
	b.Get("/").WantBody("You are not logged in")
	b.Get("/test/peek").WantBody("")
}

// Решта поведінки застосунку спільна для кроків 06 і 07: ці тести
// живуть у internal/apptest, а тут лише викликають їх для цього кроку.
func lessonApp() http.Handler { return newHandler(newStore(testKey)) }

func TestLoginRejectsBadNames(t *testing.T) { apptest.LoginRejectsBadNames(t, lessonApp) }

func TestOutputIsNotHTML(t *testing.T) { apptest.OutputIsNotHTML(t, lessonApp) }

func TestLogoutKeepsOtherValues(t *testing.T) { apptest.LogoutKeepsOtherValues(t, lessonApp) }

func TestForgetDeletesCookie(t *testing.T) { apptest.ForgetDeletesCookie(t, lessonApp) }

func TestCrossSiteLoginRefused(t *testing.T) { apptest.CrossSiteLoginRefused(t, lessonApp) }

func TestTamperedCookieIsAnonymous(t *testing.T) { apptest.TamperedCookieIsAnonymous(t, lessonApp) }

func TestLifetime(t *testing.T) { apptest.Lifetime(t, lessonApp) }

func TestOversizedCookieIsAnonymous(t *testing.T) { apptest.OversizedCookieIsAnonymous(t, lessonApp) }

func TestLogoutKeepsRemember(t *testing.T) { apptest.LogoutKeepsRemember(t, lessonApp) }

func TestCookieAttributes(t *testing.T) {
	apptest.CookieAttributes(t, lessonApp)
	t.Run("головна після входу зберігає сесію, і кукі лишається постійною", func(t *testing.T) {
		// Головна забрала повідомлення і зберегла сесію: кукі не
		// стала звичайною.
		c := apptest.Login(newBrowser(t), "alice", true).WantSetCookie(sessionName)
		browser.Want(t, "GET /: Max-Age", c.MaxAge, 1800)
	})
}
