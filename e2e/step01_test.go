package e2e

import (
	"strings"
	"testing"
)

// Крок 01 рахує візити в кукі сесії. У кукі є атрибут Secure («лише
// через HTTPS»), а сервер кроку працює на http. Браузер однаково
// зберігає таку кукі для http://localhost і http://127.0.0.1: це
// безпечні джерела (secure contexts), бо дані не виходять за межі
// комп'ютера. Для звичайного сайту на http браузер кукі Secure
// відкидає — лічильник там завжди 1.
func TestStep01SecureCookieOnLocalhost(t *testing.T) {
	chromiumPath := needChromium(t)
	t.Parallel()
	base := startStep(t, "01-import")
	b := openTab(t, chromiumPath, base)

	cases := []struct {
		name   string
		host   string
		second string // текст другого візиту
	}{
		{"localhost зберігає кукі Secure", "localhost", "2"},
		{"127.0.0.1 зберігає кукі Secure", "127.0.0.1", "2"},
		{"звичайний сайт на http відкидає кукі Secure", otherSite, "1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			url := strings.Replace(base, "localhost", tc.host, 1) + "/"
			wantPage(t, "GET "+url+" уперше", b.openURL(t, url),
				200, "Візитів: 1")
			wantPage(t, "GET "+url+" удруге", b.openURL(t, url),
				200, "Візитів: "+tc.second)

			k := b.cookieAt(t, url, "session")
			if tc.second == "1" {
				if k != nil {
					t.Errorf("кукі session для %s — отримали %q, очікували, що браузер її не збереже", url, k.Value)
				}
				return
			}
			if k == nil {
				t.Fatalf("кукі session для %s — браузер її не зберіг, очікували кукі", url)
			}
			want(t, "кукі session для "+url+": Secure", k.Secure, true)
			want(t, "кукі session для "+url+": HttpOnly", k.HTTPOnly, true)
		})
	}
}
