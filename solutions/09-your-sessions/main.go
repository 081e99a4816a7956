// Розв'язок вправи 09. Ваші сесії: вийти на всіх інших пристроях.
//
// Умова — у exercises/09-your-sessions/README.uk.md. Готовий код — у
// plumbing.go, той самий, що й у вправі.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/securecookie"
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
//
// Які сесії має кожен користувач, сховище пам'ятає в індексі: файлі
// user_<хеш імені> у тій самій теці, з ID сесій по одному в рядку.
// Індекс на диску, як і самі сесії: перезапуск сервера не загубить
// жодної, і «завершити інші» знайде їх усі.
type fileStore struct {
	*sessions.FilesystemStore
	dir string
	mu  sync.Mutex // запис, читання й видалення файлів сесій

	// users захищає файли індексів. Хто тримає обидва м'ютекси, бере
	// спершу users, потім mu, — тоді двоє ніколи не чекають одне
	// одного.
	users sync.Mutex
}

// sessionStore — сховище, яким користуються обробники. Це *fileStore,
// а в тестах — обгортка навколо нього, що вміє притримати запит,
// поки інший браузер щось робить. Тож обробники звертаються до
// сховища лише через цей інтерфейс; методи індексу й EndOthers —
// теж тут.
type sessionStore interface {
	sessions.Store
	Renew(r *http.Request, session *sessions.Session) error
	Load(id string) (map[any]any, error)
	Remember(user, id string) error
	SessionsOf(user string) ([]string, error)
	Forget(user string, ids []string) error
	EndOthers(r *http.Request, w http.ResponseWriter,
		session *sessions.Session, user string) error
}

// indexFile — файл індексу користувача user. У назві — хеш імені: ім'я
// буває довгим і з будь-якими символами, а назва файлу — ні.
func (s *fileStore) indexFile(user string) string {
	sum := sha256.Sum256([]byte(user))
	return filepath.Join(s.dir, "user_"+hex.EncodeToString(sum[:]))
}

// readIndex і writeIndex — для того, хто тримає s.users.
func (s *fileStore) readIndex(user string) ([]string, error) {
	data, err := os.ReadFile(s.indexFile(user))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return strings.Fields(string(data)), err
}

func (s *fileStore) writeIndex(user string, ids []string) error {
	if len(ids) == 0 {
		err := os.Remove(s.indexFile(user))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	text := strings.Join(ids, "\n") + "\n"
	return os.WriteFile(s.indexFile(user), []byte(text), 0o600)
}

// Remember додає сесію id до індексу користувача user, а сесії, яких
// сервер уже не прийняв би, з нього прибирає: так індекс не росте
// більше, ніж живих сесій у користувача.
func (s *fileStore) Remember(user, id string) error {
	s.users.Lock()
	defer s.users.Unlock()
	ids, err := s.readIndex(user)
	if err != nil {
		return err
	}
	live := slices.DeleteFunc(ids, func(id string) bool {
		_, err := s.Load(id)
		return err != nil
	})
	return s.writeIndex(user, append(live, id))
}

// SessionsOf повертає ID з індексу користувача user. Серед них можуть
// бути й сесії, яких уже немає: їх перевіряє той, хто читає.
func (s *fileStore) SessionsOf(user string) ([]string, error) {
	s.users.Lock()
	defer s.users.Unlock()
	return s.readIndex(user)
}

// Forget прибирає з індексу користувача user сесії ids.
func (s *fileStore) Forget(user string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	s.users.Lock()
	defer s.users.Unlock()
	all, err := s.readIndex(user)
	if err != nil {
		return err
	}
	all = slices.DeleteFunc(all, func(id string) bool {
		return slices.Contains(ids, id)
	})
	return s.writeIndex(user, all)
}

// EndOthers завершує всі сесії користувача user, крім session, і дає
// session новий ID: старий видалено, тож і копія цієї кукі, якщо
// хтось її зробив, більше нічого не відкриває. Дані й час входу
// переходять у новий ID: це та сама сесія.
//
// Усе — під обома м'ютексами, і спершу перевірка: якщо session тим
// часом завершили (вихід у другій вкладці, «завершити інші» з іншого
// пристрою), — errSessionGone, і ніхто не завершений і нічого не
// записано. Завершена сесія не оживає під новим ID і не завершує
// того, хто її завершив.
func (s *fileStore) EndOthers(r *http.Request, w http.ResponseWriter,
	session *sessions.Session, user string) error {
	s.users.Lock()
	defer s.users.Unlock()
	ids, err := s.readIndex(user)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if session.ID == "" || s.gone(session.ID) {
		return errSessionGone
	}
	for _, id := range ids {
		if id != session.ID {
			if err := s.remove(id); err != nil {
				return err
			}
		}
	}
	old := session.ID
	session.ID = s.freeID()
	if err := s.FilesystemStore.Save(r, w, session); err != nil {
		return err
	}
	if err := s.remove(old); err != nil {
		return err
	}
	return s.writeIndex(user, []string{session.ID})
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

// login — вхід: ім'я з форми, новий ID сесії, 303 на головну. Сесія
// пам'ятає, коли був вхід і з якого браузера, а індекс — що вона
// належить username.
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
	session.Values["login"] = time.Now().Unix()
	session.Values["device"] = deviceOf(r)
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	// ID сесії відомий лише після Save: нову сесію ID дає Save.
	if err := a.store.Remember(username, session.ID); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// sessions — сторінка «ваші сесії»: рядок на кожну живу сесію цього
// користувача. Сесії з індексу, яких сервер уже не прийняв би (вихід,
// таймаут, завершені, вхід під іншим ім'ям), у список не потрапляють,
// а з індексу зникають.
func (a *app) sessions(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	user, ok := session.Values["username"].(string)
	if !ok {
		writeText(w, "You are not logged in")
		return
	}
	ids, err := a.store.SessionsOf(user)
	if err != nil {
		serverError(w, err)
		return
	}
	var lines, dead []string
	for _, id := range ids {
		values, err := a.store.Load(id)
		var cookieErr securecookie.Error
		switch {
		case errors.Is(err, fs.ErrNotExist),
			errors.As(err, &cookieErr) && cookieErr.IsDecode(),
			err == nil && values["username"] != user:
			dead = append(dead, id)
			continue
		case err != nil:
			serverError(w, err)
			return
		}
		login, _ := values["login"].(int64)
		browser, _ := values["device"].(string)
		lines = append(lines,
			line(time.Unix(login, 0), browser, id == session.ID))
	}
	if err := a.store.Forget(user, dead); err != nil {
		serverError(w, err)
		return
	}
	writeText(w, strings.Join(lines, "\n"))
}

// endOthers — кнопка «вийти на всіх інших пристроях».
func (a *app) endOthers(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	user, ok := session.Values["username"].(string)
	if !ok {
		http.Redirect(w, r, "/sessions", http.StatusSeeOther)
		return
	}
	err = a.store.EndOthers(r, w, session, user)
	switch {
	case errors.Is(err, errSessionGone):
		// Цю сесію тим часом завершили: відвідувач уже вийшов.
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	case err != nil:
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/sessions", http.StatusSeeOther)
}
