package redisstore

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/browser"
	"example.com/lesson27/redis/internal/redistest"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const name = "session"

// request — запит із кукі c (або без кукі, якщо c == nil).
func request(c *http.Cookie) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if c != nil {
		r.AddCookie(c)
	}
	return r
}

// save зберігає сесію і повертає кукі з відповіді.
func save(t *testing.T, r *http.Request, s *sessions.Session) *http.Cookie {
	t.Helper()
	w := httptest.NewRecorder()
	if err := s.Save(r, w); err != nil {
		t.Fatalf("Save — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("Save: кукі у відповіді — %s", browser.GotWant(len(cookies), 1))
	}
	return cookies[0]
}

// load читає сесію з кукі c.
func load(t *testing.T, store *Store, c *http.Cookie) (*sessions.Session, error) {
	t.Helper()
	return store.Get(request(c), name)
}

// idOf розкодовує ID із кукі.
func idOf(t *testing.T, c *http.Cookie) string {
	t.Helper()
	var id string
	err := securecookie.DecodeMulti(name, c.Value, &id, securecookie.CodecsFromPairs(testKey)...)
	if err != nil {
		t.Fatalf("ID у кукі: %v", err)
	}
	return id
}

func newStore(t *testing.T) (*Store, *redis.Client) {
	client := redistest.Start(t).NewClient(t)
	store := New(client, testKey)
	store.MaxAge(1800)
	return store, client
}

func TestRoundTrip(t *testing.T) {
	store, client := newStore(t)
	r := request(nil)
	s, err := store.Get(r, name)
	if err != nil || !s.IsNew {
		t.Fatalf("перша сесія — отримали IsNew=%v, err=%v, очікували нову без помилки",
			s.IsNew, err)
	}
	s.Values["username"] = "alice"
	s.Values["visits"] = 3
	s.AddFlash("Привіт")
	c := save(t, r, s)

	got, err := load(t, store, c)
	if err != nil {
		t.Fatalf("Get — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	browser.Want(t, "IsNew", got.IsNew, false)
	browser.Want(t, "username", got.Values["username"], any("alice"))
	browser.Want(t, "visits", got.Values["visits"], any(3))
	browser.Want(t, "кількість flash", len(got.Flashes()), 1)

	t.Run("кукі несе лише підписаний ID", func(t *testing.T) {
		id := idOf(t, c)
		browser.Want(t, "ID у кукі", id, got.ID)
		n, _ := client.Exists(context.Background(), "session:"+id).Result()
		browser.Want(t, "ключів session:<ID> у Redis", n, int64(1))
	})
}

func TestMaxAge(t *testing.T) {
	ctx := context.Background()
	t.Run("MaxAge 0 — кукі до закриття браузера, дані в Redis на строк сховища",
		func(t *testing.T) {
			store, client := newStore(t)
			store.Options.MaxAge = 0
			r := request(nil)
			s, _ := store.Get(r, name)
			s.Values["username"] = "alice"
			c := save(t, r, s)
			browser.Want(t, "Max-Age кукі", c.MaxAge, 0)
			browser.Want(t, "Expires задано", !c.Expires.IsZero(), false)
			ttl, _ := client.TTL(ctx, "session:"+idOf(t, c)).Result()
			if ttl <= 29*time.Minute || ttl > 30*time.Minute {
				t.Errorf("TTL ключа — %s", browser.GotWant(ttl, "близько 30m0s"))
			}
			got, err := load(t, store, c)
			if err != nil || got.Values["username"] != "alice" {
				t.Errorf("сесія після Save — отримали %v, %v; очікували alice", got.Values, err)
			}
		})
	t.Run("MaxAge > 0 — постійна кукі", func(t *testing.T) {
		store, _ := newStore(t)
		r := request(nil)
		s, _ := store.Get(r, name)
		c := save(t, r, s)
		browser.Want(t, "Max-Age кукі", c.MaxAge, 1800)
		browser.Want(t, "HttpOnly", c.HttpOnly, true)
		browser.Want(t, "Secure", c.Secure, true)
		browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
	})
	t.Run("MaxAge -1 видаляє ключ у Redis і кукі", func(t *testing.T) {
		store, client := newStore(t)
		r := request(nil)
		s, _ := store.Get(r, name)
		s.Values["username"] = "alice"
		c := save(t, r, s)

		r = request(c)
		s, _ = store.Get(r, name)
		s.Options.MaxAge = -1
		deleted := save(t, r, s)
		browser.Want(t, "Max-Age кукі", deleted.MaxAge, -1)
		n, _ := client.Exists(ctx, "session:"+idOf(t, c)).Result()
		browser.Want(t, "ключів session:<ID> у Redis", n, int64(0))

		// Стара кукі: підпис дійсний, даних немає — нова сесія без
		// помилки і без старого ID.
		got, err := load(t, store, c)
		if err != nil {
			t.Errorf("Get зі старою кукі — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		browser.Want(t, "IsNew", got.IsNew, true)
		browser.Want(t, "ID", got.ID, "")
	})
}

func TestBadCookies(t *testing.T) {
	store, _ := newStore(t)
	t.Run("підроблена кукі — IsDecode", func(t *testing.T) {
		_, err := load(t, store, &http.Cookie{Name: name, Value: "not-a-session-cookie"})
		var cookieErr securecookie.Error
		if !errors.As(err, &cookieErr) || !cookieErr.IsDecode() {
			t.Errorf("помилка — %s",
				browser.GotWant(browser.ErrText(err), "securecookie.Error з IsDecode()"))
		}
	})
	t.Run("кукі з іншим ключем — IsDecode", func(t *testing.T) {
		other := New(store.Client, bytes.Repeat([]byte("x"), 32))
		r := request(nil)
		s, _ := other.Get(r, name)
		c := save(t, r, s)
		_, err := load(t, store, c)
		var cookieErr securecookie.Error
		if !errors.As(err, &cookieErr) || !cookieErr.IsDecode() {
			t.Errorf("помилка — %s",
				browser.GotWant(browser.ErrText(err), "securecookie.Error з IsDecode()"))
		}
	})
}

// Redis недоступний — це поломка (500), а не анонімний відвідувач.
func TestRedisDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // порт вільний: з'єднання буде відхилено одразу
	client := redis.NewClient(&redis.Options{
		Addr: addr, MaxRetries: -1, DialerRetries: 1,
	})
	defer client.Close()
	store := New(client, testKey)

	// Кукі з правильним підписом, щоб дійти до Redis.
	encoded, _ := securecookie.EncodeMulti(name, "ID", store.Codecs...)
	_, err = load(t, store, &http.Cookie{Name: name, Value: encoded})
	var cookieErr securecookie.Error
	if err == nil || errors.As(err, &cookieErr) {
		t.Errorf("Get без Redis — %s", browser.GotWant(browser.ErrText(err), "помилка з'єднання"))
	}
	r := request(nil)
	s, _ := store.Get(r, name)
	if err := s.Save(r, httptest.NewRecorder()); err == nil {
		t.Errorf("Save без Redis — отримали без помилки, очікували помилку з'єднання")
	}
}

// Вихід остаточний: наявну сесію Save пише лише тоді, коли її ключ ще
// є (SET … XX). Інакше ErrSessionGone, і ключ не з'являється знову.
func TestSaveNeverRecreatesDeletedSession(t *testing.T) {
	store, client := newStore(t)
	ctx := context.Background()
	r := request(nil)
	s, _ := store.Get(r, name)
	s.Values["username"] = "alice"
	c := save(t, r, s)

	// Запит, що прочитав сесію до виходу...
	slow := request(c)
	loaded, err := store.Get(slow, name)
	if err != nil {
		t.Fatalf("Get — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	// ...вихід в іншому запиті...
	client.Del(ctx, "session:"+idOf(t, c))
	// ...і Save після нього.
	loaded.Values["visits"] = 1
	w := httptest.NewRecorder()
	err = loaded.Save(slow, w)
	if !errors.Is(err, ErrSessionGone) {
		t.Errorf("Save видаленої сесії — %s",
			browser.GotWant(browser.ErrText(err), ErrSessionGone.Error()))
	}
	n, _ := client.Exists(ctx, "session:"+idOf(t, c)).Result()
	browser.Want(t, "ключів видаленої сесії в Redis", n, int64(0))
	browser.Want(t, "Set-Cookie після ErrSessionGone", len(w.Result().Cookies()), 0)
}

// Renew видаляє старий ключ; Save пише ті самі дані під новим ID.
func TestRenew(t *testing.T) {
	store, client := newStore(t)
	ctx := context.Background()
	r := request(nil)
	s, _ := store.Get(r, name)
	s.Values["visits"] = 2
	old := save(t, r, s)

	r = request(old)
	s, _ = store.Get(r, name)
	if err := store.Renew(r, s); err != nil {
		t.Fatalf("Renew — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	renewed := save(t, r, s)
	if idOf(t, renewed) == idOf(t, old) {
		t.Errorf("ID після Renew — отримали той самий, очікували новий")
	}
	n, _ := client.Exists(ctx, "session:"+idOf(t, old)).Result()
	browser.Want(t, "ключів старого ID у Redis", n, int64(0))
	got, err := load(t, store, renewed)
	if err != nil {
		t.Fatalf("Get — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	browser.Want(t, "visits після Renew", got.Values["visits"], any(2))
}

// Дані, які не вдалося розкодувати, — помилка розкодування, як у
// підробленої кукі (IsDecode), і нова сесія без ID.
func TestUndecodableData(t *testing.T) {
	store, client := newStore(t)
	encoded, _ := securecookie.EncodeMulti(name, "BROKEN", store.Codecs...)
	client.Set(context.Background(), "session:BROKEN", "junk", 0)
	got, err := load(t, store, &http.Cookie{Name: name, Value: encoded})
	var cookieErr securecookie.Error
	if !errors.As(err, &cookieErr) || !cookieErr.IsDecode() {
		t.Errorf("помилка — %s",
			browser.GotWant(browser.ErrText(err), "securecookie.Error з IsDecode()"))
	}
	if got == nil {
		t.Fatalf("сесія — отримали nil, очікували нову сесію")
	}
	browser.Want(t, "ID", got.ID, "")
	browser.Want(t, "IsNew", got.IsNew, true)
}

// Клієнт закрив з'єднання — контекст запиту скасовано. Вихід, новий ID і
// DeleteID однаково видаляють сесію в Redis: інакше вона лишилася б
// живою.
func TestCancelledRequestStillDeletes(t *testing.T) {
	ctx := context.Background()
	// cancelled — запит із кукі c, клієнт якого вже пішов.
	cancelled := func(c *http.Cookie) *http.Request {
		r := request(c)
		rctx, cancel := context.WithCancel(r.Context())
		cancel()
		return r.WithContext(rctx)
	}
	// alice зберігає нову сесію і повертає її кукі.
	alice := func(t *testing.T, store *Store) *http.Cookie {
		r := request(nil)
		s, _ := store.Get(r, name)
		s.Values["username"] = "alice"
		return save(t, r, s)
	}
	wantGone := func(t *testing.T, client *redis.Client, c *http.Cookie) {
		t.Helper()
		n, _ := client.Exists(ctx, "session:"+idOf(t, c)).Result()
		browser.Want(t, "ключів сесії в Redis", n, int64(0))
	}
	t.Run("вихід: MaxAge -1", func(t *testing.T) {
		store, client := newStore(t)
		c := alice(t, store)
		r := cancelled(c)
		s, err := store.Get(r, name)
		if err != nil {
			t.Fatalf("Get — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		browser.Want(t, "username", s.Values["username"], any("alice"))
		s.Options.MaxAge = -1
		if err := s.Save(r, httptest.NewRecorder()); err != nil {
			t.Fatalf("Save — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		wantGone(t, client, c)
	})
	t.Run("новий ID: Renew", func(t *testing.T) {
		store, client := newStore(t)
		c := alice(t, store)
		r := cancelled(c)
		s, _ := store.Get(r, name)
		if err := store.Renew(r, s); err != nil {
			t.Fatalf("Renew — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		wantGone(t, client, c)
	})
	t.Run("DeleteID", func(t *testing.T) {
		store, client := newStore(t)
		c := alice(t, store)
		if err := store.DeleteID(cancelled(nil), idOf(t, c)); err != nil {
			t.Fatalf("DeleteID — %s", browser.GotWant(err.Error(), browser.NoError))
		}
		wantGone(t, client, c)
	})
}
