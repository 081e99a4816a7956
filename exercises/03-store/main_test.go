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

const (
	noLang      = "Мову не обрано. Оберіть її: /lang"
	badLang     = "Невідома мова: оберіть uk або en."
	badForm     = "Не вдалося прочитати форму: її зіпсовано."
	tooBigForm  = "Форма завелика: щонайбільше 4 КіБ."
	crossDenied = "Запит відхилено: форму надіслано з іншого сайту."
)

// greeting — те, що показує головна, коли обрано мову lang, а
// попередньою була prev ("" — попередньої немає).
func greeting(lang, prev string) string {
	text := map[string]string{"uk": "Привіт!", "en": "Hello!"}[lang]
	if prev != "" {
		text += "\nПопередня мова: " + prev + ". Повернути її: /lang"
	}
	return text
}

// [03.1] GET /lang — форма вибору мови.
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
	// [03.2] Перший вибір: 303 з однією кукі, і далі головна вітає цією мовою.
	for _, lang := range []string{"uk", "en"} {
		t.Run("обрати "+lang+" уперше", func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(testKey)))
			b.Get("/").WantBody(noLang)

			r := chooseLang(b, lang)
			r.WantRedirect(http.StatusSeeOther, "/")
			// Кукі прийшла разом із 303, тобто Save було до Redirect.
			wantOneCookie(t, r.Hops[0])
			// Уперше — попередньої мови немає.
			r.WantStatus(http.StatusOK).WantBody(greeting(lang, ""))
			b.Get("/").WantBody(greeting(lang, ""))
		})
	}
	// [03.5] Зіпсована кукі — анонімний відвідувач, і мову можна обрати.
	t.Run("зіпсована кукі — мову все одно можна обрати", func(t *testing.T) {
		b := chosen(t, newHandler(newStore(testKey)), "uk")
		b.TamperCookie(sessionName)
		// Сесії з uk більше немає: це анонімний відвідувач, і його
		// вибір — перший.
		chooseLang(b, "en").WantRedirect(http.StatusSeeOther, "/").
			WantStatus(http.StatusOK).WantBody(greeting("en", ""))
	})
	// [03.6] Один сервер обслуговує всіх: мова одного відвідувача не має
	// стати мовою іншого.
	t.Run("два браузери на одному сервері", func(t *testing.T) {
		h := newHandler(newStore(testKey))
		alice := chosen(t, h, "uk", "en")
		bob := browser.New(t, h)
		bob.Get("/").WantBody(noLang)
		chooseLang(bob, "uk").WantBody(greeting("uk", ""))
		alice.Get("/").WantBody(greeting("en", "uk"))
		bob.Get("/").WantBody(greeting("uk", ""))
	})
}

// Нове у вправі: мова, яку змінили, стає попередньою, і її можна
// повернути: [03.3] зміна мови, [03.4] та сама мова ще раз.
func TestPreviousLang(t *testing.T) {
	t.Run("змінити мову — попередню можна повернути", func(t *testing.T) {
		b := chosen(t, newHandler(newStore(testKey)), "uk")
		r := chooseLang(b, "en").WantRedirect(http.StatusSeeOther, "/")
		wantOneCookie(t, r.Hops[0])
		r.WantBody(greeting("en", "uk"))
		b.Get("/").WantBody(greeting("en", "uk"))
		// «Повернути» — та сама форма з попередньою мовою.
		b.Get("/lang").WantBodyContains(`type="hidden" name="lang" value="uk"`)
		chooseLang(b, "uk").WantBody(greeting("uk", "en"))
	})
	t.Run("та сама мова ще раз — нічого не змінюється", func(t *testing.T) {
		b := chosen(t, newHandler(newStore(testKey)), "uk", "en")
		r := chooseLang(b, "en").WantRedirect(http.StatusSeeOther, "/")
		browser.Want(t, "POST /lang з тією самою мовою (en удруге): текст сторінки",
			strings.TrimSpace(r.Body), greeting("en", "uk"))
		b.Get("/").WantBody(greeting("en", "uk"))
	})
	t.Run("та сама мова при першому виборі — попередньої немає", func(t *testing.T) {
		b := chosen(t, newHandler(newStore(testKey)), "en")
		chooseLang(b, "en").WantBody(greeting("en", ""))
	})
	t.Run("три зміни поспіль — попередня лише остання", func(t *testing.T) {
		b := chosen(t, newHandler(newStore(testKey)), "uk", "en", "uk")
		chooseLang(b, "en").WantBody(greeting("en", "uk"))
	})
}

// [03.7] Невідома мова — 400, і сесія не змінюється.
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
			b := chosen(t, newHandler(newStore(testKey)), "uk", "en")
			r := b.PostForm("/lang", tt.form).
				WantStatus(http.StatusBadRequest).WantBody(badLang)
			wantPlainText(t, r)
			// Відмова не чіпає сесії: ні мови, ні попередньої.
			b.Get("/").WantBody(greeting("en", "uk"))
		})
	}
}

// [03.8] Завелика чи зіпсована форма — це не «невідома мова»: відповідь
// каже, що сталося насправді. 4 КіБ — це 4096 байтів.
func TestRejectsBadForm(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"зіпсоване кодування форми", "lang=%zz", badForm},
		{"форма на 4097 байтів", formOfSize("de", 4097), tooBigForm},
		{"форма на 8 КіБ", formOfSize("en", 8<<10), tooBigForm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := chosen(t, newHandler(newStore(testKey)), "uk", "en")
			r := b.PostBody("/lang", tt.body).
				WantStatus(http.StatusBadRequest).WantBody(tt.want)
			wantPlainText(t, r)
			b.Get("/").WantBody(greeting("en", "uk"))
		})
	}
	t.Run("форма рівно на 4 КіБ (4096 байтів) — приймається", func(t *testing.T) {
		b := chosen(t, newHandler(newStore(testKey)), "uk")
		r := b.PostBody("/lang", formOfSize("en", 4096))
		if got := status(r.Hops[0]); got != "303 See Other" {
			t.Errorf("POST /lang, форма на 4096 байтів: статус — %s",
				browser.GotWant(got, browser.Phrase("303 See Other")))
		}
		b.Get("/").WantBody(greeting("en", "uk"))
	})
}

// [03.9] POST з чужого сайту — 403 з поясненням, мова та сама.
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
			b := chosen(t, newHandler(newStore(testKey)), "uk")
			// Форма на чужому сайті надсилає POST у наш застосунок;
			// браузер додає до нього нашу кукі.
			req, err := http.NewRequest(http.MethodPost, browser.Origin+"/lang",
				strings.NewReader("lang=en"))
			if err != nil {
				t.Fatalf("POST /lang: не вдалося створити запит: %v", err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set(tt.header, tt.value)
			b.Do(req).WantStatus(http.StatusForbidden).WantBodyContains(crossDenied)
			b.Get("/").WantBody(greeting("uk", ""))
		})
	}
}

// [03.10] Кожна відповідь залежить від кукі відвідувача, тож жоден спільний
// кеш не має її зберігати: сторінки, переспрямування, відмови 400,
// 403, 404, 405 і 500.
func TestEveryResponseIsPrivate(t *testing.T) {
	browser.AllResponsesPrivate(t, newHandler(newStore(testKey)),
		func(b *browser.Browser) {
			b.Get("/")
			b.Get("/lang")
			chooseLang(b, "uk")
			chooseLang(b, "en")
			b.Get("/lang")
			chooseLang(b, "de")
			b.PostBody("/lang", "lang=%zz")
		})
	browser.AllResponsesPrivate(t, newHandler(brokenStore{}),
		func(b *browser.Browser) {
			chooseLang(b, "en").WantStatus(http.StatusInternalServerError)
		})
}

// [03.11] Сховище не змогло зберегти сесію — відповідь 500, а не
// переспрямування, після якого відвідувач не побачить своєї мови.
func TestSaveErrorIs500(t *testing.T) {
	b := browser.New(t, newHandler(brokenStore{}))
	chooseLang(b, "en").WantStatus(http.StatusInternalServerError)
}
