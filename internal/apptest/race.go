package apptest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Перегони з виходом на сховищі на сервері (крок 08 з файлами, застосунок
// у Redis): запит, що прочитав сесію до виходу, зберігає її після.

// HoldStore — обгортка сховища для тесту перегонів: Save запиту із
// заголовком X-Test-Hold повідомляє reached і чекає, доки тест не
// відпустить його (release). Так «повільний» запит гарантовано
// прочитав сесію до виходу, а зберігає її після — без жодних пауз.
type HoldStore struct {
	sessions.Store
	reached, release chan struct{}
}

const holdHeader = "X-Test-Hold"

// NewHoldStore обгортає сховище s.
func NewHoldStore(s sessions.Store) *HoldStore {
	return &HoldStore{
		Store:   s,
		reached: make(chan struct{}),
		release: make(chan struct{}),
	}
}

// Get бере сесію через реєстр запиту, як сховища gorilla: так
// session.Save потім викликає Save обгортки, а не внутрішнього сховища.
func (s *HoldStore) Get(r *http.Request,
	name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// Save тримає запит із заголовком X-Test-Hold, доки тест його не
// відпустить, а тоді зберігає сесію внутрішнім сховищем.
func (s *HoldStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	if r.Header.Get(holdHeader) != "" {
		s.reached <- struct{}{}
		<-s.release
	}
	return s.Store.Save(r, w, session)
}

// Renew передає новий ID сесії внутрішньому сховищу, якщо воно це
// вміє: застосунок шукає Renew у сховища, яке отримав, а вбудований
// інтерфейс цього методу не передає.
func (s *HoldStore) Renew(r *http.Request,
	session *sessions.Session) error {
	if rs, ok := s.Store.(interface {
		Renew(*http.Request, *sessions.Session) error
	}); ok {
		return rs.Renew(r, session)
	}
	return nil
}

// Unwrap повертає внутрішнє сховище: застосунок, якому потрібні його
// власні методи (скажімо, індекс сесій користувача), знаходить їх так,
// як http.ResponseController знаходить методи обгорнутого
// ResponseWriter.
func (s *HoldStore) Unwrap() sessions.Store { return s.Store }

// startHeld починає GET path з кукі c і повертається, коли запит
// дійшов до Save. finish відпускає його і повертає відповідь.
func startHeld(t *testing.T, h http.Handler, s *HoldStore, path string,
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
		t.Fatalf("GET %s: запит закінчився, не дійшовши до Save — "+
			"отримали %d %q",
			path, rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	return func() *http.Response {
		s.release <- struct{}{}
		<-done
		return rec.Result()
	}
}

// loginCookie входить і повертає кукі з відповіді 303, не переходячи
// на головну: повідомлення про вхід лишається в сесії.
func loginCookie(t *testing.T, h http.Handler,
	name string) *http.Cookie {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, browser.Origin+"/login",
		strings.NewReader(url.Values{"username": {name}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionName && c.Value != "" {
			return &http.Cookie{Name: c.Name, Value: c.Value}
		}
	}
	t.Fatalf("POST /login: кукі %q — отримали відповідь без неї, "+
		"очікували Set-Cookie: %s=…", sessionName, sessionName)
	return nil
}

// LogoutWinsRace 50 разів поспіль розігрує перегони з виходом на path: h
// — застосунок зі сховищем s, noSessions перевіряє, що на сервері не
// лишилося жодної сесії. Видалена сесія не має ожити.
func LogoutWinsRace(t *testing.T, h http.Handler, s *HoldStore,
	path string, noSessions func(t *testing.T)) {
	for i := range 50 {
		// Вхід без переходу на головну: повідомлення про вхід чекає в
		// сесії, і GET / її збереже.
		stolen := loginCookie(t, h, "alice")
		b := browser.New(t, h)
		b.SetCookie(stolen)
		finish := startHeld(t, h, s, path, stolen)
		b.PostForm("/logout", nil).WantBody("You are not logged in")
		resp := finish()

		what := "GET " + path + ", що почався до виходу"
		browser.Want(t, what+": статус", resp.StatusCode,
			http.StatusSeeOther)
		browser.Want(t, what+": Location", resp.Header.Get("Location"),
			"/")
		for _, c := range resp.Cookies() {
			t.Errorf("%s: кукі — отримали %s, очікували відповідь "+
				"без Set-Cookie", what, c)
		}
		b.SetCookie(stolen)
		b.Get("/").WantBody("You are not logged in")
		b.Get("/profile").WantBody("Not logged in")
		noSessions(t)
		if t.Failed() {
			t.Fatalf("спроба %d з 50: видалена сесія ожила", i+1)
		}
	}
}
