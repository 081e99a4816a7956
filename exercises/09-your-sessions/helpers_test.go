package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const (
	anonymous  = "You are not logged in"
	thisDevice = " (цей пристрій)"
)

// Заголовки User-Agent трьох браузерів і те, як їх описує список.
const (
	uaFirefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	uaChrome  = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " +
		"(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
	uaSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) " +
		"AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"

	firefox = "Firefox на Linux"
	chrome  = "Chrome на Windows"
	safari  = "Safari на iPhone"
)

// newApp повертає застосунок і теку, де він тримає сесії.
func newApp(t *testing.T) (http.Handler, string) {
	dir := t.TempDir()
	return newHandler(newStore(dir, testKey)), dir
}

// visitor повертає браузер застосунку h, що називає себе ua.
func visitor(t testing.TB, h http.Handler, ua string) *browser.Browser {
	b := browser.New(t, h)
	b.UserAgent = ua
	return b
}

// login входить у браузері b під іменем name.
func login(b *browser.Browser, name string) *browser.Response {
	return b.PostForm("/login", url.Values{"username": {name}})
}

// endOthers натискає «вийти на всіх інших пристроях».
func endOthers(b *browser.Browser) *browser.Response {
	return b.PostForm("/sessions/end-others", nil)
}

// loggedIn входить у b під іменем name і повертає кукі сесії. Вхід —
// готовий код: якщо він не вдався, далі перевіряти нема чого.
func loggedIn(t *testing.T, b *browser.Browser, name string) *http.Cookie {
	t.Helper()
	login(b, name).WantBody("Logged in as " + name)
	return cookieOf(t, b, "після входу "+name)
}

// cookieOf повертає кукі сесії з браузера або зупиняє тест.
func cookieOf(t *testing.T, b *browser.Browser, when string) *http.Cookie {
	t.Helper()
	c := b.Cookie(sessionName)
	if c == nil {
		t.Fatalf("%s: кукі %q у браузері — отримали браузер без неї, "+
			"очікували, що вона там є", when, sessionName)
	}
	return c
}

// idOf розкодовує ID сесії з кукі c тим самим ключем, що й застосунок.
func idOf(t *testing.T, c *http.Cookie) string {
	t.Helper()
	var id string
	err := securecookie.DecodeMulti(sessionName, c.Value, &id,
		securecookie.CodecsFromPairs(testKey)...)
	if err != nil {
		t.Fatalf("кукі сесії: ID — отримали помилку %v, очікували "+
			"підписаний ID (кукі несе не лише ID?)", err)
	}
	return id
}

// wantFiles перевіряє, скільки файлів сесій лежить у теці dir.
func wantFiles(t *testing.T, dir string, want int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "session_*"))
	browser.Want(t, "файлів сесій у теці", len(files), want)
}

// listLine — рядок списку: «вхід ДД.ММ.РРРР ГГ:ХХ, браузер» і, можливо,
// позначка цього пристрою.
var listLine = regexp.MustCompile(
	`^вхід (\d\d\.\d\d\.\d{4} \d\d:\d\d), (.+?)( \(цей пристрій\))?$`)

// A row is one line of the list /sessions, taken apart.
type row struct {
	text, login, device string
	current             bool
}

// rows takes the page /sessions apart; a line of another form is an
// error.
func rows(t testing.TB, what, body string) []row {
	t.Helper()
	var out []row
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		m := listLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("%s: рядок — отримали %q, очікували «вхід ДД.ММ.РРРР "+
				"ГГ:ХХ, браузер на системі» (у рядка цього браузера ще "+
				"«%s» у кінці)", what, l, thisDevice)
			continue
		}
		out = append(out, row{l, m[1], m[2], m[3] != ""})
	}
	return out
}

// list opens /sessions in b: a page of plain text. ok is false if the
// page is not 200 OK (the test has already said so): there is no list
// to check then.
func list(t testing.TB, b *browser.Browser) (r *browser.Response, ok bool) {
	t.Helper()
	r = b.Get("/sessions").WantStatus(http.StatusOK)
	if r.Status != http.StatusOK {
		return r, false
	}
	browser.Want(t, "GET /sessions: Content-Type", r.Header.Get("Content-Type"),
		"text/plain; charset=utf-8")
	browser.Want(t, "GET /sessions: X-Content-Type-Options",
		r.Header.Get("X-Content-Type-Options"), "nosniff")
	return r, true
}

// wantRows checks a list: a line for own, marked as this device, and
// one unmarked line for each of others, in any order.
func wantRows(t testing.TB, what, body string, own string, others ...string) []row {
	t.Helper()
	got := rows(t, what, body)
	text := strings.TrimSpace(body)
	if len(got) != 1+len(others) {
		t.Errorf("%s: сесій у списку — отримали %d (%q), очікували %d",
			what, len(got), text, 1+len(others))
		return got
	}
	var marked, rest []string
	for _, r := range got {
		if r.current {
			marked = append(marked, r.device)
		} else {
			rest = append(rest, r.device)
		}
	}
	if len(marked) != 1 || marked[0] != own {
		t.Errorf("%s: рядки з позначкою «(цей пристрій)» — отримали %q у списку %q, "+
			"очікували один, «%s»", what, marked, text, own)
		return got
	}
	slices.Sort(rest)
	want := slices.Sorted(slices.Values(others))
	if !slices.Equal(rest, want) {
		t.Errorf("%s: інші пристрої — отримали %q, очікували %q", what, rest, want)
	}
	return got
}

// wantList opens /sessions in b and checks it as wantRows does.
func wantList(t testing.TB, b *browser.Browser, own string, others ...string) []row {
	t.Helper()
	r, ok := list(t, b)
	if !ok {
		return nil
	}
	return wantRows(t, "GET /sessions", r.Body, own, others...)
}

// Притримати запит: тест «зупиняє» запит одного браузера в певному
// місці, робить щось іншим браузером і відпускає перший. Так перебіг
// подій той самий щоразу, без жодних пауз.

// A holdPoint says where holdStore holds the request the test started.
type holdPoint int32

const (
	// atGet: щойно запит прочитав свою сесію, до всього іншого.
	atGet holdPoint = iota + 1
	// afterGet: на першому зверненні до сховища після читання сесії
	// (Load, Save чи Renew).
	afterGet
)

// holdStore обгортає сховище з newStore. Решту методів (і ті, що ви
// допишете до fileStore) він бере в нього як є.
type holdStore struct {
	*fileStore
	armed            atomic.Int32 // holdPoint, поки запит ще не притримано
	reached, release chan struct{}
}

func newHoldStore(dir string) *holdStore {
	return &holdStore{fileStore: newStore(dir, testKey),
		reached: make(chan struct{}), release: make(chan struct{})}
}

// hold притримує запит, якщо тест чекає саме на точку at.
func (s *holdStore) hold(at holdPoint) {
	if s.armed.CompareAndSwap(int32(at), 0) {
		s.reached <- struct{}{}
		<-s.release
	}
}

func (s *holdStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	session, err := sessions.GetRegistry(r).Get(s, name)
	s.hold(atGet)
	return session, err
}

func (s *holdStore) Save(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	s.hold(afterGet)
	return s.fileStore.Save(r, w, session)
}

func (s *holdStore) Renew(r *http.Request, session *sessions.Session) error {
	s.hold(afterGet)
	return s.fileStore.Renew(r, session)
}

func (s *holdStore) Load(id string) (map[any]any, error) {
	s.hold(afterGet)
	return s.fileStore.Load(id)
}

// yieldStore обгортає сховище з newStore так само, як holdStore, але
// нікого не притримує: прочитавши сесію і після кожного звернення до
// сховища, яке бачить тест, запит поступається процесором іншим
// горутинам. Відвідувачі browser.AtOnce, що йдуть одночасно на одному
// процесорі, тоді перемежовуються саме там, де обробник уже тримає
// сесію і ще працює з нею.
type yieldStore struct{ *fileStore }

func (s yieldStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	session, err := sessions.GetRegistry(r).Get(s, name)
	runtime.Gosched()
	return session, err
}

func (s yieldStore) Save(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	err := s.fileStore.Save(r, w, session)
	runtime.Gosched()
	return err
}

func (s yieldStore) Renew(r *http.Request, session *sessions.Session) error {
	err := s.fileStore.Renew(r, session)
	runtime.Gosched()
	return err
}

func (s yieldStore) Load(id string) (map[any]any, error) {
	values, err := s.fileStore.Load(id)
	runtime.Gosched()
	return values, err
}

// waitLimit — скільки реального часу чекати на запит, що мав би вже
// закінчитися: довше чекає лише запит, що завис (замкнений м'ютекс).
const waitLimit = 5 * time.Second

// startHeld починає запит method path з кукі c і повертається, коли
// сховище притримало його в точці at, або коли запит закінчився, так
// і не дійшовши до неї (held == false). finish відпускає запит і
// повертає відповідь.
func startHeld(t *testing.T, h http.Handler, s *holdStore, at holdPoint,
	method, path string, c *http.Cookie) (finish func() *http.Response, held bool) {
	t.Helper()
	req := httptest.NewRequest(method, browser.Origin+path, nil)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", browser.Origin)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	s.armed.Store(int32(at))
	go func() {
		defer close(done)
		h.ServeHTTP(rec, req)
	}()
	select {
	case <-s.reached:
		held = true
	case <-done:
		s.armed.Store(0)
	case <-time.After(waitLimit):
		t.Fatalf("%s %s: запит не закінчився за %v і не дійшов до сховища "+
			"(завис?)", method, path, waitLimit)
	}
	return func() *http.Response {
		if held {
			s.release <- struct{}{}
		}
		select {
		case <-done:
		case <-time.After(waitLimit):
			t.Fatalf("%s %s: відпущений запит не закінчився за %v (завис: "+
				"м'ютекс, який ніхто не відпустить?)", method, path, waitLimit)
		}
		return rec.Result()
	}, held
}

// wantNoCookie checks that a response sets no cookie.
func wantNoCookie(t *testing.T, what string, resp *http.Response) {
	t.Helper()
	for _, c := range resp.Cookies() {
		t.Errorf("%s: кукі — отримали %s, очікували відповідь без Set-Cookie", what, c)
	}
}
