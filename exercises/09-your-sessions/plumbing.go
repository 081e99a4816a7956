package main

// Тут — готовий код: сховище у файлах з кроку 08 (видалена сесія не
// оживає, новий ID під час входу), вхід, вихід, головна, читання форми
// й сесії, рядок списку і відповіді. Ваша частина — у main.go.

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/device"
	"example.com/lesson27/internal/usertext"
)

const sessionName = "session"

// sessionLifetime — таймаут бездіяльності: 30 хвилин від останнього
// збереження сесії.
const sessionLifetime = 30 * time.Minute

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

// maxFormBytes — найбільше тіло форми входу, у байтах.
const maxFormBytes = 4 << 10

// newStore створює сховище сесій у файлах теки dir, як у кроці 08:
// 30 хвилин від останнього збереження, кукі HttpOnly, Secure і
// SameSite=Lax.
func newStore(dir string, keys ...[]byte) *fileStore {
	store := &fileStore{
		FilesystemStore: sessions.NewFilesystemStore(dir, keys...),
		dir:             dir,
	}
	store.MaxAge(int(sessionLifetime / time.Second))
	store.MaxLength(64 << 10)
	store.Options.HttpOnly = true
	store.Options.Secure = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// errSessionGone — сесію видалили (вихід, завершення з іншого
// пристрою), поки запит її обробляв. Save не записує її знову.
var errSessionGone = errors.New("сесію видалено під час запиту")

// Get — як у FilesystemStore, але session.Save викличе Save нижче.
func (s *fileStore) Get(r *http.Request, name string) (
	*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New читає сесію з файлу. Файлу немає або його не вдалося прочитати
// — нова сесія без ID: Save дасть їй новий, а не відродить старий.
func (s *fileStore) New(r *http.Request, name string) (
	*sessions.Session, error) {
	session, err := s.FilesystemStore.New(r, name)
	if err != nil {
		session.ID = ""
	}
	if errors.Is(err, fs.ErrNotExist) {
		return session, nil
	}
	return session, err
}

// Save записує сесію: наявну — лише якщо її файл ще є (інакше
// errSessionGone), нову — під вільним новим ID.
func (s *fileStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case session.Options.MaxAge <= 0:
		// Видалення: FilesystemStore стирає файл і кукі.
	case session.ID == "":
		session.ID = s.freeID()
	case s.gone(session.ID):
		return errSessionGone
	}
	return s.FilesystemStore.Save(r, w, session)
}

// Renew видаляє файл сесії і забуває її ID: наступний Save запише ті
// самі дані під новим ID. Так робить вхід.
func (s *fileStore) Renew(r *http.Request, session *sessions.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session.ID != "" {
		if err := s.remove(session.ID); err != nil {
			return err
		}
	}
	session.ID = ""
	return nil
}

// Load повертає значення сесії id — так, як їх побачив би запит із її
// кукі. Сесії, якої сервер уже не прийняв би (файлу немає, таймаут
// бездіяльності минув, файл не розкодовується), — помилка.
func (s *fileStore) Load(id string) (map[any]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.load(id)
}

// load — Load для того, хто вже тримає s.mu.
func (s *fileStore) load(id string) (map[any]any, error) {
	data, err := os.ReadFile(s.file(id))
	if err != nil {
		return nil, err
	}
	values := map[any]any{}
	err = securecookie.DecodeMulti(sessionName, string(data), &values,
		s.Codecs...)
	return values, err
}

// Три помічники нижче — для того, хто вже тримає s.mu.

// freeID повертає новий випадковий ID, файлу якого ще немає.
func (s *fileStore) freeID() string {
	for {
		if id := rand.Text(); s.gone(id) { // 128 випадкових бітів
			return id
		}
	}
}

// gone каже, чи немає файлу сесії id.
func (s *fileStore) gone(id string) bool {
	_, err := os.Lstat(s.file(id))
	return errors.Is(err, fs.ErrNotExist)
}

// remove видаляє файл сесії id; файлу вже немає — теж гаразд.
func (s *fileStore) remove(id string) error {
	err := os.Remove(s.file(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func (s *fileStore) file(id string) string {
	return filepath.Join(s.dir, "session_"+filepath.Base(id))
}

// index — головна: хто увійшов.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	if username, ok := session.Values["username"].(string); ok {
		writeText(w, "Logged in as "+username)
		return
	}
	writeText(w, "You are not logged in")
}

// logout видаляє сесію на сервері і кукі в браузері, як у кроці 08.
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

// line — рядок сторінки /sessions про одну сесію: коли був вхід (у
// часі сервера) і з якого браузера; рядок цього самого браузера
// позначено « (цей пристрій)».
func line(login time.Time, browser string, current bool) string {
	s := fmt.Sprintf("вхід %s, %s", login.Format("02.01.2006 15:04"),
		browser)
	if current {
		s += " (цей пристрій)"
	}
	return s
}

// deviceOf описує браузер, що надіслав запит: «Firefox на Linux».
// Лише готовими словами: заголовок User-Agent пише сам відвідувач.
func deviceOf(r *http.Request) string {
	return device.Describe(r.UserAgent())
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, таймаут минув, задовга), — анонімний
// відвідувач; сесії, якої на сервері вже немає, — теж. Помилка сервера
// (500) — зламані налаштування і біда з диском.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		!cookieErr.IsUsage() && !cookieErr.IsInternal() {
		return session, nil
	}
	return session, err
}

// formUsername читає ім'я з форми і перевіряє його, як у кроці 03.
// Повертає ім'я або, якщо воно не годиться, текст для відповіді 400.
func formUsername(w http.ResponseWriter, r *http.Request) (
	username, problem string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", fmt.Sprintf("Форма завелика: щонайбільше %d КіБ.",
				maxFormBytes>>10)
		}
		return "", "Не вдалося прочитати форму: її зіпсовано."
	}
	username, err := usertext.Name(r.PostForm.Get("username"),
		maxUsernameLen)
	if err != nil {
		return "", err.Error()
	}
	return username, ""
}

// private позначає кожну відповідь як особисту (Vary: Cookie,
// Cache-Control: no-store): спільний кеш не покаже її іншому
// відвідувачу.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// crossSiteDenied відповідає на POST, надісланий з чужого сайту.
func crossSiteDenied(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "Запит відхилено: форму надіслано з іншого сайту. "+
		"Відкрийте сторінку цього сайту й надішліть форму звідти.",
		http.StatusForbidden)
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// writeText відповідає простим текстом: тип вказано явно, а nosniff
// забороняє браузеру вгадувати HTML.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}
