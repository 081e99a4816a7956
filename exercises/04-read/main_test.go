package main

import (
	"bytes"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

// evilName — ім'я, яке намагається стати кодом на сторінці.
const evilName = `<script>alert(1)</script>`

func login(b *browser.Browser, name, lang string) *browser.Response {
	return b.PostForm("/login", url.Values{"username": {name}, "lang": {lang}})
}

func TestHello(t *testing.T) {
	t.Run("гість бачить запрошення увійти", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		r := b.Get("/hello").WantStatus(http.StatusOK).
			WantBodyContains(`href="/login"`)
		wantHeading(t, r, "Привіт, гостю!")
		browser.Want(t, "GET /hello: Content-Type",
			r.Header.Get("Content-Type"), "text/html; charset=utf-8")
	})
	t.Run("після входу — привітання на ім'я", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		r := login(b, "alice", "uk").WantStatus(http.StatusOK)
		wantHeading(t, r, "Привіт, alice!")
		wantHeading(t, b.Get("/hello"), "Привіт, alice!")
	})
	t.Run("мова en — привітання англійською", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "bob", "en")
		wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), "Hello, bob!")
	})
	t.Run("мови в сесії немає — українською", func(t *testing.T) {
		store := newStore(testKey)
		b := browser.New(t, newHandler(store))
		plantSession(t, b, store, map[any]any{"username": "carol"})
		wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), "Привіт, carol!")
	})
	t.Run("зіпсована кукі — гість, а не помилка", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "alice", "uk")
		b.TamperCookie(sessionName)
		wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), "Привіт, гостю!")
	})
}

func TestWhoami(t *testing.T) {
	t.Run("гість", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.Get("/whoami").WantStatus(http.StatusOK).WantBody("Ви не увійшли.")
	})
	t.Run("після входу — лише ім'я", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "alice", "en")
		b.Get("/whoami").WantStatus(http.StatusOK).WantBody("alice")
	})
	t.Run("зіпсована кукі — гість, а не помилка", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "alice", "uk")
		b.TamperCookie(sessionName)
		b.Get("/whoami").WantStatus(http.StatusOK).WantBody("Ви не увійшли.")
	})
}

// Ім'я з HTML не стає кодом: на HTML-сторінці його екрановано, а
// простий текст позначено text/plain і nosniff.
func TestOutputIsSafe(t *testing.T) {
	t.Run("HTML-сторінка екранує ім'я", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, evilName, "uk")
		r := b.Get("/hello").WantStatus(http.StatusOK)
		// Браузер покаже ім'я як текст, а не виконає його.
		want := "Привіт, " + evilName + "!"
		wantHeading(t, r, want)
		if raw := rawHeading(r); strings.Contains(raw, "<script") {
			t.Errorf("GET /hello: HTML заголовка <h1> — %s",
				browser.GotWant(raw, html.EscapeString(want)))
		}
	})
	t.Run("простий текст лишається текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, evilName, "uk")
		r := b.Get("/whoami").WantStatus(http.StatusOK).WantBody(evilName)
		browser.Want(t, "GET /whoami: Content-Type",
			r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
		browser.Want(t, "GET /whoami: X-Content-Type-Options",
			r.Header.Get("X-Content-Type-Options"), "nosniff")
	})
}

// У сесії може лежати значення іншого типу (старіша версія програми,
// помилка в іншому обробнику). Сторінки від цього не падають.
func TestValueOfAnotherType(t *testing.T) {
	t.Run("число замість імені — гість", func(t *testing.T) {
		store := newStore(testKey)
		b := browser.New(t, newHandler(store))
		plantSession(t, b, store, map[any]any{"username": 42, "lang": "en"})
		wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), "Привіт, гостю!")
		b.Get("/whoami").WantStatus(http.StatusOK).WantBody("Ви не увійшли.")
	})
	t.Run("число замість мови — українською", func(t *testing.T) {
		store := newStore(testKey)
		b := browser.New(t, newHandler(store))
		plantSession(t, b, store, map[any]any{"username": "dave", "lang": 7})
		wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), "Привіт, dave!")
		b.Get("/whoami").WantStatus(http.StatusOK).WantBody("dave")
	})
}

// plantSession кладе в браузер кукі сесії з такими значеннями, ніби
// їх зберіг інший обробник застосунку: тест сам зберігає сесію тим
// самим сховищем і передає кукі браузеру.
func plantSession(t *testing.T, b *browser.Browser, store sessions.Store, values map[any]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, browser.Origin+"/", nil)
	session, err := store.New(req, sessionName)
	if err != nil {
		t.Fatalf("store.New: %v", err)
	}
	for k, v := range values {
		session.Values[k] = v
	}
	if err := session.Save(req, rec); err != nil {
		t.Fatalf("session.Save: %v", err)
	}
	for _, c := range rec.Result().Cookies() {
		b.SetCookie(c)
	}
}

var (
	h1Tag    = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
	innerTag = regexp.MustCompile(`<[^>]*>`)
)

// rawHeading повертає HTML усередині першого <h1> сторінки або "".
func rawHeading(r *browser.Response) string {
	m := h1Tag.FindStringSubmatch(r.Body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// wantHeading перевіряє заголовок <h1> так, як його прочитає людина
// в браузері: без тегів, &lt; — це «<».
func wantHeading(t *testing.T, r *browser.Response, want string) {
	t.Helper()
	text := html.UnescapeString(innerTag.ReplaceAllString(rawHeading(r), ""))
	if rawHeading(r) == "" {
		text = "(сторінка без <h1>)"
	}
	browser.Want(t, "GET /hello: заголовок <h1>", text, want)
}
