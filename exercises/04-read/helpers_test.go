package main

import (
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

// plantSession кладе в браузер кукі сесії з такими значеннями, ніби
// їх зберіг інший обробник застосунку: тест сам зберігає сесію тим
// самим сховищем і передає кукі браузеру.
func plantSession(t *testing.T, b *browser.Browser, store sessions.Store,
	values map[any]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, browser.Origin+"/", nil)
	session, err := store.New(req, sessionName)
	if session == nil {
		t.Fatalf("store.New: немає сесії (%v)", err)
	}
	for k, v := range values {
		session.Values[k] = v
	}
	if err := session.Save(req, rec); err != nil {
		t.Fatalf("тест не зміг зберегти сесію: %v", err)
	}
	c := rec.Result().Cookies()
	if len(c) == 0 {
		t.Fatalf("тест зберіг сесію, але кукі %q немає", sessionName)
	}
	for _, c := range c {
		b.SetCookie(c)
	}
}

// shown повертає «МЕТОД шлях» сторінки, яку показав браузер.
func shown(r *browser.Response) string {
	last := r.Hops[len(r.Hops)-1]
	return last.Method + " " + last.Path
}

// wantHTML перевіряє тип HTML-сторінки.
func wantHTML(t testing.TB, r *browser.Response) {
	t.Helper()
	browser.Want(t, shown(r)+": Content-Type",
		r.Header.Get("Content-Type"), "text/html; charset=utf-8")
}

// wantText перевіряє, що відповідь — простий текст, у якому браузер
// не шукатиме HTML.
func wantText(t testing.TB, r *browser.Response) {
	t.Helper()
	browser.Want(t, shown(r)+": Content-Type",
		r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
	browser.Want(t, shown(r)+": X-Content-Type-Options",
		r.Header.Get("X-Content-Type-Options"), "nosniff")
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

// wantHeading перевіряє заголовок <h1> сторінки.
func wantHeading(t testing.TB, r *browser.Response, want string) {
	t.Helper()
	browser.Want(t, shown(r)+": заголовок <h1>", headingText(r), want)
}

// headingText повертає текст першого <h1> сторінки, як його прочитає
// людина: без тегів, &lt; — це «<».
func headingText(r *browser.Response) string {
	if rawHeading(r) == "" {
		return "(сторінка без <h1>)"
	}
	return html.UnescapeString(innerTag.ReplaceAllString(rawHeading(r), ""))
}

// setTips натискає «Показувати поради» (show) або «Сховати поради».
func setTips(b *browser.Browser, show bool) *browser.Response {
	v := "0"
	if show {
		v = "1"
	}
	return b.PostForm("/tips", url.Values{"show": {v}})
}

// hasTip каже, чи є на сторінці порада.
func hasTip(r *browser.Response) bool {
	return strings.Contains(r.Body, `class="tip"`)
}

// tipText описує сторінку для повідомлення: з порадою чи без.
func tipText(shown bool) browser.Phrase {
	if shown {
		return "сторінку з порадою"
	}
	return "сторінку без поради"
}

// wantTip перевіряє, чи є на сторінці порада, і повертає, чи все гаразд.
func wantTip(t testing.TB, what string, r *browser.Response, want bool) bool {
	t.Helper()
	if got := hasTip(r); got != want {
		t.Errorf("%s: порада — %s", what, browser.GotWant(tipText(got), tipText(want)))
		return false
	}
	return true
}
