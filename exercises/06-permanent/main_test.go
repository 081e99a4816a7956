package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Тести вправи 06 — це її умова: звичайна сесія живе до закриття
// браузера, і сервер приймає її годину від останнього збереження;
// сесія «запам'ятати мене» живе 7 днів від останнього запиту і
// переживає закриття браузера. І жодна не живе довше за абсолютний
// строк: 12 годин від входу, з «запам'ятати мене» — 30 днів.

var testKey = bytes.Repeat([]byte("k"), 32)

// Строки з умови вправи.
const (
	// Звичайна сесія: сервер приймає її годину.
	ordinaryLimit = time.Hour
	// «Запам'ятати мене»: кукі і сесія живуть 7 днів.
	rememberLimit = 7 * 24 * time.Hour
	// day — доба, щоб числа в тестах читалися.
	day = 24 * time.Hour
	// Абсолютний строк: від входу, і жоден запит його не продовжує.
	ordinaryAbsoluteLimit = 12 * time.Hour
	rememberAbsoluteLimit = 30 * day
)

// rememberMaxAge — Max-Age кукі «запам'ятати мене», у секундах.
const rememberMaxAge = int(rememberLimit / time.Second)

const (
	loggedIn  = "Logged in as alice"
	anonymous = "You are not logged in"
)

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

// login надсилає форму входу як alice, з прапорцем «запам'ятати
// мене» або без нього.
func login(b *browser.Browser, remember bool) *browser.Response {
	return loginAs(b, "alice", remember)
}

func loginAs(b *browser.Browser, name string, remember bool) *browser.Response {
	form := url.Values{"username": {name}}
	if remember {
		form.Set("remember", "on")
	}
	return b.PostForm("/login", form)
}

// sessionCookie повертає кукі сесії, яку браузер надішле, і зупиняє
// тест, якщо її немає.
func sessionCookie(t *testing.T, b *browser.Browser, when string) *http.Cookie {
	t.Helper()
	c := b.Cookie(sessionName)
	if c == nil {
		t.Fatalf("кукі %q у браузері %s — отримали браузер без неї, "+
			"очікували, що вона там є", sessionName, when)
	}
	return c
}

// wantNoCookie перевіряє, що браузер уже не надішле кукі сесії.
func wantNoCookie(t *testing.T, b *browser.Browser) {
	t.Helper()
	if c := b.Cookie(sessionName); c != nil {
		t.Errorf("кукі %s у браузері — %s", c.Name, browser.GotWant(
			c.Value, browser.Phrase("браузер її вже викинув")))
	}
}

// wantCopyRefused кладе копію старої кукі в інший браузер, як зробив
// би той, хто її скопіював, і перевіряє, що сервер її не приймає ні
// на головній, ні на /visits. Так перевіряємо сервер, а не браузер.
func wantCopyRefused(t *testing.T, h http.Handler, old *http.Cookie) {
	t.Helper()
	thief := browser.New(t, h)
	thief.SetCookie(old)
	r := thief.Get("/")
	browser.Want(t, "GET / з копією старої кукі: текст сторінки",
		strings.TrimSpace(r.Body), anonymous)
	thief.SetCookie(old)
	r = thief.Get("/visits")
	browser.Want(t, "GET /visits з копією старої кукі: текст сторінки",
		strings.TrimSpace(r.Body), "Візитів у цій сесії: 1")
	thief.Get("/").WantBody(anonymous)
}

// wantMaxAge перевіряє строк кукі, яку надіслала відповідь.
func wantMaxAge(t testing.TB, r *browser.Response, what string, want int) {
	t.Helper()
	c := r.WantSetCookie(sessionName)
	browser.Want(t, what+": кукі: Max-Age", c.MaxAge, want)
	if want == 0 {
		browser.Want(t, what+": кукі: Expires задано", !c.Expires.IsZero(), false)
	}
}

// [06.1]
func TestLogin(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
	b.Get("/login").WantStatus(http.StatusOK).
		WantBodyContains(`name="username"`).WantBodyContains(`name="remember"`)
	login(b, false).WantRedirect(http.StatusSeeOther, "/").WantBody(loggedIn)
}

// [06.2]
func TestCookieAttributes(t *testing.T) {
	// common — атрибути, однакові для обох видів сесії.
	common := func(t *testing.T, c *http.Cookie) {
		t.Helper()
		browser.Want(t, "кукі: HttpOnly", c.HttpOnly, true)
		browser.Want(t, "кукі: Secure", c.Secure, true)
		browser.Want(t, "кукі: SameSite", c.SameSite, http.SameSiteLaxMode)
		browser.Want(t, "кукі: Path", c.Path, "/")
	}
	t.Run("звичайна сесія — кукі до закриття браузера", func(t *testing.T) {
		b := newBrowser(t)
		r := login(b, false)
		wantMaxAge(t, r, "POST /login", 0)
		common(t, r.WantSetCookie(sessionName))
		r = b.Get("/visits")
		wantMaxAge(t, r, "GET /visits", 0)
		common(t, r.WantSetCookie(sessionName))
	})
	t.Run("запам'ятати мене — кукі на 7 днів", func(t *testing.T) {
		b := newBrowser(t)
		r := login(b, true)
		wantMaxAge(t, r, "POST /login", rememberMaxAge)
		common(t, r.WantSetCookie(sessionName))
		for _, path := range []string{"/", "/visits"} {
			r := b.Get(path)
			wantMaxAge(t, r, "GET "+path, rememberMaxAge)
			common(t, r.WantSetCookie(sessionName))
		}
	})
	// [06.4]
	t.Run("вхід без прапорця після входу з ним — знову до закриття браузера", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		wantMaxAge(t, login(b, false), "POST /login", 0)
		wantMaxAge(t, b.Get("/visits"), "GET /visits", 0)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
}

// [06.3] Прапорець — це рівно remember=on, як його надсилає браузер.
// Усе інше — звичайна сесія.
func TestRememberFlag(t *testing.T) {
	for _, value := range []string{"off", "On", "ON", "true", "1", "", " on", "on ", "onn"} {
		t.Run(fmt.Sprintf("remember=%q", value), func(t *testing.T) {
			b := newBrowser(t)
			r := b.PostForm("/login", url.Values{"username": {"alice"}, "remember": {value}})
			r.WantBody(loggedIn)
			wantMaxAge(t, r, fmt.Sprintf("POST /login з remember=%q", value), 0)
		})
	}
}

// [06.5] Лічильник /visits зберігає сесію ще раз. Це збереження не має
// змінювати вибір, зроблений під час входу.
func TestLaterSaveKeepsLifetime(t *testing.T) {
	t.Run("запам'ятована сесія лишається постійною", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		r := b.Get("/visits").WantBody("Візитів у цій сесії: 1")
		wantMaxAge(t, r, "GET /visits", rememberMaxAge)
		b.Restart()
		b.Get("/").WantBody(loggedIn)
	})
	t.Run("звичайна сесія лишається до закриття браузера", func(t *testing.T) {
		b := newBrowser(t)
		login(b, false)
		r := b.Get("/visits").WantBody("Візитів у цій сесії: 1")
		wantMaxAge(t, r, "GET /visits", 0)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
}

// [06.6] Один сервер — багато відвідувачів: вибір одного не діє на
// іншого.
func TestTwoVisitors(t *testing.T) {
	h := newHandler(newStore(testKey))
	alice, bob := browser.New(t, h), browser.New(t, h)
	loginAs(alice, "alice", true)
	loginAs(bob, "bob", false)
	wantMaxAge(t, alice.Get("/visits"), "GET /visits (alice)", rememberMaxAge)
	wantMaxAge(t, bob.Get("/visits"), "GET /visits (bob)", 0)
	loginAs(bob, "bob", true)
	loginAs(alice, "alice", false)
	wantMaxAge(t, bob.Get("/visits"), "GET /visits (bob)", rememberMaxAge)
	wantMaxAge(t, alice.Get("/visits"), "GET /visits (alice)", 0)
	alice.Restart()
	bob.Restart()
	alice.Get("/").WantBody(anonymous)
	bob.Get("/").WantBody("Logged in as bob")
}

// [06.7]
func TestBrowserRestart(t *testing.T) {
	t.Run("звичайна сесія зникає", func(t *testing.T) {
		b := newBrowser(t)
		login(b, false)
		b.Restart()
		b.Get("/").WantBody(anonymous)
	})
	t.Run("запам'ятована сесія лишається", func(t *testing.T) {
		b := newBrowser(t)
		login(b, true)
		b.Restart()
		b.Get("/").WantBody(loggedIn)
	})
}

// Час у synctest.Test несправжній: time.Sleep на тиждень минає
// миттєво.
func TestOrdinaryLifetime(t *testing.T) {
	// [06.8]
	t.Run("читання не продовжує звичайну сесію", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, false)
			time.Sleep(30 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(29 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(2 * time.Minute)
			// Браузер, якого не закривали, досі надсилає кукі, але
			// від входу минула 61 хвилина.
			sessionCookie(t, b, "через 61 хвилину")
			b.Get("/").WantBody(anonymous)
		})
	})
	// [06.9]
	t.Run("година рахується від останнього збереження", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, false)
			old := sessionCookie(t, b, "після входу")
			time.Sleep(50 * time.Minute)
			b.Get("/visits").WantBody("Візитів у цій сесії: 1")
			time.Sleep(11 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			// Копія кукі, зробленої під час входу, уже не діє.
			wantCopyRefused(t, h, old)
			time.Sleep(48 * time.Minute)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(2 * time.Minute)
			b.Get("/").WantBody(anonymous)
		})
	})
	// [06.10]
	t.Run("після 61 хвилини /visits починає нову сесію", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, false)
			b.Get("/visits").WantBody("Візитів у цій сесії: 1")
			time.Sleep(ordinaryLimit + time.Minute)
			b.Get("/visits").WantBody("Візитів у цій сесії: 1")
			b.Get("/").WantBody(anonymous)
		})
	})
}

// [06.11]
func TestRememberedLifetime(t *testing.T) {
	t.Run("за 7 днів без хвилини ще в сесії", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			time.Sleep(rememberLimit - time.Minute)
			b.Get("/").WantBody(loggedIn)
		})
	})
	t.Run("за 7 днів і хвилину браузер викидає кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			time.Sleep(rememberLimit + time.Minute)
			wantNoCookie(t, b)
			b.Get("/").WantBody(anonymous)
		})
	})
	t.Run("за 7 днів і хвилину сервер відкидає стару кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, true)
			old := sessionCookie(t, b, "після входу")
			time.Sleep(rememberLimit + time.Minute)
			// Браузер її вже викинув, але хтось зберіг копію.
			wantCopyRefused(t, h, old)
		})
	})
}

// [06.12] «Запам'ятати мене» ковзає, як SESSION_REFRESH_EACH_REQUEST у Flask:
// 7 днів рахуються від останнього запиту, а не від входу.
func TestRememberedSlides(t *testing.T) {
	t.Run("відвідини кожні 5 днів тримають у сесії понад 3 тижні", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			for range 4 {
				time.Sleep(5 * day)
				b.Get("/").WantBody(loggedIn)
				if t.Failed() {
					return // далі те саме повідомлення повторилося б
				}
			}
			b.Restart()
			time.Sleep(5 * day)
			b.Get("/").WantBody(loggedIn)
		})
	})
	t.Run("після активності 7 днів і хвилина без запитів — кінець", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, true)
			old := sessionCookie(t, b, "після входу")
			time.Sleep(5 * day)
			b.Get("/").WantBody(loggedIn)
			time.Sleep(5 * day)
			b.Get("/").WantBody(loggedIn)
			// Користувач досі активний, але копія кукі з дня входу
			// старша за 7 днів.
			wantCopyRefused(t, h, old)
			latest := sessionCookie(t, b, "на 10-й день")
			time.Sleep(rememberLimit + time.Minute)
			wantNoCookie(t, b)
			b.Get("/").WantBody(anonymous)
			wantCopyRefused(t, h, latest)
		})
	})
}

// [06.16] Кожна відповідь застосунку залежить від сесії: жоден спільний
// кеш не має її зберігати — ні сторінку, ні переспрямування, ні
// відмову 400, ні 500, для будь-якого відвідувача. 403 на форму з
// чужого сайту, 404 на невідомій адресі і 405 на чужий метод
// AllResponsesPrivate робить сама.
func TestPrivate(t *testing.T) {
	visit := func(remember bool) func(b *browser.Browser) {
		return func(b *browser.Browser) {
			b.Get("/")
			b.Get("/login")
			b.Get("/visits")
			login(b, remember)
			b.Get("/")
			b.Get("/visits")
		}
	}
	browser.AllResponsesPrivate(t, newHandler(newStore(testKey)),
		visit(false), visit(true),
		func(b *browser.Browser) {
			b.PostForm("/login", url.Values{"username": {""}}).
				WantStatus(http.StatusBadRequest)
		})
	// Сховище, яке не може зберегти сесію, — відповідь 500.
	browser.AllResponsesPrivate(t, newHandler(brokenSave{newStore(testKey)}),
		func(b *browser.Browser) {
			login(b, false).WantStatus(http.StatusInternalServerError)
		})
}

// brokenSave — сховище застосунку, яке читає сесії, але не може їх
// зберегти (наприклад, диск повний).
type brokenSave struct{ sessions.Store }

func (s brokenSave) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

func (s brokenSave) Save(*http.Request, http.ResponseWriter, *sessions.Session) error {
	return errors.New("сховище зламалося")
}

// [06.17]
func TestCrossSiteRefused(t *testing.T) {
	b := newBrowser(t)
	b.PostFromOtherSite("/login", "username=mallory&remember=on").WantStatus(http.StatusForbidden)
	b.Get("/").WantBody(anonymous)
}

// [06.18] Вісім відвідувачів водночас входять під своїми іменами, зі
// своїм вибором «запам'ятати мене», і читають головну та /visits.
// Так буває на справжньому сервері: net/http обслуговує кожен запит у
// своїй горутині.
//
// Правильний розв'язок тут не падає ніколи: кожен запит бере свою
// сесію зі своєї кукі, і що б не робили інші запити, відповідь та
// сама. Сесію в змінній на рівні пакета (звичка з Flask) щоразу
// ловить наступний тест, TestSlowPage (1000 з 1000 запусків), а спільні
// дані, яких сторінка не показує, — детектор перегонів (go test -race,
// під яким go run ./cmd/course повторює тести, що пройшли).
func TestVisitorsAtOnce(t *testing.T) {
	h := newHandler(newStore(testKey))
	browser.AtOnce(t, 8, func(t testing.TB, i int) {
		b := browser.New(t, h)
		name := fmt.Sprintf("user%d", i)
		remember := i%2 == 0
		want := 0
		if remember {
			want = rememberMaxAge
		}
		for round := 1; round <= 3; round++ {
			wantMaxAge(t, loginAs(b, name, remember).WantBody("Logged in as "+name),
				"POST /login ("+name+")", want)
			b.Get("/").WantBody("Logged in as " + name)
			r := b.Get("/visits").WantBody("Візитів у цій сесії: " + fmt.Sprint(round))
			wantMaxAge(t, r, "GET /visits ("+name+")", want)
		}
	})
}

// [06.18] Сторінка alice повільна: сховище притримало її сесію на
// збереженні (GET / «запам'ятати мене» зберігає сесію, щоб продовжити
// 7 днів). Тим часом bob відкриває головну і /visits. Коли сесію alice
// нарешті збережено, її сторінка каже про alice, а не про bob.
//
// Правильний розв'язок тут не падає ніколи: перебіг подій той самий
// щоразу, і сторінка кожного запиту залежить лише від його сесії.
// Сесія в змінній на рівні пакета, яку обробник читає після
// збереження, падає тут щоразу, і без детектора перегонів: 1000 з
// 1000 запусків.
func TestSlowPage(t *testing.T) {
	store := &holdStore{Store: newStore(testKey),
		reached: make(chan struct{}), release: make(chan struct{})}
	h := newHandler(store)
	alice, bob := browser.New(t, h), browser.New(t, h)
	loginAs(alice, "alice", true).WantBody(loggedIn)
	loginAs(bob, "bob", false).WantBody("Logged in as bob")

	store.hold.Store(true)
	page := make(chan string, 1)
	go func() { page <- alice.Get("/").Body }()
	select {
	case <-store.reached:
	case body := <-page:
		// GET / не зберіг сесію «запам'ятати мене»: це ловлять
		// тести строку кукі; тут лише перевіримо сторінку.
		browser.Want(t, "GET / (alice): текст сторінки", strings.TrimSpace(body), loggedIn)
		return
	}
	r := bob.Get("/")
	browser.Want(t, "GET / (bob), поки сторінка alice чекала: текст сторінки",
		strings.TrimSpace(r.Body), "Logged in as bob")
	r = bob.Get("/visits")
	browser.Want(t, "GET /visits (bob), поки сторінка alice чекала: текст сторінки",
		strings.TrimSpace(r.Body), "Візитів у цій сесії: 1")
	close(store.release)
	browser.Want(t, "GET / (alice), що чекав на збереження сесії: текст сторінки",
		strings.TrimSpace(<-page), loggedIn)
}

// holdStore — сховище застосунку, що вміє притримати одне збереження:
// після hold.Store(true) перший Save повідомляє reached і чекає, доки
// тест закриє release.
type holdStore struct {
	sessions.Store
	hold             atomic.Bool
	reached, release chan struct{}
}

// Get бере сесію через реєстр запиту, як сховища gorilla: так
// session.Save потім викликає Save обгортки.
func (s *holdStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

func (s *holdStore) Save(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	if s.hold.CompareAndSwap(true, false) {
		s.reached <- struct{}{}
		<-s.release
	}
	return s.Store.Save(r, w, session)
}

// copyHolder — той, хто скопіював кукі і надсилає її знову й знову, як
// скрипт: бере кожну нову кукі від сервера і не зважає на її строк.
type copyHolder struct {
	b     *browser.Browser
	value string
}

func newCopyHolder(t *testing.T, h http.Handler, c *http.Cookie) *copyHolder {
	return &copyHolder{b: browser.New(t, h), value: c.Value}
}

// get відкриває path з копією кукі.
func (c *copyHolder) get(path string) *browser.Response {
	c.b.SetCookie(&http.Cookie{Name: sessionName, Value: c.value, Path: "/"})
	r := c.b.Get(path)
	if k := r.SetCookie(sessionName); k != nil && k.MaxAge >= 0 && k.Value != "" {
		c.value = k.Value
	}
	return r
}

// wantText перевіряє текст сторінки; what каже, чий це запит і коли.
func wantText(t *testing.T, r *browser.Response, what, want string) {
	t.Helper()
	browser.Want(t, what+": текст сторінки", strings.TrimSpace(r.Body), want)
}

// wantCopyEnded перевіряє, що копія кукі після строку — анонімний
// відвідувач на кожній адресі: лічильник знову з 1, і вхід не вертається.
func wantCopyEnded(t *testing.T, c *copyHolder, when string) {
	t.Helper()
	wantText(t, c.get("/"), "GET / з копією кукі "+when, anonymous)
	wantText(t, c.get("/visits"), "GET /visits з копією кукі "+when,
		"Візитів у цій сесії: 1")
	wantText(t, c.get("/"), "GET / з копією кукі після /visits "+when, anonymous)
}

// Абсолютний строк: звичайна сесія живе щонайбільше 12 годин від входу,
// «запам'ятати мене» — 30 днів, хоч би як часто заходили власник і той,
// хто скопіював його кукі. Таймаут їх не зупинить: кожен запит його
// продовжує.
func TestAbsoluteLifetime(t *testing.T) {
	// [06.13]
	t.Run("звичайна: /visits кожні 30 хвилин тримає вхід 12 годин, не довше", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, false)
			holder := newCopyHolder(t, h, sessionCookie(t, b, "після входу"))
			visit := func(when string) {
				t.Helper()
				b.Get("/visits")
				wantText(t, b.Get("/"), "GET / "+when, loggedIn)
				holder.get("/visits")
				wantText(t, holder.get("/"), "GET / з копією кукі "+when, loggedIn)
			}
			for range 23 {
				time.Sleep(30 * time.Minute)
				visit("до кінця строку")
				if t.Failed() {
					return // далі те саме повідомлення повторилося б
				}
			}
			time.Sleep(29 * time.Minute)
			visit("через 12 годин без хвилини після входу")
			time.Sleep(2 * time.Minute)
			const when = "через 12 годин і хвилину після входу"
			wantText(t, b.Get("/"), "GET / "+when, anonymous)
			wantCopyEnded(t, holder, when)
		})
	})
	t.Run("запам'ятати мене: запит щодня тримає вхід 30 днів, не довше", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newHandler(newStore(testKey))
			b := browser.New(t, h)
			login(b, true)
			holder := newCopyHolder(t, h, sessionCookie(t, b, "після входу"))
			visit := func(when string) {
				t.Helper()
				wantText(t, b.Get("/"), "GET / "+when, loggedIn)
				wantText(t, holder.get("/"), "GET / з копією кукі "+when, loggedIn)
			}
			for d := 1; d < 30; d++ {
				time.Sleep(day)
				visit(fmt.Sprintf("на %d-й день", d))
				if t.Failed() {
					return
				}
			}
			time.Sleep(day - time.Minute)
			visit("через 30 днів без хвилини після входу")
			time.Sleep(2 * time.Minute)
			const when = "через 30 днів і хвилину після входу"
			wantText(t, b.Get("/"), "GET / "+when, anonymous)
			wantCopyEnded(t, holder, when)
		})
	})
	// [06.14]
	t.Run("запам'ятати мене: Max-Age — не більше, ніж лишилося до 30 днів", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, true)
			for d := 1; d < 30; d++ {
				time.Sleep(day)
				left := rememberAbsoluteLimit - time.Duration(d)*day
				want := int(min(rememberLimit, left) / time.Second)
				wantMaxAge(t, b.Get("/"), fmt.Sprintf("GET / на %d-й день", d), want)
				if t.Failed() {
					return
				}
			}
		})
	})
	// [06.15]
	t.Run("новий вхід — новий відлік: 12 годин від останнього входу", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b := newBrowser(t)
			login(b, false)
			visit := func(when string) {
				t.Helper()
				b.Get("/visits")
				wantText(t, b.Get("/"), "GET / "+when, loggedIn)
			}
			for range 22 {
				time.Sleep(30 * time.Minute)
				visit("до другого входу")
				if t.Failed() {
					return
				}
			}
			login(b, false) // на 11-й годині
			for range 2 {
				time.Sleep(30 * time.Minute)
				visit("після другого входу")
			}
			time.Sleep(time.Minute)
			visit("через 12 годин і хвилину після першого входу " +
				"(другий — на 11-й годині)")
			for range 21 {
				time.Sleep(30 * time.Minute)
				visit("до кінця нового строку")
				if t.Failed() {
					return
				}
			}
			time.Sleep(28 * time.Minute)
			visit("через 12 годин без хвилини після другого входу")
			time.Sleep(2 * time.Minute)
			wantText(t, b.Get("/"), "GET / через 12 годин і хвилину після другого входу",
				anonymous)
		})
	})
}
