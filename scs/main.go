// Застосунок заняття на scs замість gorilla/sessions.
//
// Ті самі маршрути й тексти, що в кроці 06, і та сама поведінка, яку
// перевіряє специфікація internal/apptest, але сесії веде
// github.com/alexedwards/scs/v2. Його підхід інший:
//
//   - дані лежать на сервері (типово — у пам'яті процесу), а кукі
//     несе лише випадковий токен; секретного ключа не треба;
//   - сесію читає і зберігає проміжний обробник sm.LoadAndSave:
//     обробники лише кладуть і беруть значення (Put, GetString);
//   - таймаутів два: IdleTimeout (без дій) і Lifetime (абсолютний).
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

// idleTimeout — таймаут без дій: як permanent_session_lifetime у
// Flask і 30 хвилин у кроці 06.
const idleTimeout = 30 * time.Minute

// lifetime — абсолютний строк: навіть активна сесія закінчиться через
// добу від входу (у gorilla і Flask такого строку немає).
const lifetime = 24 * time.Hour

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
// типове, memstore.
func newManager(store scs.Store) *scs.SessionManager {
	// scs.New завжди створює memstore і запускає його горутину, що
	// щохвилини прибирає сесії, строк яких минув, — навіть якщо далі
	// сховище замінять.
	sm := scs.New()
	if store != nil {
		sm.Store = store
	}
	sm.IdleTimeout = idleTimeout
	sm.Lifetime = lifetime
	sm.Cookie.Name = sessionName
	// Типово scs дає постійну кукі (Persist = true) на весь Lifetime.
	// Як у Flask, звичайна сесія — до закриття браузера, а постійною
	// кукі стає після sm.RememberMe(ctx, true).
	sm.Cookie.Persist = false
	// HttpOnly і SameSite=Lax scs ставить сам; Secure — ні.
	sm.Cookie.Secure = true
	// Помилка сховища під час читання чи збереження — 500 з текстом
	// курсу; деталі — в журнал.
	sm.ErrorFunc = func(w http.ResponseWriter, _ *http.Request,
		err error) {
		serverError(w, err)
	}
	return sm
}

// app — обробники застосунку і менеджер сесій, з яким вони працюють.
type app struct {
	sm *scs.SessionManager
}

// newHandler повертає обробник застосунку. Порядок обгорток: private
// ставить заголовки першим, LoadAndSave читає сесію до обробника і
// зберігає її перед першим байтом відповіді.
func newHandler(sm *scs.SessionManager) http.Handler {
	a := &app{sm: sm}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("POST /forget", a.forget)
	mux.HandleFunc("GET /visits", a.visits)
	return private(sm.LoadAndSave(crossOrigin().Handler(mux)))
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
