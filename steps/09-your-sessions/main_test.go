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

	"example.com/lesson27/internal/apptest"
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

// cookieOf повертає кукі сесії з браузера або зупиняє тест.
func cookieOf(t *testing.T, b *browser.Browser) *http.Cookie {
	t.Helper()
	c := b.Cookie(sessionName)
	if c == nil {
		t.Fatalf("кукі %q у браузері — отримали браузер без неї, "+
			"очікували, що вона там є", sessionName)
	}
	return c
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

// wantNoFile перевіряє, що файлу сесії кукі c на диску немає.
func wantNoFile(t *testing.T, dir string, c *http.Cookie) {
	t.Helper()
	if _, err := os.Stat(fileOf(t, dir, c)); err == nil {
		t.Errorf("файл сесії старої кукі — отримали його на диску, очікували, що його немає")
	}
}

func TestLoginFlow(t *testing.T) {
	b, dir := newBrowser(t)
	b.Get("/").WantBody("You are not logged in").WantPrivate()
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

// Кожна відповідь залежить від сесії, тож кожна — особиста: і
// сторінки, і переспрямування, і відмови.
func TestEveryResponseIsPrivate(t *testing.T) {
	b, _ := newBrowser(t)
	for _, path := range []string{"/", "/profile", "/login", "/logout", "/visits", "/nope"} {
		b.Get(path).WantPrivate()
	}
	login(b, "alice").WantPrivate()
	for _, path := range []string{"/", "/profile", "/visits"} {
		b.Get(path).WantPrivate()
	}
	b.PostForm("/login", url.Values{}).WantPrivate()
	b.PostForm("/logout", nil).WantPrivate()
	crossSitePost(b, "/login", "username=mallory").WantPrivate()
}

func TestLoginRejectsBadNames(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"порожнє ім'я", "username=", "Вкажіть ім'я користувача."},
		{"лише пробіли", "username=+++", "Вкажіть ім'я користувача."},
		{"поля немає", "", "Вкажіть ім'я користувача."},
		{"не UTF-8", "username=%FF%FE", "Ім'я має бути текстом у кодуванні UTF-8."},
		{"форма не читається", "username=%zz", "Не вдалося прочитати форму: її зіпсовано."},
		{"форма завелика", "username=" + strings.Repeat("a", 20<<10),
			"Форма завелика: щонайбільше 4 КіБ."},
	}
	// Правило для імені (internal/usertext) і його випадки спільні для
	// всіх застосунків курсу.
	for _, c := range apptest.BadNames {
		tests = append(tests, struct{ name, body, want string }{
			c.What, apptest.FormBody(c.Input), c.Want})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, dir := newBrowser(t)
			b.PostBody("/login", tt.body).WantStatus(http.StatusBadRequest).WantBody(tt.want)
			b.Get("/").WantBody("You are not logged in")
			wantFiles(t, dir, 0)
		})
	}
	for _, c := range apptest.GoodNames {
		t.Run(c.What+" — можна", func(t *testing.T) {
			b, _ := newBrowser(t)
			login(b, c.Input).WantBody("Ви увійшли як " + c.Shown + "\nLogged in as " + c.Shown)
		})
	}
}

func TestOutputIsNotHTML(t *testing.T) {
	b, _ := newBrowser(t)
	name := `<script>alert(1)</script>`
	login(b, name)
	for _, path := range []string{"/", "/profile"} {
		r := b.Get(path).WantBodyContains(name)
		browser.Want(t, path+": Content-Type", r.Header.Get("Content-Type"),
			"text/plain; charset=utf-8")
		browser.Want(t, path+": X-Content-Type-Options",
			r.Header.Get("X-Content-Type-Options"), "nosniff")
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
		stolen := cookieOf(t, b)
		b.PostForm("/logout", nil).WantBody("You are not logged in")

		b.SetCookie(stolen)
		// Сервер не пам'ятає, що був вихід: підпис дійсний — сесія є.
		b.Get("/").WantBody("Logged in as alice")
	})
	t.Run("сховище на сервері: вихід відкликає копію", func(t *testing.T) {
		b, dir := newBrowser(t)
		login(b, "alice")
		stolen := cookieOf(t, b)
		r := b.PostForm("/logout", nil).
			WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
		browser.Want(t, "POST /logout: Max-Age кукі", r.WantSetCookie(sessionName).MaxAge, -1)
		wantFiles(t, dir, 0)

		b.SetCookie(stolen)
		// Підпис кукі дійсний, але файлу вже немає: анонімний
		// відвідувач, а не 500.
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
		b.Get("/profile").WantBody("Not logged in")

		// Збереження з цією кукі створює нову сесію, а не відроджує
		// видалену під старим ID.
		b.Get("/visits").WantBody("Візитів у цій сесії: 1")
		wantNoFile(t, dir, stolen)
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
		t.Errorf("кукі в браузері — отримали %s, очікували, що її немає", c)
	}
	// На відміну від кроків 05–07, лічильник зник разом із сесією.
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")

	t.Run("вихід без входу нічого не ламає", func(t *testing.T) {
		b, _ := newBrowser(t)
		b.PostForm("/logout", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody("You are not logged in")
	})
}

// Вхід дає сесії новий ID, а старий видаляє: кукі, яку підкинули чи
// скопіювали до входу, після входу нічого не відкриває (захист від
// session fixation).
func TestLoginChangesSessionID(t *testing.T) {
	dir := t.TempDir()
	h := newHandler(newStore(dir, testKey))
	victim := browser.New(t, h)
	victim.Get("/visits")
	planted := cookieOf(t, victim)

	login(victim, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
	// Дані сесії переходять у нову: лічильник не загубився.
	victim.Get("/visits").WantBody("Візитів у цій сесії: 2")
	if fileOf(t, dir, cookieOf(t, victim)) == fileOf(t, dir, planted) {
		t.Errorf("ID сесії після входу — отримали той самий, що до входу, очікували новий")
	}
	wantNoFile(t, dir, planted)
	wantFiles(t, dir, 1)

	attacker := browser.New(t, h)
	attacker.SetCookie(planted)
	attacker.Get("/").WantBody("You are not logged in")
	attacker.Get("/visits").WantBody("Візитів у цій сесії: 1")

	t.Run("копія кукі з-перед повторного входу нічого не відкриває", func(t *testing.T) {
		b := browser.New(t, h)
		login(b, "alice")
		before := cookieOf(t, b)
		login(b, "bob").WantBody("Ви увійшли як bob\nLogged in as bob")
		thief := browser.New(t, h)
		thief.SetCookie(before)
		thief.Get("/profile").WantBody("Not logged in")

		b.PostForm("/logout", nil).WantBody("You are not logged in")
		thief.Get("/").WantBody("You are not logged in")
		thief.Get("/profile").WantBody("Not logged in")
		wantNoFile(t, dir, before)
	})
}

// Перегони з виходом: запит, що прочитав сесію до виходу, зберігає її
// після. Видалена сесія не має ожити — 50 разів поспіль, для
// лічильника і для головної з повідомленням.
func TestLogoutWinsRace(t *testing.T) {
	for _, path := range []string{"/visits", "/"} {
		t.Run(path, func(t *testing.T) {
			dir := t.TempDir()
			store := apptest.NewHoldStore(newStore(dir, testKey))
			apptest.LogoutWinsRace(t, newHandler(store), store, path,
				func(t *testing.T) { wantFiles(t, dir, 0) })
		})
	}
}

// Сторінки «ваші сесії» за специфікацією, спільною з застосунком у
// Redis (internal/apptest/spec_sessions.go): список, «завершити інші»,
// гість, жодних «привидів» після виходу, повторного входу й строків,
// перегони із запитом завершеної сесії. Сценарій двох копій застосунку
// тут названо і пропущено: файли і м'ютекс — одного процесу.
func TestSessionsSpec(t *testing.T) {
	apptest.SessionsSpec(t, apptest.SessionsTarget{
		Target: apptest.Target{
			New: func(t *testing.T) http.Handler {
				return newHandler(newStore(t.TempDir(), testKey))
			},
			Storage:           apptest.ServerSide,
			LoginFlash:        true,
			LogoutEndsSession: true,
			NoRemember:        true,
		},
		Held: func(t *testing.T) (http.Handler, *apptest.HoldStore) {
			s := apptest.NewHoldStore(newStore(t.TempDir(), testKey))
			return newHandler(s), s
		},
		Key: testKey,
	})
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
	c := cookieOf(t, b)
	// Лише підписаний ID: кілька десятків символів, які б дані не
	// лежали в сесії.
	if len(c.Value) > 200 {
		t.Errorf("довжина кукі — отримали %d, очікували не більше 200", len(c.Value))
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

// Пастки FilesystemStore, про які сказано в newStore і filestore.go.
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
	t.Run("FilesystemStore сам прострочені файли не прибирає", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			dir := t.TempDir()
			store := sessions.NewFilesystemStore(dir, testKey)
			store.MaxAge(int(sessionLifetime / time.Second))
			b := browser.New(t, newHandler(store))
			login(b, "alice")
			old := cookieOf(t, b)
			time.Sleep(31 * time.Minute)
			b.SetCookie(old)
			b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
			// Сервер відкидає копію, а файл сесії лишився на диску.
			wantFiles(t, dir, 1)
		})
	})
	t.Run("FilesystemStore відроджує видалену сесію", func(t *testing.T) {
		dir := t.TempDir()
		store := sessions.NewFilesystemStore(dir, testKey)
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		session, _ := store.Get(req, sessionName)
		session.Values["username"] = "alice"
		if err := session.Save(req, httptest.NewRecorder()); err != nil {
			t.Fatalf("Save — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		for _, f := range sessionFiles(t, dir) {
			os.Remove(f) // вихід в іншому запиті
		}
		if err := session.Save(req, httptest.NewRecorder()); err != nil {
			t.Fatalf("Save — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		wantFiles(t, dir, 1)
	})
}

// Прибирання: файл сесії, строк дії якої минув, зникає; файл активної
// сесії лишається. Час — годинник synctest, тож 41 хвилина минає
// миттєво, а прибирання біжить щодесять хвилин, як у main.
func TestCleanupRemovesExpiredFiles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		store := newStore(dir, testKey)
		go store.cleanEvery(t.Context(), cleanupInterval)
		h := newHandler(store)

		alice := browser.New(t, h)
		login(alice, "alice")
		aliceCookie := cookieOf(t, alice)
		time.Sleep(25 * time.Minute)
		bob := browser.New(t, h)
		login(bob, "bob")
		time.Sleep(5 * time.Minute)
		synctest.Wait()
		// Рівно 30 хвилин: сесія alice ще дійсна, файл на місці.
		wantFiles(t, dir, 2)

		time.Sleep(11 * time.Minute)
		synctest.Wait()
		wantFiles(t, dir, 1)
		wantNoFile(t, dir, aliceCookie)
		bob.Get("/profile").WantBody("User: bob")

		// Зіпсований файл сервер не прочитає: його теж прибирають.
		junk := filepath.Join(dir, "session_JUNK")
		if err := os.WriteFile(junk, []byte("junk"), 0o600); err != nil {
			t.Fatal(err)
		}
		time.Sleep(cleanupInterval)
		synctest.Wait()
		if _, err := os.Stat(junk); err == nil {
			t.Errorf("файл session_JUNK — отримали його на диску, очікували, що його прибрали")
		}
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
		// Строк рахують від останнього збереження.
		b.Get("/visits").WantBody("Візитів у цій сесії: 1")
		time.Sleep(29 * time.Minute)
		b.Get("/profile").WantBody("User: alice")
		old := cookieOf(t, b)
		time.Sleep(2 * time.Minute)
		b.SetCookie(old)
		b.Get("/profile").WantStatus(http.StatusOK).WantBody("Not logged in")
	})
}

func TestTamperedCookieIsAnonymous(t *testing.T) {
	b, _ := newBrowser(t)
	login(b, "alice")
	b.TamperCookie(sessionName)
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

// Задовга кукі — анонімний відвідувач, навіть довша за межу, яку ми
// дали codecs (64 КіБ): тоді securecookie каже «too long» без жодної
// позначки IsDecode.
func TestOversizedCookieIsAnonymous(t *testing.T) {
	for _, size := range []int{5000, 70000} {
		b, _ := newBrowser(t)
		b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", size), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
	}
}

// crossSitePost надсилає форму так, як її надіслав би чужий сайт.
func crossSitePost(b *browser.Browser, path, body string) *browser.Response {
	return b.PostFromOtherSite(path, body)
}

func TestCrossSiteLoginRefused(t *testing.T) {
	b, dir := newBrowser(t)
	crossSitePost(b, "/login", "username=mallory").
		WantStatus(http.StatusForbidden).
		WantBody("Запит відхилено: форму надіслано з іншого сайту. " +
			"Відкрийте сторінку цього сайту й надішліть форму звідти.")
	b.Get("/").WantBody("You are not logged in")
	wantFiles(t, dir, 0)

	t.Run("вихід з чужого сайту не спрацьовує", func(t *testing.T) {
		b, dir := newBrowser(t)
		login(b, "alice")
		crossSitePost(b, "/logout", "").WantStatus(http.StatusForbidden)
		b.Get("/profile").WantBody("User: alice")
		wantFiles(t, dir, 1)
	})
}

// Хто входить знову й знову, не відкриваючи головної, бачить потім одне
// повідомлення, а не купу, що росла б у файлі сесії без меж.
func TestRepeatedLoginsKeepOneFlash(t *testing.T) {
	apptest.LoginFlashNotPiled(t, newHandler(newStore(t.TempDir(), testKey)), 50)
}
