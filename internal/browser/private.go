package browser

import "strings"

// WantPrivate checks that every hop of the response is marked as
// personal: a page that depends on the session must not be kept by a
// shared cache and served to another visitor. That takes two headers:
//
//   - Vary with Cookie: the response differs from visitor to visitor,
//     as Flask says on every response whose handler read the session;
//   - Cache-Control with no-store or private: no shared cache (a proxy,
//     a CDN) may keep it at all.
func (r *Response) WantPrivate() *Response {
	r.t.Helper()
	for _, h := range r.Hops {
		what := h.Method + " " + h.Path
		if !hasToken(h.Header.Values("Vary"), "Cookie") {
			r.t.Errorf("%s: заголовок Vary — отримали %q, очікували, що в ньому є Cookie",
				what, strings.Join(h.Header.Values("Vary"), ", "))
		}
		cc := h.Header.Values("Cache-Control")
		if !hasToken(cc, "no-store") && !hasToken(cc, "private") {
			r.t.Errorf("%s: заголовок Cache-Control — отримали %q, очікували no-store або private",
				what, strings.Join(cc, ", "))
		}
	}
	return r
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
