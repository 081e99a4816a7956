package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
	"example.com/lesson27/redis/internal/redistest"
)

// Вихід остаточний: перегони з виходом, новий ID під час входу, дані,
// які не вдалося розкодувати.

// keyOf повертає ключ Redis сесії, на яку вказує кукі c.
func keyOf(t *testing.T, c *http.Cookie) string {
	t.Helper()
	var id string
	codecs := securecookie.CodecsFromPairs(testKey)
	if err := securecookie.DecodeMulti(sessionName, c.Value, &id, codecs...); err != nil {
		t.Fatalf("кукі %s: не вдалося розкодувати ID: %v", c.Name, err)
	}
	return "session:" + id
}

// wantKeys перевіряє, скільки сесій лежить у Redis.
func wantKeys(t *testing.T, client *redis.Client, want int) {
	t.Helper()
	keys, err := client.Keys(context.Background(), "session:*").Result()
	if err != nil {
		t.Fatalf("KEYS session:* — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	browser.Want(t, "кількість сесій у Redis", len(keys), want)
}

// Перегони з виходом: запит, що прочитав сесію до виходу, зберігає її
// після. Видалена сесія не має ожити — 50 разів поспіль, для
// лічильника і для головної з повідомленням.
func TestLogoutWinsRace(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	store := apptest.NewHoldStore(newStore(client, testKey))
	h := newHandler(store)
	for _, path := range []string{"/visits", "/"} {
		t.Run(path, func(t *testing.T) {
			apptest.LogoutWinsRace(t, h, store, path,
				func(t *testing.T) { wantKeys(t, client, 0) })
		})
	}
}

// Вхід дає новий ID, а старий ключ видаляє: копія кукі з-перед
// повторного входу нічого не відкриває ні до виходу, ні після.
func TestReloginRevokesOldCookie(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	h := newHandler(newStore(client, testKey))
	b := browser.New(t, h)
	login(b, "alice")
	before := b.Cookie(sessionName)
	if before == nil {
		t.Fatalf("кукі %q у браузері — отримали браузер без неї, "+
			"очікували, що вона там є", sessionName)
	}
	login(b, "bob").WantBody("Ви увійшли як bob\nLogged in as bob")
	wantKeys(t, client, 1)
	thief := browser.New(t, h)
	thief.SetCookie(before)
	thief.Get("/profile").WantBody("Not logged in")

	b.PostForm("/logout", nil).WantBody("You are not logged in")
	wantKeys(t, client, 0)
	thief.Get("/").WantBody("You are not logged in")
	thief.Get("/profile").WantBody("Not logged in")
	n, _ := client.Exists(context.Background(), keyOf(t, before)).Result()
	browser.Want(t, "ключів старої кукі в Redis", n, int64(0))
}

// Дані в Redis, які не вдалося розкодувати (інша версія застосунку,
// зіпсований ключ), — анонімний відвідувач, а не 500 на кожен запит.
func TestUndecodableDataIsAnonymous(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	b := browser.New(t, newHandler(newStore(client, testKey)))
	login(b, "alice")
	old := b.Cookie(sessionName)
	if old == nil {
		t.Fatalf("кукі %q у браузері — отримали браузер без неї, "+
			"очікували, що вона там є", sessionName)
	}
	ctx := context.Background()
	if err := client.Set(ctx, keyOf(t, old), "junk", 0).Err(); err != nil {
		t.Fatalf("SET — %s", browser.GotWant(err.Error(), browser.NoError))
	}
	b.Get("/").WantStatus(http.StatusOK).WantBody("You are not logged in")
	b.Get("/profile").WantStatus(http.StatusOK).WantBody("Not logged in")
	// Наступне збереження — нова сесія під новим ID.
	b.Get("/visits").WantBody("Візитів у цій сесії: 1")
	if c := b.Cookie(sessionName); c == nil || keyOf(t, c) == keyOf(t, old) {
		t.Errorf("ID сесії після збереження — отримали старий або жодного, очікували новий")
	}
}

func TestEveryResponseIsPrivate(t *testing.T) {
	b := newBrowser(t)
	for _, path := range []string{"/", "/profile", "/login", "/logout", "/visits", "/nope"} {
		b.Get(path).WantPrivate()
	}
	login(b, "alice").WantPrivate()
	b.PostForm("/login", url.Values{}).WantPrivate()
	b.PostForm("/logout", nil).WantPrivate()

	b.PostFromOtherSite("/login", "username=mallory").WantStatus(http.StatusForbidden).
		WantBody("Запит відхилено: форму надіслано з іншого сайту. " +
			"Відкрийте сторінку цього сайту й надішліть форму звідти.").WantPrivate()
}

func TestLoginRejectsBadForms(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"не UTF-8", "username=%FF%FE", "Ім'я має бути текстом у кодуванні UTF-8."},
		{"форма не читається", "username=%zz", "Не вдалося прочитати форму: її зіпсовано."},
		{"форма завелика", "username=" + strings.Repeat("a", 20<<10),
			"Форма завелика: щонайбільше 4 КіБ."},
	}
	// Правило для імені (internal/usertext) і його випадки спільні для
	// всіх застосунків курсу.
	for _, c := range apptest.BadNames {
		tests = append(tests, struct{ name, body, want string }{
			c.What, apptest.FormBody(c.Input), c.Want})
	}
	b := newBrowser(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b.PostBody("/login", tt.body).WantStatus(http.StatusBadRequest).WantBody(tt.want)
			b.Get("/").WantBody("You are not logged in")
		})
	}
	for _, c := range apptest.GoodNames {
		t.Run(c.What+" — можна", func(t *testing.T) {
			login(b, c.Input).WantStatus(http.StatusOK)
			apptest.WantLine(t, b.Get("/"), "Logged in as "+c.Shown)
		})
	}
}

// Redis встановлено, але не запущено: порада каже, як його запустити,
// а не як встановити.
func TestRedisHint(t *testing.T) {
	hint := redisHint("localhost:6390", true)
	for _, want := range []string{"redis-server --port 6390", "REDIS_ADDR"} {
		if !strings.Contains(hint, want) {
			t.Errorf("порада, коли Redis встановлено — отримали %q, очікували, що вона містить %q",
				hint, want)
		}
	}
	if strings.Contains(hint, "apt-get install") {
		t.Errorf("порада, коли Redis встановлено — отримали %q, а вона не має радити встановити",
			hint)
	}
	if hint := redisHint("localhost:6379", false); !strings.Contains(hint, "apt-get install") {
		t.Errorf("порада без redis-server — отримали %q, очікували, що вона містить %q",
			hint, "apt-get install")
	}
}
