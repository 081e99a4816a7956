package facts

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// http.ServeMux з методами в шаблонах (Go 1.22+).

// serve передає запит method path обробнику h і повертає відповідь
// так, як її отримав би клієнт.
func serve(h http.Handler, method, path string) *http.Response {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, "http://example.com"+path, nil))
	return rec.Result()
}

// bodyOf читає тіло відповіді.
func bodyOf(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("тіло відповіді: %v", err)
	}
	return string(b)
}

// lessonMux — маршрути, як у кроках курсу.
func lessonMux(root string) *http.ServeMux {
	ok := func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }
	mux := http.NewServeMux()
	mux.HandleFunc(root, ok)
	mux.HandleFunc("POST /login", ok)
	mux.HandleFunc("GET /logout", ok)
	return mux
}

// Шаблон "GET /{$}" відповідає лише шляху /, а "GET /" — будь-якому
// шляху: з ним /nope дає 200 замість 404.
func TestMuxExactRootPattern(t *testing.T) {
	browser.Want(t, `"GET /{$}": GET /nope, статус`,
		serve(lessonMux("GET /{$}"), "GET", "/nope").StatusCode, http.StatusNotFound)
	browser.Want(t, `"GET /{$}": GET /, статус`,
		serve(lessonMux("GET /{$}"), "GET", "/").StatusCode, http.StatusOK)
	browser.Want(t, `"GET /": GET /nope, статус`,
		serve(lessonMux("GET /"), "GET", "/nope").StatusCode, http.StatusOK)
}

// Запит на відомий шлях з іншим методом отримує 405 і заголовок Allow
// з дозволеними методами.
func TestMuxWrongMethodIs405WithAllow(t *testing.T) {
	mux := lessonMux("GET /{$}")
	resp := serve(mux, "GET", "/login")
	browser.Want(t, "GET /login: статус", resp.StatusCode, http.StatusMethodNotAllowed)
	browser.Want(t, "GET /login: Allow", resp.Header.Get("Allow"), "POST")
	browser.Want(t, "GET /login: тіло", bodyOf(t, resp), "Method Not Allowed\n")

	resp = serve(mux, "DELETE", "/logout")
	browser.Want(t, "DELETE /logout: статус", resp.StatusCode, http.StatusMethodNotAllowed)
	browser.Want(t, "DELETE /logout: Allow", resp.Header.Get("Allow"), "GET, HEAD")
}

// Шаблон з методом GET відповідає і запитам HEAD.
func TestMuxGetMatchesHead(t *testing.T) {
	browser.Want(t, "HEAD /: статус",
		serve(lessonMux("GET /{$}"), "HEAD", "/").StatusCode, http.StatusOK)
}

// Два шаблони, що конфліктують, спричиняють паніку ще під час
// реєстрації, а не під час запиту.
func TestMuxConflictingPatternsPanic(t *testing.T) {
	register := func(a, b string) (msg string) {
		defer func() { msg = fmt.Sprint(recover()) }()
		mux := http.NewServeMux()
		mux.HandleFunc(a, func(http.ResponseWriter, *http.Request) {})
		mux.HandleFunc(b, func(http.ResponseWriter, *http.Request) {})
		return "паніки не було"
	}
	for _, pair := range [][2]string{
		{"GET /{$}", "GET /{$}"},
		{"GET /a/{x}", "GET /{y}/b"},
	} {
		msg := register(pair[0], pair[1])
		browser.Want(t, fmt.Sprintf("%q і %q: паніка про конфлікт", pair[0], pair[1]),
			strings.Contains(msg, "conflicts with"), true)
	}
}
