package apptest

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// NosniffEverywhere checks that every kind of response the app h gives
// carries X-Content-Type-Options: nosniff (ASVS 5.0 3.4.4): without it
// a browser may guess the type of a response by its body and run text
// as a script. writeText and http.Error set it themselves; the HTML
// forms and the 303 redirects get it only from private, which wraps
// the whole app.
//
// One browser asks, in this order, and every hop of every response is
// checked, redirects included:
//
//   - GET / — a page (200);
//   - GET /login — the login form (an HTML page);
//   - POST /login with no name — a refused form (400);
//   - POST /login as alice — a redirect (303) and the page it leads to;
//   - GET /logout — the logout form;
//   - POST /login from another site — refused (403);
//   - GET browser.NoSuchPage (404) and DELETE / (405);
//   - POST /logout — a redirect (303) and the page after it.
//
// An app without a form (steps 01 and 02) answers the form requests
// with 404 or 405, which are checked too. An app that answers GET
// /login with 200 must also have given a 303, a 400 and a 403 among
// them, so a test cannot pass by not asking.
func NosniffEverywhere(t *testing.T, h http.Handler) {
	t.Helper()
	b := browser.New(t, h)
	seen := map[int]bool{}
	check := func(what string, r *browser.Response) {
		t.Helper()
		for _, hop := range r.Hops {
			seen[hop.Status] = true
			got := hop.Header.Values("X-Content-Type-Options")
			if len(got) != 1 || got[0] != "nosniff" {
				t.Errorf("%s %s (%s, %d): заголовок X-Content-Type-Options — %s",
					hop.Method, hop.Path, what, hop.Status,
					browser.GotWant(strings.Join(got, ", "), "nosniff"))
			}
		}
	}
	check("сторінка", b.Get("/"))
	form := b.Get("/login")
	check("форма входу", form)
	check("форма без імені", b.PostForm("/login", url.Values{}))
	check("вхід", Login(b, "alice", false))
	check("форма виходу", b.Get("/logout"))
	check("з чужого сайту", b.PostFromOtherSite("/login", "username=mallory"))
	check("немає такої сторінки", b.Get(browser.NoSuchPage))
	del, err := http.NewRequest(http.MethodDelete, browser.Origin+"/", nil)
	if err != nil {
		t.Fatalf("DELETE /: не вдалося створити запит: %v", err)
	}
	check("чужий метод", b.Do(del))
	check("вихід", b.PostForm("/logout", nil))

	want := []int{http.StatusOK, http.StatusNotFound,
		http.StatusMethodNotAllowed}
	if form.Hops[0].Status == http.StatusOK {
		want = append(want, http.StatusSeeOther, http.StatusBadRequest,
			http.StatusForbidden)
	}
	var missing []int
	for _, code := range want {
		if !seen[code] {
			missing = append(missing, code)
		}
	}
	if len(missing) > 0 {
		t.Errorf("NosniffEverywhere: коди відповідей — отримали %v, "+
			"очікували серед них і %v", slices.Sorted(maps.Keys(seen)), missing)
	}
}
