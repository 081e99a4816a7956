package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gorilla/sessions"

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
