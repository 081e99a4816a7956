package devserver

import (
	"net/http"
	"testing"
	"time"

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
		{"типово — 8080", nil, "", DefaultPort, false},
		{"змінна PORT", nil, "9000", 9000, false},
		{"прапорець сильніший за PORT", []string{"-port", "9001"}, "9000",
			9001, false},
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

func TestServerLimits(t *testing.T) {
	h := http.NotFoundHandler()
	srv := Server(h)
	if srv == nil {
		t.Fatalf("Server: отримали nil, очікували *http.Server")
	}
	t.Run("сервер обслуговує переданий обробник", func(t *testing.T) {
		if srv.Handler == nil {
			t.Errorf("Handler — отримали nil, очікували обробник")
		}
	})
	// Нуль у цих полях означає «без обмеження»: повільний клієнт
	// триматиме з'єднання скільки завгодно.
	limits := []struct {
		name string
		got  time.Duration
		max  time.Duration
	}{
		{"ReadHeaderTimeout", srv.ReadHeaderTimeout, 30 * time.Second},
		{"ReadTimeout", srv.ReadTimeout, time.Minute},
		{"WriteTimeout", srv.WriteTimeout, 5 * time.Minute},
		{"IdleTimeout", srv.IdleTimeout, 5 * time.Minute},
	}
	for _, l := range limits {
		t.Run(l.name+" обмежує повільного клієнта", func(t *testing.T) {
			if l.got <= 0 || l.got > l.max {
				t.Errorf("%s — отримали %v, очікували від 1 с до %v",
					l.name, l.got, l.max)
			}
		})
	}
	t.Run("WriteTimeout не коротший за ReadTimeout", func(t *testing.T) {
		if srv.WriteTimeout < srv.ReadTimeout {
			t.Errorf("WriteTimeout — отримали %v, очікували щонайменше %v",
				srv.WriteTimeout, srv.ReadTimeout)
		}
	})
	t.Run("заголовки запиту обмежено, але кукі на 4 КіБ вміщуються",
		func(t *testing.T) {
			n := srv.MaxHeaderBytes
			if n < 8<<10 || n >= http.DefaultMaxHeaderBytes {
				t.Errorf("MaxHeaderBytes — отримали %d, очікували від 8 КіБ "+
					"до менш ніж 1 МіБ", n)
			}
		})
}
