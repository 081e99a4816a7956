package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/sessions"

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

// [02.1] правильний ключ; [02.2] ключі, які loadKey відхиляє.
func TestLoadKey(t *testing.T) {
	for _, n := range []int{32, 33, 64} {
		value := secret(n)
		t.Run(fmt.Sprintf("правильний ключ, %d байти", n), func(t *testing.T) {
			key, err := loadKey(env(map[string]string{"APP_SECRET": value}))
			if err != nil {
				t.Fatalf("loadKey: помилка — %s", browser.GotWant(err.Error(), browser.NoError))
			}
			// Порівнюємо в base64: так видно, що саме повернула loadKey.
			browser.Want(t, "loadKey: ключ у base64",
				base64.StdEncoding.EncodeToString(key), value)
		})
	}
	// Назва змінної — APP_SECRET, а не SESSION_KEY з кроку 02: ключ в
	// іншій змінній не рахується.
	t.Run("ключ у SESSION_KEY замість APP_SECRET", func(t *testing.T) {
		_, err := loadKey(env(map[string]string{"SESSION_KEY": secret(32)}))
		if err == nil || !strings.Contains(err.Error(), "APP_SECRET") {
			t.Errorf("loadKey: помилка — %s",
				browser.GotWant(browser.ErrText(err), "…APP_SECRET…"))
		}
	})

	bad := []struct {
		name  string
		value string
	}{
		{"змінну не задано", ""},
		{"лише пробіли", "   "},
		{"не base64", "мій секретний ключ"},
		{"правильний ключ і зайвий символ у кінці", secret(32) + "!"},
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

// runMain запускає програму окремим процесом: тест запускає сам себе
// з RUN_MAIN=1 і PORT=70000. Якщо програма дійде до запуску сервера,
// вона зупиниться на неможливому порті, а не займе справжній.
// Порожнє secret — змінної APP_SECRET немає зовсім.
func runMain(t *testing.T, secret string) (code int, out string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestMainRefusesToStart$")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "APP_SECRET=") && !strings.HasPrefix(kv, "PORT=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "RUN_MAIN=1", "PORT=70000")
	if secret != "" {
		cmd.Env = append(cmd.Env, "APP_SECRET="+secret)
	}
	data, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("не вдалося запустити програму: %v", err)
	}
	return code, string(data)
}

// [02.3] Без правильного ключа програма не стартує: друкує помилку і
// виходить з кодом 1.
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
		{"не base64", "мій секретний ключ"},
		{"закороткий ключ", secret(16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := runMain(t, tt.value)
			browser.Want(t, "програма: код виходу", code, 1)
			if !strings.Contains(out, "APP_SECRET") {
				t.Errorf("програма: вивід — %s", browser.GotWant(out, "…APP_SECRET…"))
			}
			if strings.Contains(out, "70000") {
				t.Errorf("програма: вивід — отримали %q, а програма мала "+
					"зупинитися до запуску сервера", out)
			}
		})
	}
	// З правильним ключем програма доходить до запуску сервера і
	// зупиняється лише на неможливому порті 70000.
	t.Run("правильний ключ — сервер запускається", func(t *testing.T) {
		_, out := runMain(t, secret(32))
		if !strings.Contains(out, "70000") {
			t.Errorf("програма з правильним ключем: вивід — %s",
				browser.GotWant(out, "…порт 70000…, тобто спробу запустити сервер"))
		}
	})
}

// [02.4] лічильник кожного браузера; [02.5] погана кукі — анонімний
// відвідувач.
func TestSession(t *testing.T) {
	t.Run("той самий браузер — лічильник росте", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1").WantPrivate()
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 2").WantPrivate()
	})
	t.Run("два браузери на одному сервері — у кожного свій лічильник", func(t *testing.T) {
		h := newHandler(newStore(keyA))
		alice, bob := browser.New(t, h), browser.New(t, h)
		alice.Get("/")
		alice.Get("/").WantBody("Переглядів: 2")
		bob.Get("/").WantBody("Переглядів: 1")
		alice.Get("/").WantBody("Переглядів: 3")
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
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1").WantPrivate()
	})
	t.Run("кукі, підписана іншим ключем, — анонімний відвідувач", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.Get("/")
		// Той самий браузер, але сервер перезапустили з ключем B.
		other := browser.New(t, newHandler(newStore(keyB)))
		other.SetCookie(b.Cookie(sessionName))
		other.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1").WantPrivate()
	})
	// securecookie не читає кукі, довшу за 4096 байтів, і цю
	// помилку не позначає як IsDecode.
	t.Run("задовга кукі — теж анонімний відвідувач", func(t *testing.T) {
		b := browser.New(t, newHandler(newStore(keyA)))
		b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", 5000), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody("Переглядів: 1").WantPrivate()
	})
}

// [02.7] Зламані налаштування (тут — порожній ключ) — це не анонімний
// відвідувач: getSession має повернути помилку, щоб про поломку
// дізнався розробник, а не лише відвідувач.
func TestGetSessionBrokenConfig(t *testing.T) {
	b := browser.New(t, newHandler(newStore(keyA)))
	cookie := b.Get("/").WantSetCookie(sessionName)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
	_, err := getSession(newStore(nil), req)
	if err == nil {
		t.Errorf("getSession зі сховищем без ключа: помилка — %s",
			browser.GotWant(browser.NoError, "помилка налаштувань (IsUsage)"))
	}
}

// [02.6] Кожна відповідь особиста: лічильник, анонімний відвідувач з
// поганою кукі, 500 зі сховищем без ключа, 404 на невідомій адресі і
// 405 на чужий метод (404 і 405 AllResponsesPrivate робить сама).
func TestPrivate(t *testing.T) {
	b := browser.New(t, newHandler(newStore(keyA)))
	stale := b.Get("/").WantSetCookie(sessionName)
	browser.AllResponsesPrivate(t, newHandler(newStore(keyA)),
		func(b *browser.Browser) {
			b.Get("/")
			b.Get("/")
		},
		func(b *browser.Browser) {
			b.SetCookie(&http.Cookie{Name: sessionName,
				Value: strings.Repeat("A", 5000), Path: "/"})
			b.Get("/")
		})
	// Сховище без ключа: з кукі getSession повертає помилку — 500.
	browser.AllResponsesPrivate(t, newHandler(newStore(nil)),
		func(b *browser.Browser) {
			b.SetCookie(stale)
			b.Get("/").WantStatus(http.StatusInternalServerError)
		})
}

// [02.8] Вісім браузерів відкривають сторінку одночасно, кожен по
// кілька разів: браузер i — 3+i разів, і щоразу бачить своє число.
// Так буває на справжньому сервері: net/http обслуговує кожен запит у
// своїй горутині.
//
// Правильний розв'язок тут не падає ніколи: кожен запит читає свою
// сесію зі своєї кукі, тож що б не робили інші запити, число те саме.
// Сесія в змінній на рівні пакета — одна на всі запити: детектор
// перегонів (go test -race, під яким go run ./cmd/course повторює
// тести, що пройшли) ловить її в 1000 з 1000 запусків, а правильний
// розв'язок проходить у 300 з 300; без детектора чуже число
// трапилося в 42 запусках з 1000. Як виміряно — у browser.AtOnce.
func TestVisitorsAtOnce(t *testing.T) {
	h := newHandler(yieldStore{newStore(keyA)})
	browser.AtOnce(t, 8, func(t testing.TB, i int) {
		b := browser.New(t, h)
		for k := 1; k <= 3+i; k++ {
			b.Get("/").WantBody(fmt.Sprintf("Переглядів: %d", k))
		}
	})
}

// yieldStore — сховище застосунку, яке поступається процесором іншим
// горутинам (runtime.Gosched), щойно прочитало сесію, і ще раз перед
// тим, як її зберегти: так одночасні запити перемежовуються саме там,
// де обробник тримає сесію.
type yieldStore struct{ sessions.Store }

// Get бере сесію через реєстр запиту, як сховища gorilla: так
// session.Save потім викликає Save обгортки.
func (s yieldStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	session, err := sessions.GetRegistry(r).Get(s, name)
	runtime.Gosched()
	return session, err
}

func (s yieldStore) Save(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	runtime.Gosched()
	return s.Store.Save(r, w, session)
}
