// Package browser is the course's simulated browser for tests.
//
// A Browser keeps cookies the way a real browser does (it uses
// net/http/cookiejar), follows redirects, and talks to an http.Handler
// in memory: no sockets, no ports. That is why it works inside
// synctest.Test, where a test can let 31 minutes pass in a millisecond.
//
// A test reads like what a person does in a browser:
//
//	b := browser.New(t, handler)
//	b.PostForm("/login", url.Values{"username": {"alice"}})
//	b.Get("/").WantBody("Logged in as alice")
//	b.Restart() // закрити браузер і відкрити знову
//
// Every check reports a mismatch in the course's one format, got before
// want, in Ukrainian:
//
//	GET /: тіло — отримали "You are not logged in", очікували "Logged in as alice"
package browser

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Origin is the address the simulated browser pretends to visit.
//
// It is https on purpose: the course's session cookies carry the Secure
// attribute, and net/http/cookiejar before Go 1.26 does not send Secure
// cookies to http:// hosts, localhost included. Real browsers treat
// http://localhost as secure; the jar, on https, behaves the same on every
// Go version the course supports.
const Origin = "https://localhost"

// A Browser is a simulated browser with its own cookie jar.
type Browser struct {
	t       testing.TB
	handler http.Handler
	jar     *cookiejar.Jar
	client  *http.Client

	// received is every cookie the browser accepted, in order, with
	// Max-Age turned into an absolute Expires, so that Restart can rebuild
	// the jar the way a browser restores its cookies from disk.
	received []receivedCookie

	// UserAgent, if not empty, goes with every request as its
	// User-Agent header, as a real browser sends its own name. The
	// zero value sends no User-Agent at all.
	UserAgent string

	// hops collects the responses of the request in progress.
	hops []Hop
	// observe, if not nil, sees every response as it arrives, with the
	// request it answers: AllResponsesPrivate checks them there.
	observe func(*http.Request, Hop)
	// panics collects what the handler panicked with during it.
	panics []string
}

// New returns a browser with an empty cookie jar that sends every request
// to h.
func New(t testing.TB, h http.Handler) *Browser {
	t.Helper()
	b := &Browser{t: t, handler: h}
	b.jar = newJar(t)
	b.client = &http.Client{
		Jar:       b.jar,
		Transport: roundTripper(b.serve),
		// A browser follows up to 20 redirects; so do we.
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 20 {
				return fmt.Errorf("забагато переспрямувань (redirect): %d", len(via))
			}
			return nil
		},
	}
	return b
}

func newJar(t testing.TB) *cookiejar.Jar {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatalf("не вдалося створити cookiejar: %v", err)
	}
	return jar
}

// Get visits path, as when a person types an address or follows a link.
func (b *Browser) Get(path string) *Response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, Origin+path, nil)
	if err != nil {
		b.t.Fatalf("GET %s: не вдалося створити запит: %v", path, err)
	}
	return b.Do(req)
}

// PostForm submits an HTML form to path, as when a person presses a
// form's button. The body is form-encoded and the Origin header is the
// page's own, as a browser sends it.
func (b *Browser) PostForm(path string, form url.Values) *Response {
	b.t.Helper()
	return b.PostBody(path, form.Encode())
}

// PostBody submits a form-encoded body exactly as given, from the
// site's own page: for bodies url.Values would not produce, such as
// "username=%FF" or "username=%zz".
func (b *Browser) PostBody(path, body string) *Response {
	b.t.Helper()
	return b.post(path, body, Origin, "same-origin")
}

// OtherSite is the address of the foreign site PostFromOtherSite
// pretends to post from.
const OtherSite = "https://evil.example"

// PostFromOtherSite submits a form-encoded body to path the way a
// browser does when a form on another site posts here: Origin is that
// site's, and Sec-Fetch-Site says cross-site.
func (b *Browser) PostFromOtherSite(path, body string) *Response {
	b.t.Helper()
	return b.post(path, body, OtherSite, "cross-site")
}

func (b *Browser) post(path, body, origin, fetchSite string) *Response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, Origin+path,
		strings.NewReader(body))
	if err != nil {
		b.t.Fatalf("POST %s: не вдалося створити запит: %v", path, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", origin)
	req.Header.Set("Sec-Fetch-Site", fetchSite)
	return b.Do(req)
}

// Do sends any request, follows redirects and returns what the browser
// finally shows. Use it for requests that Get and PostForm do not cover,
// such as a cross-site form post.
func (b *Browser) Do(req *http.Request) *Response {
	b.t.Helper()
	b.hops, b.panics = nil, nil
	what := req.Method + " " + req.URL.RequestURI()
	resp, err := b.client.Do(req)
	for _, p := range b.panics {
		b.t.Errorf("%s", p)
	}
	if err != nil {
		b.t.Fatalf("%s: запит не вдався: %v", what, err)
	}
	defer resp.Body.Close()
	r := &Response{t: b.t, what: what, Hops: b.hops}
	last := r.Hops[len(r.Hops)-1]
	r.Status, r.Header, r.Body = last.Status, last.Header, last.Body
	return r
}

// Cookie returns the cookie called name that the browser would send with
// its next request, or nil if it would send none. Only Name and Value are
// set: a browser does not send a cookie's attributes back. To see the
// attributes, use Response.SetCookie.
func (b *Browser) Cookie(name string) *http.Cookie {
	u, _ := url.Parse(Origin + "/")
	for _, c := range b.jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// SetCookie puts a cookie into the browser, as if a person edited it in
// the browser's developer tools or copied it from another browser.
//
// A nil c stops the test with a message instead of a crash: it usually
// means the answer sent no cookie to copy.
func (b *Browser) SetCookie(c *http.Cookie) {
	b.t.Helper()
	if c == nil {
		b.t.Fatalf("немає кукі, яку можна покласти в браузер: " +
			"відповідь раніше не надіслала потрібної кукі (Set-Cookie)")
	}
	u, _ := url.Parse(Origin + "/")
	c = withAbsoluteExpiry(c, time.Now())
	b.received = append(b.received, receivedCookie{u, c})
	b.jar.SetCookies(u, []*http.Cookie{c})
}

// A receivedCookie is a cookie the browser accepted and the address of
// the response (or SetCookie call) that set it.
type receivedCookie struct {
	u *url.URL
	c *http.Cookie
}

// Restart closes the browser and opens it again, as a person does when
// they quit the browser. Cookies without Max-Age and Expires (session
// cookies) are forgotten; persistent cookies that have not expired stay.
func (b *Browser) Restart() {
	b.t.Helper()
	jar := newJar(b.t)
	// Replay every cookie in the order the browser received it, so that
	// a later cookie replaces an earlier one of the same name, path and
	// domain, as it did before the restart. A session cookie is replayed
	// as a deletion: it replaced whatever was there, then died with the
	// browser.
	for _, rc := range b.received {
		c := rc.c
		if c.Expires.IsZero() {
			gone := *c
			gone.Expires = time.Unix(1, 0)
			c = &gone
		}
		jar.SetCookies(rc.u, []*http.Cookie{c})
	}
	b.jar = jar
	b.client.Jar = jar
}

// serve answers one request (one hop) by calling the handler in memory.
func (b *Browser) serve(req *http.Request) (*http.Response, error) {
	in := req.Clone(req.Context())
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "127.0.0.1:49152"
	in.Host = req.URL.Host
	if b.UserAgent != "" && in.Header.Get("User-Agent") == "" {
		in.Header.Set("User-Agent", b.UserAgent)
	}
	if in.Body == nil {
		in.Body = http.NoBody
	}

	rec := httptest.NewRecorder()
	b.callHandler(rec, in)

	// Result shows the headers as they were when the handler first wrote
	// the body, as a real server sends them: a Set-Cookie added later is
	// lost, in tests as in a browser.
	resp := rec.Result()
	resp.Request = req
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))

	hop := Hop{
		Method:   req.Method,
		Path:     req.URL.RequestURI(),
		Status:   resp.StatusCode,
		Header:   resp.Header,
		Body:     string(body),
		Location: resp.Header.Get("Location"),
		Cookies:  resp.Cookies(),
	}
	b.hops = append(b.hops, hop)
	if b.observe != nil {
		b.observe(req, hop)
	}
	now := time.Now()
	for _, c := range hop.Cookies {
		b.received = append(b.received,
			receivedCookie{req.URL, withAbsoluteExpiry(c, now)})
	}
	return resp, nil
}

// callHandler runs the handler and turns a panic into the 500 a real
// server would answer, with a test error that says what happened.
func (b *Browser) callHandler(w *httptest.ResponseRecorder, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			b.panics = append(b.panics, fmt.Sprintf(
				"%s %s: обробник (handler) панікував: %v",
				r.Method, r.URL.RequestURI(), p))
			w.Code = http.StatusInternalServerError
		}
	}()
	b.handler.ServeHTTP(w, r)
}

// withAbsoluteExpiry returns a copy of c whose lifetime is an absolute
// Expires, as a browser stores it, so that replaying it later into a new
// jar does not make it live longer.
func withAbsoluteExpiry(c *http.Cookie, now time.Time) *http.Cookie {
	cc := *c
	switch {
	case c.MaxAge > 0:
		cc.Expires = now.Add(time.Duration(c.MaxAge) * time.Second)
	case c.MaxAge < 0:
		cc.Expires = time.Unix(1, 0)
	}
	cc.MaxAge = 0
	return &cc
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TamperCookie changes one character in the value of the cookie called
// name, as an attacker who edits their own cookie would. It stops the
// test if the browser has no such cookie.
func (b *Browser) TamperCookie(name string) {
	b.t.Helper()
	c := b.Cookie(name)
	if c == nil {
		b.t.Fatalf("у браузері немає кукі %q, нічого псувати", name)
	}
	if c.Value == "" {
		b.t.Fatalf("кукі %q порожня, нічого псувати", name)
	}
	v := []byte(c.Value)
	i := len(v) / 2
	if v[i] == 'A' {
		v[i] = 'B'
	} else {
		v[i] = 'A'
	}
	// An edited cookie keeps its lifetime: a persistent one stays
	// persistent, as in a browser's developer tools.
	tampered := &http.Cookie{Name: name, Value: string(v), Path: "/"}
	origin, _ := url.Parse(Origin)
	for _, rc := range b.received {
		if rc.c.Name == name && rc.u.Host == origin.Host &&
			(rc.c.Path == "" || rc.c.Path == "/") {
			tampered.Expires = rc.c.Expires
		}
	}
	b.SetCookie(tampered)
}
