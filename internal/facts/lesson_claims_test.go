package facts

import (
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// browserCookieLimit — найбільша сума довжин імені й значення кукі,
// яку браузер ще збереже: 4096 байтів (RFC 6265bis, розділ «The
// Set-Cookie Header Field»; так роблять Chrome і Firefox).
const browserCookieLimit = 4096

// usernameCookie повертає кукі сесії, у якій лежить ім'я з n
// латинських літер, або помилку Save.
func usernameCookie(t *testing.T, store sessions.Store, n int) (string, error) {
	t.Helper()
	resp, err := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = strings.Repeat("a", n)
	})
	if err != nil {
		return "", err
	}
	c := wantSetCookie(t, resp)
	return c.Name + c.Value, nil
}

// Межу 4096 байтів securecookie ставить на закодоване значення кукі, а
// браузер — на ім'я разом зі значенням. Ім'я з 2216 літер securecookie
// ще пропускає (значення рівно 4096 символів), але з ім'ям кукі
// session це 4103 байти, і браузер таку кукі відкине. Найдовше ім'я,
// яке браузер збереже, — 2210 літер.
func TestLargestUsernameBrowserKeeps(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	pair, err := usernameCookie(t, store, 2216)
	if err != nil {
		t.Fatalf("Save імені з 2216 літер: помилка — "+
			"отримали %v, очікували nil", err)
	}
	browser.Want(t, "ім'я з 2216 літер: довжина значення кукі",
		len(pair)-len(sessionName), 4096)
	browser.Want(t, "ім'я з 2216 літер: ім'я і значення кукі разом",
		len(pair), 4103)
	largest := 0
	for n := 2190; n <= 2216; n++ {
		pair, err := usernameCookie(t, store, n)
		if err == nil && len(pair) <= browserCookieLimit {
			largest = n
		}
	}
	browser.Want(t, "найдовше ім'я, яке збереже браузер (літер)",
		largest, 2210)
}
