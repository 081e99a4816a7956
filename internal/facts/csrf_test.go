package facts

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/lesson27/internal/browser"
)

// http.CrossOriginProtection (Go 1.25+): захист форм від запитів з
// чужих сайтів.

// protectedPost надсилає POST /login на http://example.com з
// заголовками headers до обробника, загорнутого в
// CrossOriginProtection, і повертає відповідь.
func protectedPost(method string, headers map[string]string) *http.Response {
	login := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	h := http.NewCrossOriginProtection().Handler(login)
	r := httptest.NewRequest(method, "http://example.com/login", nil)
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec.Result()
}

// POST з чужого сайту (Sec-Fetch-Site: cross-site) отримує 403.
func TestCrossSitePostIsForbidden(t *testing.T) {
	resp := protectedPost("POST", map[string]string{"Sec-Fetch-Site": "cross-site"})
	browser.Want(t, "статус", resp.StatusCode, http.StatusForbidden)
	browser.Want(t, "тіло", bodyOf(t, resp),
		"cross-origin request detected from Sec-Fetch-Site header\n")
}

// POST від старого браузера без Sec-Fetch-Site, чий Origin не
// збігається з Host, теж отримує 403.
func TestForeignOriginPostIsForbidden(t *testing.T) {
	resp := protectedPost("POST", map[string]string{"Origin": "https://evil.example"})
	browser.Want(t, "статус", resp.StatusCode, http.StatusForbidden)
	browser.Want(t, "тіло", bodyOf(t, resp),
		"cross-origin request detected, and/or browser is out of date: "+
			"Sec-Fetch-Site is missing, and Origin does not match Host\n")
}

// POST з того самого сайту проходить: Sec-Fetch-Site: same-origin або
// none, або Origin, що збігається з Host.
func TestSameOriginPostIsAllowed(t *testing.T) {
	for _, headers := range []map[string]string{
		{"Sec-Fetch-Site": "same-origin"},
		{"Sec-Fetch-Site": "none"},
		{"Origin": "http://example.com"},
	} {
		browser.Want(t, "статус для "+headerText(headers),
			protectedPost("POST", headers).StatusCode, http.StatusSeeOther)
	}
}

// POST без Sec-Fetch-Site і без Origin (curl, тести) проходить: так
// робить запит або той самий сайт, або не браузер.
func TestPostWithoutBrowserHeadersIsAllowed(t *testing.T) {
	browser.Want(t, "статус", protectedPost("POST", nil).StatusCode, http.StatusSeeOther)
}

// GET, HEAD і OPTIONS проходять завжди, навіть з чужого сайту: тому
// все, що змінює сесію, має бути POST.
func TestCrossSiteGetIsAllowed(t *testing.T) {
	for _, method := range []string{"GET", "HEAD", "OPTIONS"} {
		resp := protectedPost(method, map[string]string{
			"Sec-Fetch-Site": "cross-site",
			"Origin":         "https://evil.example",
		})
		browser.Want(t, method+" з чужого сайту: статус", resp.StatusCode, http.StatusSeeOther)
	}
}

func headerText(h map[string]string) string {
	for k, v := range h {
		return k + ": " + v
	}
	return "без заголовків"
}
