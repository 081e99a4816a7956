package devserver

import (
	"testing"

	"example.com/lesson27/internal/browser"
)

func TestPort(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  string
		want int
		bad  bool
	}{
		{"за замовчуванням", nil, "", DefaultPort, false},
		{"змінна PORT", nil, "9000", 9000, false},
		{"прапорець сильніший за PORT", []string{"-port", "9001"}, "9000", 9001, false},
		{"PORT — не число", nil, "abc", 0, true},
		{"порт поза межами", []string{"-port", "70000"}, "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Port(tt.args, tt.env)
			browser.Want(t, "помилка є", err != nil, tt.bad)
			if !tt.bad {
				browser.Want(t, "порт", got, tt.want)
			}
		})
	}
}
