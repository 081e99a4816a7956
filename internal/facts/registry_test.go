package facts

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Реєстр сесій запиту, sessions.Save і те, коли Save ще не пізно
// викликати.

// store.Get кешує сесію в реєстрі запиту: другий Get повертає ту саму
// сесію і ту саму помилку, а store.New щоразу розкодовує наново.
func TestRegistryCachesSession(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	foreign := login(t, sessions.NewCookieStore(otherKey), "mallory")
	r := newRequest(foreign)

	s1, err1 := store.Get(r, sessionName)
	s1.Values["username"] = "alice"
	s2, err2 := store.Get(r, sessionName)
	browser.Want(t, "другий Get: та сама сесія", s1 == s2, true)
	browser.Want(t, "другий Get: ім'я", username(s2), "alice")
	browser.Want(t, "другий Get: помилка", browser.ErrText(err2), browser.ErrText(err1))
	browser.Want(t, "другий Get: вид помилки", kindOf(err2), decodeError)

	s3, _ := store.New(r, sessionName)
	browser.Want(t, "New: та сама сесія", s1 == s3, false)
	browser.Want(t, "New: ім'я", username(s3), "")
}

// Перший store.Get кладе реєстр у контекст запиту і для цього
// підміняє *r: після Get r.Context() — уже інший контекст, а копія
// запиту, зроблена до Get, реєстру не бачить.
func TestGetReplacesRequestContext(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	r := newRequest()
	before := r.Context()
	copied := *r
	s1, _ := store.Get(r, sessionName)
	browser.Want(t, "r.Context() після Get той самий", r.Context() == before, false)
	s2, _ := store.Get(r, sessionName)
	browser.Want(t, "Get з тим самим r: та сама сесія", s1 == s2, true)
	s3, _ := store.Get(&copied, sessionName)
	browser.Want(t, "Get з копією r, зробленою до Get: та сама сесія", s1 == s3, false)
}

// sessions.Save(r, w) зберігає всі сесії, які обробник узяв через Get
// у цьому запиті: дві сесії — два Set-Cookie.
func TestSessionsSaveSavesAll(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	r := newRequest()
	a, _ := store.Get(r, "a")
	a.Values["x"] = 1
	b, _ := store.Get(r, "b")
	b.Values["y"] = 2
	rec := httptest.NewRecorder()
	err := sessions.Save(r, rec)
	browser.Want(t, "sessions.Save: помилка", browser.ErrText(err), browser.NoError)
	browser.Want(t, "заголовків Set-Cookie", len(rec.Result().Header.Values("Set-Cookie")), 2)
}

// Помилка sessions.Save — це sessions.MultiError, і вона називає
// сесію, яку не вдалося зберегти.
func TestSessionsSaveErrorNamesSession(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	r := newRequest()
	a, _ := store.Get(r, "a")
	a.Values["big"] = strings.Repeat("a", 3000)
	err := sessions.Save(r, httptest.NewRecorder())
	_, isMulti := err.(sessions.MultiError)
	browser.Want(t, "тип помилки sessions.MultiError", isMulti, true)
	browser.Want(t, "помилка", browser.ErrText(err),
		`sessions: error saving session "a" -- securecookie: the value is too long: 5484`)
}

// Ім'я кукі з недозволеним символом (пробілом) — помилка, і Get
// повертає nil замість сесії.
func TestInvalidCookieNameIsError(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	s, err := store.Get(newRequest(), "my session")
	browser.Want(t, "помилка", browser.ErrText(err), "sessions: invalid character in cookie name: my session")
	browser.Want(t, "сесія дорівнює nil", s == nil, true)
}

// Save після того, як обробник почав писати тіло, повертає nil, але
// кукі до клієнта вже не доходить.
func TestLateSaveLosesCookie(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	r := newRequest()
	rec := httptest.NewRecorder()
	s, _ := store.Get(r, sessionName)
	s.Values["username"] = "alice"
	rec.Write([]byte("Logged in as alice"))
	err := s.Save(r, rec)
	browser.Want(t, "пізній Save: помилка", browser.ErrText(err), browser.NoError)
	browser.Want(t, "Set-Cookie у відповіді", len(rec.Result().Header.Values("Set-Cookie")), 0)
}

// Пастка тестів: rec.Header() показує пізній Set-Cookie, хоча клієнт
// його не отримає; дивіться в rec.Result().Header.
func TestRecorderHeaderShowsLostCookie(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	r := newRequest()
	rec := httptest.NewRecorder()
	s, _ := store.Get(r, sessionName)
	rec.Write([]byte("hello"))
	s.Save(r, rec)
	browser.Want(t, "rec.Header(): Set-Cookie", len(rec.Header().Values("Set-Cookie")), 1)
	browser.Want(t, "rec.Result().Header: Set-Cookie", len(rec.Result().Header.Values("Set-Cookie")), 0)
}

// Save після http.Redirect теж запізно: клієнт отримує 303 без
// Set-Cookie, тож вхід «не спрацьовує».
func TestSaveAfterRedirectLosesCookie(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := store.Get(r, sessionName)
		s.Values["username"] = "alice"
		http.Redirect(w, r, "/", http.StatusSeeOther)
		if err := s.Save(r, w); err != nil {
			t.Errorf("пізній Save: помилка — %s", browser.GotWant(err.Error(), browser.NoError))
		}
	})
	r := httptest.NewRequest(http.MethodPost, "https://localhost/login", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	resp := rec.Result()
	browser.Want(t, "статус", resp.StatusCode, http.StatusSeeOther)
	browser.Want(t, "Set-Cookie у відповіді", len(resp.Header.Values("Set-Cookie")), 0)
}
