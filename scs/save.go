package main

import (
	"bytes"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/alexedwards/scs/v2"
)

// loadAndSave читає сесію до обробника і зберігає після — замість
// sm.LoadAndSave зі scs, з трьома відмінностями:
//
//   - сторінку обробника спершу тримаємо в пам'яті (page), а
//     надсилаємо лише після того, як сесію збережено. sm.LoadAndSave
//     зберігає сесію на першому Write обробника: якщо збереження не
//     вдалося, до відповіді 500 «Внутрішня помилка сервера.» дописалася
//     б сама сторінка («User: alice»);
//   - каже guard (revoke.go), який токен запит прочитав, і на
//     errSessionGone відповідає як відвідувачу, що вже вийшов: 303 на
//     головну, нічого не записавши і не змінивши кукі браузера;
//   - стежить за абсолютним строком (endIfTooOld) і за межею сесій
//     анонімних відвідувачів (anon.go).
//
// Решта — як у sm.LoadAndSave: кукі ставить sm.WriteSessionCookie (лише
// без секунди, яку він додає, округлюючи строк кукі вгору).
func (a *app) loadAndSave(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var token string
		if c, err := r.Cookie(a.sm.Cookie.Name); err == nil {
			token = c.Value
		}
		ctx, err := a.sm.Load(r.Context(), token)
		if err != nil {
			serverError(w, err)
			return
		}
		// Токен, якого сховище не знайшло, scs відкидає: тоді тут "".
		ctx = withLoaded(ctx, a.sm.Token(ctx))
		r = r.WithContext(ctx)
		if err := a.endIfTooOld(r); err != nil {
			serverError(w, err)
			return
		}
		p := &page{header: http.Header{}}
		next.ServeHTTP(p, r)
		if a.save(w, r) {
			p.sendTo(w)
		}
	})
}

// endIfTooOld закінчує сесію, абсолютний строк якої минув: Destroy
// видаляє її зі сховища, і далі цей запит — анонімний відвідувач. Строк
// — це Deadline сесії scs: Lifetime від її початку, а після входу —
// від входу (login у handlers.go). Сховище й саме не тримає сесію довше
// (scs дає йому строк, не пізніший за Deadline), але Redis рахує час
// своїм годинником, а тут — годинник застосунку.
func (a *app) endIfTooOld(r *http.Request) error {
	ctx := r.Context()
	if loaded(ctx) == "" || time.Now().Before(a.sm.Deadline(ctx)) {
		return nil
	}
	return a.sm.Destroy(ctx)
}

// save зберігає сесію запиту r і ставить кукі, як sm.LoadAndSave.
// Повертає false, якщо відповідь уже дано (помилка, сесію видалено).
func (a *app) save(w http.ResponseWriter, r *http.Request) bool {
	ctx := r.Context()
	old := loaded(ctx)
	switch a.sm.Status(ctx) {
	case scs.Modified:
		token, expiry, err := a.sm.Commit(ctx)
		if errors.Is(err, errSessionGone) {
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return false
		}
		if err != nil {
			serverError(w, err)
			return false
		}
		// WriteSessionCookie округлює Max-Age і Expires на секунду
		// вгору, і кукі обіцяла б на секунду більше, ніж дозволить
		// сервер. Дамо йому мить на секунду раніше: тоді обидва
		// округлено вниз.
		a.sm.WriteSessionCookie(ctx, w, token, expiry.Add(-time.Second))
		if token != old {
			a.anon.forget(old)
		}
		if a.sm.GetString(ctx, "username") != "" {
			a.anon.forget(token)
			break
		}
		for _, t := range a.anon.add(token) {
			a.deleteAnonymous(t)
		}
	case scs.Destroyed:
		a.anon.forget(old)
		a.sm.WriteSessionCookie(ctx, w, "", time.Time{})
	}
	return true
}

// page — відповідь обробника, яку ще не надіслано: заголовки, статус і
// тіло.
type page struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (p *page) Header() http.Header { return p.header }

func (p *page) WriteHeader(code int) {
	if p.status == 0 {
		p.status = code
	}
}

func (p *page) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	return p.body.Write(b)
}

// sendTo надсилає сторінку в w: заголовки обробника додаються до тих,
// що вже є (private, кукі сесії). Значення, яке там уже є, не
// повторюється: nosniff ставлять і private, і http.Error.
func (p *page) sendTo(w http.ResponseWriter) {
	for k, vs := range p.header {
		for _, v := range vs {
			if !slices.Contains(w.Header()[k], v) {
				w.Header()[k] = append(w.Header()[k], v)
			}
		}
	}
	p.WriteHeader(http.StatusOK)
	w.WriteHeader(p.status)
	w.Write(p.body.Bytes())
}
