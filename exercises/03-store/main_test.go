package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const (
	noLang  = "Мову не обрано. Оберіть її: /lang"
	badLang = "Невідома мова: оберіть uk або en."
)

// chooseLang надсилає форму вибору мови, як людина, що натиснула
// «Зберегти».
func chooseLang(b *browser.Browser, lang string) *browser.Response {
	return b.PostForm("/lang", url.Values{"lang": {lang}})
}

// ukrainianChosen повертає браузер, у якому вже обрано мову uk. Якщо
// обрати її не вдалося, тест зупиняється: далі перевіряти нічого.
func ukrainianChosen(t *testing.T) *browser.Browser {
	t.Helper()
	b := browser.New(t, newHandler(newStore(testKey)))
	chooseLang(b, "uk").WantBody("Привіт!")
	if t.Failed() {
		t.FailNow()
	}
	return b
}

func TestLangForm(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	r := b.Get("/lang").WantStatus(http.StatusOK)
	browser.Want(t, "GET /lang: Content-Type", r.Header.Get("Content-Type"), "text/html; charset=utf-8")
	for _, part := range []string{`method="post"`, `action="/lang"`,
		`name="lang"`, `value="uk"`, `value="en"`} {
		r.WantBodyContains(part)
	}
}

func TestChooseLang(t *testing.T) {
	tests := []struct{ lang, greeting string }{
		{"uk", "Привіт!"},
		{"en", "Hello!"},
	}
	for _, tt := range tests {
		t.Run("обрати "+tt.lang, func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			b.Get("/").WantBody(noLang)

			r := chooseLang(b, tt.lang)
			r.WantRedirect(http.StatusSeeOther, "/")
			// Кукі прийшла разом із 303, тобто Save було до Redirect.
			if !hasCookie(r.Hops[0], sessionName) {
				t.Errorf("POST /lang: Set-Cookie у першій відповіді — "+
					"отримали немає, очікували кукі %q", sessionName)
			}
			r.WantStatus(http.StatusOK).WantBody(tt.greeting)
			// Мова лишається в сесії й далі.
			b.Get("/").WantBody(tt.greeting)
		})
	}
	t.Run("змінити мову", func(t *testing.T) {
		b := ukrainianChosen(t)
		chooseLang(b, "en").WantRedirect(http.StatusSeeOther, "/").WantBody("Hello!")
		b.Get("/").WantBody("Hello!")
	})
	t.Run("зіпсована кукі — мову все одно можна обрати", func(t *testing.T) {
		b := ukrainianChosen(t)
		b.TamperCookie(sessionName)
		chooseLang(b, "en").WantRedirect(http.StatusSeeOther, "/").
			WantStatus(http.StatusOK).WantBody("Hello!")
	})
}

func TestRejectsUnknownLang(t *testing.T) {
	tests := []struct {
		name string
		form url.Values
	}{
		{"мова, якої немає в списку", url.Values{"lang": {"de"}}},
		{"порожнє значення", url.Values{"lang": {""}}},
		{"поля немає", url.Values{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ukrainianChosen(t)
			b.PostForm("/lang", tt.form).
				WantStatus(http.StatusBadRequest).WantBody(badLang)
			// Попередня мова лишилася: погане значення не
			// записано і стару мову не стерто.
			b.Get("/").WantBody("Привіт!")
		})
	}
}

func TestCrossSitePostIsForbidden(t *testing.T) {
	tests := []struct {
		name          string
		header, value string
	}{
		{"Sec-Fetch-Site: cross-site", "Sec-Fetch-Site", "cross-site"},
		{"Origin чужого сайту (старий браузер)", "Origin", "https://evil.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ukrainianChosen(t)
			// Форма на чужому сайті надсилає POST у наш застосунок;
			// браузер додає до нього нашу кукі.
			req, _ := http.NewRequest(http.MethodPost, browser.Origin+"/lang",
				strings.NewReader("lang=en"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set(tt.header, tt.value)
			b.Do(req).WantStatus(http.StatusForbidden)
			b.Get("/").WantBody("Привіт!")
		})
	}
}

// Сховище не змогло зберегти сесію — відповідь 500, а не
// переспрямування, після якого відвідувач не побачить своєї мови.
func TestSaveErrorIs500(t *testing.T) {
	b := browser.New(t, newHandler(brokenStore{}))
	chooseLang(b, "en").WantStatus(http.StatusInternalServerError)
}

// brokenStore — сховище сесій, яке читає, але не може зберегти
// (наприклад, диск повний).
type brokenStore struct{}

func (s brokenStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

func (s brokenStore) New(r *http.Request, name string) (*sessions.Session, error) {
	session := sessions.NewSession(s, name)
	session.IsNew = true
	return session, nil
}

func (s brokenStore) Save(*http.Request, http.ResponseWriter, *sessions.Session) error {
	return errors.New("сховище зламалося")
}

// hasCookie каже, чи надіслала відповідь h Set-Cookie з ім'ям name.
func hasCookie(h browser.Hop, name string) bool {
	for _, c := range h.Cookies {
		if c.Name == name {
			return true
		}
	}
	return false
}
