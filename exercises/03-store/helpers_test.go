package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// chooseLang надсилає форму вибору мови, як людина, що натиснула
// «Зберегти».
func chooseLang(b *browser.Browser, lang string) *browser.Response {
	return b.PostForm("/lang", url.Values{"lang": {lang}})
}

// chosen повертає браузер на сервері h, у якому по черзі обрали мови
// langs. Якщо хоч один вибір не вдався, тест зупиняється: далі
// перевіряти нічого.
func chosen(t *testing.T, h http.Handler, langs ...string) *browser.Browser {
	t.Helper()
	b := browser.New(t, h)
	prev := ""
	for i, lang := range langs {
		if i > 0 && lang != langs[i-1] {
			prev = langs[i-1]
		}
		chooseLang(b, lang).WantBody(greeting(lang, prev))
		if t.Failed() {
			t.FailNow()
		}
	}
	return b
}

// formOfSize — тіло форми рівно на n байтів: мова lang і поле note,
// яке застосунок не читає, а лише доповнює тіло до потрібного розміру.
func formOfSize(lang string, n int) string {
	head := "lang=" + lang + "&note="
	return head + strings.Repeat("x", n-len(head))
}

// wantOneCookie перевіряє, що відповідь несе кукі сесії рівно один
// раз. Два заголовки Set-Cookie з тим самим іменем в одній відповіді
// RFC 6265 (4.1.1) радить не надсилати: браузер залишить лише один із
// них, і це має бути не випадковість.
func wantOneCookie(t *testing.T, h browser.Hop) {
	t.Helper()
	n := 0
	for _, c := range h.Cookies {
		if c.Name == sessionName {
			n++
		}
	}
	switch n {
	case 0:
		t.Errorf("%s %s: кукі %q у першій відповіді (303) — отримали відповідь без неї, "+
			"очікували Set-Cookie: %s=…", h.Method, h.Path, sessionName, sessionName)
	case 1:
	default:
		t.Errorf("%s %s: заголовки Set-Cookie з кукі %q в одній відповіді — "+
			"отримали %d, очікували 1", h.Method, h.Path, sessionName, n)
	}
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

// status — статус відповіді, як його пишуть перевірки браузера:
// 303 See Other, без лапок.
func status(h browser.Hop) browser.Phrase {
	return browser.Phrase(fmt.Sprintf("%d %s", h.Status, http.StatusText(h.Status)))
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
