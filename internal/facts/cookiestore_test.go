package facts

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Типові налаштування CookieStore і атрибути кукі (конспект: «кукі за
// замовчуванням»), а також два різні механізми строку життя сесії.

// NewCookieStore типово дає Path=/, 30 днів, Secure і
// SameSite=None, але не HttpOnly і не Partitioned.
func TestCookieStoreDefaults(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	o := store.Options
	browser.Want(t, "Options.Path", o.Path, "/")
	browser.Want(t, "Options.Domain", o.Domain, "")
	browser.Want(t, "Options.MaxAge", o.MaxAge, 30*24*60*60)
	browser.Want(t, "Options.Secure", o.Secure, true)
	browser.Want(t, "Options.HttpOnly", o.HttpOnly, false)
	browser.Want(t, "Options.SameSite", o.SameSite, http.SameSiteNoneMode)
	browser.Want(t, "Options.Partitioned", o.Partitioned, false)
}

// Типова кукі CookieStore — постійна (Max-Age=2592000 і Expires через
// 30 днів), з Secure і SameSite=None, без HttpOnly.
func TestDefaultSetCookieHeader(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		resp, err := saveWith(t, store, func(s *sessions.Session) {
			s.Values["username"] = "alice"
		})
		browser.Want(t, "Save: помилка", browser.ErrText(err), browser.NoError)
		browser.Want(t, "Set-Cookie: атрибути", attributes(setCookieHeader(t, resp)),
			"; Path=/; Expires=Mon, 31 Jan 2000 00:00:00 GMT; Max-Age=2592000; Secure; SameSite=None")
	})
}

// HttpOnly і Partitioned з'являються в Set-Cookie, лише якщо їх
// увімкнути в Options.
func TestHttpOnlyAndPartitionedAttributes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		store.Options.HttpOnly = true
		store.Options.Partitioned = true
		resp, _ := saveWith(t, store, nil)
		browser.Want(t, "Set-Cookie: атрибути", attributes(setCookieHeader(t, resp)),
			"; Path=/; Expires=Mon, 31 Jan 2000 00:00:00 GMT; Max-Age=2592000; "+
				"HttpOnly; Secure; SameSite=None; Partitioned")
	})
}

// Кожна сесія отримує копію Options сховища: зміна session.Options
// не зачіпає ні сховище, ні інші сесії.
func TestSessionOptionsAreACopy(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	first, _ := store.New(newRequest(), sessionName)
	first.Options.MaxAge = -1
	second, _ := store.New(newRequest(), sessionName)
	browser.Want(t, "store.Options.MaxAge після зміни сесії", store.Options.MaxAge, 2592000)
	browser.Want(t, "Options.MaxAge іншої сесії", second.Options.MaxAge, 2592000)
}

// store.MaxAge(n) задає і атрибут кукі Max-Age, і перевірку на сервері:
// кукі, старшу за n секунд, сервер не приймає.
func TestStoreMaxAgeSetsServerCheck(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		store.MaxAge(1800)
		c := login(t, store, "alice")
		browser.Want(t, "кукі: Max-Age", c.MaxAge, 1800)

		time.Sleep(29 * time.Minute)
		s, err := load(t, store, c)
		browser.Want(t, "через 29 хв: ім'я", username(s), "alice")
		browser.Want(t, "через 29 хв: помилка", browser.ErrText(err), browser.NoError)

		time.Sleep(2 * time.Minute)
		s, err = load(t, store, c)
		browser.Want(t, "через 31 хв: ім'я", username(s), "")
		browser.Want(t, "через 31 хв: IsNew", s.IsNew, true)
		browser.Want(t, "через 31 хв: помилка", browser.ErrText(err), "securecookie: expired timestamp")
	})
}

// Присвоєння store.Options.MaxAge змінює лише атрибут кукі: сервер
// і далі приймає кукі 30 днів.
func TestOptionsMaxAgeOnlySetsAttribute(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		store.Options.MaxAge = 1800
		c := login(t, store, "alice")
		browser.Want(t, "кукі: Max-Age", c.MaxAge, 1800)

		// Кукі, яку браузер мав би вже викинути, надсилають знову.
		time.Sleep(31 * time.Minute)
		s, err := load(t, store, c)
		browser.Want(t, "через 31 хв: ім'я", username(s), "alice")
		browser.Want(t, "через 31 хв: помилка", browser.ErrText(err), browser.NoError)

		time.Sleep(30*24*time.Hour - 31*time.Minute - time.Second)
		s, _ = load(t, store, c)
		browser.Want(t, "за секунду до 30 днів: ім'я", username(s), "alice")

		time.Sleep(2 * time.Second)
		_, err = load(t, store, c)
		browser.Want(t, "через 30 днів: помилка", browser.ErrText(err), "securecookie: expired timestamp")
	})
}

// MaxAge = 0 дає кукі сесії браузера: без Max-Age і без Expires, вона
// зникає, коли людина закриває браузер.
func TestMaxAgeZeroIsBrowserSessionCookie(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		resp, _ := saveWith(t, store, func(s *sessions.Session) {
			s.Values["username"] = "alice"
			s.Options.MaxAge = 0
		})
		browser.Want(t, "Set-Cookie: атрибути", attributes(setCookieHeader(t, resp)),
			"; Path=/; Secure; SameSite=None")

		b := browser.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, _ := store.Get(r, sessionName)
			if r.URL.Path == "/login" {
				s.Values["username"] = "alice"
				s.Options.MaxAge = 0
				if err := s.Save(r, w); err != nil {
					http.Error(w, err.Error(), http.StatusInternalServerError)
					return
				}
			}
			w.Write([]byte("User: " + username(s)))
		}))
		b.Get("/login")
		b.Get("/").WantBody("User: alice")
		b.Restart()
		b.Get("/").WantBody("User:")
	})
}

// store.MaxAge(0) вимикає перевірку віку на сервері зовсім: кукі без
// Max-Age, а її значення сервер приймає і через рік.
func TestStoreMaxAgeZeroDisablesServerExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		store.MaxAge(0)
		resp, _ := saveWith(t, store, func(s *sessions.Session) {
			s.Values["username"] = "alice"
		})
		browser.Want(t, "Set-Cookie: атрибути", attributes(setCookieHeader(t, resp)),
			"; Path=/; Secure; SameSite=None")
		c := wantSetCookie(t, resp)

		time.Sleep(366 * 24 * time.Hour)
		s, err := load(t, store, c)
		browser.Want(t, "через рік: ім'я", username(s), "alice")
		browser.Want(t, "через рік: помилка", browser.ErrText(err), browser.NoError)
	})
}

// Лише Options.MaxAge = 0 дає кукі сесії браузера, але сервер і далі
// відкидає значення, старше за 30 днів.
func TestOptionsMaxAgeZeroKeepsServerExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		store.Options.MaxAge = 0
		c := login(t, store, "alice")
		browser.Want(t, "кукі: Max-Age", c.MaxAge, 0)
		browser.Want(t, "кукі: Expires задано", !c.Expires.IsZero(), false)

		time.Sleep(31 * 24 * time.Hour)
		s, err := load(t, store, c)
		browser.Want(t, "через 31 день: ім'я", username(s), "")
		browser.Want(t, "через 31 день: помилка", browser.ErrText(err), "securecookie: expired timestamp")
	})
}

// Рецепт «як у Flask»: store.MaxAge(1800), а потім Options.MaxAge = 0 —
// кукі живе до закриття браузера, а сервер приймає її лише 30 хвилин.
func TestBrowserSessionCookieWithServerExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		store.MaxAge(1800)
		store.Options.MaxAge = 0
		resp, _ := saveWith(t, store, func(s *sessions.Session) {
			s.Values["username"] = "alice"
		})
		browser.Want(t, "Set-Cookie: атрибути", attributes(setCookieHeader(t, resp)),
			"; Path=/; Secure; SameSite=None")
		c := wantSetCookie(t, resp)

		time.Sleep(29 * time.Minute)
		s, _ := load(t, store, c)
		browser.Want(t, "через 29 хв: ім'я", username(s), "alice")

		time.Sleep(2 * time.Minute)
		s, err := load(t, store, c)
		browser.Want(t, "через 31 хв: ім'я", username(s), "")
		browser.Want(t, "через 31 хв: помилка", browser.ErrText(err), "securecookie: expired timestamp")
	})
}

// Options.MaxAge = -1 перед Save видаляє кукі: Max-Age=0 і Expires
// у 1970 році; браузер її забуває.
func TestMaxAgeMinusOneDeletes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		resp, _ := saveWith(t, store, func(s *sessions.Session) {
			s.Values["username"] = "alice"
			s.Options.MaxAge = -1
		})
		browser.Want(t, "Set-Cookie: атрибути", attributes(setCookieHeader(t, resp)),
			"; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; Secure; SameSite=None")

		b := browser.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, _ := store.Get(r, sessionName)
			s.Values["username"] = "alice"
			if r.URL.Path == "/forget" {
				s.Options.MaxAge = -1
			}
			if err := s.Save(r, w); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
			}
		}))
		b.Get("/login")
		browser.Want(t, "кукі в браузері після входу", b.Cookie(sessionName) != nil, true)
		b.Get("/forget")
		browser.Want(t, "кукі в браузері після видалення", b.Cookie(sessionName) != nil, false)
	})
}

// Кукі-видалення від CookieStore усе ще несе підписані значення сесії
// (Flask надсилає порожнє значення).
func TestDeletionCookieCarriesValues(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = "alice"
		s.Options.MaxAge = -1
	})
	c := wantSetCookie(t, resp)
	s, err := load(t, store, c)
	browser.Want(t, "ім'я зі значення кукі-видалення", username(s), "alice")
	browser.Want(t, "помилка", browser.ErrText(err), browser.NoError)
}

// Go читає атрибут Max-Age=0 як http.Cookie.MaxAge == -1 («видалити
// зараз»); MaxAge == 0 у http.Cookie означає «атрибута немає».
func TestSetCookieMaxAgeZeroParsesAsMinusOne(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		s.Options.MaxAge = -1
	})
	browser.Want(t, "resp.Cookies()[0].MaxAge", wantSetCookie(t, resp).MaxAge, -1)
}

// gorilla/sessions і securecookie беруть час із time.Now, тож у
// бульбашці synctest кукі отримує Expires від її годинника
// (2000-01-01).
func TestCookieTimeFollowsSynctestClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		browser.Want(t, "time.Now() на початку бульбашки", time.Now().UTC(), bubbleStart)
		store := sessions.NewCookieStore(testKey)
		store.MaxAge(1800)
		c := login(t, store, "alice")
		browser.Want(t, "кукі: Expires", c.Expires.UTC(), bubbleStart.Add(30*time.Minute))
		browser.Want(t, "мітка часу всередині кукі", cookieTimestamp(t, c), bubbleStart.Unix())
	})
}

// Значення сесії не оновлюються самі: лише Save ставить нову мітку
// часу, тож строк store.MaxAge відлічується від останнього Save.
func TestOnlySaveRefreshesExpiry(t *testing.T) {
	t.Run("читання без Save не подовжує сесію", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			store := sessions.NewCookieStore(testKey)
			store.MaxAge(1800)
			c := login(t, store, "alice")
			time.Sleep(20 * time.Minute)
			rec := httptest.NewRecorder()
			r := newRequest(c)
			s, _ := store.Get(r, sessionName)
			_ = username(s)
			browser.Want(t, "Set-Cookie без Save",
				len(rec.Result().Header.Values("Set-Cookie")), 0)
			time.Sleep(11 * time.Minute)
			s, _ = load(t, store, c)
			browser.Want(t, "через 31 хв: ім'я", username(s), "")
		})
	})
	t.Run("Save через 20 хв подовжує сесію", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			store := sessions.NewCookieStore(testKey)
			store.MaxAge(1800)
			c := login(t, store, "alice")
			time.Sleep(20 * time.Minute)
			resp, _ := saveWith(t, store, nil, c)
			fresh := wantSetCookie(t, resp)
			browser.Want(t, "нове значення кукі відрізняється", fresh.Value != c.Value, true)
			time.Sleep(25 * time.Minute)
			s, _ := load(t, store, fresh)
			browser.Want(t, "через 45 хв: ім'я", username(s), "alice")
			s, _ = load(t, store, c)
			browser.Want(t, "стара кукі через 45 хв: ім'я", username(s), "")
		})
	})
}

// Строк життя не записується в кукі: session.Options.MaxAge живе лише
// до кінця запиту, наступний запит знову бере Options сховища.
func TestSessionMaxAgeIsNotRemembered(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	store.Options.MaxAge = 0
	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = "alice"
		s.Options.MaxAge = 1800
	})
	c := wantSetCookie(t, resp)
	browser.Want(t, "кукі: Max-Age", c.MaxAge, 1800)
	s, _ := load(t, store, c)
	browser.Want(t, "наступний запит: Options.MaxAge", s.Options.MaxAge, 0)
	browser.Want(t, "наступний запит: кількість значень", len(s.Values), 1)
}
