// Сесії в Redis: застосунок кроку 08 для кількох копій.
//
// Той самий застосунок, що й у steps/08-server-side, але сесії лежать
// у Redis. Тепер кілька копій застосунку — на різних портах чи різних
// машинах — бачать ті самі сесії: вхід на одній копії видно на іншій, а
// вихід на будь-якій відкликає кукі для всіх.
//
// Сховище — пакет redisstore поруч (чому власне, а не готове, —
// сказано там). Воно вміє кукі до закриття браузера, тож, як у кроці
// 06, звичайна сесія живе, доки відкрито браузер, а сервер забуває її
// за 30 хвилин від останнього збереження.
//
// Це окремий модуль Go (redis/go.mod): клієнт Redis завантажують лише
// ті, кому він потрібен. Запустіть Redis і дві копії застосунку:
//
//	sudo apt-get install redis-server   # Debian, Ubuntu
//	cd redis
//	REDIS_ADDR=localhost:6379 go run . -port 8080
//	REDIS_ADDR=localhost:6379 go run . -port 8081
//
// Увійдіть на http://localhost:8080/login і відкрийте
// http://localhost:8081/profile. Обидві копії мають знати спільний
// ключ: задайте однаковий SESSION_KEY (go run ../cmd/newkey).
//
// Тести запускають власний redis-server: cd redis && go test ./...
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
	"example.com/lesson27/redis/redisstore"
)

const sessionName = "session"

// sessionLifetime — строк сесії від останнього збереження.
const sessionLifetime = 30 * time.Minute

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

//go:embed login.html logout.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

func main() {
	keys, err := sessionkey.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if keys.Temporary {
		log.Print(sessionkey.TemporaryWarning)
	}
	// Адреса Redis: REDIS_ADDR або стандартний порт на цій машині.
	// Подивіться на сесії: redis-cli keys 'session:*'
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "localhost:6379"
	}
	client := redis.NewClient(&redis.Options{Addr: addr})
	if err := client.Ping(context.Background()).Err(); err != nil {
		fmt.Fprintf(os.Stderr, "помилка: Redis на %s недоступний: %v\n"+
			"Запустіть його: sudo apt-get install redis-server\n", addr, err)
		os.Exit(1)
	}
	log.Printf("Сесії в Redis: %s", addr)
	devserver.Run(newHandler(newStore(client, keys.Pairs...)))
}

// newStore створює сховище сесій у Redis.
func newStore(client redis.Cmdable, keys ...[]byte) *redisstore.Store {
	store := redisstore.New(client, keys...)
	// Як у кроці 06: 30 хвилин на сервері (TTL ключа в Redis і час у
	// підписі кукі), а сама кукі — до закриття браузера. FilesystemStore
	// так не вміє, redisstore вміє.
	store.MaxAge(int(sessionLifetime / time.Second))
	store.Options.MaxAge = 0
	// redisstore і так ставить ці атрибути, але ми обираємо їх явно.
	store.Options.HttpOnly = true
	store.Options.Secure = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку — той самий, що в кроці 08:
// обробникам байдуже, де лежить сесія.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("GET /visits", a.visits)
	return http.NewCrossOriginProtection().Handler(mux)
}

// index показує повідомлення, що чекають у сесії, а під ними —
// звичний рядок заняття.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	var lines []string
	if flashes := session.Flashes(); len(flashes) > 0 {
		// Як у кроці 07: без Save повідомлення лишаться — тепер у
		// Redis.
		if err := session.Save(r, w); err != nil {
			serverError(w, err)
			return
		}
		for _, f := range flashes {
			if msg, ok := f.(string); ok {
				lines = append(lines, msg)
			}
		}
	}
	if username, ok := session.Values["username"].(string); ok {
		lines = append(lines, "Logged in as "+username)
	} else {
		lines = append(lines, "You are not logged in")
	}
	writeText(w, strings.Join(lines, "\n"))
}

func (a *app) profile(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	username, _ := session.Values["username"].(string)
	if username != "" {
		writeText(w, "User: "+username)
		return
	}
	writeText(w, "Not logged in")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, "login.html", map[string]any{"MaxLen": maxUsernameLen})
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username := strings.TrimSpace(r.PostFormValue("username"))
	switch {
	case username == "":
		http.Error(w, "Вкажіть ім'я користувача.", http.StatusBadRequest)
		return
	case utf8.RuneCountInString(username) > maxUsernameLen:
		http.Error(w, fmt.Sprintf("Ім'я задовге: щонайбільше %d символи.",
			maxUsernameLen), http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Новий ID під час входу. Інакше той, хто підкинув відвідувачу
	// свою кукі до входу (session fixation), після входу опиниться в
	// його сесії: на сервері ID — це ключ до даних. Порожній ID —
	// і Save створить новий ключ у Redis. Старий зникне за TTL; імені
	// користувача в ньому немає.
	session.ID = ""
	session.Values["username"] = username
	session.AddFlash("Ви увійшли як " + username)
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *app) logoutForm(w http.ResponseWriter, r *http.Request) {
	render(w, "logout.html", nil)
}

// logout видаляє сесію на сервері: MaxAge = -1, і Save стирає ключ у
// Redis та кукі браузера. Копія кукі, збережена деінде, тепер нічого не
// відкриває. (Зі сховищем у кукі так само видалилася б лише кукі в
// цьому браузері, а копія лишилася б дійсною.)
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Options.MaxAge = -1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у сесії: він тепер у Redis, спільний для копій.
func (a *app) visits(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	n, _ := session.Values["visits"].(int)
	n++
	session.Values["visits"] = n
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, застара, з іншим ключем, задовга), — це
// анонімний відвідувач. Ключа в Redis немає (вихід, строк минув) —
// redisstore сам дає нову сесію без помилки. Помилка налаштувань
// (IsUsage, IsInternal) чи Redis (сервер недоступний) — це 500.
func getSession(store sessions.Store, r *http.Request) (*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	switch {
	case err == nil:
		return session, nil
	case errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()):
		return session, err
	case errors.As(err, &cookieErr):
		return session, nil
	}
	return session, err
}

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
}

// writeText відповідає простим текстом. Тип вказуємо явно, а nosniff
// забороняє браузеру вгадувати HTML: ім'я з <script> лишиться текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// render показує HTML-сторінку; html/template екранує дані.
func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("шаблон %s: %v", name, err)
	}
}

// Вітаємо! Ви пройшли заняття до кінця: від кукі з підписом до сесій,
// спільних для кількох копій застосунку.
