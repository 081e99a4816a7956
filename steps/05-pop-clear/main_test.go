package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func TestLogoutKeepsOtherValues(t *testing.T) {
	// Вихід прибирає лише ім'я, як session.pop у Flask.
	b := browser.New(t, newHandler(newStore(testKey)))
	b.PostForm("/login", url.Values{"username": {"alice"}})
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
		WantBody("You are not logged in")
	b.Get("/profile").WantBody("Not logged in")
	// Лічильник пережив вихід: pop прибрав лише ім'я.
	b.Get("/visits").WantBody("Візитів у цій сесії: 2")

	t.Run("вихід без входу нічого не ламає", func(t *testing.T) {
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
		b.Get("/visits").WantBody("Візитів у цій сесії: 3")
	})
	t.Run("GET /logout лише показує кнопку", func(t *testing.T) {
		b.PostForm("/login", url.Values{"username": {"alice"}})
		b.Get("/logout").WantStatus(http.StatusOK).
			WantBodyContains(`action="/logout"`)
		b.Get("/").WantBody("Logged in as alice")
	})
}

func TestForgetDeletesCookie(t *testing.T) {
	t.Run("«забути все» видаляє кукі й обнуляє лічильник", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		b.PostForm("/login", url.Values{"username": {"alice"}})
		b.Get("/visits")
		r := b.PostForm("/forget", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
		// Заголовок Max-Age=0 Go читає як MaxAge = -1: «видалити зараз».
		browser.Want(t, "POST /forget: Max-Age кукі",
			r.WantSetCookie(sessionName).MaxAge, -1)
		if c := b.Cookie(sessionName); c != nil {
			t.Errorf("кукі в браузері — отримали %s, очікували, що браузер "+
				"її видалить", c.String())
		}
		b.Get("/visits").WantBody("Візитів у цій сесії: 1")
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
		b.PostForm("/login", url.Values{"username": {"alice"}}).WantPrivate()
		for _, path := range []string{"/", "/profile", "/login", "/logout",
			"/visits"} {
			b.Get(path).WantPrivate()
		}
		b.PostForm("/logout", nil).WantPrivate()
		b.PostForm("/forget", nil).WantPrivate()
	})
}
