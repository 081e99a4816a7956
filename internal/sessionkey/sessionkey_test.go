package sessionkey

import (
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

func TestLoad(t *testing.T) {
	hex32 := strings.Repeat("61", 32)
	tests := []struct {
		name      string
		vars      map[string]string
		pairs     int
		temporary bool
		errPart   string
	}{
		{"ключ задано", map[string]string{"SESSION_KEY": hex32}, 2, false, ""},
		{"ключа немає — тимчасовий", nil, 2, true, ""},
		{"не hex", map[string]string{"SESSION_KEY": "секрет"}, 0, false, "шістнадцятковому"},
		{"закороткий", map[string]string{"SESSION_KEY": "abcd"}, 0, false, "закороткий: 2 Б"},
		{"ключ шифрування 32 байти", map[string]string{"SESSION_KEY": hex32,
			"SESSION_BLOCK_KEY": strings.Repeat("63", 32)}, 2, false, ""},
		{"ключ шифрування 20 байтів", map[string]string{"SESSION_KEY": hex32,
			"SESSION_BLOCK_KEY": strings.Repeat("63", 20)}, 0, false, "16, 24 або 32"},
		{"старий ключ", map[string]string{"SESSION_KEY": hex32,
			"SESSION_KEY_OLD": strings.Repeat("62", 32)}, 4, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := Load(func(name string) string { return tt.vars[name] })
			if tt.errPart != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errPart) {
					t.Fatalf("Load: помилка — %s", browser.GotWant(browser.ErrText(err), "…"+tt.errPart+"…"))
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: помилка — %s", browser.GotWant(err.Error(), "немає"))
			}
			browser.Want(t, "кількість ключів", len(keys.Pairs), tt.pairs)
			browser.Want(t, "тимчасовий ключ", keys.Temporary, tt.temporary)
			browser.Want(t, "довжина ключа підпису", len(keys.Pairs[0]), MinLen)
		})
	}
}
