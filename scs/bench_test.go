package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/alexedwards/scs/redisstore"
	"github.com/alexedwards/scs/v2"
	"github.com/gorilla/sessions"

	"example.com/lesson27/scs/internal/redistest"
)

// BenchmarkRequest — ціна сесії в одному запиті, gorilla і scs в одному
// запуску: прочитати сесію, збільшити лічильник, зберегти, як робить
// GET /visits, і передати нову кукі наступному запиту.
//
//   - baseline: обробник без сесії — ціна самого запиту і відповіді;
//   - gorilla-cookie: CookieStore з ключем підпису, як у курсі;
//   - scs-memstore: scs з IdleTimeout, як у застосунку scs/;
//   - scs-redis: те саме з redisstore і справжнім redis-server.
//
// Звичайна перевірка курсу бенчмарків не запускає. Запуск:
//
//	cd scs && go test -run '^$' -bench Request -benchmem
func BenchmarkRequest(b *testing.B) {
	variants := []struct {
		name string
		new  func(b *testing.B) http.Handler
	}{
		{"baseline", func(*testing.B) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter,
				r *http.Request) {
				fmt.Fprintf(w, "Візитів у цій сесії: %d", 1)
			})
		}},
		{"gorilla-cookie", func(*testing.B) http.Handler {
			return gorillaVisits(sessions.NewCookieStore(hashKey))
		}},
		{"scs-memstore", func(b *testing.B) http.Handler {
			return scsVisits(scs.New())
		}},
		{"scs-redis", func(b *testing.B) http.Handler {
			sm := scs.New()
			sm.Store = redisstore.New(redistest.Start(b).NewPool(b))
			return scsVisits(sm)
		}},
	}
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			h := v.new(b)
			var cookie *http.Cookie
			b.ReportAllocs()
			for b.Loop() {
				cookie = serve(b, h, cookie)
			}
			if cookie != nil {
				b.ReportMetric(float64(len(cookie.Value)), "cookie-bytes")
			}
		})
	}
}

// gorillaVisits — лічильник на gorilla: Get, зміна, Save.
func gorillaVisits(store sessions.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := store.Get(r, sessionName)
		n, _ := s.Values["visits"].(int)
		s.Values["visits"] = n + 1
		if err := s.Save(r, w); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "Візитів у цій сесії: %d", n+1)
	})
}

// scsVisits — той самий лічильник на scs: LoadAndSave, GetInt, Put.
func scsVisits(sm *scs.SessionManager) http.Handler {
	sm.IdleTimeout = 30 * time.Minute
	return sm.LoadAndSave(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			n := sm.GetInt(r.Context(), "visits") + 1
			sm.Put(r.Context(), "visits", n)
			fmt.Fprintf(w, "Візитів у цій сесії: %d", n)
		}))
}

// serve — один запит з кукі c; повертає кукі для наступного.
func serve(b *testing.B, h http.Handler, c *http.Cookie) *http.Cookie {
	r := httptest.NewRequest(http.MethodGet, "/visits", nil)
	if c != nil {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		b.Fatalf("GET /visits: статус — отримали %d, очікували 200", w.Code)
	}
	for _, nc := range w.Result().Cookies() {
		if nc.Name == sessionName {
			return nc
		}
	}
	return c
}
