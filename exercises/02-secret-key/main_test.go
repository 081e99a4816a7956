package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"example.com/lesson27/internal/browser"
)

var (
	keyA = bytes.Repeat([]byte("a"), 32)
	keyB = bytes.Repeat([]byte("b"), 32)
)

// env — замість os.Getenv: змінні середовища з map.
func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// secret — ключ із n байтів у base64, як у змінній APP_SECRET. Байти
// 0xfb і 0xff дають у base64 символи «+» і «/», а 32 байти — ще й «=»
// у кінці: усі три є лише в стандартному кодуванні.
func secret(n int) string {
	key := bytes.Repeat([]byte{0xfb, 0xff}, n)[:n]
	return base64.StdEncoding.EncodeToString(key)
}

func TestLoadKey(t *testing.T) {
	for _, n := range []int{32, 64} {
		value := secret(n)
		t.Run(fmt.Sprintf("правильний ключ, %d байти", n), func(t *testing.T) {
			key, err := loadKey(env(map[string]string{"APP_SECRET": value}))
			if err != nil {
				t.Fatalf("loadKey: помилка — %s", browser.GotWant(err.Error(), "немає"))
			}
			// Порівнюємо в base64: так видно, що саме повернула loadKey.
			browser.Want(t, "loadKey: ключ у base64",
				base64.StdEncoding.EncodeToString(key), value)
		})
	}

	bad := []struct {
		name  string
		value string
	}{
		{"змінну не задано", ""},
		{"не base64", "мій секретний ключ"},
		{"16 байтів", secret(16)},
		{"24 байти — це 32 символи base64", secret(24)},
		{"31 байт", secret(31)},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{}
			if tt.value != "" {
				vars["APP_SECRET"] = tt.value
			}
			_, err := loadKey(env(vars))
			// Помилка має назвати змінну: людина, що запускає
			// сервер, має знати, що виправити.
			if err == nil || !strings.Contains(err.Error(), "APP_SECRET") {
				t.Errorf("loadKey: помилка — %s",
					browser.GotWant(browser.ErrText(err), "…APP_SECRET…"))
			}
		})
	}
}

// Без правильного ключа програма не стартує: друкує помилку і
// виходить з кодом 1. Тест запускає сам себе окремим процесом з
// RUN_MAIN=1 і PORT=70000: якщо програма все ж дійде до запуску
// сервера, вона зупиниться на неможливому порті, а не займе справжній.
func TestMainRefusesToStart(t *testing.T) {
	if os.Getenv("RUN_MAIN") == "1" {
		os.Args = os.Args[:1] // без прапорців тесту
		main()
		return
	}
	tests := []struct {
		name  string
		value string
	}{
		{"змінну не задано", ""},
		{"закороткий ключ", secret(16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestMainRefusesToStart$")
			for _, kv := range os.Environ() {
				if !strings.HasPrefix(kv, "APP_SECRET=") && !strings.HasPrefix(kv, "PORT=") {
					cmd.Env = append(cmd.Env, kv)
				}
			}
			cmd.Env = append(cmd.Env, "RUN_MAIN=1", "PORT=70000")
			if tt.value != "" {
				cmd.Env = append(cmd.Env, "APP_SECRET="+tt.value)
			}
			out, err := cmd.CombinedOutput()

			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			}
			browser.Want(t, "програма: код виходу", code, 1)
			if !strings.Contains(string(out), "APP_SECRET") {
				t.Errorf("програма: вивід — %s", browser.GotWant(string(out), "…APP_SECRET…"))
			}
			if strings.Contains(string(out), "70000") {
				t.Errorf("програма: вивід — отримали %q, а програма мала "+
					"зупинитися до запуску сервера", string(out))
			}
		})
	}
}

func TestSession(t *testing.T) {
	t.Run("той самий браузер — лічильник росте", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1")
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 2")
	})
	t.Run("сервер перезапустили з тим самим ключем — сесія жива", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.Get("/")
		again := browser.New(t, newHandler(newStore(keyA)))
		again.SetCookie(b.Cookie(sessionName))
		again.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 2")
	})
	t.Run("зіпсована кукі — анонімний відвідувач, а не 500", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.Get("/")
		b.Get("/").WantSetCookie(sessionName)
		b.TamperCookie(sessionName)
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1")
	})
	t.Run("кукі, підписана іншим ключем, — анонімний відвідувач", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.Get("/")
		// Той самий браузер, але сервер перезапустили з ключем B.
		other := browser.New(t, newHandler(newStore(keyB)))
		other.SetCookie(b.Cookie(sessionName))
		other.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1")
	})
	// securecookie не читає кукі, довшу за 4096 байтів, і цю
	// помилку не позначає як IsDecode.
	t.Run("задовга кукі — теж анонімний відвідувач", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", 5000), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1")
	})
}
