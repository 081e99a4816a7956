package apptest

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/securecookie"

	"example.com/lesson27/internal/browser"
)

// Специфікація сторінки «ваші сесії»: людина бачить кожен пристрій, на
// якому вона увійшла, і може завершити всі інші сесії. Це вміє лише
// сховище на сервері (крок 09 у файлах, застосунок у Redis), тож ціль
// тут — окремий тип, SessionsTarget, поверх Target.
//
//	GET  /sessions             — рядок на кожну живу сесію користувача
//	POST /sessions/end-others  — завершити всі, крім цієї; 303 на /sessions
//
// Рядок списку, у часі сервера (time.Local):
//
//	вхід 01.01.2000 00:00, востаннє 01.01.2000 00:15, Firefox на Linux
//
// «вхід» — коли сесія почалася (вхід під цим іменем), «востаннє» — коли
// сервер востаннє зберіг її (від цього моменту рахується таймаут
// бездіяльності), далі — опис браузера словами internal/device. Рядок
// цього самого браузера закінчується « (цей пристрій)».

// A SessionsTarget is an app with the pages «ваші сесії» and what the
// specification needs to reach into it. Target.Storage must be
// ServerSide: a cookie store keeps no list of a user's sessions.
type SessionsTarget struct {
	Target

	// Held returns a fresh app, like New, whose store is wrapped in
	// the returned HoldStore: the specification holds one request at
	// its Save to replay the race with «завершити інші». An app that
	// needs more of its store than sessions.Store (an index of a
	// user's sessions) reaches it through HoldStore.Unwrap, or keeps
	// the index beside the store.
	Held func(t *testing.T) (http.Handler, *HoldStore)

	// Key is the hash key New and Held sign cookies with. The
	// specification decodes each session ID from its cookie, to make
	// sure no page shows it.
	Key []byte

	// Shared returns two copies of the app that share one store, like
	// two instances on one Redis. nil: the app runs as one copy only
	// (files and a mutex of one process), and the scenario says so.
	Shared func(t *testing.T) (http.Handler, http.Handler)
}

// SessionsSpec runs the specification of the pages «ваші сесії»
// against tg.
func SessionsSpec(t *testing.T, tg SessionsTarget) {
	if tg.New == nil || tg.Held == nil || tg.Key == nil {
		t.Fatalf("apptest.SessionsSpec: New, Held і Key — отримали " +
			"порожнє поле, очікували всі три")
	}
	t.Run("список", func(t *testing.T) { specList(t, tg) })
	t.Run("завершити інші", func(t *testing.T) { specEndOthers(t, tg) })
	t.Run("гість", func(t *testing.T) { specSessionsGuest(t, tg) })
	t.Run("привиди", func(t *testing.T) { specNoGhosts(t, tg) })
	t.Run("перегони", func(t *testing.T) { specSessionsRace(t, tg) })
	t.Run("дві копії застосунку", func(t *testing.T) {
		specSharedStore(t, tg)
	})
}

// Заголовки User-Agent трьох пристроїв і те, як список їх описує.
const (
	uaFirefoxLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) " +
		"Gecko/20100101 Firefox/133.0"
	uaChromeWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " +
		"AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 " +
		"Safari/537.36"
	uaSafariIPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac " +
		"OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 " +
		"Mobile/15E148 Safari/604.1"

	firefoxLinux  = "Firefox на Linux"
	chromeWindows = "Chrome на Windows"
	safariIPhone  = "Safari на iPhone"
)

// thisDevice ends the line of the browser that asks for the list.
const thisDevice = " (цей пристрій)"

// timeLayout is how a line shows a moment, in the server's time zone.
const timeLayout = "02.01.2006 15:04"

// sessionLine is one line of the list, with its parts.
var sessionLine = regexp.MustCompile(`^вхід (\d\d\.\d\d\.\d{4} \d\d:\d\d), ` +
	`востаннє (\d\d\.\d\d\.\d{4} \d\d:\d\d), (.+?)( \(цей пристрій\))?$`)

// A listed is one line of the list, taken apart.
type listed struct {
	line, login, last, device string
	current                   bool
}

// device returns a browser of h that sends the User-Agent ua.
func device(t *testing.T, h http.Handler, ua string) *browser.Browser {
	b := browser.New(t, h)
	b.UserAgent = ua
	return b
}

// listOf opens /sessions in b and returns the page's lines. The page
// is plain text, marked as personal.
func listOf(t *testing.T, b *browser.Browser) ([]listed, *browser.Response) {
	t.Helper()
	r := b.Get("/sessions").WantStatus(http.StatusOK).WantPrivate()
	browser.Want(t, "GET /sessions: Content-Type",
		r.Header.Get("Content-Type"), "text/plain; charset=utf-8")
	browser.Want(t, "GET /sessions: X-Content-Type-Options",
		r.Header.Get("X-Content-Type-Options"), "nosniff")
	return parseList(t, "GET /sessions", r.Body), r
}

// parseList takes a list apart: every non-empty line must have the
// form of the specification.
func parseList(t *testing.T, what, body string) []listed {
	t.Helper()
	var out []listed
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		m := sessionLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("%s: рядок — отримали %q, очікували «вхід "+
				"ДД.ММ.РРРР ГГ:ХХ, востаннє ДД.ММ.РРРР ГГ:ХХ, браузер на "+
				"системі», у рядка цього браузера ще «%s» у кінці",
				what, l, thisDevice)
			continue
		}
		out = append(out, listed{line: l, login: m[1], last: m[2],
			device: m[3], current: m[4] != ""})
	}
	return out
}

// wantDevices checks the list b sees: a line for own, marked as this
// device, and one unmarked line for each of others, in any order.
func wantDevices(t *testing.T, b *browser.Browser, own string,
	others ...string) []listed {
	t.Helper()
	lines, r := listOf(t, b)
	body := strings.TrimSpace(r.Body)
	if len(lines) != 1+len(others) {
		t.Errorf("GET /sessions: сесій у списку — отримали %d (%q), "+
			"очікували %d: %s", len(lines), body, 1+len(others),
			describeWant(own, others))
		return lines
	}
	var marked []string
	var rest []string
	for _, l := range lines {
		if l.current {
			marked = append(marked, l.device)
		} else {
			rest = append(rest, l.device)
		}
	}
	if len(marked) != 1 || marked[0] != own {
		t.Errorf("GET /sessions: рядки з позначкою «%s» — отримали %q у "+
			"списку %q, очікували один рядок «%s»", strings.TrimSpace(
			thisDevice), marked, body, own)
	}
	slices.Sort(rest)
	want := slices.Clone(others)
	slices.Sort(want)
	if len(marked) == 1 && !slices.Equal(rest, want) {
		t.Errorf("GET /sessions: інші пристрої — отримали %q, очікували %q",
			rest, want)
	}
	return lines
}

// describeWant says in words which lines a list should have.
func describeWant(own string, others []string) string {
	s := "«" + own + thisDevice + "»"
	for _, o := range others {
		s += ", «" + o + "»"
	}
	return s
}

// sessionID decodes the session ID from cookie c with key, as the app
// does.
func sessionID(t *testing.T, key []byte, c *http.Cookie) string {
	t.Helper()
	var id string
	err := securecookie.DecodeMulti(sessionName, c.Value, &id,
		securecookie.CodecsFromPairs(key)...)
	if err != nil {
		t.Fatalf("кукі %s: ID сесії — отримали помилку %v, очікували "+
			"ID, підписаний ключем Target.Key", c.Name, err)
	}
	return id
}

// wantNoSecrets checks that a page shows no cookie value and no session
// ID, nor any 8 characters in a row of an ID: with them someone could
// find or rebuild the cookie.
func wantNoSecrets(t *testing.T, key []byte, what, body string,
	cookies ...*http.Cookie) {
	t.Helper()
	for _, c := range cookies {
		if strings.Contains(body, c.Value) {
			t.Errorf("%s: текст сторінки — отримали в ньому значення "+
				"кукі сесії, очікували сторінку без нього", what)
		}
		id := sessionID(t, key, c)
		for i := 0; i+8 <= len(id); i++ {
			if strings.Contains(body, id[i:i+8]) {
				t.Errorf("%s: текст сторінки — отримали в ньому "+
					"шматок ID сесії %q, очікували сторінку без ID",
					what, id[i:i+8])
				break
			}
		}
	}
}

// loggedInDevice logs b in as name and returns its session cookie.
func loggedInDevice(t *testing.T, b *browser.Browser,
	name string) *http.Cookie {
	t.Helper()
	Login(b, name, false)
	return wantCookie(t, b, "після входу "+name)
}

func specList(t *testing.T, tg SessionsTarget) {
	h := tg.New(t)
	a1 := device(t, h, uaFirefoxLinux)
	a2 := device(t, h, uaChromeWindows)
	bob := device(t, h, uaSafariIPhone)
	c1 := loggedInDevice(t, a1, "alice")
	c2 := loggedInDevice(t, a2, "alice")
	c3 := loggedInDevice(t, bob, "bob")

	t.Run("alice у двох браузерах — два рядки, її — з позначкою",
		func(t *testing.T) {
			wantDevices(t, a1, firefoxLinux, chromeWindows)
			wantDevices(t, a2, chromeWindows, firefoxLinux)
		})
	t.Run("bob бачить лише свою сесію", func(t *testing.T) {
		wantDevices(t, bob, safariIPhone)
	})
	t.Run("у списку немає ні ID сесії, ні значення кукі",
		func(t *testing.T) {
			for _, b := range []*browser.Browser{a1, a2, bob} {
				_, r := listOf(t, b)
				wantNoSecrets(t, tg.Key, "GET /sessions", r.Body,
					c1, c2, c3)
			}
		})
	t.Run("перегляд списку нікого не виводить", func(t *testing.T) {
		a1.Get("/").WantBody(loggedIn("alice"))
		a2.Get("/").WantBody(loggedIn("alice"))
		bob.Get("/").WantBody(loggedIn("bob"))
	})
	t.Run("User-Agent, що вдає рядок списку, лишається описом браузера",
		func(t *testing.T) {
			h := tg.New(t)
			a := device(t, h, uaFirefoxLinux)
			loggedInDevice(t, a, "alice")
			fake := device(t, h, "x"+thisDevice+", вхід 01.01.2000 00:00")
			loggedInDevice(t, fake, "alice")
			wantDevices(t, a, firefoxLinux, "невідомий браузер")
		})
	tg.withClock(t, "рядок каже, коли був вхід і коли сесію востаннє "+
		"збережено", func(t *testing.T) { specLineTimes(t, tg) })
}

// specLineTimes: alice logs in on Firefox, ten minutes later on
// Chrome, five minutes after that saves the Firefox session; a minute
// later Chrome's list tells both apart by time.
func specLineTimes(t *testing.T, tg SessionsTarget) {
	h := tg.New(t)
	start := time.Now()
	at := func(d time.Duration) string {
		return start.Add(d).Format(timeLayout)
	}
	a1 := device(t, h, uaFirefoxLinux)
	loggedInDevice(t, a1, "alice")
	time.Sleep(10 * time.Minute)
	a2 := device(t, h, uaChromeWindows)
	loggedInDevice(t, a2, "alice")
	time.Sleep(5 * time.Minute)
	a1.Get("/visits").WantBody(visits("1"))
	time.Sleep(time.Minute)

	lines := wantDevices(t, a2, chromeWindows, firefoxLinux)
	for _, l := range lines {
		if !l.current {
			browser.Want(t, "GET /sessions: рядок Firefox", l.line,
				"вхід "+at(0)+", востаннє "+at(15*time.Minute)+", "+
					firefoxLinux)
			continue
		}
		// Свій рядок: «востаннє» — коли сесію збережено востаннє, а
		// це або вхід, або щойно, якщо сторінка списку її зберегла.
		browser.Want(t, "GET /sessions: вхід у рядку Chrome", l.login,
			at(10*time.Minute))
		if l.last != at(10*time.Minute) && l.last != at(16*time.Minute) {
			t.Errorf("GET /sessions: «востаннє» в рядку Chrome — "+
				"отримали %q, очікували %q (вхід) або %q (щойно)",
				l.last, at(10*time.Minute), at(16*time.Minute))
		}
	}
}

func specEndOthers(t *testing.T, tg SessionsTarget) {
	h := tg.New(t)
	a1 := device(t, h, uaFirefoxLinux)
	a2 := device(t, h, uaChromeWindows)
	a3 := device(t, h, uaSafariIPhone)
	bob := device(t, h, uaChromeWindows)
	loggedInDevice(t, a1, "alice")
	stolen := loggedInDevice(t, a2, "alice")
	loggedInDevice(t, a3, "alice")
	loggedInDevice(t, bob, "bob")

	r := a1.PostForm("/sessions/end-others", nil).
		WantRedirect(http.StatusSeeOther, "/sessions").
		WantStatus(http.StatusOK).WantPrivate()
	t.Run("303 на /sessions, у списку — лише цей пристрій",
		func(t *testing.T) {
			what := "POST /sessions/end-others, сторінка після 303"
			lines := parseList(t, what, r.Body)
			if len(lines) != 1 || !lines[0].current ||
				lines[0].device != firefoxLinux {
				t.Errorf("%s — отримали %q, очікували один рядок «%s»",
					what, strings.TrimSpace(r.Body),
					firefoxLinux+thisDevice)
			}
			wantDevices(t, a1, firefoxLinux)
		})
	t.Run("інші браузери alice вийшли на наступній сторінці",
		func(t *testing.T) {
			for _, b := range []*browser.Browser{a2, a3} {
				b.Get("/").WantStatus(http.StatusOK).WantBody(anonymous)
				b.Get("/profile").WantBody(notLogged)
			}
		})
	t.Run("копія кукі завершеної сесії нічого не відкриває",
		func(t *testing.T) {
			thief := browser.New(t, h)
			thief.SetCookie(stolen)
			thief.Get("/").WantBody(anonymous)
			thief.Get("/profile").WantBody(notLogged)
		})
	t.Run("цей браузер і bob лишаються в сесії", func(t *testing.T) {
		a1.Get("/").WantBody(loggedIn("alice"))
		a1.Get("/profile").WantBody("User: alice")
		bob.Get("/").WantBody(loggedIn("bob"))
		wantDevices(t, bob, chromeWindows)
	})
	t.Run("ще раз — нічого не ламає", func(t *testing.T) {
		a1.PostForm("/sessions/end-others", nil).
			WantRedirect(http.StatusSeeOther, "/sessions")
		wantDevices(t, a1, firefoxLinux)
		a1.Get("/").WantBody(loggedIn("alice"))
	})
	t.Run("завершені пристрої входять знову як нові", func(t *testing.T) {
		loggedInDevice(t, a2, "alice")
		wantDevices(t, a1, firefoxLinux, chromeWindows)
	})
	t.Run("POST з іншого сайту — 403, інші сесії живі",
		func(t *testing.T) {
			a1.PostFromOtherSite("/sessions/end-others", "").
				WantStatus(http.StatusForbidden).WantPrivate()
			a2.Get("/").WantBody(loggedIn("alice"))
			wantDevices(t, a1, firefoxLinux, chromeWindows)
		})
}

func specSessionsGuest(t *testing.T, tg SessionsTarget) {
	h := tg.New(t)
	// sameAsProfile checks that /sessions answers a guest exactly as
	// /profile does, and sets no cookie.
	sameAsProfile := func(t *testing.T, b *browser.Browser) {
		t.Helper()
		p := b.Get("/profile")
		r := b.Get("/sessions").WantPrivate()
		browser.Want(t, "GET /sessions гостя: статус (як у /profile)",
			r.Status, p.Status)
		browser.Want(t, "GET /sessions гостя: текст (як у /profile)",
			strings.TrimSpace(r.Body), strings.TrimSpace(p.Body))
		browser.Want(t, "GET /sessions гостя: Content-Type (як у /profile)",
			r.Header.Get("Content-Type"), p.Header.Get("Content-Type"))
		if c := r.SetCookie(sessionName); c != nil {
			t.Errorf("GET /sessions гостя: кукі — отримали %s, "+
				"очікували відповідь без Set-Cookie", c)
		}
	}
	t.Run("GET /sessions — та сама відповідь, що й /profile",
		func(t *testing.T) {
			sameAsProfile(t, browser.New(t, h))
		})
	t.Run("після виходу — теж", func(t *testing.T) {
		b := device(t, h, uaFirefoxLinux)
		old := loggedInDevice(t, b, "alice")
		b.PostForm("/logout", nil).WantBody(anonymous)
		sameAsProfile(t, b)
		b.SetCookie(old)
		sameAsProfile(t, b)
	})
	t.Run("POST /sessions/end-others гостя — 303 на /sessions і нікого "+
		"не зачіпає", func(t *testing.T) {
		alice := device(t, h, uaFirefoxLinux)
		loggedInDevice(t, alice, "alice")
		guest := browser.New(t, h)
		r := guest.PostForm("/sessions/end-others", nil).
			WantRedirect(http.StatusSeeOther, "/sessions").WantPrivate()
		p := guest.Get("/profile")
		browser.Want(t, "POST /sessions/end-others гостя: сторінка",
			strings.TrimSpace(r.Body), strings.TrimSpace(p.Body))
		guest.Get("/").WantBody(anonymous)
		alice.Get("/").WantBody(loggedIn("alice"))
		wantDevices(t, alice, firefoxLinux)
	})
}

func specNoGhosts(t *testing.T, tg SessionsTarget) {
	t.Run("вихід прибирає рядок", func(t *testing.T) {
		h := tg.New(t)
		a1 := device(t, h, uaFirefoxLinux)
		a2 := device(t, h, uaChromeWindows)
		loggedInDevice(t, a1, "alice")
		loggedInDevice(t, a2, "alice")
		a2.PostForm("/logout", nil).WantBody(anonymous)
		wantDevices(t, a1, firefoxLinux)
	})
	t.Run("повторний вхід (новий ID) не лишає старого рядка",
		func(t *testing.T) {
			h := tg.New(t)
			a1 := device(t, h, uaFirefoxLinux)
			a2 := device(t, h, uaChromeWindows)
			loggedInDevice(t, a1, "alice")
			first := loggedInDevice(t, a2, "alice")
			second := loggedInDevice(t, a2, "alice")
			if first.Value == second.Value {
				t.Errorf("кукі після повторного входу — отримали ту саму, " +
					"очікували нову")
			}
			wantDevices(t, a1, firefoxLinux, chromeWindows)
			wantDevices(t, a2, chromeWindows, firefoxLinux)
		})
	t.Run("вхід під іншим ім'ям переносить рядок в інший список",
		func(t *testing.T) {
			h := tg.New(t)
			a1 := device(t, h, uaFirefoxLinux)
			a2 := device(t, h, uaChromeWindows)
			loggedInDevice(t, a1, "alice")
			loggedInDevice(t, a2, "alice")
			loggedInDevice(t, a2, "bob")
			wantDevices(t, a1, firefoxLinux)
			wantDevices(t, a2, chromeWindows)
		})
	tg.withClock(t, "таймаут бездіяльності: сесія, що мовчала 31 "+
		"хвилину, зникає зі списку", func(t *testing.T) {
		h := tg.New(t)
		a1 := device(t, h, uaFirefoxLinux)
		a2 := device(t, h, uaChromeWindows)
		loggedInDevice(t, a1, "alice")
		loggedInDevice(t, a2, "alice")
		time.Sleep(activityEvery)
		a1.Get("/visits").WantBody(visits("1"))
		time.Sleep(lifetime + time.Minute - activityEvery)
		wantDevices(t, a1, firefoxLinux)
		a2.Get("/").WantBody(anonymous)
	})
	tg.withClock(t, "абсолютний строк: сесія, якій минуло 12 годин, "+
		"зникає зі списку, хоч була активна", func(t *testing.T) {
		h := tg.New(t)
		a1 := device(t, h, uaFirefoxLinux)
		a2 := device(t, h, uaChromeWindows)
		loggedInDevice(t, a1, "alice")
		first := time.Now()
		// Обидві активні: таймаут бездіяльності жодну не зупинить.
		for time.Since(first)+activityEvery < ordinaryCap {
			time.Sleep(activityEvery)
			a1.Get("/visits")
			switch since := time.Since(first); {
			case since == time.Hour:
				loggedInDevice(t, a2, "alice")
			case since > time.Hour:
				a2.Get("/visits")
			}
		}
		wantDevices(t, a2, chromeWindows, firefoxLinux)
		time.Sleep(ordinaryCap - time.Since(first) + time.Minute)
		wantDevices(t, a2, chromeWindows)
		a1.Get("/").WantBody(anonymous)
	})
	t.Run("десять одночасних входів — десять рядків", func(t *testing.T) {
		h := tg.New(t)
		devices := make([]*browser.Browser, 10)
		var wg sync.WaitGroup
		for i := range devices {
			devices[i] = device(t, h, uaFirefoxLinux)
			wg.Go(func() { Login(devices[i], "alice", false) })
		}
		wg.Wait()
		for i, d := range devices {
			wantCookie(t, d, fmt.Sprintf("після входу %d з 10", i+1))
		}
		others := slices.Repeat([]string{firefoxLinux}, len(devices)-1)
		wantDevices(t, devices[0], firefoxLinux, others...)
		wantDevices(t, devices[9], firefoxLinux, others...)
	})
}

func specSessionsRace(t *testing.T, tg SessionsTarget) {
	h, s := tg.Held(t)
	for i := range 20 {
		keeper := device(t, h, uaFirefoxLinux)
		loggedInDevice(t, keeper, "alice")
		ended := device(t, h, uaChromeWindows)
		c := loggedInDevice(t, ended, "alice")
		// Запит іншого браузера прочитав свою сесію і чекає на Save,
		// а тим часом цей браузер завершує інші сесії.
		finish := startHeld(t, h, s, "/visits", c)
		keeper.PostForm("/sessions/end-others", nil).
			WantRedirect(http.StatusSeeOther, "/sessions")
		resp := finish()

		what := "GET /visits, що почався до «завершити інші»"
		browser.Want(t, what+": статус", resp.StatusCode,
			http.StatusSeeOther)
		browser.Want(t, what+": Location", resp.Header.Get("Location"), "/")
		for _, c := range resp.Cookies() {
			t.Errorf("%s: кукі — отримали %s, очікували відповідь "+
				"без Set-Cookie", what, c)
		}
		ended.Get("/").WantBody(anonymous)
		thief := browser.New(t, h)
		thief.SetCookie(c)
		thief.Get("/profile").WantBody(notLogged)
		wantDevices(t, keeper, firefoxLinux)
		if t.Failed() {
			t.Fatalf("спроба %d з 20: завершена сесія ожила", i+1)
		}
	}
}

func specSharedStore(t *testing.T, tg SessionsTarget) {
	if tg.Shared == nil {
		t.Run("одна копія застосунку — так задумано: сценарій двох "+
			"копій перевіряє застосунок у Redis", func(t *testing.T) {
			t.Skip("сесії й індекс цього застосунку живуть в одному " +
				"процесі")
		})
		return
	}
	h1, h2 := tg.Shared(t)
	a1 := device(t, h1, uaFirefoxLinux)
	a2 := device(t, h2, uaChromeWindows)
	bob := device(t, h2, uaSafariIPhone)
	loggedInDevice(t, a1, "alice")
	loggedInDevice(t, a2, "alice")
	loggedInDevice(t, bob, "bob")
	t.Run("список на одній копії бачить вхід на іншій",
		func(t *testing.T) {
			wantDevices(t, a1, firefoxLinux, chromeWindows)
			wantDevices(t, a2, chromeWindows, firefoxLinux)
		})
	t.Run("«завершити інші» на одній копії виводить і на іншій",
		func(t *testing.T) {
			a1.PostForm("/sessions/end-others", nil).
				WantRedirect(http.StatusSeeOther, "/sessions")
			a2.Get("/").WantBody(anonymous)
			a1.Get("/").WantBody(loggedIn("alice"))
			bob.Get("/").WantBody(loggedIn("bob"))
			wantDevices(t, a1, firefoxLinux)
		})
}
