package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
	"example.com/lesson27/scs/internal/redistest"
)

// Вихід остаточний: перегони з виходом і вихід, після якого клієнт
// одразу закрив з'єднання, — з memstore і з Redis.

// holdStore — обгортка сховища для тесту перегонів, як apptest.HoldStore
// для gorilla: CommitCtx запиту із заголовком X-Test-Hold повідомляє
// reached і чекає, доки тест не відпустить його (release). Так
// «повільний» запит гарантовано прочитав сесію до виходу, а зберігає її
// після — без жодних пауз.
type holdStore struct {
	scs.CtxStore
	reached, release chan struct{}
}

const holdHeader = "X-Test-Hold"

// holdKey — мітка в контексті запиту із заголовком X-Test-Hold.
type holdKey struct{}

func (s *holdStore) CommitCtx(ctx context.Context, token string, b []byte,
	expiry time.Time) error {
	if ctx.Value(holdKey{}) != nil {
		s.reached <- struct{}{}
		<-s.release
	}
	return s.CtxStore.CommitCtx(ctx, token, b, expiry)
}

// heldApp — застосунок зі сховищем store, у якого можна притримати
// збереження сесії одного запиту.
func heldApp(store scs.Store) (http.Handler, *holdStore) {
	sm := newManager(store)
	hold := &holdStore{
		CtxStore: sm.Store.(scs.CtxStore),
		reached:  make(chan struct{}),
		release:  make(chan struct{}),
	}
	sm.Store = hold
	h := newHandler(sm)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(holdHeader) != "" {
			r = r.WithContext(context.WithValue(r.Context(), holdKey{}, true))
		}
		h.ServeHTTP(w, r)
	}), hold
}

// startHeld починає GET path з кукі c і повертається, коли запит дійшов
// до збереження сесії. finish відпускає його і повертає відповідь.
func startHeld(t *testing.T, h http.Handler, s *holdStore, path string,
	c *http.Cookie) (finish func() *http.Response) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, browser.Origin+path, nil)
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	req.Header.Set(holdHeader, "1")
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(rec, req)
	}()
	select {
	case <-s.reached:
	case <-done:
		t.Fatalf("GET %s: запит закінчився, не дійшовши до збереження — "+
			"отримали %d %q", path, rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	return func() *http.Response {
		s.release <- struct{}{}
		<-done
		return rec.Result()
	}
}

// stores — сховища, з якими застосунок перевіряємо: memstore (типове)
// і Redis.
func stores(t *testing.T) []struct {
	name string
	new  func(t *testing.T) scs.Store
} {
	srv := redistest.Start(t)
	return []struct {
		name string
		new  func(t *testing.T) scs.Store
	}{
		{"memstore", func(*testing.T) scs.Store { return nil }},
		{"Redis", func(t *testing.T) scs.Store {
			return newRedisStore(srv.NewPool(t), "scs:session:")
		}},
	}
}

// Перегони з виходом: запит, що прочитав сесію до виходу, зберігає її
// після. 50 разів поспіль на кожній сторінці: видалена сесія не оживає
// ні для копії кукі, ні для браузера власника, а запит отримує 303 на
// головну без Set-Cookie.
func TestLogoutWinsRace(t *testing.T) {
	for _, st := range stores(t) {
		for _, path := range []string{"/visits", "/"} {
			t.Run(st.name+" "+path, func(t *testing.T) {
				store := st.new(t)
				h, hold := heldApp(store)
				for i := range 50 {
					b := browser.New(t, h)
					apptest.Login(b, "alice", false)
					stolen := b.Cookie(sessionName)
					if stolen == nil {
						t.Fatalf("кукі %q у браузері — отримали браузер без неї, "+
							"очікували, що вона там є", sessionName)
					}
					finish := startHeld(t, h, hold, path, stolen)
					b.PostForm("/logout", nil).WantBody("You are not logged in")
					resp := finish()

					what := "GET " + path + ", що почався до виходу"
					browser.Want(t, what+": статус", resp.StatusCode, http.StatusSeeOther)
					browser.Want(t, what+": Location", resp.Header.Get("Location"), "/")
					for _, c := range resp.Cookies() {
						t.Errorf("%s: кукі — отримали %s, очікували відповідь без Set-Cookie",
							what, c)
					}
					b.Get("/").WantBody("You are not logged in")
					thief := browser.New(t, h)
					thief.SetCookie(stolen)
					thief.Get("/").WantBody("You are not logged in")
					thief.Get("/profile").WantBody("Not logged in")
					if _, found, _ := hold.Find(stolen.Value); found {
						t.Errorf("токен копії кукі в сховищі — отримали його, " +
							"очікували, що його там немає")
					}
					if t.Failed() {
						t.Fatalf("спроба %d з 50: видалена сесія ожила", i+1)
					}
				}
			})
		}
	}
}

// hungUp надсилає форму на path з кукі c так, як її надсилає клієнт, що
// закрив з'єднання одразу після запиту: контекст запиту вже скасовано.
func hungUp(h http.Handler, path string, form url.Values, c *http.Cookie) {
	req := httptest.NewRequest(http.MethodPost, browser.Origin+path,
		strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	ctx, cancel := context.WithCancel(req.Context())
	cancel()
	h.ServeHTTP(httptest.NewRecorder(), req.WithContext(ctx))
}

// Клієнт закрив з'єднання, щойно надіслав POST /logout, POST /forget чи
// POST /login: старий токен однаково видалено, і копія кукі нічого не
// відкриває. Сховища scs не беруть контексту запиту, і guard не дає
// його їм.
func TestRevocationSurvivesHangUp(t *testing.T) {
	for _, st := range stores(t) {
		for _, tt := range []struct {
			path string
			form url.Values
		}{
			{"/logout", nil},
			{"/forget", nil},
			{"/login", url.Values{"username": {"bob"}}},
		} {
			t.Run(st.name+" "+tt.path, func(t *testing.T) {
				sm := newManager(st.new(t))
				h := newHandler(sm)
				b := browser.New(t, h)
				apptest.Login(b, "alice", false)
				stolen := b.Cookie(sessionName)
				if stolen == nil {
					t.Fatalf("кукі %q у браузері — отримали браузер без неї, "+
						"очікували, що вона там є", sessionName)
				}
				hungUp(h, tt.path, tt.form, stolen)
				if _, found, _ := sm.Store.Find(stolen.Value); found {
					t.Errorf("POST %s: токен у сховищі — отримали його, "+
						"очікували, що його там немає", tt.path)
				}
				thief := browser.New(t, h)
				thief.SetCookie(stolen)
				thief.Get("/profile").WantBody("Not logged in")
			})
		}
	}
}
