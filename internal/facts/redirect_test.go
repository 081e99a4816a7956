package facts

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// http.Redirect після POST і те, як клієнт іде за переспрямуванням.

// redirectApp відповідає на POST /login переспрямуванням з кодом code
// на / і записує методи запитів, які отримав.
func redirectApp(code int, methods *[]string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*methods = append(*methods, r.Method+" "+r.URL.Path)
		if r.URL.Path == "/login" {
			http.Redirect(w, r, "/", code)
			return
		}
		w.Write([]byte("home"))
	})
}

// Після 303 See Other (а також 301 і 302) клієнт робить GET; 307 і 308
// повторюють POST.
func TestRedirectAfterPost303MakesGet(t *testing.T) {
	for _, tc := range []struct {
		code int
		want string
	}{
		{http.StatusSeeOther, "GET /"},
		{http.StatusFound, "GET /"},
		{http.StatusMovedPermanently, "GET /"},
		{http.StatusTemporaryRedirect, "POST /"},
		{http.StatusPermanentRedirect, "POST /"},
	} {
		var methods []string
		client := &http.Client{Transport: handlerTransport{redirectApp(tc.code, &methods)}}
		resp, err := client.PostForm("http://example.com/login", url.Values{"username": {"alice"}})
		if err != nil {
			t.Fatalf("%d: запит не вдався: %v", tc.code, err)
		}
		resp.Body.Close()
		if len(methods) != 2 {
			t.Fatalf("%d: запитів — отримали %q, очікували 2", tc.code, methods)
		}
		browser.Want(t, http.StatusText(tc.code)+": другий запит", methods[1], tc.want)
	}
}

// http.Redirect пише маленьке HTML-тіло лише у відповідь на GET; на
// POST відповідь без тіла і без Content-Type.
func TestRedirectBodyOnlyForGet(t *testing.T) {
	redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	resp := serve(redirect, "GET", "/old")
	browser.Want(t, "GET: Content-Type", resp.Header.Get("Content-Type"), "text/html; charset=utf-8")
	browser.Want(t, "GET: тіло", bodyOf(t, resp), "<a href=\"/\">See Other</a>.\n\n")

	resp = serve(redirect, "POST", "/login")
	browser.Want(t, "POST: Location", resp.Header.Get("Location"), "/")
	browser.Want(t, "POST: Content-Type", resp.Header.Get("Content-Type"), "")
	browser.Want(t, "POST: тіло", bodyOf(t, resp), "")
}

// CheckRedirect, що повертає http.ErrUseLastResponse, зупиняє клієнт
// на самому 303, і тест бачить його Set-Cookie.
func TestErrUseLastResponseShowsRedirect(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	login := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := store.Get(r, sessionName)
		s.Values["username"] = "alice"
		if err := s.Save(r, w); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	client := &http.Client{
		Transport: handlerTransport{login},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	resp, err := client.PostForm("https://example.com/login", url.Values{"username": {"alice"}})
	if err != nil && !errors.Is(err, http.ErrUseLastResponse) {
		t.Fatalf("запит не вдався: %v", err)
	}
	defer resp.Body.Close()
	browser.Want(t, "статус", resp.StatusCode, http.StatusSeeOther)
	browser.Want(t, "Set-Cookie на 303", len(resp.Cookies()), 1)
}
