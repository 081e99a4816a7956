package browser_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Тести самого імітованого браузера: якщо він бреше, брешуть усі
// тести курсу.

// cookieApp — маленький застосунок для тестів браузера:
//
//	GET  /set?name=…&value=…&maxage=…  ставить кукі (maxage: -1, 0 або секунди)
//	POST /login                        ставить кукі session і переспрямовує 303 на /
//	GET  /                             показує кукі, які надіслав браузер
func cookieApp() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /set", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var maxAge int
		fmt.Sscan(q.Get("maxage"), &maxAge)
		http.SetCookie(w, &http.Cookie{
			Name: q.Get("name"), Value: q.Get("value"), Path: "/",
			MaxAge: maxAge, Secure: true, HttpOnly: true,
		})
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{
			Name: "session", Value: r.PostFormValue("username"), Path: "/",
			MaxAge: 1800, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode,
		})
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		var names []string
		for _, c := range r.Cookies() {
			names = append(names, c.Name+"="+c.Value)
		}
		w.Write([]byte("cookies: " + strings.Join(names, " ")))
	})
	return http.NewCrossOriginProtection().Handler(mux)
}

// set просить застосунок поставити кукі.
func set(b *browser.Browser, name, value string, maxAge int) {
	b.Get(fmt.Sprintf("/set?name=%s&value=%s&maxage=%d", name, value, maxAge)).
		WantStatus(http.StatusOK)
}

// cookieValue повертає значення кукі, яку браузер надішле, або "(немає)".
func cookieValue(b *browser.Browser, name string) string {
	if c := b.Cookie(name); c != nil {
		return c.Value
	}
	return "(немає)"
}

// Браузер зберігає кукі між запитами і надсилає їх назад.
func TestKeepsCookiesBetweenRequests(t *testing.T) {
	b := browser.New(t, cookieApp())
	set(b, "a", "1", 0)
	b.Get("/").WantBody("cookies: a=1")
	set(b, "a", "2", 0)
	b.Get("/").WantBody("cookies: a=2")
	browser.Want(t, "b.Cookie(a)", cookieValue(b, "a"), "2")
}

// PostForm проходить CrossOriginProtection, іде за 303 з GET і
// записує кожен крок (hop) разом з атрибутами Set-Cookie.
func TestFollows303AndRecordsHops(t *testing.T) {
	b := browser.New(t, cookieApp())
	r := b.PostForm("/login", url.Values{"username": {"alice"}})
	r.WantRedirect(http.StatusSeeOther, "/").WantStatus(http.StatusOK).
		WantBody("cookies: session=alice")

	if len(r.Hops) != 2 {
		t.Fatalf("POST /login: кроків — отримали %d, очікували 2", len(r.Hops))
	}
	first, last := r.Hops[0], r.Hops[1]
	browser.Want(t, "крок 1", first.Method+" "+first.Path, "POST /login")
	browser.Want(t, "крок 1: статус", first.Status, http.StatusSeeOther)
	browser.Want(t, "крок 1: Location", first.Location, "/")
	browser.Want(t, "крок 1: кількість Set-Cookie", len(first.Cookies), 1)
	browser.Want(t, "крок 2", last.Method+" "+last.Path, "GET /")
	browser.Want(t, "крок 2: статус", last.Status, http.StatusOK)
	browser.Want(t, "крок 2: кількість Set-Cookie", len(last.Cookies), 0)

	c := r.WantSetCookie("session")
	browser.Want(t, "кукі session: Max-Age", c.MaxAge, 1800)
	browser.Want(t, "кукі session: HttpOnly", c.HttpOnly, true)
	browser.Want(t, "кукі session: Secure", c.Secure, true)
	browser.Want(t, "кукі session: SameSite", c.SameSite, http.SameSiteLaxMode)
	browser.Want(t, "кукі session: Path", c.Path, "/")
}

// Restart забуває кукі сесії браузера (без Max-Age) і залишає постійні.
func TestRestartDropsSessionCookies(t *testing.T) {
	b := browser.New(t, cookieApp())
	set(b, "short", "1", 0)
	set(b, "long", "1", 3600)
	b.Restart()
	browser.Want(t, "кукі сесії браузера після Restart", cookieValue(b, "short"), "(немає)")
	browser.Want(t, "постійна кукі після Restart", cookieValue(b, "long"), "1")
	b.Get("/").WantBody("cookies: long=1")
}

// Постійну кукі, яку потім замінила кукі сесії браузера або
// видалення, Restart не воскрешає.
func TestRestartKeepsOnlyTheLatestCookie(t *testing.T) {
	b := browser.New(t, cookieApp())
	set(b, "a", "persistent", 3600)
	set(b, "a", "session", 0)
	set(b, "b", "persistent", 3600)
	set(b, "b", "deleted", -1)
	set(b, "c", "old", 3600)
	set(b, "c", "new", 3600)
	b.Restart()
	browser.Want(t, "кукі a після Restart", cookieValue(b, "a"), "(немає)")
	browser.Want(t, "кукі b після Restart", cookieValue(b, "b"), "(немає)")
	browser.Want(t, "кукі c після Restart", cookieValue(b, "c"), "new")
	b.Restart()
	browser.Want(t, "кукі c після другого Restart", cookieValue(b, "c"), "new")
}

// Постійна кукі зникає, коли мине її Max-Age (у synctest — миттєво),
// і Restart не подовжує їй життя.
func TestPersistentCookieExpires(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := browser.New(t, cookieApp())
		set(b, "long", "1", 1800)
		time.Sleep(29 * time.Minute)
		browser.Want(t, "через 29 хв", cookieValue(b, "long"), "1")
		b.Restart()
		browser.Want(t, "через 29 хв після Restart", cookieValue(b, "long"), "1")
		time.Sleep(2 * time.Minute)
		browser.Want(t, "через 31 хв", cookieValue(b, "long"), "(немає)")
		b.Get("/").WantBody("cookies:")
	})
}

// Set-Cookie, доданий після того, як обробник почав писати тіло,
// губиться, як і на справжньому сервері.
func TestLateSetCookieIsLost(t *testing.T) {
	b := browser.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("hello"))
		http.SetCookie(w, &http.Cookie{Name: "late", Value: "1", Path: "/"})
	}))
	r := b.Get("/").WantBody("hello")
	browser.Want(t, "Set-Cookie late у відповіді", r.SetCookie("late") == nil, true)
	browser.Want(t, "кукі late у браузері", cookieValue(b, "late"), "(немає)")
}

// TamperCookie псує значення кукі: gorilla/sessions більше не приймає
// її як дійсну.
func TestTamperCookieMakesCookieInvalid(t *testing.T) {
	store := sessions.NewCookieStore(bytes.Repeat([]byte("k"), 32))
	b := browser.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := store.Get(r, "session")
		if r.URL.Path == "/login" {
			s.Values["username"] = "alice"
			if err := s.Save(r, w); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
			}
			return
		}
		name, _ := s.Values["username"].(string)
		fmt.Fprintf(w, "user=%s err=%v", name, err)
	}))
	b.Get("/login")
	before := cookieValue(b, "session")
	b.Get("/").WantBody("user=alice err=<nil>")
	b.TamperCookie("session")
	browser.Want(t, "значення кукі змінилося", cookieValue(b, "session") != before, true)
	b.Get("/").WantBody("user= err=securecookie: the value is not valid")
}

// TamperCookie не робить постійну кукі кукі сесії браузера: після
// Restart зіпсована кукі лишається.
func TestTamperCookieKeepsExpiry(t *testing.T) {
	b := browser.New(t, cookieApp())
	set(b, "long", "abcdef", 3600)
	b.TamperCookie("long")
	tampered := cookieValue(b, "long")
	b.Restart()
	browser.Want(t, "зіпсована постійна кукі після Restart", cookieValue(b, "long"), tampered)
}

// fakeTB збирає повідомлення про помилки замість того, щоб валити
// справжній тест.
type fakeTB struct {
	testing.TB
	mu       sync.Mutex
	messages []string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.messages = append(f.messages, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.messages) > 0
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	runtime.Goexit()
}

// run виконує body з фальшивим testing.TB в окремій горутині (щоб
// Fatalf міг її зупинити) і повертає зібрані повідомлення.
func run(t *testing.T, body func(tb testing.TB)) []string {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		body(f)
	}()
	<-done
	return f.messages
}

// Паніка обробника стає відповіддю 500 і помилкою тесту, яка каже,
// що сталося.
func TestHandlerPanicIs500(t *testing.T) {
	var status int
	msgs := run(t, func(tb testing.TB) {
		b := browser.New(tb, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			panic("бум")
		}))
		status = b.Get("/").Status
	})
	browser.Want(t, "статус", status, http.StatusInternalServerError)
	browser.Want(t, "повідомлення", strings.Join(msgs, "\n"),
		"GET /: обробник (handler) панікував: бум")
}

// Перевірки Response пишуть розбіжність у форматі курсу: спершу
// отримане, потім очікуване.
func TestMismatchMessages(t *testing.T) {
	msgs := run(t, func(tb testing.TB) {
		b := browser.New(tb, cookieApp())
		b.Get("/nope").WantStatus(http.StatusOK)
		b.Get("/").WantBody("Logged in as alice")
		b.PostForm("/login", url.Values{"username": {"alice"}}).WantRedirect(http.StatusFound, "/")
		browser.Want(tb, "кукі session: SameSite", http.SameSiteNoneMode, http.SameSiteLaxMode)
		b.Get("/").WantSetCookie("session")
	})
	want := []string{
		`GET /nope: статус — отримали 404 Not Found, очікували 200 OK`,
		`GET /: текст сторінки — отримали "cookies:", очікували "Logged in as alice"`,
		`POST /login: переспрямування (redirect) — отримали 303 See Other → /, очікували 302 Found → /`,
		`кукі session: SameSite — отримали None, очікували Lax`,
		`GET /: кукі "session" — отримали відповідь без неї, очікували Set-Cookie: session=…`,
	}
	browser.Want(t, "повідомлення", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
}

// TamperCookie без такої кукі зупиняє тест зрозумілим повідомленням.
func TestTamperMissingCookieStops(t *testing.T) {
	msgs := run(t, func(tb testing.TB) {
		browser.New(tb, cookieApp()).TamperCookie("session")
	})
	browser.Want(t, "повідомлення", strings.Join(msgs, "\n"),
		`у браузері немає кукі "session", нічого псувати`)
}

// UserAgent іде з кожним запитом, і з переходом за переспрямуванням
// теж; без нього заголовка User-Agent немає зовсім.
func TestUserAgent(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/go" {
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		fmt.Fprintf(w, "ua=%q", r.Header.Get("User-Agent"))
	})
	b := browser.New(t, h)
	b.Get("/").WantBody(`ua=""`)
	b.UserAgent = "Firefox/133.0"
	b.Get("/").WantBody(`ua="Firefox/133.0"`)
	b.PostForm("/go", nil).WantBody(`ua="Firefox/133.0"`)
}

// privateApp — застосунок з головною і формою /login; wrap каже, куди
// поставлено заголовки особистої відповіді.
func privateApp(wrap string) http.Handler {
	private := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Add("Vary", "Cookie")
			w.Header().Set("Cache-Control", "no-store")
			h.ServeHTTP(w, r)
		})
	}
	route := func(h http.HandlerFunc) http.Handler {
		if wrap == "route" {
			return private(h)
		}
		return h
	}
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", route(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("home"))
	}))
	mux.Handle("POST /login", route(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
	}))
	csrf := http.NewCrossOriginProtection()
	switch wrap {
	case "outside":
		return private(csrf.Handler(mux))
	case "inside":
		return csrf.Handler(private(mux))
	}
	return csrf.Handler(mux)
}

// AllResponsesPrivate сама робить 404, 405 і 403 і бачить кожну
// відповідь кожного візиту, а не лише останню.
func TestAllResponsesPrivate(t *testing.T) {
	visit := func(b *browser.Browser) {
		b.PostForm("/login", nil)
	}
	tests := []struct {
		wrap string
		want []string
	}{
		{"outside", nil},
		{"route", []string{
			`GET /no-such-page: заголовок Vary — отримали "", ` +
				`очікували, що в ньому є Cookie`,
			`GET /no-such-page: заголовок Cache-Control — отримали "", ` +
				`очікували no-store або private`,
			`DELETE /: заголовок Vary — отримали "", ` +
				`очікували, що в ньому є Cookie`,
			`DELETE /: заголовок Cache-Control — отримали "", ` +
				`очікували no-store або private`,
			`DELETE /login: заголовок Vary — отримали "", ` +
				`очікували, що в ньому є Cookie`,
			`DELETE /login: заголовок Cache-Control — ` +
				`отримали "", очікували no-store або private`,
			`POST /login з чужого сайту: заголовок Vary — отримали "", ` +
				`очікували, що в ньому є Cookie`,
			`POST /login з чужого сайту: заголовок Cache-Control — ` +
				`отримали "", очікували no-store або private`,
		}},
		{"inside", []string{
			`POST /login з чужого сайту: заголовок Vary — отримали "", ` +
				`очікували, що в ньому є Cookie`,
			`POST /login з чужого сайту: заголовок Cache-Control — ` +
				`отримали "", очікували no-store або private`,
		}},
		{"nowhere", []string{
			`POST /login: заголовок Vary — отримали "", ` +
				`очікували, що в ньому є Cookie`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.wrap, func(t *testing.T) {
			msgs := run(t, func(tb testing.TB) {
				browser.AllResponsesPrivate(tb, privateApp(tt.wrap), visit)
			})
			if tt.wrap == "nowhere" {
				// Перший рядок — про перший крок першого візиту.
				msgs = msgs[:1]
			}
			browser.Want(t, "повідомлення", strings.Join(msgs, "\n"),
				strings.Join(tt.want, "\n"))
		})
	}
	t.Run("без форм — чужий сайт надсилає форму на /", func(t *testing.T) {
		msgs := run(t, func(tb testing.TB) {
			browser.AllResponsesPrivate(tb, privateApp("inside"), func(b *browser.Browser) {
				b.Get("/")
			})
		})
		browser.Want(t, "повідомлення", strings.Join(msgs, "\n"),
			`POST / з чужого сайту: заголовок Vary — отримали "", `+
				`очікували, що в ньому є Cookie`+"\n"+
				`POST / з чужого сайту: заголовок Cache-Control — `+
				`отримали "", очікували no-store або private`)
	})
}

// AtOnce запускає відвідувачів спершу по одному, потім усіх
// одночасно; невдача лише одночасно — це «спільний стан».
func TestAtOnce(t *testing.T) {
	t.Run("кожен відвідувач двічі: по одному й одночасно", func(t *testing.T) {
		var mu sync.Mutex
		seen := map[int]int{}
		browser.AtOnce(t, 5, func(t testing.TB, i int) {
			mu.Lock()
			defer mu.Unlock()
			seen[i]++
		})
		browser.Want(t, "відвідувачів", len(seen), 5)
		for i := range 5 {
			browser.Want(t, fmt.Sprintf("візитів відвідувача %d", i), seen[i], 2)
		}
	})
	// Застосунок зі спільною змінною: відповідь залежить від того, хто
	// прийшов останнім. Другий прохід (одночасно) відвідувачі чекають
	// один на одного посеред запиту, тож тоді він помиляється щоразу.
	t.Run("невдача лише одночасно — спільний стан", func(t *testing.T) {
		var last string
		var mu sync.Mutex
		var arrived sync.WaitGroup
		arrived.Add(2)
		visits := 0
		app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			last = r.URL.Query().Get("name")
			visits++
			together := visits > 2
			mu.Unlock()
			if together {
				arrived.Done()
				arrived.Wait()
			}
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprint(w, last)
		})
		msgs := run(t, func(tb testing.TB) {
			browser.AtOnce(tb, 2, func(t testing.TB, i int) {
				name := fmt.Sprint("v", i)
				browser.New(t, app).Get("/?name=" + name).WantBody(name)
			})
		})
		browser.Want(t, "повідомлень", len(msgs), 1)
		for _, m := range msgs {
			if !strings.HasPrefix(m, "спільний стан (відвідувач ") ||
				!strings.Contains(m, " з 2, усі одночасно): GET /?name=v") {
				t.Errorf("повідомлення — отримали %q, очікували «спільний стан …»", m)
			}
		}
	})
	t.Run("невдача вже по одному — звичайні повідомлення, і все", func(t *testing.T) {
		msgs := run(t, func(tb testing.TB) {
			browser.AtOnce(tb, 3, func(t testing.TB, i int) {
				browser.New(t, cookieApp()).Get("/").WantBody("щось інше")
			})
		})
		want := `GET /: текст сторінки — отримали "cookies:", очікували "щось інше"`
		browser.Want(t, "повідомлення", strings.Join(msgs, "\n"),
			strings.Join([]string{want, want, want}, "\n"))
	})
}
