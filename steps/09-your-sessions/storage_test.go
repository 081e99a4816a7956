package main

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// finishes виконує f і зупиняє тест, якщо f не закінчилася за 10
// секунд справжнього часу. Це сторож від зависання, а не пауза: у
// справному коді f закінчується за мілісекунди.
func finishes(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s — отримали відповідь, якої немає й через 10 с, "+
			"очікували відповідь одразу", what)
	}
}

// serverErrorBody — тіло відповіді 500.
const serverErrorBody = "Внутрішня помилка сервера."

// Тека сесій зламалася, поки сервер працює. Кожен запит, якому
// потрібен диск, одразу отримує 500, а решту сервер обслуговує далі;
// коли теку полагодили, усе працює знову. (Колись POST /login тут
// крутився в циклі під м'ютексом без кінця, а з ним зависали всі
// збереження.)
func TestStorageErrorIs500(t *testing.T) {
	tests := []struct {
		name     string
		breakDir func(dir string) error
		// profile — що бачить alice, яка ввійшла до поломки.
		profileStatus int
		profileBody   string
		// needsRights: поломку видно лише без прав адміністратора
		// (root у Unix заходить і в теку без прав).
		needsRights bool
	}{
		{"тека стала файлом", func(dir string) error {
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			return os.WriteFile(dir, []byte("не тека"), 0o600)
		}, http.StatusInternalServerError, serverErrorBody, false},
		// Файлу сесії немає разом з текою: alice — анонімний
		// відвідувач, як після прибирання.
		{"теки немає", os.RemoveAll, http.StatusOK, "Not logged in", false},
		{"теку не можна відкрити", func(dir string) error {
			return os.Chmod(dir, 0)
		}, http.StatusInternalServerError, serverErrorBody, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.needsRights && (!onUnix || os.Geteuid() == 0) {
				t.Skip("права теки тут не діють: root або не Unix")
			}
			dir := t.TempDir()
			h := newHandler(newStore(dir, testKey))
			alice := browser.New(t, h)
			login(alice, "alice")
			if err := tt.breakDir(dir); err != nil {
				t.Fatal(err)
			}
			finishes(t, "запити при зламаній теці", func() {
				bob := browser.New(t, h)
				login(bob, "bob").WantStatus(http.StatusInternalServerError).
					WantBody(serverErrorBody).WantPrivate()
				bob.Get("/visits").WantStatus(http.StatusInternalServerError).
					WantBody(serverErrorBody)
				// Сторінки, яким диск не потрібен, працюють.
				bob.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
				bob.Get("/login").WantStatus(http.StatusOK)
				alice.Get("/profile").WantStatus(tt.profileStatus).
					WantBody(tt.profileBody)
			})

			// Теку полагодили — і сервер працює далі, без перезапуску.
			if err := os.Chmod(dir, 0o700); err != nil && !errors.Is(err, fs.ErrNotExist) {
				t.Fatal(err)
			}
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			bob := browser.New(t, h)
			login(bob, "bob").WantBody("Ви увійшли як bob\nLogged in as bob")
			bob.Get("/visits").WantBody("Візитів у цій сесії: 1")
		})
	}
}

// Файл сесії є, але це не файл сесії: тека, символьне посилання (хоч
// би й на файл чужої сесії), FIFO чи зіпсований вміст. Для сервера це
// зламана сесія, тобто анонімний відвідувач: без 500, без зависання,
// без записів туди, куди веде посилання, — а вхід і вихід працюють,
// і новий вхід отримує новий ID.
func TestBrokenSessionFile(t *testing.T) {
	tests := []struct {
		name string
		// replace кладе щось на місце файлу file; victim — файл сесії
		// іншого відвідувача.
		replace func(t *testing.T, file, victim string) error
	}{
		{"тека з файлом усередині", func(t *testing.T, file, _ string) error {
			if err := os.Mkdir(file, 0o700); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(file, "x"), nil, 0o600)
		}},
		{"посилання на файл чужої сесії", func(t *testing.T, file, victim string) error {
			return os.Symlink(victim, file)
		}},
		{"посилання в нікуди", func(t *testing.T, file, _ string) error {
			return os.Symlink(file+".nowhere", file)
		}},
		{"FIFO", func(t *testing.T, file, _ string) error {
			return mkfifo(t, file)
		}},
		{"вміст не розкодовується", func(t *testing.T, file, _ string) error {
			return os.WriteFile(file, []byte("junk"), 0o600)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			h := newHandler(newStore(dir, testKey))
			bob := browser.New(t, h)
			login(bob, "bob")
			bob.Get("/visits").WantBody("Візитів у цій сесії: 1")
			victim := fileOf(t, dir, cookieOf(t, bob))
			before, err := os.ReadFile(victim)
			if err != nil {
				t.Fatal(err)
			}

			b := browser.New(t, h)
			login(b, "alice")
			old := cookieOf(t, b)
			file := fileOf(t, dir, old)
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
			if err := tt.replace(t, file, victim); err != nil {
				t.Fatal(err)
			}

			finishes(t, "запити з кукі зламаної сесії", func() {
				b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
				b.Get("/profile").WantBody("Not logged in")
				// Збереження — нова сесія під новим ID.
				b.Get("/visits").WantBody("Візитів у цій сесії: 1")
				if fileOf(t, dir, cookieOf(t, b)) == file {
					t.Errorf("ID сесії — отримали старий, очікували новий")
				}
				login(b, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
				b.PostForm("/logout", nil).WantBody("You are not logged in")

				// Вхід і вихід з кукі зламаної сесії в руках.
				c := browser.New(t, h)
				c.SetCookie(old)
				c.Get("/profile").WantBody("Not logged in")
				login(c, "carol").WantBody("Ви увійшли як carol\nLogged in as carol")
				if fileOf(t, dir, cookieOf(t, c)) == file {
					t.Errorf("ID сесії після входу — отримали старий, очікували новий")
				}
				c.PostForm("/logout", nil).WantBody("You are not logged in")
			})

			// Сесію bob ніхто не чіпав.
			bob.Get("/profile").WantBody("User: bob")
			after, err := os.ReadFile(victim)
			if err != nil {
				t.Fatal(err)
			}
			if string(after) != string(before) {
				t.Errorf("файл сесії bob — отримали змінений, очікували той самий")
			}
		})
	}
}

// Прибирання не зависає на FIFO і видаляє те, що лежить на місці
// файлів сесій, але файлом сесії не є.
func TestCleanupRemovesBrokenEntries(t *testing.T) {
	dir := t.TempDir()
	store := newStore(dir, testKey)
	b := browser.New(t, newHandler(store))
	login(b, "alice")
	entries := map[string]func(string) error{
		"session_FIFO": func(p string) error { return mkfifo(t, p) },
		"session_LINK": func(p string) error {
			return os.Symlink(fileOf(t, dir, cookieOf(t, b)), p)
		},
		"session_DIR": func(p string) error { return os.Mkdir(p, 0o700) },
	}
	for name, make := range entries {
		if err := make(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	finishes(t, "прибирання", func() {
		if err := store.clean(); err != nil {
			t.Errorf("прибирання: помилка — отримали %v, очікували %s", err, browser.NoError)
		}
	})
	wantFiles(t, dir, 1)
	b.Get("/profile").WantBody("User: alice")
}

// Вихід і повторний вхід завершуються, навіть якщо клієнт розірвав
// з'єднання посеред обробника: файли сховище читає і пише без
// контексту запиту, тож скасований контекст їх не зупиняє.
func TestRevocationSurvivesHangUp(t *testing.T) {
	dir := t.TempDir()
	store := &hangUpStore{fileStore: newStore(dir, testKey)}
	h := newHandler(store)

	t.Run("вихід", func(t *testing.T) {
		b := browser.New(t, h)
		login(b, "alice")
		stolen := cookieOf(t, b)
		rec := store.serveHangingUp(t, h, "/logout", "", stolen)
		browser.Want(t, "POST /logout: статус", rec.Code, http.StatusSeeOther)
		wantNoFile(t, dir, stolen)
		thief := browser.New(t, h)
		thief.SetCookie(stolen)
		thief.Get("/profile").WantBody("Not logged in")
	})
	t.Run("повторний вхід", func(t *testing.T) {
		b := browser.New(t, h)
		login(b, "alice")
		before := cookieOf(t, b)
		rec := store.serveHangingUp(t, h, "/login", "username=bob", before)
		browser.Want(t, "POST /login: статус", rec.Code, http.StatusSeeOther)
		wantNoFile(t, dir, before)
		thief := browser.New(t, h)
		thief.SetCookie(before)
		thief.Get("/profile").WantBody("Not logged in")
	})
}

// hangUpStore у запиті serveHangingUp скасовує контекст, щойно
// обробник прочитав сесію, — так, ніби клієнт розірвав з'єднання
// посеред обробника. Інші запити проходять як є.
type hangUpStore struct {
	*fileStore
	cancel    context.CancelFunc // nil — не скасовувати
	cancelled bool               // Save бачив скасований контекст
}

func (s *hangUpStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	session, err := sessions.GetRegistry(r).Get(s, name)
	if s.cancel != nil {
		s.cancel()
	}
	return session, err
}

func (s *hangUpStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	s.cancelled = r.Context().Err() != nil
	return s.fileStore.Save(r, w, session)
}

// serveHangingUp надсилає POST path з тілом body і кукі c; клієнт
// «розриває з'єднання» посеред обробника.
func (s *hangUpStore) serveHangingUp(t *testing.T, h http.Handler, path, body string,
	c *http.Cookie) *httptest.ResponseRecorder {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	s.cancel, s.cancelled = cancel, false
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, browser.Origin+path,
		strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	s.cancel = nil
	if !s.cancelled {
		t.Errorf("POST %s: контекст запиту під час Save — отримали чинний, "+
			"очікували скасований (тест нічого не перевірив)", path)
	}
	return rec
}

// Тека сесій: власна, з правами 0700; чужої сервер не бере.
func TestSessionDir(t *testing.T) {
	t.Run("типово — у теці кешу користувача", func(t *testing.T) {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Skipf("теки кешу немає: %v", err)
		}
		got, err := sessionDir(func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		browser.Want(t, "тека сесій", got, filepath.Join(cache, "lesson27-sessions"))
	})
	t.Run("SESSION_DIR", func(t *testing.T) {
		env := map[string]string{"SESSION_DIR": "/srv/sessions"}
		got, err := sessionDir(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		browser.Want(t, "тека сесій", got, "/srv/sessions")
	})
	t.Run("нову теку створено з правами 0700", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "sessions")
		if err := prepareDir(dir, os.Getuid()); err != nil {
			t.Fatalf("prepareDir — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if onUnix {
			browser.Want(t, "права теки", info.Mode().Perm(), os.FileMode(0o700))
		}
	})
	refused := func(t *testing.T, dir string, uid int, want string) {
		t.Helper()
		err := prepareDir(dir, uid)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("prepareDir(%s) — %s", dir, browser.GotWant(
				browser.ErrText(err), "помилка «…"+want+"…»"))
		}
	}
	t.Run("файл замість теки — відмова", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		refused(t, file, os.Getuid(), "не вдалося створити теку сесій")
	})
	t.Run("посилання на теку — відмова", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(t.TempDir(), link); err != nil {
			t.Skipf("посилання не створити: %v", err)
		}
		refused(t, link, os.Getuid(), "символьне посилання")
	})
	if !onUnix {
		return // власника і права тут не перевіряємо (osfile_other.go)
	}
	t.Run("в теку можуть писати інші — відмова", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		refused(t, dir, os.Getuid(), "chmod 700 "+dir)
		if err := os.Chmod(dir, 0o720); err != nil {
			t.Fatal(err)
		}
		refused(t, dir, os.Getuid(), "можуть писати інші")
	})
	t.Run("тека іншого користувача — відмова", func(t *testing.T) {
		refused(t, t.TempDir(), os.Getuid()+1, "належить іншому користувачеві")
	})
}

// Чужа тека сесій: сервер не стартує, пояснює чому і завершується з
// ненульовим кодом. Тест запускає main() у підпроцесі: сам тестовий
// файл, з прапорцем у змінній середовища.
func TestMainRefusesSharedFolder(t *testing.T) {
	if os.Getenv("STEP09_RUN_MAIN") == "1" {
		main()
		return
	}
	if !onUnix {
		t.Skip("права теки поза Unix не перевіряємо (osfile_other.go)")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainRefusesSharedFolder$")
	cmd.Env = append(os.Environ(), "STEP09_RUN_MAIN=1", "SESSION_DIR="+dir, "PORT=0")
	out, err := cmd.CombinedOutput()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	browser.Want(t, "код виходу", code, 1)
	want := "помилка: у теку сесій " + dir + " можуть писати інші"
	if !strings.Contains(string(out), want) {
		t.Errorf("вивід програми — %s", browser.GotWant(string(out), "…"+want+"…"))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("файли в чужій теці — отримали %d, очікували 0", len(entries))
	}
}
