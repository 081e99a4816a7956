package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/browser"
	"example.com/lesson27/redis/internal/redistest"
	"example.com/lesson27/redis/redisstore"
)

// Сторінки «ваші сесії» поза специфікацією (TestSessionsSpec): дві
// справжні копії застосунку, індекс у Redis, межа на користувача.

// lines — непорожні рядки тексту відповіді.
func lines(body string) []string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// Дві копії застосунку на різних портах loopback, справжні
// HTTP-сервери, один Redis. alice входить на A і на B, bob — на B.
// «Завершити інші» на A виводить alice на B, а bob лишається.
func TestEndOthersAcrossInstances(t *testing.T) {
	srv := redistest.Start(t)
	a := httptest.NewServer(newHandler(newStore(srv.NewClient(t), testKey)))
	defer a.Close()
	b := httptest.NewServer(newHandler(newStore(srv.NewClient(t), testKey)))
	defer b.Close()

	aliceA, aliceB, bob := &visitor{t: t}, &visitor{t: t}, &visitor{t: t}
	form := func(name string) url.Values { return url.Values{"username": {name}} }
	aliceA.do(http.MethodPost, a.URL+"/login", form("alice"))
	aliceB.do(http.MethodPost, b.URL+"/login", form("alice"))
	bob.do(http.MethodPost, b.URL+"/login", form("bob"))

	r := aliceA.do(http.MethodGet, a.URL+"/sessions", nil)
	browser.Want(t, "GET A/sessions: рядків", len(lines(r.body)), 2)
	browser.Want(t, "GET A/sessions: рядків «(цей пристрій)»",
		strings.Count(r.body, "(цей пристрій)"), 1)
	r = aliceB.do(http.MethodGet, b.URL+"/sessions", nil)
	browser.Want(t, "GET B/sessions: рядків", len(lines(r.body)), 2)

	r = aliceA.do(http.MethodPost, a.URL+"/sessions/end-others", nil)
	browser.Want(t, "POST A/sessions/end-others: статус", r.status, http.StatusSeeOther)
	r = aliceB.do(http.MethodGet, b.URL+"/", nil)
	browser.Want(t, "GET B/ другого браузера alice", r.body, "You are not logged in")
	r = aliceA.do(http.MethodGet, a.URL+"/profile", nil)
	browser.Want(t, "GET A/profile цього браузера alice", r.body, "User: alice")
	r = bob.do(http.MethodGet, b.URL+"/profile", nil)
	browser.Want(t, "GET B/profile bob", r.body, "User: bob")
	for _, u := range []string{a.URL, b.URL} {
		r = aliceA.do(http.MethodGet, u+"/sessions", nil)
		browser.Want(t, "GET "+u+"/sessions після «завершити інші»: рядків",
			len(lines(r.body)), 1)
	}
}

// indexOf повертає ID з індексу user у Redis, від найстарішого входу.
func indexOf(t *testing.T, client *redis.Client, user string) []string {
	t.Helper()
	ids, err := client.ZRange(context.Background(), "sessions-of:"+user, 0, -1).Result()
	if err != nil {
		t.Fatalf("ZRANGE — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	return ids
}

// wantIndex перевіряє, що в індексі user рівно сесії кукі cookies.
func wantIndex(t *testing.T, client *redis.Client, user string, cookies ...*http.Cookie) {
	t.Helper()
	var want []string
	for _, c := range cookies {
		want = append(want, strings.TrimPrefix(keyOf(t, c), "session:"))
	}
	browser.Want(t, "індекс "+user+" у Redis",
		strings.Join(indexOf(t, client, user), " "), strings.Join(want, " "))
}

// Індекс — відсортована множина в Redis: вхід додає ID, вихід,
// повторний вхід і «завершити інші» прибирають; ключ, що зник сам
// (минув TTL), зникає з індексу, щойно список його не знайде.
// Останній вихід видаляє й сам індекс, а його TTL — як у сесії.
func TestIndexInRedis(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	h := newHandler(newStore(client, testKey))
	ctx := context.Background()
	a1, a2, a3 := browser.New(t, h), browser.New(t, h), browser.New(t, h)
	login(a1, "alice")
	login(a2, "alice")
	c1, c2 := a1.Cookie(sessionName), a2.Cookie(sessionName)
	wantIndex(t, client, "alice", c1, c2)
	ttl, _ := client.TTL(ctx, "sessions-of:alice").Result()
	if ttl <= 0 || ttl > sessionLifetime {
		t.Errorf("TTL індексу — отримали %s, очікували до %s", ttl, sessionLifetime)
	}

	a2.PostForm("/logout", nil)
	wantIndex(t, client, "alice", c1)
	login(a1, "alice")
	c1 = a1.Cookie(sessionName)
	wantIndex(t, client, "alice", c1)

	login(a2, "alice")
	login(a3, "alice")
	if err := client.Del(ctx, keyOf(t, a3.Cookie(sessionName))).Err(); err != nil {
		t.Fatal(err)
	}
	browser.Want(t, "рядків у списку, коли ключ однієї сесії зник",
		len(lines(a1.Get("/sessions").Body)), 2)
	wantIndex(t, client, "alice", c1, a2.Cookie(sessionName))

	a1.PostForm("/sessions/end-others", nil).WantRedirect(http.StatusSeeOther, "/sessions")
	wantIndex(t, client, "alice", c1)
	a1.PostForm("/logout", nil)
	n, _ := client.Exists(ctx, "sessions-of:alice").Result()
	browser.Want(t, "індексів alice в Redis після останнього виходу", n, int64(0))
}

// Межа: щонайбільше maxSessionsPerUser сесій на людину; вхід понад
// межу завершує найстарішу.
func TestSessionsPerUserCap(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	h := newHandler(newStore(client, testKey))
	oldest := browser.New(t, h)
	login(oldest, "alice")
	second := browser.New(t, h)
	login(second, "alice")
	for range maxSessionsPerUser - 2 {
		login(browser.New(t, h), "alice")
	}
	newest := browser.New(t, h)
	login(newest, "alice").WantBody("Ви увійшли як alice\nLogged in as alice")
	oldest.Get("/").WantBody("You are not logged in")
	second.Get("/").WantBody("Logged in as alice")
	browser.Want(t, "ID в індексі понад межу", len(indexOf(t, client, "alice")),
		maxSessionsPerUser)
	browser.Want(t, "рядків у списку понад межу", len(lines(newest.Get("/sessions").Body)),
		maxSessionsPerUser)
}

// «Завершити інші» від сесії, яку тим часом завершили з іншого
// пристрою: ErrSessionGone, і ніхто не завершений.
func TestEndedSessionCannotEndOthers(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	store := newStore(client, testKey)
	h := newHandler(store)
	laptop, phone := browser.New(t, h), browser.New(t, h)
	login(laptop, "alice")
	login(phone, "alice")

	req := httptest.NewRequest(http.MethodPost, browser.Origin+"/sessions/end-others", nil)
	req.AddCookie(phone.Cookie(sessionName))
	session, err := store.Get(req, sessionName)
	if err != nil || session.IsNew {
		t.Fatalf("сесія телефона: отримали нову сесію чи помилку %v, очікували його сесію", err)
	}
	laptop.PostForm("/sessions/end-others", nil).WantRedirect(http.StatusSeeOther, "/sessions")

	err = store.EndOthers(req, session)
	browser.Want(t, "EndOthers завершеної сесії: помилка", browser.ErrText(err),
		redisstore.ErrSessionGone.Error())
	laptop.Get("/").WantBody("Logged in as alice")
	browser.Want(t, "рядків у списку ноутбука", len(lines(laptop.Get("/sessions").Body)), 1)
}
