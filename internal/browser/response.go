package browser

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// A Hop is one response on the way to the page the browser shows: a
// redirect (303, 302, …) or the final page.
type Hop struct {
	Method   string // GET or POST
	Path     string // the path that was asked for
	Status   int
	Header   http.Header
	Body     string
	Location string         // where a redirect points, or ""
	Cookies  []*http.Cookie // every Set-Cookie of this hop, with attributes
}

// A Response is what the browser shows after it followed every redirect.
type Response struct {
	t    testing.TB
	what string // "POST /login", for messages

	Status int
	Header http.Header
	Body   string

	// Hops holds every response the browser received for this request, in
	// order: Hops[0] answers the request itself, the last one is the page
	// shown (Status, Header and Body are its fields).
	Hops []Hop
}

// SetCookie returns the last Set-Cookie called name that any hop of this
// response sent, with all its attributes, or nil if none did.
func (r *Response) SetCookie(name string) *http.Cookie {
	var found *http.Cookie
	for _, h := range r.Hops {
		for _, c := range h.Cookies {
			if c.Name == name {
				found = c
			}
		}
	}
	return found
}

// WantStatus checks the status of the page shown.
func (r *Response) WantStatus(want int) *Response {
	r.t.Helper()
	if r.Status != want {
		r.t.Errorf("%s: статус — %s", r.what, GotWant(statusText(r.Status), statusText(want)))
	}
	return r
}

// WantBody checks that the page shows exactly want (surrounding spaces and
// newlines aside).
func (r *Response) WantBody(want string) *Response {
	r.t.Helper()
	if got := strings.TrimSpace(r.Body); got != want {
		r.t.Errorf("%s: текст сторінки — %s", r.what, GotWant(got, want))
	}
	return r
}

// WantBodyContains checks that the page contains want.
func (r *Response) WantBodyContains(want string) *Response {
	r.t.Helper()
	if !strings.Contains(r.Body, want) {
		r.t.Errorf("%s: текст сторінки — отримали %q, очікували, що він містить %q",
			r.what, short(r.Body), want)
	}
	return r
}

// WantBodyLacks checks that the page does not contain unwanted.
func (r *Response) WantBodyLacks(unwanted string) *Response {
	r.t.Helper()
	if strings.Contains(r.Body, unwanted) {
		r.t.Errorf("%s: текст сторінки — отримали %q, а він не має містити %q",
			r.what, short(r.Body), unwanted)
	}
	return r
}

// WantRedirect checks that the request itself was answered with a
// redirect of the given status to location.
func (r *Response) WantRedirect(status int, location string) *Response {
	r.t.Helper()
	first := r.Hops[0]
	if first.Status != status || first.Location != location {
		r.t.Errorf("%s: переспрямування (redirect) — %s", r.what,
			GotWant(Phrase(hopText(first)),
				Phrase(fmt.Sprintf("%s → %s", statusText(status), location))))
	}
	return r
}

// GotWant formats a mismatch the one way the course does: got before want.
func GotWant(got, want any) string {
	return fmt.Sprintf("отримали %s, очікували %s", show(got), show(want))
}

func show(v any) string {
	switch v := v.(type) {
	case Phrase:
		return string(v)
	case string:
		if v == NoError {
			return v
		}
		return fmt.Sprintf("%q", short(v))
	case http.SameSite:
		return sameSiteName(v)
	}
	return fmt.Sprint(v)
}

func sameSiteName(s http.SameSite) string {
	switch s {
	case http.SameSiteLaxMode:
		return "Lax"
	case http.SameSiteStrictMode:
		return "Strict"
	case http.SameSiteNoneMode:
		return "None"
	}
	return "не задано"
}

// short cuts a long text to about 300 bytes, on a rune boundary, so
// that Cyrillic letters are never cut in half.
func short(s string) string {
	const limit = 300
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

type status int

func statusText(code int) status { return status(code) }

func (s status) String() string {
	return fmt.Sprintf("%d %s", int(s), http.StatusText(int(s)))
}

func hopText(h Hop) string {
	if h.Location == "" {
		return fmt.Sprintf("%s без переспрямування", statusText(h.Status))
	}
	return fmt.Sprintf("%s → %s", statusText(h.Status), h.Location)
}

// Want checks one value the course's way: what names the value in
// Ukrainian, got comes before want.
func Want[T comparable](t testing.TB, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s — %s", what, GotWant(got, want))
	}
}

// WantSetCookie returns the Set-Cookie called name that this response
// sent, and stops the test if it sent none.
func (r *Response) WantSetCookie(name string) *http.Cookie {
	r.t.Helper()
	c := r.SetCookie(name)
	if c == nil {
		r.t.Fatalf("%s: кукі %q — отримали відповідь без неї, очікували Set-Cookie: %s=…",
			r.what, name, name)
	}
	return c
}

// Cookie returns the Set-Cookie called name that this hop sent, with
// its attributes, or nil.
func (h Hop) Cookie(name string) *http.Cookie {
	for _, c := range h.Cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// A Phrase describes a value in words rather than quoting it: GotWant
// prints it as it is, so that «очікували кукі немає» never reads as if
// the text "немає" were expected.
type Phrase string

// NoError is how a message names a missing error; GotWant prints it
// without quotes, as it prints a Phrase.
const NoError = "nil (без помилки)"

// ErrText returns the text of err for a message, or NoError.
func ErrText(err error) string {
	if err == nil {
		return NoError
	}
	return err.Error()
}
