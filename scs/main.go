// Застосунок заняття на scs замість gorilla/sessions.
//
// Ті самі маршрути й тексти, що в кроці 06, і та сама поведінка, яку
// перевіряє специфікація internal/apptest, але сесії веде
// github.com/alexedwards/scs/v2. Його підхід інший:
//
//   - дані лежать на сервері (типово — у пам'яті процесу), а кукі
//     несе лише випадковий токен; секретного ключа не треба;
//   - сесію читає до обробника і зберігає після проміжний обробник:
//     обробники лише кладуть і беруть значення (Put, GetString);
//   - таймаутів два: IdleTimeout (таймаут бездіяльності) і Lifetime
//     (абсолютний строк).
//
// Трьох речей scs сам не дає, і застосунок додає їх: вихід, який не
// скасує запит, що почався до нього (guard у revoke.go), збереження
// сесії до першого байта сторінки (loadAndSave у save.go) і межу сесій
// анонімних відвідувачів (anon.go).
//
// Порівняння з gorilla/sessions — у lesson27/scs.uk.md.
//
// Це окремий модуль Go (scs/go.mod): scs завантажують лише ті, кому
// він потрібен. Запустіть:
//
//	cd scs
//	go run .                              # сесії в пам'яті процесу
//	REDIS_ADDR=localhost:6379 go run .    # сесії в Redis
package main

import (
	"embed"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/alexedwards/scs/v2"

	"example.com/lesson27/internal/devserver"
)

const sessionName = "session"

// idleTimeout — таймаут бездіяльності: як permanent_session_lifetime
// у Flask і 30 хвилин у кроці 06.
const idleTimeout = 30 * time.Minute

// lifetime — абсолютний строк звичайної сесії: навіть активна сесія
// закінчиться через 12 годин від входу. Це Lifetime scs: він рахує від
// початку сесії або від останнього RenewToken, а RenewToken
// застосунок кличе під час входу.
const lifetime = 12 * time.Hour

// rememberLifetime — абсолютний строк сесії «запам'ятати мене»: 7 днів
// від входу (sm.SetDeadline під час входу).
const rememberLifetime = 7 * 24 * time.Hour

//go:embed login.html logout.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

func main() {
	store, err := newStore(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	devserver.Run(newHandler(newManager(store)))
}

// newManager налаштовує scs так, як поводиться крок 06. Сховище nil —
// типове, memstore. Будь-яке сховище застосунок обгортає guard.
func newManager(store scs.Store) *scs.SessionManager {
	// scs.New завжди створює memstore і запускає його горутину, що
	// щохвилини прибирає сесії, строк яких минув, — навіть якщо далі
	// сховище замінять.
	sm := scs.New()
	if store != nil {
		sm.Store = store
	}
	// Вихід остаточний: сесію, яку видалили, поки запит її обробляв,
	// цей запит не запише знову (revoke.go).
	sm.Store = newGuard(sm.Store)
	sm.IdleTimeout = idleTimeout
	sm.Lifetime = lifetime
	sm.Cookie.Name = sessionName
	// Типово scs дає постійну кукі (Persist = true) на весь Lifetime.
	// Як у Flask, звичайна сесія — до закриття браузера, а постійною
	// кукі стає після sm.RememberMe(ctx, true).
	sm.Cookie.Persist = false
	// HttpOnly і SameSite=Lax scs ставить сам; Secure — ні.
	sm.Cookie.Secure = true
	return sm
}

// app — обробники застосунку, менеджер сесій, з яким вони працюють, і
// сесії анонімних відвідувачів, які зберегла ця копія застосунку.
type app struct {
	sm   *scs.SessionManager
	anon *anonSessions
}

// newHandler повертає обробник застосунку. Порядок обгорток: private
// ставить заголовки першим, loadAndSave читає сесію до обробника і
// зберігає її, перш ніж надіслати відповідь.
func newHandler(sm *scs.SessionManager) http.Handler {
	a := &app{sm: sm, anon: newAnonSessions(maxAnonymous)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("POST /forget", a.forget)
	mux.HandleFunc("GET /visits", a.visits)
	return private(a.loadAndSave(crossOrigin().Handler(mux)))
}

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
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
