package main

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

// evilName — ім'я, яке намагається стати кодом на сторінці.
const evilName = `<script>alert(1)</script>`

const (
	guestHeading = "Привіт, гостю!"
	guestText    = "Ви не увійшли."
)

func login(b *browser.Browser, name, lang string) *browser.Response {
	return b.PostForm("/login", url.Values{"username": {name}, "lang": {lang}})
}

// [04.1] Гість, [04.2] вхід, [04.3] мова, [04.6] зіпсована кукі.
func TestHello(t *testing.T) {
	t.Run("гість бачить запрошення увійти", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		r := b.Get("/hello").WantStatus(http.StatusOK).
			WantBodyContains(`href="/login"`)
		wantHeading(t, r, guestHeading)
		wantHTML(t, r)
	})
	t.Run("після входу — привітання на ім'я", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		r := login(b, "alice", "uk").WantRedirect(http.StatusSeeOther, "/hello").
			WantStatus(http.StatusOK)
		wantHeading(t, r, "Привіт, alice!")
		wantHTML(t, r)
		wantHeading(t, b.Get("/hello"), "Привіт, alice!")
	})
	t.Run("мова en — привітання англійською", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "bob", "en")
		r := b.Get("/hello").WantStatus(http.StatusOK)
		wantHeading(t, r, "Hello, bob!")
		wantHTML(t, r)
	})
	t.Run("мови в сесії немає — українською", func(t *testing.T) {
		store := newStore(testKey)
		b := browser.New(t, newHandler(store))
		plantSession(t, b, store, map[any]any{"username": "carol"})
		wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), "Привіт, carol!")
	})
	t.Run("англійською — лише для рівно en", func(t *testing.T) {
		store := newStore(testKey)
		h := newHandler(store)
		langs := []any{"EN", "En", " en", "en ", "en-US", "english", "e", "", "uk", 7}
		for _, lang := range langs {
			b := browser.New(t, h)
			plantSession(t, b, store, map[any]any{"username": "dave", "lang": lang})
			r := b.Get("/hello").WantStatus(http.StatusOK)
			if got, want := headingText(r), "Привіт, dave!"; got != want {
				t.Errorf("GET /hello, коли в сесії lang = %#v: заголовок <h1> — %s",
					lang, browser.GotWant(got, want))
				break // решту значень перевіримо, коли це виправите
			}
		}
	})
	t.Run("зіпсована кукі — гість, а не помилка", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "alice", "uk")
		b.TamperCookie(sessionName)
		r := b.Get("/hello").WantStatus(http.StatusOK)
		wantHeading(t, r, guestHeading)
		wantHTML(t, r)
	})
}

// [04.1] Гість, [04.2] вхід, [04.6] зіпсована кукі.
func TestWhoami(t *testing.T) {
	t.Run("гість", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		wantText(t, b.Get("/whoami").WantStatus(http.StatusOK).WantBody(guestText))
	})
	t.Run("після входу — лише ім'я", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "alice", "en")
		wantText(t, b.Get("/whoami").WantStatus(http.StatusOK).WantBody("alice"))
	})
	t.Run("зіпсована кукі — гість, а не помилка", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, "alice", "uk")
		b.TamperCookie(sessionName)
		wantText(t, b.Get("/whoami").WantStatus(http.StatusOK).WantBody(guestText))
	})
}

// [04.8] Ім'я з HTML не стає кодом: на HTML-сторінці його екрановано (рівно
// один раз: людина бачить те саме ім'я), а простий текст позначено
// text/plain і nosniff.
func TestOutputIsSafe(t *testing.T) {
	for _, lang := range []string{"uk", "en"} {
		t.Run("HTML-сторінка екранує ім'я, мова "+lang, func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			login(b, evilName, lang)
			r := b.Get("/hello").WantStatus(http.StatusOK)
			want := "Привіт, " + evilName + "!"
			if lang == "en" {
				want = "Hello, " + evilName + "!"
			}
			// Браузер покаже ім'я як текст, а не виконає його.
			wantHeading(t, r, want)
			if raw := rawHeading(r); strings.Contains(raw, "<script") {
				t.Errorf("GET /hello: HTML заголовка <h1> — %s",
					browser.GotWant(raw, html.EscapeString(want)))
			}
		})
	}
	t.Run("простий текст лишається текстом", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		login(b, evilName, "uk")
		wantText(t, b.Get("/whoami").WantStatus(http.StatusOK).WantBody(evilName))
	})
}

// У сесії може лежати не те, що кладе вхід (старіша версія програми,
// помилка в іншому обробнику). Сторінки від цього не падають: ім'я —
// лише непорожній рядок, решта — гість. [04.4] Ім'я, [04.3] мова.
func TestValueOfAnotherType(t *testing.T) {
	for _, bad := range []struct {
		what  string
		value any
	}{{"число", 42}, {"порожній рядок", ""}} {
		t.Run(bad.what+" замість імені — гість", func(t *testing.T) {
			store := newStore(testKey)
			b := browser.New(t, newHandler(store))
			plantSession(t, b, store, map[any]any{"username": bad.value, "lang": "en"})
			wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), guestHeading)
			wantText(t, b.Get("/whoami").WantStatus(http.StatusOK).WantBody(guestText))
		})
	}
	t.Run("число замість мови — українською", func(t *testing.T) {
		store := newStore(testKey)
		b := browser.New(t, newHandler(store))
		plantSession(t, b, store, map[any]any{"username": "dave", "lang": 7})
		wantHeading(t, b.Get("/hello").WantStatus(http.StatusOK), "Привіт, dave!")
		wantText(t, b.Get("/whoami").WantStatus(http.StatusOK).WantBody("dave"))
	})
}

// [04.9] Один сервер обслуговує багатьох відвідувачів: ім'я і мова одного не
// мають потрапити на сторінку іншого.
func TestTwoVisitors(t *testing.T) {
	h := newHandler(newStore(testKey))
	alice, bob, guest := browser.New(t, h), browser.New(t, h), browser.New(t, h)
	login(alice, "alice", "en")
	wantHeading(t, alice.Get("/hello"), "Hello, alice!")
	login(bob, "bob", "uk")
	wantHeading(t, bob.Get("/hello"), "Привіт, bob!")
	wantHeading(t, guest.Get("/hello"), guestHeading)
	guest.Get("/whoami").WantBody(guestText)
	wantHeading(t, alice.Get("/hello"), "Hello, alice!")
	alice.Get("/whoami").WantBody("alice")
	bob.Get("/whoami").WantBody("bob")
}

// [04.5] Нове у вправі: поради показуємо, поки відвідувач їх не сховав.
// Значення немає — не те саме, що false: нульове значення bool тут не
// годиться як типове.
func TestTips(t *testing.T) {
	t.Run("новий відвідувач і той, хто щойно ввійшов, бачать пораду", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		wantTip(t, "GET /hello (гість)", b.Get("/hello").WantStatus(http.StatusOK), true)
		login(b, "alice", "uk")
		wantTip(t, "GET /hello після входу", b.Get("/hello"), true)
	})
	t.Run("сховати, увійти, показати знову", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(testKey)))
		r := setTips(b, false).WantRedirect(http.StatusSeeOther, "/hello")
		wantTip(t, "POST /tips show=0", r, false)
		login(b, "alice", "en")
		r = b.Get("/hello")
		wantHeading(t, r, "Hello, alice!")
		wantTip(t, "GET /hello після входу, коли поради сховано", r, false)
		wantTip(t, "POST /tips show=1", setTips(b, true), true)
		wantTip(t, "GET /hello після «Показувати поради»", b.Get("/hello"), true)
	})
	t.Run("що лежить у сесії", func(t *testing.T) {
		store := newStore(testKey)
		h := newHandler(store)
		for _, tt := range []struct {
			value any
			want  bool
		}{{false, false}, {true, true}, {"false", true}, {0, true}, {"", true}} {
			b := browser.New(t, h)
			plantSession(t, b, store, map[any]any{"username": "dave", "tips": tt.value})
			r := b.Get("/hello").WantStatus(http.StatusOK)
			wantHeading(t, r, "Привіт, dave!")
			if !wantTip(t, fmt.Sprintf("GET /hello, коли в сесії tips = %#v", tt.value),
				r, tt.want) {
				break // решту значень перевіримо, коли це виправите
			}
		}
	})
}

// [04.10] Кожна відповідь — особиста (Vary: Cookie, Cache-Control:
// no-store): сторінки, переспрямування, відмови 400, 403, 404, 405 і
// 500. Їх не збереже спільний кеш.
func TestEveryResponseIsPrivate(t *testing.T) {
	browser.AllResponsesPrivate(t, newHandler(newStore(testKey)),
		func(b *browser.Browser) { // гість
			for _, path := range []string{"/", "/hello", "/whoami", "/login"} {
				b.Get(path)
			}
			setTips(b, false)
		},
		func(b *browser.Browser) { // вхід і сторінки після нього
			login(b, "alice", "en")
			for _, path := range []string{"/", "/hello", "/whoami", "/login"} {
				b.Get(path)
			}
		},
		func(b *browser.Browser) { // відмова форми входу
			login(b, "", "uk").WantStatus(http.StatusBadRequest)
		})
	browser.AllResponsesPrivate(t, newHandler(newStore()),
		func(b *browser.Browser) { // зламане сховище
			b.SetCookie(&http.Cookie{Name: sessionName, Value: "abc", Path: "/"})
			b.Get("/hello").WantStatus(http.StatusInternalServerError)
			b.Get("/whoami").WantStatus(http.StatusInternalServerError)
		})
}

// [04.7] Зламані налаштування — справа розробника, а не гість: сховище без
// ключа не може прочитати жодної кукі, і сторінки кажуть про це
// відповіддю 500 (getSession повертає таку помилку).
func TestBrokenStore(t *testing.T) {
	b := browser.New(t, newHandler(newStore()))
	b.SetCookie(&http.Cookie{Name: sessionName, Value: "abc", Path: "/"})
	b.Get("/hello").WantStatus(http.StatusInternalServerError)
	b.Get("/whoami").WantStatus(http.StatusInternalServerError)
}
