package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func TestReadPages(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	t.Run("анонімному відвідувачу — тексти Flask для гостя",
		func(t *testing.T) {
			b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
			b.Get("/profile").WantStatus(http.StatusOK).WantBody("Not logged in")
		})
	t.Run("після входу головна і профіль показують ім'я", func(t *testing.T) {
		b.PostForm("/login", url.Values{"username": {"alice"}}).
			WantBody("Logged in as alice")
		b.Get("/profile").WantBody("User: alice")
	})
	t.Run("зіпсована кукі — анонімний відвідувач", func(t *testing.T) {
		b.TamperCookie(sessionName)
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
	})
}

// Ім'я з HTML лишається текстом: тип text/plain і nosniff. Версія
// Flask із конспекту віддала б його як text/html.
func TestOutputIsNotHTML(t *testing.T) {
	t.Run("ім'я з HTML лишається текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		name := `<script>alert(1)</script>`
		b.PostForm("/login", url.Values{"username": {name}})
		for _, path := range []string{"/", "/profile"} {
			r := b.Get(path).WantBodyContains(name)
			browser.Want(t, path+": Content-Type",
				r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
			browser.Want(t, path+": X-Content-Type-Options",
				r.Header.Get("X-Content-Type-Options"), "nosniff")
		}
	})
}

// Значення іншого типу не ламає сторінку: форма «кома ok».
func TestValueOfAnotherType(t *testing.T) {
	t.Run("значення іншого типу в сесії не ламає сторінок", func(t *testing.T) {
		store := newStore(testKey)
		b := browser.New(t, newHandler(store))
		// Сесію з username = 42 (число) створює сам тест тим самим сховищем.
		rec := httptest.NewRecorder()
		req, _ := http.NewRequest(http.MethodGet, browser.Origin+"/", nil)
		session, _ := store.New(req, sessionName)
		session.Values["username"] = 42
		if err := session.Save(req, rec); err != nil {
			t.Fatal(err)
		}
		for _, c := range rec.Result().Cookies() {
			b.SetCookie(c)
		}
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
		b.Get("/profile").WantStatus(http.StatusOK).WantBody("Not logged in")
	})
}

// postLogin надсилає POST /login з тілом body як є, з нашого сайту:
// так тест передає те, чого url.Values не закодує (%FF, %zz).
func postLogin(t *testing.T, b *browser.Browser,
	body string) *browser.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, browser.Origin+"/login",
		strings.NewReader(body))
	if err != nil {
		t.Fatalf("не вдалося створити запит: %v", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", browser.Origin)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.Do(req)
}

func TestFormHygiene(t *testing.T) {
	const control = "Ім'я не може містити керівних символів " +
		"(табуляції, нового рядка тощо)."
	tests := []struct {
		name string
		body string // тіло POST /login як є
		want string
	}{
		{"керівний символ усередині імені", "username=ali%00ce", control},
		{"новий рядок усередині імені", "username=ali%0D%0Ace", control},
		{"знак напрямку тексту U+202E", "username=ali%E2%80%AEce",
			control},
		{"пробіл нульової ширини U+200B", "username=ali%E2%80%8Bce",
			control},
		{"не UTF-8", "username=%FF%FE",
			"Ім'я має бути текстом у кодуванні UTF-8."},
		{"зіпсоване кодування форми", "username=%zz",
			"Не вдалося прочитати форму: її зіпсовано."},
		{"форма понад 4 КіБ", "username=" + strings.Repeat("a", 5000),
			"Форма завелика: щонайбільше 4 КіБ."},
	}
	for _, tt := range tests {
		t.Run(tt.name+" — 400 і зрозуміле пояснення", func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			postLogin(t, b, tt.body).WantStatus(http.StatusBadRequest).
				WantBody(tt.want)
			b.Get("/").WantBody("You are not logged in")
		})
	}
	t.Run("POST з чужого сайту — 403 з поясненням українською",
		func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			req, err := http.NewRequest(http.MethodPost,
				browser.Origin+"/login", strings.NewReader("username=mallory"))
			if err != nil {
				t.Fatalf("не вдалося створити запит: %v", err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			b.Do(req).WantStatus(http.StatusForbidden).
				WantBodyContains("Запит відхилено: форму надіслано з " +
					"іншого сайту.").WantPrivate()
			b.Get("/").WantBody("You are not logged in")
		})
}

func TestPrivate(t *testing.T) {
	b := browser.New(t, newHandler(newStore(testKey)))
	t.Run("жодна сторінка не потрапить у спільний кеш", func(t *testing.T) {
		for _, path := range []string{"/", "/profile", "/login"} {
			b.Get(path).WantPrivate()
		}
		b.PostForm("/login", url.Values{"username": {"alice"}}).WantPrivate()
		b.Get("/").WantPrivate()
		b.Get("/profile").WantPrivate()
	})
}
