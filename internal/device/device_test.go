package device

import "testing"

// Справжні заголовки User-Agent поширених браузерів.
const (
	firefoxLinux  = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	chromeWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " +
		"(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
	safariIPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) " +
		"AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)

func TestDescribe(t *testing.T) {
	tests := []struct{ ua, want string }{
		{firefoxLinux, "Firefox на Linux"},
		{chromeWindows, "Chrome на Windows"},
		{safariIPhone, "Safari на iPhone"},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 " +
			"(KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari на macOS"},
		{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 " +
			"(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome на Android"},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " +
			"(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge на Windows"},
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " +
			"HeadlessChrome/140.0.0.0 Safari/537.36", "Chrome на Linux"},
		{"curl/8.5.0", "curl"},
		{"", Unknown},
		{"x (цей пристрій)", Unknown},
		{"Evil/1.0 (Linux) <script>", Unknown + " на Linux"},
	}
	for _, tt := range tests {
		if got := Describe(tt.ua); got != tt.want {
			t.Errorf("Describe(%q) — отримали %q, очікували %q", tt.ua, got, tt.want)
		}
	}
}
