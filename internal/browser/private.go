package browser

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// WantPrivate checks that every hop of the response is marked as
// personal: a page that depends on the session must not be kept by a
// shared cache and served to another visitor. That takes two headers:
//
//   - Vary with Cookie: the response differs from visitor to visitor,
//     as Flask says on every response whose handler read the session;
//   - Cache-Control with no-store or private: no shared cache (a proxy,
//     a CDN) may keep it at all.
//
// WantPrivate sees only the responses a test asks it about. Where a
// README promises that every response is private, use
// AllResponsesPrivate: it also makes the responses a test forgets.
func (r *Response) WantPrivate() *Response {
	r.t.Helper()
	for _, h := range r.Hops {
		for _, p := range notPrivate(h.Header) {
			r.t.Errorf("%s %s: %s", h.Method, h.Path, p)
		}
	}
	return r
}

// notPrivate lists what a response with header h lacks to be private,
// one message (without the request) per missing header.
func notPrivate(h http.Header) []string {
	var problems []string
	if !hasToken(h.Values("Vary"), "Cookie") {
		problems = append(problems, fmt.Sprintf(
			"заголовок Vary — отримали %q, очікували, що в ньому є Cookie",
			strings.Join(h.Values("Vary"), ", ")))
	}
	cc := h.Values("Cache-Control")
	if !hasToken(cc, "no-store") && !hasToken(cc, "private") {
		problems = append(problems, fmt.Sprintf(
			"заголовок Cache-Control — отримали %q, очікували no-store або private",
			strings.Join(cc, ", ")))
	}
	return problems
}

// NoSuchPage is the address AllResponsesPrivate asks for to get the
// app's 404.
const NoSuchPage = "/no-such-page"

// AllResponsesPrivate checks that every kind of response the app h can
// give is private (see WantPrivate), on every hop, redirects included.
//
// Each visit runs in a new browser on h and stands for the responses
// only this app gives: a page (200), a form that redirects (303), a
// refused form (400), and so on; every response a visit gets is
// checked, not only the last. The responses every app gives the helper
// makes itself, once the visits are done:
//
//   - 404: GET NoSuchPage;
//   - 405: DELETE of every path the visits asked for (no page of the
//     course takes DELETE);
//   - 403: a form from another site (PostFromOtherSite) to every path
//     the visits posted to, or to "/" if they posted nowhere.
//
// A response the app gives under another handler (a 500 from a store
// that cannot save) is a second call with that handler. So both
// typical half-answers fail: private wrapped around one route at a
// time (the mux's own 404 and 405 lack the headers), and private
// inside http.CrossOriginProtection (its 403 lacks them). A message
// names the request as WantPrivate does, and says which came from
// another site:
//
//	DELETE /: заголовок Vary — отримали "", очікували, що в ньому є Cookie
//	POST /login з чужого сайту: заголовок Vary — отримали "", …
func AllResponsesPrivate(t testing.TB, h http.Handler,
	visits ...func(b *Browser)) {
	t.Helper()
	c := &privacyCheck{t: t, seen: map[string]bool{},
		asked: map[string]bool{}, posted: map[string]bool{}}
	for _, visit := range visits {
		visit(c.browser(h))
	}
	b := c.browser(h)
	b.Get(NoSuchPage)
	for _, p := range slices.Sorted(maps.Keys(c.asked)) {
		req, err := http.NewRequest(http.MethodDelete, Origin+p, nil)
		if err != nil {
			t.Fatalf("DELETE %s: не вдалося створити запит: %v", p, err)
		}
		b.Do(req)
	}
	posted := slices.Sorted(maps.Keys(c.posted))
	if len(posted) == 0 {
		posted = []string{"/"}
	}
	for _, p := range posted {
		b.PostFromOtherSite(p, "")
	}
	// The messages go out here, not as the responses come, so that they
	// point to the test's line rather than into the browser.
	for _, msg := range c.failures {
		t.Errorf("%s", msg)
	}
}

// privacyCheck is one AllResponsesPrivate: what it has seen so far.
type privacyCheck struct {
	t testing.TB
	// failures holds what is wrong, once each: a visit that repeats a
	// request does not repeat its failure.
	failures []string
	seen     map[string]bool
	// asked and posted hold the paths the visits asked for and posted
	// to (no query string).
	asked, posted map[string]bool
}

// browser returns a new browser on h whose every response the check
// sees.
func (c *privacyCheck) browser(h http.Handler) *Browser {
	b := New(c.t, h)
	b.observe = c.hop
	return b
}

// hop checks one response: req is the request it answers.
func (c *privacyCheck) hop(req *http.Request, h Hop) {
	path := req.URL.Path
	if path != NoSuchPage && req.Method != http.MethodDelete {
		c.asked[path] = true
		if req.Method == http.MethodPost &&
			req.Header.Get("Sec-Fetch-Site") != "cross-site" {
			c.posted[path] = true
		}
	}
	what := h.Method + " " + h.Path
	if req.Header.Get("Sec-Fetch-Site") == "cross-site" {
		what += " з чужого сайту"
	}
	for _, p := range notPrivate(h.Header) {
		msg := what + ": " + p
		if !c.seen[msg] {
			c.seen[msg] = true
			c.failures = append(c.failures, msg)
		}
	}
}

// hasToken reports whether a comma-separated header, possibly sent in
// several lines, holds token (case-insensitive). A directive with a
// value, such as private="Set-Cookie", does not count as the bare token.
func hasToken(values []string, token string) bool {
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(part), token) {
				return true
			}
		}
	}
	return false
}
