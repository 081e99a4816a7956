package apptest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// Тексти сторінок заняття Flask: вони однакові в кожній версії.
const (
	anonymous = "You are not logged in"
	notLogged = "Not logged in"
)

func loggedIn(name string) string { return "Logged in as " + name }

func visits(n string) string { return "Візитів у цій сесії: " + n }

// open returns a browser of a fresh copy of the app.
func (tg Target) open(t *testing.T) *browser.Browser {
	t.Helper()
	return browser.New(t, tg.New(t))
}

func specLogin(t *testing.T, tg Target) {
	t.Run("анонімний відвідувач бачить, що не ввійшов", func(t *testing.T) {
		b := tg.open(t)
		b.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
		b.Get("/profile").WantStatus(http.StatusOK).WantBody(notLogged)
		b.Get("/login").WantStatus(http.StatusOK).
			WantBodyContains(`name="username"`)
	})
	t.Run("303 на головну, далі ім'я на / і /profile", func(t *testing.T) {
		b := tg.open(t)
		r := Login(b, "alice", false).
			WantRedirect(http.StatusSeeOther, "/")
		if tg.LoginFlash {
			t.Run("спершу одноразове повідомлення про вхід — так задумано",
				func(t *testing.T) {
					r.WantBody("Ви увійшли як alice\n" + loggedIn("alice"))
				})
		} else {
			r.WantBody(loggedIn("alice"))
		}
		b.Get("/").WantBody(loggedIn("alice"))
		b.Get("/profile").WantBody("User: alice")
	})
	t.Run("погане ім'я — 400, і сесії немає", func(t *testing.T) {
		names := []struct{ what, name string }{
			{"порожнє", ""},
			{"лише пробіли", "   "},
			{"65 символів", strings.Repeat("я", 65)},
		}
		for _, n := range names {
			t.Run(n.what, func(t *testing.T) {
				b := tg.open(t)
				b.PostForm("/login", url.Values{"username": {n.name}}).
					WantStatus(http.StatusBadRequest)
				b.Get("/").WantBody(anonymous)
			})
		}
	})
}

func specLogout(t *testing.T, tg Target) {
	b := tg.open(t)
	Login(b, "alice", false)
	b.Get("/visits").WantBody(visits("1"))
	b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
		WantBody(anonymous)
	b.Get("/profile").WantBody(notLogged)
	if tg.LogoutEndsSession {
		t.Run("вихід видаляє всю сесію — так задумано: лічильник знову з 1",
			func(t *testing.T) { b.Get("/visits").WantBody(visits("1")) })
	} else {
		t.Run("вихід прибирає лише ім'я: лічильник лишається",
			func(t *testing.T) { b.Get("/visits").WantBody(visits("2")) })
	}
	t.Run("вихід без входу нічого не ламає", func(t *testing.T) {
		b := tg.open(t)
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody(anonymous)
	})
	t.Run("GET /logout лише показує кнопку", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		b.Get("/logout").WantStatus(http.StatusOK).
			WantBodyContains(`action="/logout"`)
		b.Get("/").WantBody(loggedIn("alice"))
	})
}

func specForget(t *testing.T, tg Target) {
	path := tg.forgetPath()
	name := "POST /forget видаляє сесію разом із кукі"
	if tg.LogoutEndsSession {
		name = "окремого /forget немає — так задумано: " +
			"POST /logout видаляє сесію разом із кукі"
	}
	t.Run(name, func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		b.Get("/visits")
		r := b.PostForm(path, nil).WantRedirect(http.StatusSeeOther, "/")
		// Max-Age=0 у заголовку Go читає як MaxAge = -1: «видалити
		// зараз».
		c := r.WantSetCookie(sessionName)
		browser.Want(t, "POST "+path+": Max-Age кукі", c.MaxAge, -1)
		if c := b.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері — %s",
				browser.GotWant(c.String(), "немає"))
		}
		b.Get("/").WantBody(anonymous)
		b.Get("/visits").WantBody(visits("1"))
	})
}

func specBadCookies(t *testing.T, tg Target) {
	t.Run("зіпсована кукі — анонімний відвідувач", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		b.TamperCookie(sessionName)
		b.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
		b.Get("/profile").WantStatus(http.StatusOK).WantBody(notLogged)
	})
	t.Run("задовга кукі — анонімний відвідувач", func(t *testing.T) {
		b := tg.open(t)
		b.SetCookie(&http.Cookie{Name: sessionName,
			Value: strings.Repeat("A", 5000), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
	})
	t.Run("вигадана кукі — анонімний відвідувач", func(t *testing.T) {
		b := tg.open(t)
		b.SetCookie(&http.Cookie{Name: sessionName,
			Value: "c2Vzc2lvbg", Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
	})
}

func specGuards(t *testing.T, tg Target) {
	t.Run("POST з іншого сайту — 403, вхід не відбувся", func(t *testing.T) {
		b := tg.open(t)
		crossSite(t, b, "/login", "username=mallory").
			WantStatus(http.StatusForbidden)
		b.Get("/").WantBody(anonymous)
	})
	t.Run("вихід з іншого сайту — 403, сесія лишається", func(t *testing.T) {
		b := tg.open(t)
		Login(b, "alice", false)
		crossSite(t, b, "/logout", "").WantStatus(http.StatusForbidden)
		b.Get("/").WantBody(loggedIn("alice"))
	})
	t.Run("сторінки сесії приватні: Vary: Cookie і no-store",
		func(t *testing.T) {
			b := tg.open(t)
			b.Get("/").WantPrivate()
			b.Get("/profile").WantPrivate()
			Login(b, "alice", false).WantPrivate()
			b.Get("/").WantPrivate()
			b.Get("/profile").WantPrivate()
			b.Get("/visits").WantPrivate()
			b.PostForm("/logout", nil).WantPrivate()
		})
}

// crossSite sends a form post as another site's page would.
func crossSite(t *testing.T, b *browser.Browser,
	path, body string) *browser.Response {
	t.Helper()
	return b.PostFromOtherSite(path, body)
}
