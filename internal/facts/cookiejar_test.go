package facts

import (
	"go/version"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

// net/http/cookiejar — «браузер» клієнта http.Client у тестах.

// jarCount кладе кукі c у новий cookiejar для адреси from і повертає,
// скільки кукі jar надішле на адресу to.
func jarCount(t testing.TB, c *http.Cookie, from, to string) int {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(from)
	jar.SetCookies(u, []*http.Cookie{c})
	u, _ = url.Parse(to)
	return len(jar.Cookies(u))
}

// cookiejar не надсилає кукі з Secure на http://example.com, лише на
// https:// (а типова кукі gorilla/sessions має Secure).
func TestJarSecureCookieNotSentOverHTTP(t *testing.T) {
	c := &http.Cookie{Name: sessionName, Value: "v", Path: "/", Secure: true}
	browser.Want(t, "кукі для http://example.com/",
		jarCount(t, c, "https://example.com/", "http://example.com/"), 0)
	browser.Want(t, "кукі для https://example.com/",
		jarCount(t, c, "https://example.com/", "https://example.com/"), 1)
}

// Починаючи з Go 1.26, cookiejar вважає http://localhost і
// http://127.0.0.1 безпечними, як браузери, і надсилає туди кукі з
// Secure; Go 1.25 — ні.
func TestJarLocalhostIsSecureSinceGo126(t *testing.T) {
	want := 0
	if version.Compare(runtime.Version(), "go1.26") >= 0 {
		want = 1
	}
	c := &http.Cookie{Name: sessionName, Value: "v", Path: "/", Secure: true}
	for _, u := range []string{"http://localhost/", "http://127.0.0.1/"} {
		browser.Want(t, runtime.Version()+": кукі з Secure для "+u,
			jarCount(t, c, u, u), want)
	}
}

// cookiejar бере час із time.Now, тож у synctest кукі з Max-Age=1800
// зникає з jar через 30 хвилин годинника бульбашки.
func TestJarDropsExpiredCookie(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		jar, err := cookiejar.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse("https://example.com/")
		jar.SetCookies(u, []*http.Cookie{{Name: sessionName, Value: "v", Path: "/", MaxAge: 1800}})
		time.Sleep(29 * time.Minute)
		browser.Want(t, "кукі через 29 хв", len(jar.Cookies(u)), 1)
		time.Sleep(2 * time.Minute)
		browser.Want(t, "кукі через 31 хв", len(jar.Cookies(u)), 0)
	})
}
