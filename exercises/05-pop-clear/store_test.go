package main

import (
	"errors"
	"net/http"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// flakyStore — сховище в кукі, яке вміє «ламатися»: поки *broken,
// Save повертає помилку, як сховище на диску, коли диск повний.
type flakyStore struct {
	*sessions.CookieStore
	broken *bool
}

func (s flakyStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New читає сесію звичайним сховищем, але прив'язує її до flakyStore:
// тоді session.Save викличе наш Save.
func (s flakyStore) New(r *http.Request, name string) (*sessions.Session, error) {
	inner, err := s.CookieStore.New(r, name)
	session := sessions.NewSession(s, name)
	if inner != nil {
		session.Values, session.Options = inner.Values, inner.Options
		session.IsNew = inner.IsNew
	}
	return session, err
}

func (s flakyStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	if *s.broken {
		return errors.New("сховище недоступне")
	}
	return s.CookieStore.Save(r, w, session)
}

// [05.10] Сесію не вдалося зберегти — «Прибрати» і «Очистити кошик»
// кажуть про це відповіддю 500, а не вдають, що все вдалося. «Забути
// мене» або теж відповідає 500, або однаково видаляє кукі в браузері
// (її можна видалити й без сховища).
func TestSaveFails(t *testing.T) {
	broken := false
	b := browser.New(t, newHandler(flakyStore{newStore(testKey), &broken}))
	add(t, b, "apple", "pear")
	broken = true
	remove(b, "apple").WantStatus(http.StatusInternalServerError)
	clearCart(b).WantStatus(http.StatusInternalServerError)
	broken = false
	b.Get("/cart").WantBody(cartText("Яблука × 1", "Груші × 1"))

	broken = true
	r := forget(b)
	if got := status(r.Hops[0]); got != "500 Internal Server Error" &&
		b.Cookie(sessionName) != nil {
		t.Errorf("POST /forget, коли сховище відмовило: відповідь — %s",
			browser.GotWant(got+", кукі лишилася в браузері",
				browser.Phrase("500 Internal Server Error або видалена кукі")))
	}
}
