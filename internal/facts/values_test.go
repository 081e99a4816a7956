package facts

import (
	"encoding/gob"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Що можна покласти в session.Values, скільки і як це прочитати.

// Значення кукі securecookie обмежене 4096 символами (ім'я з 3000
// байтів стає значенням на 5496): Save довшого значення повертає
// помилку, яка не є ні IsDecode, ні IsUsage, і кукі не надсилається.
func TestValueTooLong(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	resp, err := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = strings.Repeat("a", 3000)
	})
	browser.Want(t, "Save: помилка", browser.ErrText(err), "securecookie: the value is too long: 5496")
	browser.Want(t, "Save: вид помилки", kindOf(err), kind{IsError: true})
	browser.Want(t, "заголовків Set-Cookie", len(resp.Header.Values("Set-Cookie")), 0)
}

// Найдовше ASCII-ім'я, що вміщується в кукі з одним ключем підпису,
// — 2216 байтів (мітка часу з 10 цифр, тобто з 2001 до 2286 року).
func TestLargestUsernameThatFits(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	for _, tc := range []struct {
		n    int
		fits bool
	}{{2216, true}, {2217, false}} {
		_, err := saveWith(t, store, func(s *sessions.Session) {
			s.Values["username"] = strings.Repeat("a", tc.n)
		})
		browser.Want(t, fmt.Sprintf("ім'я з %d байтів вміщується", tc.n), err == nil, tc.fits)
	}
}

// unregisteredUser не зареєстровано в gob.
type unregisteredUser struct{ Name string }

// registeredUser зареєстровано в gob (у init нижче).
type registeredUser struct{ Name string }

func init() {
	gob.Register(registeredUser{})
}

// Власний тип (і навіть map[string]string) у session.Values треба
// зареєструвати через gob.Register, інакше Save повертає помилку
// налаштування (IsUsage); string, int чи []int — не треба.
func TestGobRegisterNeeded(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	for _, tc := range []struct {
		what  string
		value any
		want  string
	}{
		{"незареєстрований тип", unregisteredUser{"alice"},
			"securecookie: error - caused by: securecookie: error - caused by: " +
				"gob: type not registered for interface: facts.unregisteredUser"},
		{"вказівник на незареєстрований тип", &unregisteredUser{"alice"},
			"securecookie: error - caused by: securecookie: error - caused by: " +
				"gob: type not registered for interface: facts.unregisteredUser"},
		{"map[string]string", map[string]string{"a": "b"},
			"securecookie: error - caused by: securecookie: error - caused by: " +
				"gob: type not registered for interface: map[string]string"},
		{"[]int", []int{1, 2}, browser.NoError},
		{"зареєстрований тип", registeredUser{"alice"}, browser.NoError},
	} {
		_, err := saveWith(t, store, func(s *sessions.Session) {
			s.Values["user"] = tc.value
		})
		browser.Want(t, tc.what+": Save", browser.ErrText(err), tc.want)
		if err != nil {
			browser.Want(t, tc.what+": вид помилки", kindOf(err), usageError)
		}
	}

	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		s.Values["user"] = registeredUser{"alice"}
	})
	s, _ := load(t, store, wantSetCookie(t, resp))
	browser.Want(t, "прочитаний зареєстрований тип", s.Values["user"], any(registeredUser{"alice"}))
}

// gob зберігає типи Go: int повертається як int, int64 — як int64,
// string — як string.
func TestGobKeepsGoTypes(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		s.Values["int"] = 1
		s.Values["int64"] = int64(2)
		s.Values["string"] = "three"
	})
	s, _ := load(t, store, wantSetCookie(t, resp))
	for key, want := range map[string]string{"int": "int", "int64": "int64", "string": "string"} {
		browser.Want(t, "тип значення "+key, fmt.Sprintf("%T", s.Values[key]), want)
	}
}

// Перевірка типу s.Values["username"].(string) без ok панікує, коли
// ключа немає; форма «v, ok :=» — ні.
func TestUncheckedAssertionPanics(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	s, _ := store.Get(newRequest(), sessionName)

	name, ok := s.Values["username"].(string)
	browser.Want(t, "v, ok: ім'я", name, "")
	browser.Want(t, "v, ok: ok", ok, false)

	panicText := func() (msg string) {
		defer func() { msg = fmt.Sprint(recover()) }()
		_ = s.Values["username"].(string)
		return "паніки не було"
	}()
	browser.Want(t, "паніка", panicText, "interface conversion: interface {} is nil, not string")
}

// Зміни session.Values без Save нікуди не потрапляють: відповідь не
// має Set-Cookie.
func TestNoSaveNoCookie(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := store.Get(r, sessionName)
		s.Values["username"] = "alice"
		w.Write([]byte("ok"))
	})
	b := browser.New(t, h)
	r := b.Get("/")
	browser.Want(t, "Set-Cookie", r.SetCookie(sessionName) == nil, true)
}

// Аналог session.pop: delete(s.Values, "username") і Save прибирають
// лише цей ключ, а решта значень сесії лишається.
func TestDeleteKeyKeepsOtherValues(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = "alice"
		s.Values["visits"] = 3
	})
	resp, _ = saveWith(t, store, func(s *sessions.Session) {
		delete(s.Values, "username")
	}, wantSetCookie(t, resp))
	c := wantSetCookie(t, resp)
	browser.Want(t, "кукі: Max-Age", c.MaxAge, 2592000)
	s, _ := load(t, store, c)
	browser.Want(t, "username після delete", username(s), "")
	browser.Want(t, "visits після delete", s.Values["visits"], any(3))
}

// Flashes повертає повідомлення і видаляє їх із сесії, але клієнт про
// це дізнається лише після Save: без Save ті самі повідомлення
// з'являться знову.
func TestFlashesRemovedOnlyOnSave(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		s.AddFlash("Ви увійшли")
	})
	c := wantSetCookie(t, resp)

	flashes := func(c *http.Cookie) string {
		s, _ := load(t, store, c)
		return fmt.Sprint(s.Flashes())
	}
	browser.Want(t, "перше читання без Save", flashes(c), "[Ви увійшли]")
	browser.Want(t, "друге читання тієї ж кукі", flashes(c), "[Ви увійшли]")

	var got string
	resp, _ = saveWith(t, store, func(s *sessions.Session) {
		got = fmt.Sprint(s.Flashes())
	}, c)
	browser.Want(t, "читання із Save", got, "[Ви увійшли]")
	browser.Want(t, "після Save", flashes(wantSetCookie(t, resp)), "[]")
}

// Повідомлення під власним ключем (AddFlash(v, "info")) окремі від
// повідомлень типово.
func TestFlashKeysAreSeparate(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	s, _ := store.Get(newRequest(), sessionName)
	s.AddFlash("загальне")
	s.AddFlash("інформація", "info")
	browser.Want(t, `Flashes("info")`, fmt.Sprint(s.Flashes("info")), "[інформація]")
	browser.Want(t, "Flashes()", fmt.Sprint(s.Flashes()), "[загальне]")
	browser.Want(t, "Flashes() удруге", fmt.Sprint(s.Flashes()), "[]")
}

// Save у наступну секунду дає нове значення кукі (нова мітка часу і
// підпис), хоч дані ті самі; у ту саму секунду без ключа шифрування
// значення не змінюється.
func TestEverySaveChangesValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		first := login(t, store, "alice")
		same := login(t, store, "alice")
		browser.Want(t, "у ту саму секунду: значення однакові", first.Value == same.Value, true)
		time.Sleep(time.Second)
		next := login(t, store, "alice")
		browser.Want(t, "через секунду: значення однакові", first.Value == next.Value, false)
	})
}
