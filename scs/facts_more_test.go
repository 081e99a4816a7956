package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Новий токен. У gorilla такої дії немає: у CookieStore ID немає
// взагалі, а сховищам на сервері новий ID дає лише ручне session.ID = "".
// У scs — RenewToken: новий токен, старий видалено зі сховища.
func TestFactRenewToken(t *testing.T) {
	t.Run("gorilla: у сесії CookieStore немає ID", func(t *testing.T) {
		store := sessions.NewCookieStore(hashKey)
		s, err := store.New(httptest.NewRequest("GET", "/", nil), sessionName)
		if err != nil {
			t.Fatalf("store.New: помилка — %s", browser.GotWant(
				err.Error(), browser.NoError))
		}
		browser.Want(t, "session.ID", s.ID, "")
	})
	t.Run("scs: RenewToken — новий токен, старий мертвий", func(t *testing.T) {
		sm := newSCS(t, false)
		ctx, err := sm.Load(context.Background(), "")
		if err != nil {
			t.Fatalf("Load: помилка — %s", browser.GotWant(
				err.Error(), browser.NoError))
		}
		sm.Put(ctx, "v", "1")
		old, _, err := sm.Commit(ctx)
		if err != nil {
			t.Fatalf("Commit: помилка — %s", browser.GotWant(
				err.Error(), browser.NoError))
		}
		if err := sm.RenewToken(ctx); err != nil {
			t.Fatalf("RenewToken: помилка — %s", browser.GotWant(
				err.Error(), browser.NoError))
		}
		renewed, _, err := sm.Commit(ctx)
		if err != nil {
			t.Fatalf("Commit: помилка — %s", browser.GotWant(
				err.Error(), browser.NoError))
		}
		browser.Want(t, "токен змінився", renewed != old, true)
		_, found, _ := sm.Store.Find(old)
		browser.Want(t, "старий токен у сховищі", found, false)
	})
}

// Vary і Cache-Control. gorilla не ставить жодного; scs ставить
// Vary: Cookie на кожну відповідь, а Cache-Control: no-cache="Set-Cookie"
// — лише разом із Set-Cookie.
func TestFactVary(t *testing.T) {
	g := browser.New(t, gorillaApp(sessions.NewCookieStore(hashKey)))
	r := g.Get("/put?v=1")
	browser.Want(t, "gorilla: Vary", r.Header.Get("Vary"), "")
	browser.Want(t, "gorilla: Cache-Control",
		r.Header.Get("Cache-Control"), "")

	s := browser.New(t, scsApp(newSCS(t, false)))
	r = s.Get("/put?v=1")
	browser.Want(t, "scs, з Set-Cookie: Vary", r.Header.Get("Vary"), "Cookie")
	browser.Want(t, "scs, з Set-Cookie: Cache-Control",
		r.Header.Get("Cache-Control"), `no-cache="Set-Cookie"`)
	r = s.Get("/get").WantBody("v=1")
	browser.Want(t, "scs, без Set-Cookie: Vary", r.Header.Get("Vary"), "Cookie")
	browser.Want(t, "scs, без Set-Cookie: Cache-Control",
		r.Header.Get("Cache-Control"), "")
}

// Одноразові повідомлення. gorilla: AddFlash і Flashes (прочитане
// зникає, якщо потім Save). scs: окремого API немає, те саме робить
// PopString — взяти і видалити.
func TestFactFlash(t *testing.T) {
	sm := newSCS(t, false)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /add", func(w http.ResponseWriter, r *http.Request) {
		sm.Put(r.Context(), "flash", "Ви увійшли")
	})
	mux.HandleFunc("GET /show", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("flash=" + sm.PopString(r.Context(), "flash")))
	})
	b := browser.New(t, sm.LoadAndSave(mux))
	b.Get("/add")
	b.Get("/show").WantBody("flash=Ви увійшли")
	b.Get("/show").WantBody("flash=")
}

// Розмір. Кукі gorilla (CookieStore) обмежена 4096 байтами: більше
// дані Save не збереже. Кукі scs — токен з 43 символів, а дані
// обмежує лише сховище.
func TestFactSizeLimit(t *testing.T) {
	big := strings.Repeat("x", 5000)
	g := browser.New(t, gorillaApp(sessions.NewCookieStore(hashKey)))
	r := g.Get("/put?v=" + big).WantStatus(http.StatusInternalServerError)
	browser.Want(t, "gorilla: помилка Save", strings.TrimSpace(r.Body),
		"securecookie: the value is too long: 9036")

	huge := strings.Repeat("x", 100_000)
	s := browser.New(t, scsApp(newSCS(t, false)))
	c := s.Get("/put?v=" + huge).WantStatus(http.StatusOK).
		WantSetCookie(sessionName)
	browser.Want(t, "scs: довжина кукі", len(c.Value), 43)
	r = s.Get("/get")
	browser.Want(t, "scs: довжина даних", len(r.Body), len("v=")+len(huge))
}

// Відкликання. Копія кукі gorilla (CookieStore) після виходу дійсна до
// кінця строку (специфікація: internal/apptest). scs: Destroy і
// RenewToken видаляють дані зі сховища. Але запит, що почався до виходу
// і закінчився після, записує сесію назад: Commit у memstore і
// redisstore перезаписує ключ, не питаючи, чи він ще є. Тут — scs без
// обгорток застосунку; застосунок це закриває (TestLogoutWinsRace).
func TestFactRevocationRace(t *testing.T) {
	sm := newSCS(t, false)
	sm.IdleTimeout = 30 * time.Minute
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: помилка — %s", what, browser.GotWant(err.Error(), browser.NoError))
		}
	}
	// Вхід.
	ctx, err := sm.Load(context.Background(), "")
	must("Load", err)
	sm.Put(ctx, "username", "alice")
	token, _, err := sm.Commit(ctx)
	must("Commit", err)
	// Повільний запит: сесію вже прочитано (так робить LoadAndSave)...
	slow, err := sm.Load(context.Background(), token)
	must("Load", err)
	// ...а тим часом відвідувач виходить: новий токен, старий видалено.
	out, err := sm.Load(context.Background(), token)
	must("Load", err)
	must("RenewToken", sm.RenewToken(out))
	sm.Remove(out, "username")
	_, _, err = sm.Commit(out)
	must("Commit", err)
	_, found, _ := sm.Store.Find(token)
	browser.Want(t, "старий токен у сховищі після виходу", found, false)

	// Повільний запит закінчується: з IdleTimeout scs зберігає сесію
	// після кожного запиту — під старим токеном.
	_, _, err = sm.Commit(slow)
	must("Commit", err)
	// Копія кукі знову відкриває сесію: вихід скасовано.
	revived, err := sm.Load(context.Background(), token)
	must("Load", err)
	browser.Want(t, "ім'я за старим токеном", sm.GetString(revived, "username"), "alice")
}

// Ключ. gorilla без ключа не працює: securecookie підписує ним кукі.
// scs ключа не має: токен — 32 випадкові байти, вгадати його
// неможливо, а підробити нічого — дані на сервері.
func TestFactNoKey(t *testing.T) {
	var sm *scs.SessionManager = newSCS(t, false)
	s := browser.New(t, scsApp(sm))
	s.Get("/put?v=1")
	s.TamperCookie(sessionName)
	s.Get("/get").WantBody("v=")
}
