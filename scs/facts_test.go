package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Факти для таблиці «gorilla/sessions чи scs» у lesson27/scs.uk.md:
// кожен рядок таблиці перевіряє один тест тут. Обидві бібліотеки — з
// типовими налаштуваннями, якщо тест не каже іншого.

var hashKey = bytes.Repeat([]byte("h"), 32)

// gorillaApp — найменший застосунок на gorilla: GET /put?v=… кладе v у
// сесію, GET /get показує, що в ній.
func gorillaApp(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /put", func(w http.ResponseWriter, r *http.Request) {
		s, _ := store.Get(r, sessionName)
		s.Values["v"] = r.URL.Query().Get("v")
		if err := s.Save(r, w); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("GET /get", func(w http.ResponseWriter, r *http.Request) {
		s, _ := store.Get(r, sessionName)
		v, _ := s.Values["v"].(string)
		w.Write([]byte("v=" + v))
	})
	return mux
}

// scsApp — той самий застосунок на scs.
func scsApp(sm *scs.SessionManager) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /put", func(w http.ResponseWriter, r *http.Request) {
		sm.Put(r.Context(), "v", r.URL.Query().Get("v"))
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("GET /get", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("v=" + sm.GetString(r.Context(), "v")))
	})
	return sm.LoadAndSave(mux)
}

// newSCS — scs.New у тесті. Його горутину-прибиральника зупиняємо
// наприкінці тесту, якщо тест іде в бубльці synctest.
func newSCS(t *testing.T, inBubble bool) *scs.SessionManager {
	sm := scs.New()
	if inBubble {
		stopCleanup(t, sm)
	}
	return sm
}

// Де дані: gorilla (CookieStore) кладе їх у саму кукі, scs — у
// сховище на сервері, а кукі несе токен з 43 символів.
func TestFactWhereDataLives(t *testing.T) {
	value := strings.Repeat("x", 1000)
	g := browser.New(t, gorillaApp(sessions.NewCookieStore(hashKey)))
	gc := g.Get("/put?v=" + value).WantSetCookie(sessionName)
	if len(gc.Value) <= len(value) {
		t.Errorf("gorilla: довжина кукі — %s", browser.GotWant(
			len(gc.Value), "більше за 1000 (дані в кукі)"))
	}
	s := browser.New(t, scsApp(newSCS(t, false)))
	sc := s.Get("/put?v=" + value).WantSetCookie(sessionName)
	browser.Want(t, "scs: довжина кукі", len(sc.Value), 43)
	s.Get("/get").WantBody("v=" + value)
}

// Що кожна ставить на кукі типово.
func TestFactDefaultCookie(t *testing.T) {
	t.Run("gorilla: 30 днів, Secure, SameSite=None, без HttpOnly",
		func(t *testing.T) {
			b := browser.New(t, gorillaApp(sessions.NewCookieStore(hashKey)))
			c := b.Get("/put?v=1").WantSetCookie(sessionName)
			browser.Want(t, "Path", c.Path, "/")
			browser.Want(t, "Max-Age", c.MaxAge, 30*24*3600)
			browser.Want(t, "HttpOnly", c.HttpOnly, false)
			browser.Want(t, "Secure", c.Secure, true)
			browser.Want(t, "SameSite", c.SameSite, http.SameSiteNoneMode)
		})
	t.Run("scs: 24 години, HttpOnly, SameSite=Lax, без Secure",
		func(t *testing.T) {
			b := browser.New(t, scsApp(newSCS(t, false)))
			before := time.Now()
			c := b.Get("/put?v=1").WantSetCookie(sessionName)
			after := time.Now()
			browser.Want(t, "Path", c.Path, "/")
			browser.Want(t, "Max-Age", c.MaxAge, 24*3600)
			// Expires scs округлює вгору, до наступної секунди.
			if !c.Expires.After(before.Add(24*time.Hour)) ||
				c.Expires.After(after.Add(24*time.Hour+time.Second)) {
				t.Errorf("Expires — %s", browser.GotWant(
					browser.Phrase(c.Expires.UTC().Format(http.TimeFormat)),
					browser.Phrase("за 24 години, округлено вгору до секунди")))
			}
			browser.Want(t, "HttpOnly", c.HttpOnly, true)
			browser.Want(t, "Secure", c.Secure, false)
			browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
		})
	// scs рахує Max-Age як int(time.Until(expiry).Seconds() + 1): до
	// expiry лишається трохи менше за 24 години, і +1 дає 86400. У
	// бульбашці synctest годинник стоїть, до expiry рівно 24 години — і
	// кукі обіцяє на секунду більше.
	t.Run("scs у synctest: годинник стоїть, Max-Age 86401",
		func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := browser.New(t, scsApp(newSCS(t, true)))
				c := b.Get("/put?v=1").WantSetCookie(sessionName)
				browser.Want(t, "Max-Age", c.MaxAge, 24*3600+1)
			})
		})
}

// Таймаути. gorilla: один строк, MaxAge, від останнього Save; читання
// його не подовжує, абсолютного строку немає. scs: IdleTimeout (кожен
// запит подовжує) і Lifetime (абсолютний: від початку сесії або від
// останнього RenewToken).
func TestFactTimeouts(t *testing.T) {
	t.Run("gorilla: строк від останнього Save, читання не подовжує",
		func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := sessions.NewCookieStore(hashKey)
				store.MaxAge(1800)
				b := browser.New(t, gorillaApp(store))
				b.Get("/put?v=1")
				time.Sleep(20 * time.Minute)
				b.Get("/get").WantBody("v=1")
				time.Sleep(11 * time.Minute)
				b.Get("/get").WantBody("v=")
			})
		})
	t.Run("scs: IdleTimeout подовжує кожен запит, Lifetime — ні",
		func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				sm := newSCS(t, true)
				sm.IdleTimeout = 30 * time.Minute
				b := browser.New(t, scsApp(sm))
				b.Get("/put?v=1")
				// Активний відвідувач: запит кожні 20 хвилин, 71 раз —
				// 23 години 40 хвилин.
				for range 71 {
					time.Sleep(20 * time.Minute)
					b.Get("/get").WantBody("v=1")
				}
				// Ще 21 хвилина: від останнього запиту минуло менше
				// за 30 хвилин, але від початку сесії — доба. Браузер
				// уже викинув кукі (її Max-Age — до кінця Lifetime), а
				// її копію відкидає сервер.
				c := b.Cookie(sessionName)
				time.Sleep(21 * time.Minute)
				if b.Cookie(sessionName) != nil {
					t.Errorf("кукі в браузері — %s", browser.GotWant(
						browser.Phrase("кукі є"),
						browser.Phrase("браузер її вже викинув")))
				}
				b.SetCookie(c)
				b.Get("/get").WantBody("v=")
			})
		})
	// Чи тримає Lifetime після RenewToken? Ні: RenewToken ставить
	// сесії новий Deadline, Lifetime від цієї миті (scs v2.9.0,
	// data.go, RenewToken). Тож абсолютний строк рахується від входу,
	// лише якщо RenewToken кличуть саме під час входу.
	t.Run("scs: RenewToken починає Lifetime заново", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			sm := newSCS(t, true)
			sm.IdleTimeout = 30 * time.Minute
			mux := http.NewServeMux()
			mux.Handle("/", scsApp(sm))
			mux.Handle("GET /renew", sm.LoadAndSave(http.HandlerFunc(
				func(w http.ResponseWriter, r *http.Request) {
					if err := sm.RenewToken(r.Context()); err != nil {
						http.Error(w, err.Error(), http.StatusInternalServerError)
					}
				})))
			b := browser.New(t, mux)
			b.Get("/put?v=1")
			// 23 години активності, новий токен, ще 2 години — уже
			// понад добу від початку сесії.
			for range 23 * 3 {
				time.Sleep(20 * time.Minute)
				b.Get("/get").WantBody("v=1")
			}
			b.Get("/renew")
			for range 2 * 3 {
				time.Sleep(20 * time.Minute)
				b.Get("/get").WantBody("v=1")
			}
		})
	})
}
