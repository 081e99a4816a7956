package main

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Ці тести — про те, чого специфікація (TestSessionsSpec) не бачить
// ззовні: індекс на диску, його межа і прибирання, перезапуск,
// одночасні запити. Специфікація перевіряє самі сторінки.

const uaFirefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

// firefox — браузер, що надсилає User-Agent Firefox на Linux.
func firefox(t *testing.T, h http.Handler) *browser.Browser {
	b := browser.New(t, h)
	b.UserAgent = uaFirefox
	return b
}

// listLines повертає непорожні рядки GET /sessions.
func listLines(t *testing.T, b *browser.Browser) []string {
	t.Helper()
	r := b.Get("/sessions").WantStatus(http.StatusOK)
	var lines []string
	for _, l := range strings.Split(r.Body, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// wantLines перевіряє, скільки рядків у списку b.
func wantLines(t *testing.T, b *browser.Browser, want int) {
	t.Helper()
	browser.Want(t, "GET /sessions: рядків у списку", len(listLines(t, b)), want)
}

// idOf розкодовує ID сесії з кукі c.
func idOf(t testing.TB, c *http.Cookie) string {
	t.Helper()
	var id string
	codecs := securecookie.CodecsFromPairs(testKey)
	if err := securecookie.DecodeMulti(sessionName, c.Value, &id, codecs...); err != nil {
		t.Fatalf("кукі %s: не вдалося розкодувати ID: %v", c.Name, err)
	}
	return id
}

// indexOfUser повертає ID з індексу user на диску.
func indexOfUser(t testing.TB, store *fileStore, user string) []string {
	t.Helper()
	ids, err := readIDs(store.indexFile(user))
	if err != nil {
		t.Fatalf("індекс %s — %s", user, browser.GotWant(err.Error(), browser.NoError))
	}
	return ids
}

// wantIndex перевіряє, що в індексі user рівно ID кукі cookies, у цьому
// порядку.
func wantIndex(t *testing.T, store *fileStore, user string, cookies ...*http.Cookie) {
	t.Helper()
	want := make([]string, len(cookies))
	for i, c := range cookies {
		want[i] = idOf(t, c)
	}
	got := indexOfUser(t, store, user)
	browser.Want(t, "індекс "+user, strings.Join(got, " "), strings.Join(want, " "))
}

// Індекс іде за сесіями: вхід дописує ID, вихід, повторний вхід,
// абсолютний строк і «завершити інші» його прибирають. Порожній
// індекс — це жодного файлу.
func TestIndexFollowsSessions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		store := newStore(dir, testKey)
		h := newHandler(store)
		a1, a2, a3 := firefox(t, h), firefox(t, h), firefox(t, h)
		login(a1, "alice")
		c1 := cookieOf(t, a1)
		login(a2, "alice")
		c2 := cookieOf(t, a2)
		wantIndex(t, store, "alice", c1, c2)

		a2.PostForm("/logout", nil).WantBody("You are not logged in")
		wantIndex(t, store, "alice", c1)

		login(a1, "alice")
		c1 = cookieOf(t, a1)
		wantIndex(t, store, "alice", c1)

		login(a2, "alice")
		login(a3, "alice")
		a1.PostForm("/sessions/end-others", nil).WantRedirect(http.StatusSeeOther, "/sessions")
		wantIndex(t, store, "alice", c1)

		a1.PostForm("/logout", nil)
		if _, err := os.Lstat(store.indexFile("alice")); err == nil {
			t.Errorf("файл індексу після останнього виходу — отримали його на диску, " +
				"очікували, що його немає")
		}

		// Абсолютний строк: сесію, якій минуло 12 годин, перше ж її
		// читання видаляє разом з її рядком в індексі. (Браузер alice
		// забуде кукі сам, її Max-Age скінчився; читає копія.)
		login(a1, "alice")
		for range 12*3 - 1 {
			time.Sleep(20 * time.Minute)
			a1.Get("/visits")
		}
		copied := cookieOf(t, a1)
		time.Sleep(20 * time.Minute)
		thief := firefox(t, h)
		thief.SetCookie(&http.Cookie{Name: sessionName, Value: copied.Value, Path: "/"})
		thief.Get("/profile").WantBody("Not logged in")
		wantIndex(t, store, "alice")
		wantFiles(t, dir, 0)
	})
}

// Сесія, що мовчала довше за таймаут бездіяльності, лишає свій ID в
// індексі, доки хтось його не прочитає: список чи прибирання.
func TestIdleSessionLeavesIndex(t *testing.T) {
	t.Run("список", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			store := newStore(t.TempDir(), testKey)
			h := newHandler(store)
			a1, a2 := firefox(t, h), firefox(t, h)
			login(a1, "alice")
			login(a2, "alice")
			for range 2 {
				time.Sleep(20 * time.Minute)
				a1.Get("/visits")
			}
			browser.Want(t, "ID в індексі до списку", len(indexOfUser(t, store, "alice")), 2)
			wantLines(t, a1, 1)
			wantIndex(t, store, "alice", cookieOf(t, a1))
		})
	})
	t.Run("прибирання", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			dir := t.TempDir()
			store := newStore(dir, testKey)
			go store.cleanEvery(t.Context(), cleanupInterval)
			h := newHandler(store)
			a1, a2 := firefox(t, h), firefox(t, h)
			login(a1, "alice")
			login(a2, "alice")
			for range 4 {
				time.Sleep(cleanupInterval)
				a1.Get("/visits")
			}
			synctest.Wait()
			wantIndex(t, store, "alice", cookieOf(t, a1))
			wantFiles(t, dir, 1)
		})
	})
}

// Перезапуск сервера: нове сховище на тій самій теці знає всі сесії —
// і список, і «завершити інші» працюють далі.
func TestSessionsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	h := newHandler(newStore(dir, testKey))
	laptop, phone := firefox(t, h), firefox(t, h)
	login(laptop, "alice")
	login(phone, "alice")

	store := newStore(dir, testKey)
	if err := store.clean(); err != nil { // як у main
		t.Fatalf("прибирання — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	h = newHandler(store)
	// Ті самі браузери з тими самими кукі — до нового сервера.
	laptop, phone = reopen(t, h, laptop), reopen(t, h, phone)
	wantLines(t, laptop, 2)
	laptop.PostForm("/sessions/end-others", nil).WantRedirect(http.StatusSeeOther, "/sessions")
	phone.Get("/").WantBody("You are not logged in")
	wantLines(t, laptop, 1)
}

// reopen повертає браузер до h з кукі сесії браузера b.
func reopen(t *testing.T, h http.Handler, b *browser.Browser) *browser.Browser {
	t.Helper()
	nb := firefox(t, h)
	nb.SetCookie(cookieOf(t, b))
	return nb
}

// Сесія, якої немає в індексі (її лишив крок 08 у тій самій теці, або
// індекс хтось видалив), потрапляє туди з першим прибиранням — і
// «завершити інші» її знаходить.
func TestCleanupIndexesStraySessions(t *testing.T) {
	dir := t.TempDir()
	store := newStore(dir, testKey)
	h := newHandler(store)
	laptop, phone := firefox(t, h), firefox(t, h)
	login(laptop, "alice")
	login(phone, "alice")
	if err := os.Remove(store.indexFile("alice")); err != nil {
		t.Fatal(err)
	}
	wantLines(t, laptop, 0)

	if err := store.clean(); err != nil {
		t.Fatalf("прибирання — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	wantLines(t, laptop, 2)
	laptop.PostForm("/sessions/end-others", nil)
	phone.Get("/").WantBody("You are not logged in")
	wantLines(t, laptop, 1)
}

// Сесія, яку лишив у теці крок 08: ні опису браузера, ні часу
// останнього збереження. Прибирання бере її в індекс, а список
// показує її рядком, де «востаннє» — час входу.
func TestStep08SessionIsListed(t *testing.T) {
	dir := t.TempDir()
	store := newStore(dir, testKey)
	started := time.Now()
	values := map[any]any{"username": "alice", startedKey: started}
	data, err := securecookie.EncodeMulti(sessionName, values, store.Codecs...)
	if err != nil {
		t.Fatal(err)
	}
	if err := createFile(store.file(rand.Text()), []byte(data)); err != nil {
		t.Fatal(err)
	}
	if err := store.clean(); err != nil {
		t.Fatalf("прибирання — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	h := newHandler(store)
	laptop := firefox(t, h)
	login(laptop, "alice")
	lines := listLines(t, laptop)
	at := started.Format(timeLayout)
	want := "вхід " + at + ", востаннє " + at + ", невідомий браузер"
	if len(lines) != 2 || lines[0] != want {
		t.Errorf("GET /sessions: рядки — %s", browser.GotWant(
			strings.Join(lines, " | "), want+" | … (цей пристрій)"))
	}
}

// Межа: щонайбільше maxSessionsPerUser сесій на людину. Вхід понад
// межу спершу забуває сесії, яких уже немає, а якщо їх немає —
// завершує найстарішу.
func TestSessionsPerUserCap(t *testing.T) {
	t.Run("найстаріша сесія завершується", func(t *testing.T) {
		store := newStore(t.TempDir(), testKey)
		h := newHandler(store)
		oldest := firefox(t, h)
		login(oldest, "alice")
		second := firefox(t, h)
		login(second, "alice")
		for range maxSessionsPerUser - 2 {
			login(firefox(t, h), "alice")
		}
		browser.Want(t, "ID в індексі на межі",
			len(indexOfUser(t, store, "alice")), maxSessionsPerUser)

		newest := firefox(t, h)
		login(newest, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
		oldest.Get("/").WantBody("You are not logged in")
		second.Get("/").WantBody("Logged in as alice")
		wantLines(t, newest, maxSessionsPerUser)
		browser.Want(t, "ID в індексі понад межу",
			len(indexOfUser(t, store, "alice")), maxSessionsPerUser)
		bob := firefox(t, h)
		login(bob, "bob").WantBody("Ви увійшли як bob\nLogged in as bob")
		wantLines(t, bob, 1)
	})
	t.Run("сесії, яких уже немає, звільняють місце першими", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			store := newStore(t.TempDir(), testKey)
			h := newHandler(store)
			oldest := firefox(t, h)
			login(oldest, "alice")
			for range maxSessionsPerUser - 1 {
				login(firefox(t, h), "alice") // і більше не заходять
			}
			// 40 хвилин: найстаріша активна, решта мовчить.
			for range 2 {
				time.Sleep(20 * time.Minute)
				oldest.Get("/visits")
			}
			login(firefox(t, h), "alice")
			oldest.Get("/").WantBody("Logged in as alice")
			wantLines(t, oldest, 2)
		})
	})
}

// «Завершити інші» з пристрою, який тим часом сам завершили: запит
// прочитав свою сесію, а поки він ішов, інший пристрій завершив усі,
// крім себе. Завершена сесія нікого не завершує.
func TestEndedSessionCannotEndOthers(t *testing.T) {
	store := newStore(t.TempDir(), testKey)
	h := newHandler(store)
	laptop, phone := firefox(t, h), firefox(t, h)
	login(laptop, "alice")
	login(phone, "alice")

	req := httptest.NewRequest(http.MethodPost, browser.Origin+"/sessions/end-others", nil)
	req.AddCookie(cookieOf(t, phone))
	session, err := getSession(store, req)
	if err != nil || session.IsNew {
		t.Fatalf("сесія телефона: отримали нову сесію чи помилку %v, очікували його сесію", err)
	}
	laptop.PostForm("/sessions/end-others", nil).WantRedirect(http.StatusSeeOther, "/sessions")

	err = store.EndOthers(session)
	browser.Want(t, "EndOthers завершеної сесії: помилка", browser.ErrText(err),
		errSessionGone.Error())
	laptop.Get("/").WantBody("Logged in as alice")
	wantLines(t, laptop, 1)
	// А ззовні такий запит — як після виходу: 303 на головну.
	rec := httptest.NewRecorder()
	saveError(rec, req, err)
	browser.Want(t, "POST /sessions/end-others завершеної сесії: Location",
		rec.Header().Get("Location"), "/")
}

// Одночасно: alice входить з 20 пристроїв, а тим часом її ноутбук
// щоразу відкриває список і завершує інші сесії. Коли все скінчилося,
// ще одне «завершити інші» лишає одну сесію: жодна з 20 не сховалася
// від індексу. Запускайте з -race.
func TestEndOthersUnderConcurrency(t *testing.T) {
	store := newStore(t.TempDir(), testKey)
	h := newHandler(store)
	laptop := firefox(t, h)
	login(laptop, "alice")
	bob := firefox(t, h)
	login(bob, "bob")

	devices := make([]*browser.Browser, 20)
	var wg sync.WaitGroup
	for i := range devices {
		devices[i] = firefox(t, h)
		wg.Go(func() {
			login(devices[i], "alice")
			devices[i].Get("/visits")
		})
	}
	wg.Go(func() {
		for range 20 {
			laptop.Get("/sessions").WantStatus(http.StatusOK)
			laptop.PostForm("/sessions/end-others", nil).WantStatus(http.StatusOK)
		}
	})
	wg.Wait()

	laptop.PostForm("/sessions/end-others", nil).WantRedirect(http.StatusSeeOther, "/sessions")
	wantLines(t, laptop, 1)
	for i, d := range devices {
		if r := d.Get("/profile"); r.Body != "Not logged in\n" {
			t.Errorf("пристрій %d після «завершити інші»: GET /profile — %s", i+1,
				browser.GotWant(strings.TrimSpace(r.Body), "Not logged in"))
		}
	}
	laptop.Get("/profile").WantBody("User: alice")
	bob.Get("/profile").WantBody("User: bob")
	wantLines(t, bob, 1)
}

// На місці індексу — не файл індексу: FIFO, посилання чи тека. Це
// зламаний індекс, тобто порожній: вхід працює, список показує нову
// сесію, а на місці зламаного індексу знову звичайний файл. Ніщо не
// зависає, а файл, на який вело посилання, ніхто не чіпає.
func TestBrokenIndexFile(t *testing.T) {
	for _, tt := range []struct {
		name    string
		replace func(t *testing.T, path string) error
	}{
		{"FIFO", func(t *testing.T, path string) error { return mkfifo(t, path) }},
		{"посилання", func(t *testing.T, path string) error {
			target := filepath.Join(t.TempDir(), "target")
			if err := os.WriteFile(target, []byte(rand.Text()+"\n"), 0o600); err != nil {
				return err
			}
			t.Cleanup(func() {
				if info, err := os.Lstat(target); err != nil || !info.Mode().IsRegular() {
					t.Errorf("файл, на який вело посилання, — отримали %v, "+
						"очікували, що він лишився як був", err)
				}
			})
			if err := os.Symlink(target, path); err != nil {
				t.Skipf("посилання не створити: %v", err)
			}
			return nil
		}},
		{"тека", func(t *testing.T, path string) error { return os.Mkdir(path, 0o700) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			store := newStore(dir, testKey)
			h := newHandler(store)
			alice := firefox(t, h)
			login(alice, "alice")
			path := store.indexFile("alice")
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := tt.replace(t, path); err != nil {
				t.Fatal(err)
			}
			finishes(t, "запити зі зламаним індексом", func() {
				alice.Get("/sessions").WantStatus(http.StatusOK)
				login(alice, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
				lines := listLines(t, alice)
				if len(lines) != 1 || !strings.HasSuffix(lines[0], " (цей пристрій)") {
					t.Errorf("GET /sessions: рядки — %s", browser.GotWant(
						strings.Join(lines, " | "), "… (цей пристрій)"))
				}
				wantIndex(t, store, "alice", cookieOf(t, alice))
				alice.PostForm("/sessions/end-others", nil).
					WantRedirect(http.StatusSeeOther, "/sessions")
				alice.PostForm("/logout", nil).WantBody("You are not logged in")
			})
			if _, err := os.Lstat(path); err == nil {
				t.Errorf("файл індексу після останнього виходу — отримали його на " +
					"диску, очікували, що його немає")
			}
		})
	}
	t.Run("прибирання замінює зламаний індекс", func(t *testing.T) {
		store := newStore(t.TempDir(), testKey)
		path := store.indexFile("alice")
		if err := mkfifo(t, path); err != nil {
			t.Fatal(err)
		}
		finishes(t, "прибирання зі зламаним індексом", func() {
			if err := store.clean(); err != nil {
				t.Errorf("прибирання — %s", browser.GotWant(err.Error(), browser.NoError))
			}
		})
		if _, err := os.Lstat(path); err == nil {
			t.Errorf("зламаний індекс без сесій після прибирання — отримали його " +
				"на диску, очікували, що його немає")
		}
	})
	// Непорожньої теки на місці індексу сервер не видалить: це біда
	// сховища, 500 для входу alice, але лише для цього запиту. Інших
	// людей це не зачіпає, і ніщо не зависає.
	t.Run("непорожня тека", func(t *testing.T) {
		dir := t.TempDir()
		store := newStore(dir, testKey)
		h := newHandler(store)
		path := store.indexFile("alice")
		if err := os.MkdirAll(filepath.Join(path, "inside"), 0o700); err != nil {
			t.Fatal(err)
		}
		finishes(t, "запити з непорожньою текою на місці індексу", func() {
			alice := firefox(t, h)
			login(alice, "alice").WantStatus(http.StatusInternalServerError).
				WantBody(serverErrorBody)
			alice.Get("/").WantBody("You are not logged in")
			bob := firefox(t, h)
			login(bob, "bob").WantBody("Ви увійшли як bob\nLogged in as bob")
			wantLines(t, bob, 1)
			if err := store.clean(); err == nil {
				t.Errorf("прибирання: помилка — отримали %s, очікували помилку "+
					"про індекс alice", browser.NoError)
			}
		})
		wantFiles(t, dir, 1) // сесія bob
	})
}

// Сховище в кукі не знає інших сесій: сторінки кажуть це прямо, 501,
// а не показують порожній список.
func TestCookieStoreHasNoSessionList(t *testing.T) {
	cookies := sessions.NewCookieStore(testKey)
	b := browser.New(t, newHandler(cookies))
	login(b, "alice")
	want := "Це сховище не знає інших сесій користувача: список і " +
		"«завершити інші» вміє лише сховище на сервері."
	b.Get("/sessions").WantStatus(http.StatusNotImplemented).WantBody(want).WantPrivate()
	b.PostForm("/sessions/end-others", nil).WantStatus(http.StatusNotImplemented).WantBody(want)
}

// plant кладе в теку сховища n сесій user, як після n входів, і
// записує їхній індекс одним разом: так 10 000 сесій з'являються за
// секунду, а не за 10 000 входів.
func plant(tb testing.TB, store *fileStore, user string, n int) {
	tb.Helper()
	now := time.Now()
	ids := make([]string, n)
	for i := range ids {
		values := map[any]any{"username": user, deviceKey: "Firefox на Linux",
			startedKey: now, savedKey: now}
		data, err := securecookie.EncodeMulti(sessionName, values, store.Codecs...)
		if err != nil {
			tb.Fatal(err)
		}
		ids[i] = rand.Text()
		if err := createFile(store.file(ids[i]), []byte(data)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := writeIDs(store.indexFile(user), ids); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkManySessions: скільки коштують список і вхід, коли в alice
// вже n сесій (і ще одна — ця). «no-cap» — без межі на людину, тож
// сесій справді n; «cap» — межа застосунку (100), і 10 000 входів
// лишили в alice 100 сесій. Вхід — як у браузері: POST /login і
// головна після 303 (вона забирає повідомлення про вхід); «relogin» —
// знову з того самого браузера (сесій не більшає), «new-device» — з
// нового (без межі сесій більшає, на межі вхід завершує найстарішу).
// index-ids — скільки ID в індексі наприкінці. Звичайні тести
// бенчмарків не запускають:
//
//	go test -run '^$' -bench ManySessions -benchmem ./steps/09-your-sessions/
func BenchmarkManySessions(b *testing.B) {
	cases := []struct {
		name   string
		n, cap int
	}{
		{"no-cap/sessions=1", 1, 0},
		{"no-cap/sessions=100", 100, 0},
		{"no-cap/sessions=10000", 10_000, 0},
		{"cap=100/logins=10000", 10_000, maxSessionsPerUser},
	}
	for _, c := range cases {
		for _, op := range []string{"list", "relogin", "new-device"} {
			b.Run(c.name+"/"+op, func(b *testing.B) {
				store := newStore(b.TempDir(), testKey)
				plant(b, store, "alice", c.n)
				store.MaxPerUser = c.cap
				h := newHandler(store)
				cookie := benchLogin(b, h, nil) // на межі — вже 100 сесій
				b.ReportAllocs()
				for b.Loop() {
					switch op {
					case "list":
						benchList(b, h, cookie)
					case "relogin":
						cookie = benchLogin(b, h, cookie)
					case "new-device":
						benchLogin(b, h, nil)
					}
				}
				b.ReportMetric(float64(len(indexOfUser(b, store, "alice"))), "index-ids")
			})
		}
	}
}

// benchLogin входить як alice з кукі c (nil — без кукі) і повертає нову
// кукі.
func benchLogin(b *testing.B, h http.Handler, c *http.Cookie) *http.Cookie {
	req := httptest.NewRequest(http.MethodPost, browser.Origin+"/login",
		strings.NewReader(url.Values{"username": {"alice"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if c != nil {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	for _, nc := range rec.Result().Cookies() {
		if nc.Name == sessionName && nc.Value != "" {
			c = &http.Cookie{Name: nc.Name, Value: nc.Value}
			benchGet(b, h, "/", c)
			return c
		}
	}
	b.Fatalf("POST /login: кукі — отримали %d %q без кукі, очікували кукі сесії",
		rec.Code, rec.Body.String())
	return nil
}

// benchGet відкриває path з кукі c і повертає текст сторінки.
func benchGet(b *testing.B, h http.Handler, path string, c *http.Cookie) string {
	req := httptest.NewRequest(http.MethodGet, browser.Origin+path, nil)
	req.AddCookie(c)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: статус — %s", path, browser.GotWant(rec.Code, http.StatusOK))
	}
	return rec.Body.String()
}

// benchList відкриває GET /sessions з кукі c.
func benchList(b *testing.B, h http.Handler, c *http.Cookie) {
	if body := benchGet(b, h, "/sessions", c); !strings.Contains(body, "(цей пристрій)") {
		b.Fatalf("GET /sessions — %s", browser.GotWant(
			fmt.Sprintf("%.80q", body), "рядок цього пристрою"))
	}
}
