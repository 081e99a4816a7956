package apptest

import (
	"net/http"
	"testing"

	"example.com/lesson27/internal/browser"
)

// minIDBits is the least entropy of a session ID, ASVS 5.0 7.2.3.
const minIDBits = 128

// SessionIDsRandom checks the session IDs of an app whose cookie
// carries only a signed ID (steps 08 and 09, the Redis app), signed
// with key: one browser logs in n times, and
//
//   - every ID is made of base32 letters (A–Z and 2–7), as
//     crypto/rand.Text gives it, 5 bits a letter, and has at least
//     128 bits: 26 letters and more (rand.Text gives 26, 130 bits);
//   - the n IDs are all different.
//
// A test cannot see where the bits come from: that the generator is
// crypto/rand is the code's promise, not the test's.
func SessionIDsRandom(t *testing.T, h http.Handler, key []byte, n int) {
	t.Helper()
	b := browser.New(t, h)
	seen := make(map[string]int, n)
	for i := 1; i <= n; i++ {
		Login(b, "alice", false).WantStatus(http.StatusOK)
		id := sessionID(t, key, wantCookie(t, b, "після входу"))
		if !base32(id) {
			t.Fatalf("вхід %d: ID сесії — отримали %q, очікували лише "+
				"символи base32: A–Z і 2–7", i, id)
		}
		if bits := 5 * len(id); bits < minIDBits {
			t.Fatalf("вхід %d: ID сесії %q — отримали %d символів "+
				"(%d бітів), очікували щонайменше %d (%d бітів)",
				i, id, len(id), bits, (minIDBits+4)/5, minIDBits)
		}
		if first, ok := seen[id]; ok {
			t.Fatalf("вхід %d: ID сесії — отримали той самий, що після "+
				"входу %d, очікували новий", i, first)
		}
		seen[id] = i
	}
	browser.Want(t, "різних ID сесії після входів", len(seen), n)
}

// base32 reports whether s is made only of the letters of the standard
// base32 alphabet (RFC 4648), the one crypto/rand.Text uses.
func base32(s string) bool {
	for _, c := range s {
		if !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}
