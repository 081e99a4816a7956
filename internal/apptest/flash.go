package apptest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// LoginFlashNotPiled checks an app that greets a fresh login with the
// one-time message "Ви увійшли як NAME": a client that logs in again and
// again without opening the home page (a script, or a browser that does
// not follow redirects) must not pile these messages up in its session.
// Unbounded, they would grow the session until Save fails with a 500.
// The home page after n logins shows exactly one message, the last one.
func LoginFlashNotPiled(t *testing.T, h http.Handler, n int) {
	t.Helper()
	var cookies []*http.Cookie
	send := func(req *http.Request) *httptest.ResponseRecorder {
		for _, c := range cookies {
			req.AddCookie(c)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		for _, c := range w.Result().Cookies() {
			if c.Name == sessionName && c.MaxAge >= 0 {
				cookies = []*http.Cookie{{Name: c.Name, Value: c.Value}}
			}
		}
		return w
	}
	for i := range n {
		req := httptest.NewRequest(http.MethodPost, browser.Origin+"/login",
			strings.NewReader(FormBody("alice")))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", browser.Origin)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if w := send(req); w.Code != http.StatusSeeOther {
			t.Fatalf("вхід №%d без переходу на головну: статус — %s",
				i+1, browser.GotWant(w.Code, http.StatusSeeOther))
		}
	}
	body := send(httptest.NewRequest(http.MethodGet, browser.Origin+"/", nil)).
		Body.String()
	got := strings.Count(body, "Ви увійшли як alice")
	browser.Want(t, "GET / після "+strconv.Itoa(n)+" входів поспіль: повідомлень "+
		"«Ви увійшли як alice»", got, 1)
}
