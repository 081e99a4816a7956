package main

import (
	"bytes"
	"net/http"
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
	t.Run("вхід: головна і профіль показують ім'я", func(t *testing.T) {
		b := newBrowser(t)
		b.Get("/").WantBody("You are not logged in")
		b.Get("/profile").WantBody("Not logged in")
		b.Get("/login").WantStatus(http.StatusOK).
			WantBodyContains(`name="username"`).WantBodyContains(`name="remember"`)

		apptest.Login(b, "alice", false).
			WantRedirect(http.StatusSeeOther, "/").WantBody("Logged in as alice")
		b.Get("/profile").WantBody("User: alice")
	})
}

// Активний запам'ятаний користувач лишається в сесії: кожен запит, що
// читає сесію, продовжує її ще на 30 хвилин (SESSION_REFRESH_EACH_REQUEST
// у Flask). Звичайну сесію читання не продовжує.
func TestSlidingRemember(t *testing.T) {
	t.Run("запам'ятати: активність що 20 хвилин тримає в сесії 3 години",
		func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := newBrowser(t)
				apptest.Login(b, "alice", true)
				for i := 1; i <= 9; i++ {
					time.Sleep(20 * time.Minute)
					// Раз на годину людина закриває й відкриває браузер.
					if i%3 == 0 {
						b.Restart()
					}
					path := []string{"/", "/profile"}[i%2]
					want := []string{"Logged in as alice", "User: alice"}[i%2]
					b.Get(path).WantBody(want)
				}
			})
		})
	t.Run("запам'ятати: кожне читання надсилає кукі з новим Max-Age",
		func(t *testing.T) {
			b := newBrowser(t)
			apptest.Login(b, "alice", true)
			for _, path := range []string{"/", "/profile"} {
				c := b.Get(path).WantSetCookie(sessionName)
				browser.Want(t, "GET "+path+": Max-Age", c.MaxAge, 1800)
			}
		})
	t.Run("запам'ятати: 31 хвилина тиші завершує сесію", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			apptest.Login(b, "alice", true)
			time.Sleep(20 * time.Minute)
			b.Get("/").WantBody("Logged in as alice")
			time.Sleep(31 * time.Minute)
			b.Get("/").WantBody("You are not logged in")
		})
	})
	t.Run("запам'ятати: копію кукі з початку сесії сервер за 31 хвилину "+
		"відкидає, хоч користувач активний", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			apptest.Login(b, "alice", true)
			stolen := b.Cookie(sessionName)
			if stolen == nil {
				t.Fatalf("кукі %q після входу — браузер її не має, "+
					"очікували кукі", sessionName)
			}
			for range 4 {
				time.Sleep(10 * time.Minute)
				b.Get("/").WantBody("Logged in as alice")
			}
			// Минуло 40 хвилин: власник досі в сесії, а копія — ні.
			thief := newBrowser(t)
			thief.SetCookie(stolen)
			thief.Get("/").WantBody("You are not logged in")
			b.Get("/").WantBody("Logged in as alice")
		})
	})
	t.Run("звичайна: читання не продовжує сесію — через 31 хвилину "+
		"після входу її немає", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			apptest.Login(b, "alice", false)
			time.Sleep(20 * time.Minute)
			r := b.Get("/").WantBody("Logged in as alice")
			if c := r.SetCookie(sessionName); c != nil {
				t.Errorf("GET /: кукі — отримали Set-Cookie %s, очікували "+
					"відповідь без неї (як у Flask)", c.String())
			}
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

func TestCookieAttributes(t *testing.T) {
	apptest.CookieAttributes(t, lessonApp)
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

func TestFormHygiene(t *testing.T) {
	apptest.FormHygiene(t, lessonApp)
}
