package main

import (
	"bytes"
	"encoding/base64"
	"encoding/gob"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

var (
	keyA = bytes.Repeat([]byte("a"), 32)
	keyB = bytes.Repeat([]byte("b"), 32)
	// 32 байти ключа шифрування: AES-256.
	blockKey = bytes.Repeat([]byte("c"), 32)
)

func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestLoadKeys(t *testing.T) {
	hexA := strings.Repeat("61", 32) // 32 байти 'a'
	tests := []struct {
		name      string
		vars      map[string]string
		pairs     int
		temporary bool
		errPart   string
	}{
		{name: "ключ задано", vars: map[string]string{"SESSION_KEY": hexA},
			pairs: 2},
		{name: "ключа немає — тимчасовий", vars: nil, pairs: 2,
			temporary: true},
		{name: "не hex", vars: map[string]string{"SESSION_KEY": "секрет"},
			errPart: "шістнадцятковому"},
		{name: "закороткий", vars: map[string]string{"SESSION_KEY": "abcd"},
			errPart: "закороткий: 2 Б"},
		{name: "з ключем шифрування", vars: map[string]string{
			"SESSION_KEY":       hexA,
			"SESSION_BLOCK_KEY": strings.Repeat("63", 32)}, pairs: 2},
		{name: "ключ шифрування не тієї довжини", vars: map[string]string{
			"SESSION_KEY":       hexA,
			"SESSION_BLOCK_KEY": strings.Repeat("63", 20)},
			errPart: "16, 24 або 32"},
		{name: "зі старим ключем", vars: map[string]string{
			"SESSION_KEY":     hexA,
			"SESSION_KEY_OLD": strings.Repeat("62", 32)}, pairs: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, temporary, err := loadKeys(env(tt.vars))
			if tt.errPart != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errPart) {
					t.Fatalf("loadKeys: помилка — %s", browser.GotWant(
						browser.ErrText(err), "…"+tt.errPart+"…"))
				}
				return
			}
			if err != nil {
				t.Fatalf("loadKeys: помилка — %s",
					browser.GotWant(err.Error(), browser.NoError))
			}
			browser.Want(t, "кількість ключів", len(keys), tt.pairs)
			browser.Want(t, "тимчасовий ключ", temporary, tt.temporary)
			browser.Want(t, "довжина ключа підпису", len(keys[0]), minKeyLen)
		})
	}
}

// Поганий ключ — і програма не стартує: друкує помилку й виходить з
// кодом 1. Тест запускає сам себе окремим процесом з BE_MAIN=1.
func TestMainRefusesBadKey(t *testing.T) {
	if os.Getenv("BE_MAIN") == "1" {
		main()
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainRefusesBadKey$")
	cmd.Env = append(os.Environ(), "BE_MAIN=1", "SESSION_KEY=abcd")
	out, err := cmd.CombinedOutput()
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() != 1 {
		t.Fatalf("код виходу — %s",
			browser.GotWant(browser.ErrText(err), "exit status 1"))
	}
	if !strings.Contains(string(out), "помилка: SESSION_KEY закороткий") {
		t.Errorf("вивід — %s", browser.GotWant(string(out),
			"помилка: SESSION_KEY закороткий…"))
	}
}

func TestPrivate(t *testing.T) {
	t.Run("сторінка з лічильником не потрапить у спільний кеш",
		func(t *testing.T) {
			b := browser.New(t, newHandler(newStore(keyA, nil)))
			b.Get("/").WantPrivate()
			b.Get("/").WantPrivate()
		})
	t.Run("і сторінка 500 теж", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(nil, nil)))
		b.Get("/").WantStatus(http.StatusInternalServerError).WantPrivate()
	})
}

func TestTamperedCookieIsAnonymous(t *testing.T) {
	t.Run("змінена кукі — новий відвідувач, а не 500", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA, nil)))
		b.Get("/")
		b.Get("/").WantBody("Візитів: 2")
		b.TamperCookie(sessionName)
		// Підробка — не 500, а новий відвідувач.
		b.Get("/").WantStatus(200).WantBody("Візитів: 1")
	})
}

func TestOtherKeyIsAnonymous(t *testing.T) {
	t.Run("кукі з іншим ключем — новий відвідувач", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA, nil)))
		b.Get("/")
		// Той самий браузер, але сервер перезапустили з іншим ключем.
		c := b.Cookie(sessionName)
		other := browser.New(t, newHandler(newStore(keyB, nil)))
		other.SetCookie(c)
		other.Get("/").WantStatus(200).WantBody("Візитів: 1")
	})
}

func TestOldKeyStillAccepted(t *testing.T) {
	t.Run("зі старим ключем у SESSION_KEY_OLD сесія не губиться", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA, nil)))
		b.Get("/")
		c := b.Cookie(sessionName)
		// Новий ключ B, старий A ще приймаємо: сесія не губиться.
		rotated := browser.New(t, newHandler(newStore(keyB, nil, keyA, nil)))
		rotated.SetCookie(c)
		rotated.Get("/").WantBody("Візитів: 2")
	})
}

// Без ключа шифрування кукі лише підписана: її вміст читається без
// жодного ключа. Так само у Flask, хоча конспект каже «шифруючи».
func TestSignedCookieIsReadable(t *testing.T) {
	t.Run("без ключа шифрування вміст кукі читає будь-хто", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA, nil)))
		b.Get("/")
		values, err := readWithoutKey(b.Cookie(sessionName).Value)
		if err != nil {
			t.Fatalf("не вдалося прочитати кукі без ключа: %v", err)
		}
		browser.Want(t, "visits, прочитане без ключа", values["visits"], any(1))
	})
}

// З ключем шифрування вміст кукі без ключа не прочитати.
func TestBlockKeyEncrypts(t *testing.T) {
	t.Run("з ключем шифрування вміст кукі без ключа не прочитати", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA, blockKey)))
		b.Get("/")
		b.Get("/").WantBody("Візитів: 2")
		if values, err := readWithoutKey(b.Cookie(sessionName).Value); err == nil {
			t.Errorf("кукі без ключа — прочитали %v, очікували, що без ключа "+
				"її не прочитати", values)
		}
	})
}

// readWithoutKey розбирає кукі gorilla так, як це може зробити
// будь-хто: base64 → "час|дані|підпис" → base64 → gob.
func readWithoutKey(cookie string) (map[any]any, error) {
	outer, err := base64.URLEncoding.DecodeString(cookie)
	if err != nil {
		return nil, err
	}
	parts := bytes.SplitN(outer, []byte("|"), 3)
	if len(parts) != 3 {
		return nil, os.ErrInvalid
	}
	payload, err := base64.URLEncoding.DecodeString(string(parts[1]))
	if err != nil {
		return nil, err
	}
	values := map[any]any{}
	err = gob.NewDecoder(bytes.NewReader(payload)).Decode(&values)
	return values, err
}

// Задовга кукі (понад 4096 байтів) — теж анонімний відвідувач, хоча
// securecookie не позначає цю помилку як IsDecode.
func TestOversizedCookieIsAnonymous(t *testing.T) {
	t.Run("задовга кукі — новий відвідувач", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA, nil)))
		b.SetCookie(&http.Cookie{Name: sessionName,
			Value: strings.Repeat("A", 5000), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody("Візитів: 1")
	})
}

// Порожній ключ — зламані налаштування: 500, а не мовчазний анонімний
// відвідувач.
func TestEmptyKeyIsServerError(t *testing.T) {
	t.Run("порожній ключ — зламані налаштування: 500", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(nil, nil)))
		b.Get("/").WantStatus(http.StatusInternalServerError)
		// Навіть із кукі, яку підписав справжній ключ.
		good := browser.New(t, newHandler(newStore(keyA, nil)))
		good.Get("/")
		b.SetCookie(good.Cookie(sessionName))
		b.Get("/").WantStatus(http.StatusInternalServerError)
	})
}
