package facts

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

// Спільні помічники тестів цього пакета.

// sessionName — ім'я кукі сесії, як у кроках курсу.
const sessionName = "session"

// testKey — ключ підпису для тестів (32 байти, як радить securecookie).
var testKey = bytes.Repeat([]byte("k"), 32)

// otherKey — інший ключ підпису: «сервер з іншим ключем».
var otherKey = bytes.Repeat([]byte("o"), 32)

// bubbleStart — момент, з якого починається годинник synctest.
var bubbleStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// newRequest повертає GET-запит на https://localhost/, який несе
// кукі cookies — лише ім'я і значення, як їх надсилає браузер.
func newRequest(cookies ...*http.Cookie) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "https://localhost/", nil)
	for _, c := range cookies {
		r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	return r
}

// saveWith бере сесію sessionName зі store для запиту з кукі cookies,
// дає edit її змінити, зберігає і повертає відповідь так, як її
// побачить клієнт (rec.Result()). Помилка Get тут не важлива: як і в
// курсі, вона означає «анонімний відвідувач». Помилку Save тест
// отримує через saveErr.
func saveWith(t testing.TB, store sessions.Store, edit func(*sessions.Session),
	cookies ...*http.Cookie) (resp *http.Response, saveErr error) {
	t.Helper()
	r := newRequest(cookies...)
	s, _ := store.Get(r, sessionName)
	if s == nil {
		t.Fatalf("store.Get: сесія — отримали nil, очікували сесію")
	}
	if edit != nil {
		edit(s)
	}
	rec := httptest.NewRecorder()
	err := s.Save(r, rec)
	return rec.Result(), err
}

// login зберігає username = user у новій сесії і повертає кукі з
// відповіді (з усіма атрибутами).
func login(t testing.TB, store sessions.Store, user string) *http.Cookie {
	t.Helper()
	resp, err := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = user
	})
	if err != nil {
		t.Fatalf("Save: помилка — отримали %v, очікували nil", err)
	}
	return wantSetCookie(t, resp)
}

// wantSetCookie повертає єдину кукі sessionName з відповіді або
// зупиняє тест.
func wantSetCookie(t testing.TB, resp *http.Response) *http.Cookie {
	t.Helper()
	var found []*http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == sessionName {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		t.Fatalf("відповідь: кукі %q — отримали %d шт. (Set-Cookie: %q), очікували 1",
			sessionName, len(found), resp.Header.Values("Set-Cookie"))
	}
	return found[0]
}

// setCookieHeader повертає єдиний заголовок Set-Cookie відповіді
// (сирий рядок) або зупиняє тест.
func setCookieHeader(t testing.TB, resp *http.Response) string {
	t.Helper()
	h := resp.Header.Values("Set-Cookie")
	if len(h) != 1 {
		t.Fatalf("відповідь: заголовки Set-Cookie — отримали %q, очікували один", h)
	}
	return h[0]
}

// attributes повертає заголовок Set-Cookie без пари ім'я=значення:
// "; Path=/; Max-Age=…". Значення змінюється щоразу, атрибути — ні.
func attributes(header string) string {
	if i := bytes.IndexByte([]byte(header), ';'); i >= 0 {
		return header[i:]
	}
	return ""
}

// load читає сесію sessionName зі store так, як це робить обробник,
// коли браузер надіслав кукі c.
func load(t testing.TB, store sessions.Store, c *http.Cookie) (*sessions.Session, error) {
	t.Helper()
	s, err := store.Get(newRequest(c), sessionName)
	if s == nil {
		t.Fatalf("store.Get: сесія — отримали nil (помилка %v), очікували сесію", err)
	}
	return s, err
}

// username повертає ім'я з сесії або "", якщо його немає.
func username(s *sessions.Session) string {
	name, _ := s.Values["username"].(string)
	return name
}

// kind описує помилку так, як її класифікує securecookie.Error.
type kind struct {
	IsError, IsDecode, IsUsage, IsInternal bool
}

func (k kind) String() string {
	if !k.IsError {
		return "не securecookie.Error"
	}
	return fmt.Sprintf("IsDecode=%t IsUsage=%t IsInternal=%t",
		k.IsDecode, k.IsUsage, k.IsInternal)
}

// kindOf класифікує err через errors.As(err, &securecookie.Error).
func kindOf(err error) kind {
	var e securecookie.Error
	if !errors.As(err, &e) {
		return kind{}
	}
	return kind{true, e.IsDecode(), e.IsUsage(), e.IsInternal()}
}

// decodeError — як класифікується зіпсована, чужа чи прострочена кукі.
var decodeError = kind{IsError: true, IsDecode: true}

// usageError — як класифікується помилка налаштування.
var usageError = kind{IsError: true, IsUsage: true}

// handlerTransport — http.RoundTripper, що викликає обробник у
// пам'яті: без сокетів, тож працює і в synctest.
type handlerTransport struct{ h http.Handler }

func (ht handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	ht.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}
