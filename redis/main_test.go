package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
	"example.com/lesson27/redis/internal/redistest"
)

var testKey = bytes.Repeat([]byte("k"), 32)

// newBrowser — застосунок із власним redis-server і браузер до нього.
func newBrowser(t *testing.T) *browser.Browser {
	client := redistest.Start(t).NewClient(t)
	return browser.New(t, newHandler(newStore(client, testKey)))
}

func login(b *browser.Browser, name string) *browser.Response {
	return b.PostForm("/login", url.Values{"username": {name}})
}

func TestLoginFlow(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantBody("You are not logged in")
	r := login(b, "alice").
		WantRedirect(http.StatusSeeOther, "/").
		WantBody("Ви увійшли як alice\nLogged in as alice")
	b.Get("/").WantBody("Logged in as alice")
	b.Get("/profile").WantBody("User: alice")

	t.Run("кукі до закриття браузера", func(t *testing.T) {
		c := r.WantSetCookie(sessionName)
		browser.Want(t, "Max-Age", c.MaxAge, 0)
		browser.Want(t, "Expires задано", !c.Expires.IsZero(), false)
		browser.Want(t, "HttpOnly", c.HttpOnly, true)
		browser.Want(t, "Secure", c.Secure, true)
		browser.Want(t, "SameSite", c.SameSite, http.SameSiteLaxMode)
		b.Restart()
		b.Get("/").WantBody("You are not logged in")
	})
}

func TestLogoutRevokesCopiedCookie(t *testing.T) {
	b := newBrowser(t)
	login(b, "alice")
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	stolen := b.Cookie(sessionName)
	b.PostForm("/logout", nil).
		WantRedirect(http.StatusSeeOther, "/").
		WantBody("You are not logged in")

	b.SetCookie(stolen)
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
	// Сесію видалено цілком, разом із лічильником.
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
}

func TestLoginChangesSessionID(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	h := newHandler(newStore(client, testKey))
	victim := browser.New(t, h)
	victim.Get("/visits")
	planted := victim.Cookie(sessionName)
	login(victim, "alice")
	victim.Get("/visits").WantBody("Візитів у цій сесії: 2")

	attacker := browser.New(t, h)
	attacker.SetCookie(planted)
	attacker.Get("/").WantBody("You are not logged in")
}

func TestTamperedCookieIsAnonymous(t *testing.T) {
	b := newBrowser(t)
	login(b, "alice")
	b.TamperCookie(sessionName)
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

func TestOversizedCookieIsAnonymous(t *testing.T) {
	b := newBrowser(t)
	b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", 5000), Path: "/"})
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
}

// Redis недоступний — це поломка, 500, а не анонімний відвідувач.
func TestRedisDownIsServerError(t *testing.T) {
	srv := redistest.Start(t)
	// Без повторних спроб: з'єднання відхилять одразу.
	client := redis.NewClient(&redis.Options{
		Addr: srv.Addr, MaxRetries: -1, DialerRetries: 1,
	})
	defer client.Close()
	b := browser.New(t, newHandler(newStore(client, testKey)))
	login(b, "alice")
	srv.Stop()
	b.Get("/").WantStatus(http.StatusInternalServerError)
}

// Дві копії застосунку на різних портах loopback, справжні HTTP-сервери,
// один Redis. Браузер шле кукі localhost на будь-який порт, тож тут
// одна кукі ходить до обох копій.
func TestTwoInstancesShareRedis(t *testing.T) {
	srv := redistest.Start(t)
	// Кожна копія — окреме сховище зі своїм з'єднанням, як окремі
	// процеси; спільні в них лише Redis і ключ.
	a := httptest.NewServer(newHandler(newStore(srv.NewClient(t), testKey)))
	defer a.Close()
	b := httptest.NewServer(newHandler(newStore(srv.NewClient(t), testKey)))
	defer b.Close()
	if a.URL == b.URL {
		t.Fatalf("адреси копій — отримали однакові %s, очікували різні", a.URL)
	}

	v := &visitor{t: t}
	r := v.do(http.MethodPost, a.URL+"/login", url.Values{"username": {"alice"}})
	browser.Want(t, "POST A/login: статус", r.status, http.StatusSeeOther)

	t.Run("вхід на A видно на B", func(t *testing.T) {
		// Повідомлення про вхід теж лежить у Redis: його показує B.
		r := v.do(http.MethodGet, b.URL+"/", nil)
		browser.Want(t, "GET B/: текст", r.body, "Ви увійшли як alice\nLogged in as alice")
		r = v.do(http.MethodGet, a.URL+"/", nil)
		browser.Want(t, "GET A/: текст", r.body, "Logged in as alice")
		r = v.do(http.MethodGet, b.URL+"/profile", nil)
		browser.Want(t, "GET B/profile: текст", r.body, "User: alice")
	})
	t.Run("лічильник спільний", func(t *testing.T) {
		v.do(http.MethodGet, a.URL+"/visits", nil)
		r := v.do(http.MethodGet, b.URL+"/visits", nil)
		browser.Want(t, "GET B/visits: текст", r.body, "Візитів у цій сесії: 2")
	})
	t.Run("після виходу на B копія кукі нічого не відкриває на A", func(t *testing.T) {
		stolen := *v.cookie
		r := v.do(http.MethodPost, b.URL+"/logout", nil)
		browser.Want(t, "POST B/logout: статус", r.status, http.StatusSeeOther)
		r = v.do(http.MethodGet, a.URL+"/", nil)
		browser.Want(t, "GET A/: текст", r.body, "You are not logged in")

		thief := &visitor{t: t, cookie: &stolen}
		r = thief.do(http.MethodGet, a.URL+"/", nil)
		browser.Want(t, "GET A/ з копією кукі: статус", r.status, http.StatusOK)
		browser.Want(t, "GET A/ з копією кукі: текст", r.body, "You are not logged in")
	})
}

// visitor — браузер для справжніх серверів. Він носить кукі сесії сам:
// переспрямувань не виконує, а кукі шле на будь-який порт, як браузер
// шле кукі localhost.
type visitor struct {
	t      *testing.T
	cookie *http.Cookie
}

type reply struct {
	status int
	body   string
}

var httpClient = &http.Client{
	Timeout: 5 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

func (v *visitor) do(method, addr string, form url.Values) reply {
	v.t.Helper()
	req, err := http.NewRequest(method, addr, strings.NewReader(form.Encode()))
	if err != nil {
		v.t.Fatalf("%s %s: %v", method, addr, err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if v.cookie != nil {
		req.AddCookie(&http.Cookie{Name: v.cookie.Name, Value: v.cookie.Value})
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		v.t.Fatalf("%s %s: запит не вдався: %v", method, addr, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.Name != sessionName {
			continue
		}
		if c.MaxAge < 0 || c.Value == "" {
			v.cookie = nil // сервер видалив кукі
		} else {
			v.cookie = c
		}
	}
	return reply{status: resp.StatusCode, body: strings.TrimSpace(string(body))}
}

// Хто входить знову й знову, не відкриваючи головної, бачить потім одне
// повідомлення, а не купу, що росла б у Redis без меж.
func TestRepeatedLoginsKeepOneFlash(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	apptest.LoginFlashNotPiled(t, newHandler(newStore(client, testKey)), 50)
}
