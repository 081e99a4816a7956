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
	noLang      = "Мову не обрано. Оберіть її: /lang"
	badLang     = "Невідома мова: оберіть uk або en."
	badForm     = "Не вдалося прочитати форму: її зіпсовано."
	tooBigForm  = "Форма завелика: щонайбільше 4 КіБ."
	crossDenied = "Запит відхилено: форму надіслано з іншого сайту."
)

// chooseLang надсилає форму вибору мови, як людина, що натиснула
// «Зберегти».
func chooseLang(b *browser.Browser, lang string) *browser.Response {
	return b.PostForm("/lang", url.Values{"lang": {lang}})
}

// postBody надсилає POST /lang з тілом body як є: так надсилає форму
// не браузер, а скрипт, і тіло може бути зіпсованим чи величезним.
func postBody(t *testing.T, b *browser.Browser, body string) *browser.Response {
	t.Helper()
	return b.PostBody("/lang", body)
}

// ukrainianChosen повертає браузер, у якому вже обрано мову uk, на
// сервері h. Якщо обрати її не вдалося, тест зупиняється: далі
// перевіряти нічого.
func ukrainianChosen(t *testing.T, h http.Handler) *browser.Browser {
	t.Helper()
	b := browser.New(t, h)
	chooseLang(b, "uk").WantBody("Привіт!")
	if t.Failed() {
		t.FailNow()
	}
	return b
}

// wantPlainText перевіряє, що відповідь — простий текст, який браузер
// не спробує «вгадати» як HTML.
func wantPlainText(t *testing.T, r *browser.Response) {
	t.Helper()
	browser.Want(t, r.Hops[0].Method+" "+r.Hops[0].Path+": Content-Type",
		r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
	browser.Want(t, r.Hops[0].Method+" "+r.Hops[0].Path+": X-Content-Type-Options",
		r.Header.Get("X-Content-Type-Options"), "nosniff")
}

func TestLangForm(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	r := b.Get("/lang").WantStatus(http.StatusOK)
	browser.Want(t, "GET /lang: Content-Type", r.Header.Get("Content-Type"),
		"text/html; charset=utf-8")
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
			if r.Hops[0].Cookie(sessionName) == nil {
				t.Errorf("POST /lang: кукі %q у першій відповіді (303) — "+
					"отримали відповідь без неї, очікували Set-Cookie: %s=…",
					sessionName, sessionName)
			}
			r.WantStatus(http.StatusOK).WantBody(tt.greeting)
			// Мова лишається в сесії й далі.
			b.Get("/").WantBody(tt.greeting)
		})
	}
	t.Run("змінити мову", func(t *testing.T) {
		b := ukrainianChosen(t, newHandler(newStore(testKey)))
		chooseLang(b, "en").WantRedirect(http.StatusSeeOther, "/").WantBody("Hello!")
		b.Get("/").WantBody("Hello!")
	})
	t.Run("зіпсована кукі — мову все одно можна обрати", func(t *testing.T) {
		b := ukrainianChosen(t, newHandler(newStore(testKey)))
		b.TamperCookie(sessionName)
		chooseLang(b, "en").WantRedirect(http.StatusSeeOther, "/").
			WantStatus(http.StatusOK).WantBody("Hello!")
	})
	// Один сервер обслуговує всіх: мова одного відвідувача не має
	// стати мовою іншого.
	t.Run("два браузери на одному сервері", func(t *testing.T) {
		h := newHandler(newStore(testKey))
		alice := ukrainianChosen(t, h)
		bob := browser.New(t, h)
		bob.Get("/").WantBody(noLang)
		chooseLang(bob, "en").WantBody("Hello!")
		alice.Get("/").WantBody("Привіт!")
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
		{"великі літери", url.Values{"lang": {"UK"}}},
		{"одна велика літера", url.Values{"lang": {"En"}}},
		{"пробіл попереду", url.Values{"lang": {" uk"}}},
		{"пробіл у кінці", url.Values{"lang": {"en "}}},
		{"частина назви", url.Values{"lang": {"u"}}},
		{"назва і ще щось", url.Values{"lang": {"ukr"}}},
		{"мова з регіоном", url.Values{"lang": {"en-US"}}},
		{"дуже довге значення", url.Values{"lang": {"uk" + strings.Repeat("k", 2000)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ukrainianChosen(t, newHandler(newStore(testKey)))
			r := b.PostForm("/lang", tt.form).
				WantStatus(http.StatusBadRequest).WantBody(badLang)
			wantPlainText(t, r)
			// Попередня мова лишилася: погане значення не
			// записано і стару мову не стерто.
			b.Get("/").WantBody("Привіт!")
		})
	}
}

// Завелика чи зіпсована форма — це не «невідома мова»: відповідь
// каже, що сталося насправді.
func TestRejectsBadForm(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"зіпсоване кодування форми", "lang=%zz", badForm},
		{"форма понад 4 КіБ", "lang=en&note=" + strings.Repeat("x", 8<<10), tooBigForm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ukrainianChosen(t, newHandler(newStore(testKey)))
			r := postBody(t, b, tt.body).
				WantStatus(http.StatusBadRequest).WantBody(tt.want)
			wantPlainText(t, r)
			r.WantPrivate()
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
			b := ukrainianChosen(t, newHandler(newStore(testKey)))
			// Форма на чужому сайті надсилає POST у наш застосунок;
			// браузер додає до нього нашу кукі.
			req, err := http.NewRequest(http.MethodPost, browser.Origin+"/lang",
				strings.NewReader("lang=en"))
			if err != nil {
				t.Fatalf("POST /lang: не вдалося створити запит: %v", err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set(tt.header, tt.value)
			b.Do(req).WantStatus(http.StatusForbidden).
				WantBodyContains(crossDenied).WantPrivate()
			b.Get("/").WantBody("Привіт!")
		})
	}
}

// Кожна відповідь залежить від кукі відвідувача, тож жоден спільний
// кеш не має її зберігати.
func TestPrivate(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	b.Get("/").WantPrivate()
	b.Get("/lang").WantPrivate()
	chooseLang(b, "uk").WantPrivate() // і 303, і сторінка після нього
	b.Get("/").WantPrivate()
	b.Get("/lang").WantPrivate()
	chooseLang(b, "de").WantPrivate()
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
