// Вправа 09. Ваші сесії: вийти на всіх інших пристроях.
//
// Умова — у README.uk.md поруч. Перевірка: go run ./cmd/course test 09
// (або go test ./exercises/09-your-sessions/). Готовий код — у
// plumbing.go.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

func main() {
	keys, err := sessionkey.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if keys.Temporary {
		log.Print(sessionkey.TemporaryWarning)
	}
	dir := filepath.Join(os.TempDir(), "lesson27-your-sessions")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	log.Printf("Файли сесій: %s", dir)
	devserver.Run(newHandler(newStore(dir, keys.Pairs...)))
}

// fileStore — сховище сесій у файлах session_<ID> теки dir, як у
// кроці 08. Його готові методи — у plumbing.go.
type fileStore struct {
	*sessions.FilesystemStore
	dir string
	mu  sync.Mutex // запис, читання й видалення файлів сесій

	// TODO: де сховище пам'ятає, які сесії має кожен користувач? Це
	// має пережити перезапуск сервера і кількох відвідувачів одночасно.
}

// sessionStore — сховище, яким користуються обробники. Це *fileStore,
// а в тестах — обгортка навколо нього, що вміє притримати запит,
// поки інший браузер щось робить. Тож обробники звертаються до
// сховища лише через цей інтерфейс: методи, які ви допишете до
// fileStore, додайте і сюди.
type sessionStore interface {
	sessions.Store
	Renew(r *http.Request, session *sessions.Session) error
	Load(id string) (map[any]any, error)
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessionStore
}

// newHandler повертає обробник застосунку.
func newHandler(store sessionStore) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("GET /sessions", a.sessions)
	mux.HandleFunc("POST /sessions/end-others", a.endOthers)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	return private(csrf.Handler(mux))
}

// login — вхід: ім'я з форми, новий ID сесії, 303 на головну.
func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username, problem := formUsername(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	if err := a.store.Renew(r, session); err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	// TODO: запам'ятайте те, що знадобиться сторінці /sessions: коли
	// відбувся вхід, з якого браузера (deviceOf) і що ця сесія тепер
	// належить username.
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// sessions — сторінка «ваші сесії».
func (a *app) sessions(w http.ResponseWriter, r *http.Request) {
	// TODO: для того, хто увійшов, — рядок line(...) на кожну його
	// сесію, яку сервер ще прийняв би; рядок цього браузера — з
	// позначкою. Гостю — те саме, що й головна.
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}

// endOthers — кнопка «вийти на всіх інших пристроях».
func (a *app) endOthers(w http.ResponseWriter, r *http.Request) {
	// TODO: завершіть усі інші сесії цього користувача, а цій дайте
	// новий ID, і переспрямуйте на /sessions (303 See Other). Сесію
	// тим часом завершили (вихід в іншій вкладці, інший пристрій) — на
	// головну, нічого не записавши і нікого не завершивши.
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}
