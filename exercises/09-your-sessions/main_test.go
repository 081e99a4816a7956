package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// [09.1] alice у двох браузерах і bob в одному: кожен бачить лише свої
// сесії, свою — з позначкою.
func TestSessionsList(t *testing.T) {
	h, _ := newApp(t)
	a1, a2, bob := visitor(t, h, uaFirefox), visitor(t, h, uaChrome), visitor(t, h, uaSafari)
	c1 := loggedIn(t, a1, "alice")
	c2 := loggedIn(t, a2, "alice")
	c3 := loggedIn(t, bob, "bob")

	t.Run("alice — два рядки, її браузер позначено", func(t *testing.T) {
		wantList(t, a1, firefox, chrome)
		wantList(t, a2, chrome, firefox)
	})
	t.Run("bob — лише свій рядок", func(t *testing.T) {
		wantList(t, bob, safari)
	})
	t.Run("у списку немає ні ID сесії, ні значення кукі", func(t *testing.T) {
		r, ok := list(t, a1)
		if !ok {
			return
		}
		for _, c := range []*http.Cookie{c1, c2, c3} {
			if strings.Contains(r.Body, c.Value) {
				t.Errorf("GET /sessions: текст сторінки — отримали в ньому значення кукі, " +
					"очікували сторінку без нього")
			}
			if id := idOf(t, c); strings.Contains(r.Body, id[:8]) {
				t.Errorf("GET /sessions: текст сторінки — отримали в ньому ID сесії %q, "+
					"очікували сторінку без ID", id)
			}
		}
	})
	t.Run("перегляд списку нікого не виводить", func(t *testing.T) {
		a1.Get("/").WantBody("Logged in as alice")
		a2.Get("/").WantBody("Logged in as alice")
		bob.Get("/").WantBody("Logged in as bob")
	})
	// [09.2] User-Agent пише сам відвідувач: у списку — лише слова deviceOf.
	t.Run("User-Agent, що вдає рядок списку, показано словами, а не як є",
		func(t *testing.T) {
			h, _ := newApp(t)
			a := visitor(t, h, uaFirefox)
			loggedIn(t, a, "alice")
			fake := visitor(t, h, "x (цей пристрій), вхід 01.01.2000 00:00")
			loggedIn(t, fake, "alice")
			wantList(t, a, firefox, "невідомий браузер")
		})
}

// [09.3] Рядок каже, коли був вхід, у часі сервера. Новий ID після
// «завершити інші» — це та сама сесія, тож і час входу той самий.
func TestLoginTimeInList(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := newApp(t)
		start := time.Now()
		at := func(d time.Duration) string {
			return start.Add(d).Format("02.01.2006 15:04")
		}
		a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		loggedIn(t, a1, "alice")
		time.Sleep(10 * time.Minute)
		loggedIn(t, a2, "alice")
		time.Sleep(5 * time.Minute)

		r, ok := list(t, a1)
		if !ok {
			return
		}
		want := []string{"вхід " + at(0) + ", " + firefox + thisDevice,
			"вхід " + at(10*time.Minute) + ", " + chrome}
		for _, w := range want {
			if !strings.Contains("\n"+r.Body, "\n"+w+"\n") {
				t.Errorf("GET /sessions: рядок — отримали список %q, очікували в ньому %q",
					strings.TrimSpace(r.Body), w)
			}
		}

		time.Sleep(5 * time.Minute)
		r = endOthers(a1)
		browser.Want(t, "POST /sessions/end-others через 20 хвилин після входу: сторінка",
			strings.TrimSpace(r.Body), "вхід "+at(0)+", "+firefox+thisDevice)
	})
}

// [09.4] «Завершити інші»: інші браузери цього користувача виходять на
// наступній сторінці, цей і чужі — ні.
func TestEndOthers(t *testing.T) {
	h, dir := newApp(t)
	a1, a2, a3 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome), visitor(t, h, uaSafari)
	bob := visitor(t, h, uaChrome)
	loggedIn(t, a1, "alice")
	c2 := loggedIn(t, a2, "alice")
	c3 := loggedIn(t, a3, "alice")
	loggedIn(t, bob, "bob")

	r := endOthers(a1).WantRedirect(http.StatusSeeOther, "/sessions").WantStatus(http.StatusOK)
	wantRows(t, "POST /sessions/end-others, сторінка після 303", r.Body, firefox)

	t.Run("інші браузери alice вийшли", func(t *testing.T) {
		a2.Get("/").WantBody(anonymous)
		a3.Get("/").WantBody(anonymous)
	})
	t.Run("копії їхніх кукі нічого не відкривають", func(t *testing.T) {
		for _, c := range []*http.Cookie{c2, c3} {
			thief := browser.New(t, h)
			thief.SetCookie(c)
			thief.Get("/").WantBody(anonymous)
		}
	})
	t.Run("цей браузер лишається в сесії", func(t *testing.T) {
		a1.Get("/").WantBody("Logged in as alice")
		wantList(t, a1, firefox)
	})
	t.Run("bob не зачеплено", func(t *testing.T) {
		bob.Get("/").WantBody("Logged in as bob")
		wantList(t, bob, chrome)
	})
	t.Run("на диску — лише сесії alice в цьому браузері і bob", func(t *testing.T) {
		wantFiles(t, dir, 2)
	})
	t.Run("ще раз — нічого не ламає", func(t *testing.T) {
		endOthers(a1).WantRedirect(http.StatusSeeOther, "/sessions")
		a1.Get("/").WantBody("Logged in as alice")
		wantList(t, a1, firefox)
	})
	t.Run("завершений браузер входить знову як новий", func(t *testing.T) {
		loggedIn(t, a2, "alice")
		wantList(t, a1, firefox, chrome)
	})
}

// [09.5] Цей браузер після «завершити інші» отримує новий ID, а старий
// видалено: копію його кукі міг зробити той самий, від кого людина
// виходить на інших пристроях.
func TestEndOthersRenewsID(t *testing.T) {
	h, dir := newApp(t)
	a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
	before := loggedIn(t, a1, "alice")
	loggedIn(t, a2, "alice")

	r := endOthers(a1)
	c := r.Hops[0].Cookie(sessionName)
	if c == nil {
		t.Fatalf("POST /sessions/end-others: кукі %q — отримали відповідь без неї, "+
			"очікували Set-Cookie з новим ID", sessionName)
	}
	if idOf(t, c) == idOf(t, before) {
		t.Errorf("POST /sessions/end-others: ID сесії в кукі — отримали той самий, " +
			"що до завершення, очікували новий")
	}
	browser.Want(t, "POST /sessions/end-others: Max-Age кукі", c.MaxAge, 1800)
	a1.Get("/").WantBody("Logged in as alice")

	t.Run("копія кукі з-перед завершення нічого не відкриває", func(t *testing.T) {
		thief := browser.New(t, h)
		thief.SetCookie(before)
		thief.Get("/").WantBody(anonymous)
		wantFiles(t, dir, 1)
	})
}

// [09.6] Гість: список — як головна, кнопка — нікого не зачіпає.
func TestGuest(t *testing.T) {
	h, dir := newApp(t)
	guest := browser.New(t, h)
	r := guest.Get("/sessions").WantStatus(http.StatusOK).WantBody(anonymous)
	browser.Want(t, "GET /sessions гостя: Content-Type", r.Header.Get("Content-Type"),
		"text/plain; charset=utf-8")
	if c := r.SetCookie(sessionName); c != nil {
		t.Errorf("GET /sessions гостя: кукі — отримали %s, очікували відповідь без Set-Cookie", c)
	}

	alice := visitor(t, h, uaFirefox)
	loggedIn(t, alice, "alice")
	endOthers(guest).WantRedirect(http.StatusSeeOther, "/sessions").WantBody(anonymous)
	alice.Get("/").WantBody("Logged in as alice")
	wantList(t, alice, firefox)
	wantFiles(t, dir, 1)

	t.Run("після виходу — теж гість", func(t *testing.T) {
		old := cookieOf(t, alice, "до виходу")
		alice.PostForm("/logout", nil).WantBody(anonymous)
		alice.Get("/sessions").WantBody(anonymous)
		alice.SetCookie(old)
		alice.Get("/sessions").WantBody(anonymous)
		endOthers(alice).WantRedirect(http.StatusSeeOther, "/sessions").WantBody(anonymous)
	})
}

// [09.7] Вихід, повторний вхід і вхід під іншим ім'ям не лишають у
// списку рядків, за якими немає живої сесії.
func TestNoGhostLines(t *testing.T) {
	t.Run("вихід прибирає рядок", func(t *testing.T) {
		h, _ := newApp(t)
		a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		loggedIn(t, a1, "alice")
		loggedIn(t, a2, "alice")
		a2.PostForm("/logout", nil).WantBody(anonymous)
		wantList(t, a1, firefox)
	})
	t.Run("повторний вхід — той самий один рядок", func(t *testing.T) {
		h, _ := newApp(t)
		a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		loggedIn(t, a1, "alice")
		loggedIn(t, a2, "alice")
		loggedIn(t, a2, "alice")
		wantList(t, a1, firefox, chrome)
	})
	t.Run("вхід під іншим ім'ям переносить рядок в інший список", func(t *testing.T) {
		h, _ := newApp(t)
		a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		loggedIn(t, a1, "alice")
		loggedIn(t, a2, "alice")
		loggedIn(t, a2, "bob")
		wantList(t, a1, firefox)
		wantList(t, a2, chrome)
	})
}

// [09.8] Сесія, якої сервер уже не прийняв би (таймаут бездіяльності —
// 30 хвилин від останнього збереження), у списку не з'являється.
func TestExpiredSessionNotListed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := newApp(t)
		a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		loggedIn(t, a1, "alice")
		time.Sleep(20 * time.Minute)
		loggedIn(t, a2, "alice")
		wantList(t, a2, chrome, firefox)
		time.Sleep(11 * time.Minute)
		wantList(t, a2, chrome)
		a1.Get("/").WantBody(anonymous)
	})
}

// [09.9] Перезапуск сервера: новий обробник на тій самій теці. Сесії
// пережили його — і список, і «завершити інші» мають їх знати.
func TestServerRestart(t *testing.T) {
	dir := t.TempDir()
	before := newHandler(newStore(dir, testKey))
	c1 := loggedIn(t, visitor(t, before, uaFirefox), "alice")
	c2 := loggedIn(t, visitor(t, before, uaChrome), "alice")

	after := newHandler(newStore(dir, testKey))
	a1, a2 := visitor(t, after, uaFirefox), visitor(t, after, uaChrome)
	a1.SetCookie(c1)
	a2.SetCookie(c2)
	a2.Get("/").WantBody("Logged in as alice")
	if r, ok := list(t, a1); ok {
		wantRows(t, "GET /sessions після перезапуску сервера", r.Body, firefox, chrome)
	}
	endOthers(a1).WantRedirect(http.StatusSeeOther, "/sessions")
	a2.Get("/").WantBody(anonymous)
	a1.Get("/").WantBody("Logged in as alice")
}

// [09.10] Перегони: «завершити інші» прочитало сесію, а тим часом у
// другій вкладці того самого браузера людина вийшла. Сесія, з якої
// вийшли, не має ожити під новим ID — 20 разів поспіль.
func TestEndOthersRaceWithLogout(t *testing.T) {
	for i := range 20 {
		dir := t.TempDir()
		s := newHoldStore(dir)
		h := newHandler(s)
		keeper, other := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		c := loggedIn(t, keeper, "alice")
		loggedIn(t, other, "alice")

		finish, held := startHeld(t, h, s, atGet, http.MethodPost, "/sessions/end-others", c)
		if !held {
			t.Fatalf("POST /sessions/end-others: запит закінчився, не прочитавши сесії")
		}
		tab := browser.New(t, h)
		tab.SetCookie(c)
		tab.PostForm("/logout", nil).WantBody(anonymous)
		resp := finish()

		what := "POST /sessions/end-others, що почався до виходу в іншій вкладці"
		browser.Want(t, what+": статус", resp.StatusCode, http.StatusSeeOther)
		browser.Want(t, what+": Location", resp.Header.Get("Location"), "/")
		wantNoCookie(t, what, resp)
		thief := browser.New(t, h)
		thief.SetCookie(c)
		thief.Get("/").WantBody(anonymous)
		// Свіжий вхід бачить себе і другий браузер — і нічого, що ожило.
		fresh := visitor(t, h, uaSafari)
		loggedIn(t, fresh, "alice")
		wantList(t, fresh, safari, chrome)
		wantFiles(t, dir, 2)
		if t.Failed() {
			t.Fatalf("спроба %d з 20: сесія, з якої вийшли, ожила або завершила інших", i+1)
		}
	}
}

// [09.11] Перегони: людина завершує інші сесії, а запит «завершити
// інші» з пристрою, який вона завершує, почався трохи раніше.
// Завершений пристрій уже нічого не може: ні вижити під новим ID, ні
// завершити її.
func TestEndedDeviceCannotEndOthers(t *testing.T) {
	for i := range 20 {
		s := newHoldStore(t.TempDir())
		h := newHandler(s)
		owner, thief := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		loggedIn(t, owner, "alice")
		c := loggedIn(t, thief, "alice")

		finish, held := startHeld(t, h, s, atGet, http.MethodPost, "/sessions/end-others", c)
		if !held {
			t.Fatalf("POST /sessions/end-others: запит закінчився, не прочитавши сесії")
		}
		endOthers(owner).WantRedirect(http.StatusSeeOther, "/sessions")
		resp := finish()

		what := "POST /sessions/end-others з пристрою, який тим часом завершили"
		browser.Want(t, what+": статус", resp.StatusCode, http.StatusSeeOther)
		browser.Want(t, what+": Location", resp.Header.Get("Location"), "/")
		wantNoCookie(t, what, resp)
		owner.Get("/").WantBody("Logged in as alice")
		thief.Get("/").WantBody(anonymous)
		wantList(t, owner, firefox)
		if t.Failed() {
			t.Fatalf("спроба %d з 20: завершений пристрій щось зробив", i+1)
		}
	}
}

// [09.12] Два відвідувачі одночасно: поки сторінка alice будується (сховище
// притримало її запит на першому Load після читання сесії), bob
// відкриває свою. Кожен бачить своє: стан відвідувача живе в його
// сесії, а не в змінній на весь сервер. Перебіг подій той самий щоразу.
// Розв'язок, у якого сторінка bob чекає на сторінку alice (м'ютекс на
// весь список), теж правильний: тест чекає на bob 5 секунд, відпускає
// alice і дочікується обох.
func TestTwoVisitorsAtOnce(t *testing.T) {
	s := newHoldStore(t.TempDir())
	h := newHandler(s)
	a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
	b1, b2 := visitor(t, h, uaSafari), visitor(t, h, uaChrome)
	c := loggedIn(t, a1, "alice")
	loggedIn(t, a2, "alice")
	loggedIn(t, b1, "bob")
	loggedIn(t, b2, "bob")

	finish, _ := startHeld(t, h, s, afterGet, http.MethodGet, "/sessions", c)
	bobDone := make(chan string, 1)
	go func() { bobDone <- b1.Get("/sessions").Body }()
	var bobPage string
	select {
	case bobPage = <-bobDone:
	case <-time.After(waitLimit):
		// bob чекає, доки сторінка alice закінчиться: так теж можна.
	}
	resp := finish()
	if bobPage == "" {
		bobPage = <-bobDone
	}
	alicePage, _ := io.ReadAll(resp.Body)
	wantRows(t, "GET /sessions alice, поки bob відкривав свою", string(alicePage),
		firefox, chrome)
	wantRows(t, "GET /sessions bob, поки сторінка alice будувалася", bobPage, safari, chrome)
	a1.Get("/").WantBody("Logged in as alice")
	b1.Get("/").WantBody("Logged in as bob")
}

// [09.13] Багато відвідувачів одночасно, як на справжньому сервері:
// net/http обслуговує кожен запит у своїй горутині. Вісім користувачів
// по два браузери входять, двічі відкривають список, завершують інші
// сесії і виходять — спершу по одному, потім усі разом (browser.AtOnce).
//
// Правильний розв'язок тут не падає ніколи: кожен запит бере сесію зі
// своєї кукі, а індекс кожного користувача свій, тож хоч би як
// перемежовувалися запити, кожен бачить те саме, що бачив би сам
// (0 невдач з 1000 запусків, і 0 з 50 запусків усіх тестів під
// детектором перегонів).
//
// Сесія в змінній на рівні пакета (звичка з Flask) — одна змінна на всі
// запити. yieldStore перемежовує запити там, де обробник уже тримає
// сесію. Обробник, що читає змінну після Load, Save чи Renew, тут падає
// 1000 разів з 1000; той, що читає сесії списку власним методом
// сховища, — теж 1000 з 1000 (поки запит чекає на м'ютекс чи диск,
// інші кладуть у змінну свої сесії). Обробника, що бере зі змінної все
// одразу, без детектора майже не видно (6 з 1000): вікно — кілька
// рядків. Його ловить детектор перегонів (go test -race, під яким
// go run ./cmd/course повторює тести, що пройшли): 300 з 300.
// Виміряно на двох ядрах.
func TestManyVisitorsAtOnce(t *testing.T) {
	h := newHandler(yieldStore{newStore(t.TempDir(), testKey)})
	browser.AtOnce(t, 8, func(t testing.TB, i int) {
		name := fmt.Sprintf("user%d", i)
		laptop, phone := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
		login(laptop, name).WantBody("Logged in as " + name)
		login(phone, name).WantBody("Logged in as " + name)
		for range 2 {
			wantList(t, laptop, firefox, chrome)
			wantList(t, phone, chrome, firefox)
		}
		if t.Failed() {
			return // далі ті самі повідомлення повторилися б
		}
		r := endOthers(laptop).WantRedirect(http.StatusSeeOther, "/sessions")
		wantRows(t, "POST /sessions/end-others ("+name+")", r.Body, firefox)
		phone.Get("/").WantBody(anonymous)
		laptop.Get("/").WantBody("Logged in as " + name)
		// Вихід: наступний прохід починає з чистого списку.
		laptop.PostForm("/logout", nil).WantBody(anonymous)
	})
}

// [09.14] Кожна відповідь залежить від сесії, тож кожна — особиста:
// сторінки, переспрямування, відмова 400 і 500 (сховище, яке не може
// зберегти сесію), для гостя і для того, хто увійшов. 403 на форму з
// чужого сайту, 404 на невідомій адресі і 405 на чужий метод
// AllResponsesPrivate робить сама.
func TestEveryResponseIsPrivate(t *testing.T) {
	browser.AllResponsesPrivate(t, newHandler(newStore(t.TempDir(), testKey)),
		func(b *browser.Browser) {
			b.UserAgent = uaFirefox
			b.Get("/")
			b.Get("/sessions")
			endOthers(b)
			login(b, "alice")
			b.Get("/sessions")
			endOthers(b)
			b.PostForm("/logout", nil)
		},
		func(b *browser.Browser) {
			b.PostForm("/login", url.Values{"username": {""}}).
				WantStatus(http.StatusBadRequest)
		})
	browser.AllResponsesPrivate(t, newHandler(brokenSave{newStore(t.TempDir(), testKey)}),
		func(b *browser.Browser) {
			login(b, "alice").WantStatus(http.StatusInternalServerError)
		})
}

// brokenSave — сховище застосунку, яке читає сесії, але не може їх
// зберегти (наприклад, диск повний).
type brokenSave struct{ *fileStore }

func (s brokenSave) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

func (s brokenSave) Save(*http.Request, http.ResponseWriter, *sessions.Session) error {
	return errors.New("сховище зламалося")
}

// [09.15] Кнопка з чужого сайту не спрацьовує: 403, і всі сесії живі.
func TestCrossSiteRefused(t *testing.T) {
	h, _ := newApp(t)
	a1, a2 := visitor(t, h, uaFirefox), visitor(t, h, uaChrome)
	loggedIn(t, a1, "alice")
	loggedIn(t, a2, "alice")
	a1.PostFromOtherSite("/sessions/end-others", "").WantStatus(http.StatusForbidden)
	a2.Get("/").WantBody("Logged in as alice")
	wantList(t, a1, firefox, chrome)
}
