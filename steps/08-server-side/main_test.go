package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

// newBrowser повертає браузер і теку, де застосунок тримає сесії.
func newBrowser(t *testing.T) (*browser.Browser, string) {
	dir := t.TempDir()
	return browser.New(t, newHandler(newStore(dir, testKey))), dir
}

func login(b *browser.Browser, name string) *browser.Response {
	return b.PostForm("/login", url.Values{"username": {name}})
}

// sessionFiles — файли сесій у теці dir.
func sessionFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "session_*"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// wantFiles перевіряє, скільки файлів сесій лежить у теці.
func wantFiles(t *testing.T, dir string, want int) {
	t.Helper()
	browser.Want(t, "кількість файлів сесій", len(sessionFiles(t, dir)), want)
}

// fileOf повертає шлях до файлу сесії, на яку вказує кукі c:
// підписаний ID розкодовуємо тим самим ключем.
func fileOf(t *testing.T, dir string, c *http.Cookie) string {
	t.Helper()
	var id string
	codecs := securecookie.CodecsFromPairs(testKey)
	if err := securecookie.DecodeMulti(sessionName, c.Value, &id, codecs...); err != nil {
		t.Fatalf("кукі %s: не вдалося розкодувати ID: %v", c.Name, err)
	}
	return filepath.Join(dir, "session_"+id)
}

func TestLoginFlow(t *testing.T) {
	b, dir := newBrowser(t)
	b.Get("/").WantBody("You are not logged in")
	b.Get("/profile").WantBody("Not logged in")
	b.Get("/login").WantStatus(http.StatusOK).WantBodyContains(`name="username"`)
	// Анонімний перегляд нічого не записує на диск.
	wantFiles(t, dir, 0)

	login(b, "alice").
		WantRedirect(http.StatusSeeOther, "/").
		WantBody("Ви увійшли як alice\nLogged in as alice")
	b.Get("/").WantBody("Logged in as alice")
	b.Get("/profile").WantBody("User: alice")
	wantFiles(t, dir, 1)
}

func TestLoginRejectsBadNames(t *testing.T) {
	tests := []struct {
		name string
		form url.Values
	}{
		{"порожнє ім'я", url.Values{"username": {""}}},
		{"поля немає", url.Values{}},
		{"65 символів", url.Values{"username": {strings.Repeat("я", 65)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, dir := newBrowser(t)
			b.PostForm("/login", tt.form).WantStatus(http.StatusBadRequest)
			b.Get("/").WantBody("You are not logged in")
			wantFiles(t, dir, 0)
		})
	}
}

func TestOutputIsNotHTML(t *testing.T) {
	b, _ := newBrowser(t)
	name := `<script>alert(1)</script>`
	login(b, name)
	for _, path := range []string{"/", "/profile"} {
		r := b.Get(path).WantBodyContains(name)
		browser.Want(t, path+": Content-Type", r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
		browser.Want(t, path+": X-Content-Type-Options", r.Header.Get("X-Content-Type-Options"), "nosniff")
	}
}

// Головне, заради чого сесії тримають на сервері: вихід відкликає
// навіть ту кукі, яку хтось скопіював раніше.
func TestLogoutRevokesCopiedCookie(t *testing.T) {
	t.Run("сховище в кукі: копія після виходу досі дійсна", func(t *testing.T) {
		cookies := sessions.NewCookieStore(testKey)
		cookies.MaxAge(int(sessionLifetime / time.Second))
		b := browser.New(t, newHandler(cookies))
		login(b, "alice")
		stolen := b.Cookie(sessionName)
		b.PostForm("/logout", nil).WantBody("You are not logged in")

		b.SetCookie(stolen)
		// Сервер не пам'ятає, що був вихід: підпис дійсний — сесія є.
		b.Get("/").WantBody("Logged in as alice")
	})
	t.Run("сховище на сервері: вихід відкликає копію", func(t *testing.T) {
		b, dir := newBrowser(t)
		login(b, "alice")
		stolen := b.Cookie(sessionName)
		r := b.PostForm("/logout", nil).
			WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
		browser.Want(t, "POST /logout: Max-Age кукі", r.WantSetCookie(sessionName).MaxAge, -1)
		wantFiles(t, dir, 0)

		b.SetCookie(stolen)
		// Підпис кукі дійсний, але файлу вже немає: анонім, а не 500.
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
		b.Get("/profile").WantBody("Not logged in")

		// Збереження з цією кукі створює нову сесію, а не відроджує
		// видалену під старим ID.
		b.Get("/visits").WantBody("Візитів у цій сесії: 1")
		if _, err := os.Stat(fileOf(t, dir, stolen)); err == nil {
			t.Errorf("файл відкликаної сесії — отримали є, очікували немає")
		}
	})
}

func TestLogoutDeletesWholeSession(t *testing.T) {
	b, dir := newBrowser(t)
	login(b, "alice")
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	b.Get("/logout").WantStatus(http.StatusOK).WantBodyContains(`action="/logout"`)
	b.PostForm("/logout", nil).WantBody("You are not logged in")
	wantFiles(t, dir, 0)
	if c := b.Cookie(sessionName); c != nil {
		t.Errorf("кукі в браузері — %s", browser.GotWant(c.String(), "немає"))
	}
	// На відміну від кроків 05–07, лічильник зник разом із сесією.
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")

	t.Run("вихід без входу нічого не ламає", func(t *testing.T) {
		b, _ := newBrowser(t)
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
	})
}

// Вхід дає сесії новий ID: кукі, яку підкинули до входу, не стає
// кукі користувача (захист від session fixation).
func TestLoginChangesSessionID(t *testing.T) {
	dir := t.TempDir()
	h := newHandler(newStore(dir, testKey))
	victim := browser.New(t, h)
	victim.Get("/visits")
	planted := victim.Cookie(sessionName)

	login(victim, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
	// Дані сесії переходять у нову: лічильник не загубився.
	victim.Get("/visits").WantBody("Візитів у цій сесії: 2")
	if fileOf(t, dir, victim.Cookie(sessionName)) == fileOf(t, dir, planted) {
		t.Errorf("ID сесії після входу — отримали той самий, що до входу, очікували новий")
	}

	attacker := browser.New(t, h)
	attacker.SetCookie(planted)
	attacker.Get("/").WantBody("You are not logged in")
}

func TestFlashOnServer(t *testing.T) {
	b, _ := newBrowser(t)
	login(b, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
	b.Get("/").WantBody("Logged in as alice")
	b.Get("/").WantBody("Logged in as alice")
}

func TestCookieHoldsOnlyID(t *testing.T) {
	b, dir := newBrowser(t)
	login(b, "alice")
	c := b.Cookie(sessionName)
	// Лише підписаний ID: кілька десятків символів, які б дані не
	// лежали в сесії.
	if len(c.Value) > 200 {
		t.Errorf("довжина кукі — %s", browser.GotWant(len(c.Value), "не більше 200"))
	}
	info, err := os.Stat(fileOf(t, dir, c))
	if err != nil {
		t.Fatalf("файл сесії: %v", err)
	}
	browser.Want(t, "права файлу сесії", info.Mode().Perm(), os.FileMode(0o600))
}

func TestCookieAttributes(t *testing.T) {
	b, _ := newBrowser(t)
	c := login(b, "alice").WantSetCookie(sessionName)
	browser.Want(t, "Max-Age", c.MaxAge, 1800)
	browser.Want(t, "HttpOnly", c.HttpOnly, true)
	browser.Want(t, "Secure", c.Secure, true)
	browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
	browser.Want(t, "Path", c.Path, "/")
}

// Пастки FilesystemStore, про які сказано в newStore.
func TestFilesystemStoreTraps(t *testing.T) {
	t.Run("типово: без HttpOnly, Secure і SameSite, кукі на 30 днів", func(t *testing.T) {
		store := sessions.NewFilesystemStore(t.TempDir(), testKey)
		b := browser.New(t, newHandler(store))
		c := login(b, "alice").WantSetCookie(sessionName)
		browser.Want(t, "Max-Age", c.MaxAge, 30*24*60*60)
		browser.Want(t, "HttpOnly", c.HttpOnly, false)
		browser.Want(t, "Secure", c.Secure, false)
		browser.Want(t, "SameSite", c.SameSite, http.SameSite(0))
	})
	t.Run("MaxAge 0 видаляє сесію замість кукі до закриття браузера", func(t *testing.T) {
		dir := t.TempDir()
		store := newStore(dir, testKey)
		store.Options.MaxAge = 0
		b := browser.New(t, newHandler(store))
		r := login(b, "alice").WantBody("You are not logged in")
		c := r.WantSetCookie(sessionName)
		browser.Want(t, "POST /login: значення кукі", c.Value, "")
		wantFiles(t, dir, 0)
	})
	t.Run("межа 4096 байтів діє і на файл", func(t *testing.T) {
		big := strings.Repeat("a", 5000)
		save := func(store sessions.Store) error {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			session, _ := store.Get(req, sessionName)
			session.Values["big"] = big
			return session.Save(req, httptest.NewRecorder())
		}
		err := save(sessions.NewFilesystemStore(t.TempDir(), testKey))
		if err == nil || !strings.Contains(err.Error(), "the value is too long") {
			t.Errorf("Save з типовою межею — %s", browser.GotWant(
				browser.ErrText(err), "securecookie: the value is too long: …"))
		}
		if err := save(newStore(t.TempDir(), testKey)); err != nil {
			t.Errorf("Save з межею %d — %s", maxSessionSize,
				browser.GotWant(err.Error(), browser.NoError))
		}
	})
	t.Run("прострочені файли ніхто не прибирає", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b, dir := newBrowser(t)
			login(b, "alice")
			old := b.Cookie(sessionName)
			time.Sleep(31 * time.Minute)
			// Браузер викинув кукі (Max-Age 1800), сервер відкидає копію...
			if c := b.Cookie(sessionName); c != nil {
				t.Errorf("кукі в браузері — отримали є, очікували немає")
			}
			b.SetCookie(old)
			b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
			// ...а файл сесії лишився на диску.
			wantFiles(t, dir, 1)
		})
	})
}

func TestLifetime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b, _ := newBrowser(t)
		login(b, "alice")
		time.Sleep(29 * time.Minute)
		b.Get("/").WantBody("Logged in as alice")
		// Після перезапуску браузера кукі лишається: вона постійна.
		b.Restart()
		b.Get("/").WantBody("Logged in as alice")
	})
}

func TestTamperedCookieIsAnonymous(t *testing.T) {
	b, _ := newBrowser(t)
	login(b, "alice")
	b.TamperCookie(sessionName)
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

// Задовга кукі — анонімний відвідувач, навіть довша за межу, яку ми
// дали codecs (64 КБ): тоді securecookie каже «too long» без жодної
// позначки IsDecode.
func TestOversizedCookieIsAnonymous(t *testing.T) {
	for _, size := range []int{5000, 70000} {
		b, _ := newBrowser(t)
		b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", size), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
	}
}

// Файл сесії не читається (тут на його місці тека): це поломка
// сервера, 500, а не анонімний відвідувач.
func TestUnreadableFileIsServerError(t *testing.T) {
	b, dir := newBrowser(t)
	login(b, "alice")
	file := fileOf(t, dir, b.Cookie(sessionName))
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(file, 0o700); err != nil {
		t.Fatal(err)
	}
	b.Get("/").WantStatus(http.StatusInternalServerError)
}

func TestCrossSiteLoginRefused(t *testing.T) {
	b, dir := newBrowser(t)
	req, _ := http.NewRequest(http.MethodPost, browser.Origin+"/login",
		strings.NewReader("username=mallory"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	b.Do(req).WantStatus(http.StatusForbidden)
	b.Get("/").WantBody("You are not logged in")
	wantFiles(t, dir, 0)
}
