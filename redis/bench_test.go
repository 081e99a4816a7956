package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/gob"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/browser"
	"example.com/lesson27/redis/internal/redistest"
	"example.com/lesson27/redis/redisstore"
)

// BenchmarkLoadSave порівнює ціну сесії в одному запиті: прочитати
// сесію з кукі запиту (Get), змінити лічильник і зберегти (Save), як
// робить GET /visits. Чотири сховища:
//
//   - cookie-signed: CookieStore лише з ключем підпису (як у курсі);
//   - cookie-encrypted: CookieStore з ключем підпису і шифрування;
//   - filesystem: FilesystemStore у тимчасовій теці;
//   - redis: redisstore і справжній redis-server на loopback;
//   - baseline: «сховище», що нічого не робить, — ціна самого
//     запиту, запису відповіді й розбору Set-Cookie. Ціна сховища —
//     різниця з ним.
//
// Звичайна перевірка курсу бенчмарків не запускає. Запуск:
//
//	cd redis && go test -run '^$' -bench LoadSave -benchtime 1s -count 6 -benchmem
func BenchmarkLoadSave(b *testing.B) {
	hash := bytes.Repeat([]byte("h"), 32)
	block := bytes.Repeat([]byte("b"), 32)
	stores := []struct {
		name string
		new  func(b *testing.B) sessions.Store
	}{
		{"baseline", func(*testing.B) sessions.Store {
			return nopStore{}
		}},
		{"cookie-signed", func(*testing.B) sessions.Store {
			return sessions.NewCookieStore(hash)
		}},
		{"cookie-encrypted", func(*testing.B) sessions.Store {
			return sessions.NewCookieStore(hash, block)
		}},
		{"filesystem", func(b *testing.B) sessions.Store {
			return sessions.NewFilesystemStore(b.TempDir(), hash)
		}},
		{"redis", func(b *testing.B) sessions.Store {
			client := redistest.Start(b).NewClient(b)
			return redisstore.New(client, hash)
		}},
	}
	for _, s := range stores {
		b.Run(s.name, func(b *testing.B) {
			store := s.new(b)
			// Сесія, як у застосунку: ім'я і лічильник.
			cookie := roundTrip(b, store, nil, 0)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				cookie = roundTrip(b, store, cookie, i)
			}
			// Розмір кукі, яку браузер носить з кожним запитом.
			b.ReportMetric(float64(len(cookie.Value)), "cookie-bytes")
		})
	}
}

// roundTrip — один запит: Get з кукі, зміна, Save; повертає нову кукі.
func roundTrip(b *testing.B, store sessions.Store, c *http.Cookie, visits int) *http.Cookie {
	r := httptest.NewRequest(http.MethodGet, "/visits", nil)
	if c != nil {
		r.AddCookie(c)
	}
	session, err := store.Get(r, sessionName)
	if err != nil {
		b.Fatalf("Get: %v", err)
	}
	if c != nil && session.IsNew {
		b.Fatalf("Get: сесія нова, а мала бути збережена")
	}
	session.Values["username"] = "alice"
	session.Values["visits"] = visits
	w := httptest.NewRecorder()
	if err := session.Save(r, w); err != nil {
		b.Fatalf("Save: %v", err)
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 {
		b.Fatalf("Save: кукі у відповіді — %d, очікували 1", len(cookies))
	}
	return cookies[0]
}

// nopStore — сховище, що нічого не зберігає: нова сесія на кожен Get і
// та сама кукі на кожен Save.
type nopStore struct{}

func (s nopStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

func (s nopStore) New(r *http.Request, name string) (*sessions.Session, error) {
	session := sessions.NewSession(s, name)
	session.Options = &sessions.Options{Path: "/", MaxAge: 1800}
	_, err := r.Cookie(name)
	session.IsNew = err != nil
	return session, nil
}

func (s nopStore) Save(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	http.SetCookie(w, sessions.NewCookie(session.Name(), "x", session.Options))
	return nil
}

// BenchmarkManySessions: скільки коштують список і вхід, коли в alice
// вже n сесій у Redis (і ще одна — ця). «no-cap» — без межі на
// людину, тож сесій справді n; «cap» — межа застосунку (100), і 10 000
// входів лишили в alice 100 сесій. Вхід — як у браузері: POST /login і
// головна після 303 (вона забирає повідомлення про вхід); «relogin» —
// знову з того самого браузера (сесій не більшає), «new-device» — з
// нового (без межі сесій більшає, на межі вхід завершує найстарішу).
// index-ids — скільки ID в індексі наприкінці. Запуск:
//
//	cd redis && go test -run '^$' -bench ManySessions -benchmem
func BenchmarkManySessions(b *testing.B) {
	srv := redistest.Start(b)
	cases := []struct {
		name   string
		n, cap int
	}{
		{"no-cap/sessions=1", 1, 0},
		{"no-cap/sessions=100", 100, 0},
		{"no-cap/sessions=10000", 10_000, 0},
		{"cap=100/logins=10000", 10_000, maxSessionsPerUser},
	}
	prefix := 0
	for _, c := range cases {
		for _, op := range []string{"list", "relogin", "new-device"} {
			b.Run(c.name+"/"+op, func(b *testing.B) {
				client := srv.NewClient(b)
				store := newStore(client, testKey)
				prefix++
				store.KeyPrefix = fmt.Sprintf("session:%d:", prefix)
				store.IndexPrefix = fmt.Sprintf("sessions-of:%d:", prefix)
				plant(b, client, store, "alice", c.n)
				store.MaxPerOwner = c.cap
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
				n, _ := client.ZCard(context.Background(),
					store.IndexPrefix+"alice").Result()
				b.ReportMetric(float64(n), "index-ids")
			})
		}
	}
}

// plant кладе в Redis n сесій user з його індексом, як після n входів,
// одним конвеєром (pipeline).
func plant(b *testing.B, client *redis.Client, store *redisstore.Store,
	user string, n int) {
	ctx := context.Background()
	pipe := client.Pipeline()
	for range n {
		id := rand.Text()
		values := map[any]any{"username": user, deviceKey: "Firefox на Linux",
			loginAtKey: time.Now().Unix()}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(values); err != nil {
			b.Fatal(err)
		}
		pipe.Set(ctx, store.KeyPrefix+id, buf.Bytes(), sessionLifetime)
		pipe.ZAdd(ctx, store.IndexPrefix+user,
			redis.Z{Score: float64(time.Now().UnixMicro()), Member: id})
	}
	if _, err := pipe.Exec(ctx); err != nil {
		b.Fatal(err)
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
