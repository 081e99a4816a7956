package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

func TestLoginFlow(t *testing.T) {
	t.Run("вхід: повідомлення, головна і профіль", func(t *testing.T) {
		b := newBrowser(t)
		b.Get("/").WantBody("You are not logged in")
		b.Get("/profile").WantBody("Not logged in")
		b.Get("/login").WantStatus(http.StatusOK).
			WantBodyContains(`name="username"`).WantBodyContains(`name="remember"`)

		apptest.Login(b, "alice", false).
			WantRedirect(http.StatusSeeOther, "/").
			WantBody("Ви увійшли як alice\nLogged in as alice")
		b.Get("/profile").WantBody("User: alice")
	})
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
			t.Errorf("GET /: кукі — отримали Set-Cookie %s, очікували "+
				"відповідь без неї", c.String())
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

// withTestPages додає до застосунку дві службові сторінки для тестів:
// POST /test/flash кладе в сесію повідомлення text (з форми), а
// GET /test/peek читає повідомлення, але сесію не зберігає.
func withTestPages(t *testing.T) http.Handler {
	store := newStore(testKey)
	mux := http.NewServeMux()
	mux.Handle("/", newHandler(store))
	mux.HandleFunc("POST /test/flash",
		func(w http.ResponseWriter, r *http.Request) {
			session, _ := store.Get(r, sessionName)
			session.AddFlash(r.PostFormValue("text"))
			if err := session.Save(r, w); err != nil {
				t.Errorf("Save: %v", err)
			}
		})
	mux.HandleFunc("GET /test/peek",
		func(w http.ResponseWriter, r *http.Request) {
			session, _ := store.Get(r, sessionName)
			fmt.Fprintln(w, session.Flashes()...) // без session.Save
		})
	return mux
}

// Пастка: Flashes без Save.
func TestFlashesNeedSave(t *testing.T) {
	b := browser.New(t, withTestPages(t))
	b.PostForm("/test/flash", url.Values{"text": {"Привіт"}})
	t.Run("Flashes без Save: повідомлення лишається в кукі",
		func(t *testing.T) {
			b.Get("/test/peek").WantBody("Привіт")
			b.Get("/test/peek").WantBody("Привіт")
		})
	t.Run("головна зберігає сесію: повідомлення показано один раз",
		func(t *testing.T) {
			b.Get("/").WantBody("Привіт\nYou are not logged in")
			b.Get("/").WantBody("You are not logged in")
			b.Get("/test/peek").WantBody("")
		})
}

func TestLogoutClearsFlashes(t *testing.T) {
	t.Run("наступна людина за браузером не бачить повідомлень "+
		"попередньої", func(t *testing.T) {
		b := browser.New(t, withTestPages(t))
		apptest.Login(b, "alice", false)
		// Повідомлення для alice, яке вона ще не бачила.
		b.PostForm("/test/flash", url.Values{"text": {"Для alice"}})
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
		b.Get("/test/peek").WantBody("")
	})
	t.Run("вихід запам'ятаного відвідувача теж забирає повідомлення",
		func(t *testing.T) {
			b := browser.New(t, withTestPages(t))
			apptest.Login(b, "alice", true)
			b.PostForm("/test/flash", url.Values{"text": {"Для alice"}})
			b.PostForm("/logout", nil).WantBody("You are not logged in")
		})
}

func TestSessionStaysSmall(t *testing.T) {
	t.Run("найдовше ім'я разом із повідомленням вміщується в кукі",
		func(t *testing.T) {
			// 64 символи по 4 байти: і в імені, і в повідомленні.
			name := strings.Repeat("𝄞", 64)
			b := newBrowser(t)
			apptest.Login(b, name, true).WantStatus(http.StatusOK).
				WantBody("Ви увійшли як " + name + "\nLogged in as " + name)
			c := b.Cookie(sessionName)
			if c == nil {
				t.Fatalf("кукі %q — браузер її не має, очікували кукі",
					sessionName)
			}
			if n := len(sessionName) + len(c.Value); n > 4096 {
				t.Errorf("розмір кукі — отримали %d Б, очікували не більше "+
					"4096 Б", n)
			}
		})
}

// Крок 07 — застосунок кроку 06, тож «запам'ятати мене» так само
// ковзає, а звичайна сесія від читання не подовжується.
func TestSlidingRemember(t *testing.T) {
	t.Run("запам'ятати: активність що 20 хвилин тримає в сесії 3 години",
		func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := newBrowser(t)
				apptest.Login(b, "alice", true)
				for i := 1; i <= 9; i++ {
					time.Sleep(20 * time.Minute)
					if i%3 == 0 {
						b.Restart()
					}
					b.Get("/").WantBody("Logged in as alice")
				}
				time.Sleep(31 * time.Minute)
				b.Get("/").WantBody("You are not logged in")
			})
		})
	t.Run("звичайна: через 31 хвилину після входу сесії немає, "+
		"хоч головну читали", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			apptest.Login(b, "alice", false)
			time.Sleep(20 * time.Minute)
			b.Get("/").WantBody("Logged in as alice")
			b.Get("/profile").WantBody("User: alice")
			time.Sleep(11 * time.Minute)
			b.Get("/").WantBody("You are not logged in")
		})
	})
}

func TestPrivate(t *testing.T) {
	t.Run("жодна сторінка не потрапить у спільний кеш", func(t *testing.T) {
		for _, remember := range []bool{false, true} {
			b := newBrowser(t)
			apptest.Login(b, "alice", remember).WantPrivate()
			for _, path := range []string{"/", "/profile", "/login",
				"/logout", "/visits"} {
				b.Get(path).WantPrivate()
			}
			b.PostForm("/logout", nil).WantPrivate()
			b.PostForm("/forget", nil).WantPrivate()
		}
	})
}

// Решта поведінки застосунку спільна для кроків 06 і 07: ці тести
// живуть у internal/apptest, а тут лише викликають їх для цього кроку.
func lessonApp() http.Handler { return newHandler(newStore(testKey)) }

func TestLoginRejectsBadNames(t *testing.T) {
	apptest.LoginRejectsBadNames(t, lessonApp)
}

func TestOutputIsNotHTML(t *testing.T) {
	apptest.OutputIsNotHTML(t, lessonApp)
}

func TestLogoutKeepsOtherValues(t *testing.T) {
	apptest.LogoutKeepsOtherValues(t, lessonApp)
}

func TestForgetDeletesCookie(t *testing.T) {
	apptest.ForgetDeletesCookie(t, lessonApp)
}

func TestCrossSiteLoginRefused(t *testing.T) {
	apptest.CrossSiteLoginRefused(t, lessonApp)
}

func TestTamperedCookieIsAnonymous(t *testing.T) {
	apptest.TamperedCookieIsAnonymous(t, lessonApp)
}

func TestLifetime(t *testing.T) {
	apptest.Lifetime(t, lessonApp)
}

// Абсолютний строк: 12 годин від входу, «запам'ятати мене» — 7 днів,
// хоч би як часто відвідувач (чи той, хто скопіював його кукі) заходив.
func TestAbsoluteLifetime(t *testing.T) {
	apptest.AbsoluteLifetime(t, lessonApp)
}

func TestOversizedCookieIsAnonymous(t *testing.T) {
	apptest.OversizedCookieIsAnonymous(t, lessonApp)
}

func TestLogoutKeepsRemember(t *testing.T) {
	apptest.LogoutKeepsRemember(t, lessonApp)
}

func TestCookieAttributes(t *testing.T) {
	apptest.CookieAttributes(t, lessonApp)
	t.Run("головна після входу зберігає сесію, і кукі лишається "+
		"постійною", func(t *testing.T) {
		// Головна забрала повідомлення і зберегла сесію: кукі не
		// стала звичайною.
		c := apptest.Login(newBrowser(t), "alice", true).
			WantSetCookie(sessionName)
		browser.Want(t, "GET /: Max-Age", c.MaxAge, 1800)
	})
}

func TestFormHygiene(t *testing.T) {
	apptest.FormHygiene(t, lessonApp)
}

// Хто входить знову й знову, не відкриваючи головної, бачить потім одне
// повідомлення, а не купу: інакше кукі переросла б 4096 байтів і вхід
// відповів би 500.
func TestRepeatedLoginsKeepOneFlash(t *testing.T) {
	apptest.LoginFlashNotPiled(t, newHandler(newStore(testKey)), 200)
}
