// Вправа 08. Нотатки в сесії на сервері.
//
// Умова — у README.uk.md поруч. Перевірка: go test ./exercises/08-server-side/
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// maxNoteLen — найдовша нотатка, у символах.
const maxNoteLen = 1000

// maxNotes — найбільше нотаток в одній сесії.
const maxNotes = 20

// maxFormSize — найбільше тіло форми, у байтах.
const maxFormSize = 64 << 10

func main() {
	keys, err := sessionkey.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if keys.Temporary {
		log.Print(sessionkey.TemporaryWarning)
	}
	dir := filepath.Join(os.TempDir(), "lesson27-notes")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	log.Printf("Файли сесій: %s", dir)
	devserver.Run(newHandler(newStore(dir, keys.Pairs...)))
}

// newStore створює сховище сесій у файлах теки dir.
func newStore(dir string, keys ...[]byte) *noteStore {
	store := &noteStore{
		FilesystemStore: sessions.NewFilesystemStore(dir, keys...),
		dir:             dir,
	}
	// TODO: оберіть параметри сховища: сесія на 30 хвилин, межа
	// розміру, у яку влізуть усі нотатки, і атрибути кукі HttpOnly,
	// Secure, SameSite=Lax.
	return store
}

// errSessionGone — сесію очистили, поки запит її обробляв.
var errSessionGone = errors.New("сесію видалено під час запиту")

// noteStore — FilesystemStore, у якому очищена сесія не оживає.
type noteStore struct {
	*sessions.FilesystemStore
	dir string
	mu  sync.Mutex
}

// Get — як у FilesystemStore, але session.Save викличе Save нижче.
func (s *noteStore) Get(r *http.Request, name string) (
	*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// Save записує сесію у файл.
func (s *noteStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	// TODO: запит, що прочитав сесію до очищення, не має записати її
	// знову після нього. Файл сесії, якого вже немає, не створюйте
	// знову, а поверніть errSessionGone. Перевірка і запис не мають
	// перемежовуватися з іншими запитами.
	return s.FilesystemStore.Save(r, w, session)
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// TODO: покажіть нотатки з сесії, кожну в окремому рядку:
		// «1. …», «2. …». Немає жодної — «Нотаток немає.».
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		// TODO: додайте нотатку з поля text у кінець списку в сесії,
		// збережіть сесію і переспрямуйте на / (303 See Other).
		// Нотатку перевірте і підготуйте правилом курсу usertext.Note
		// (пакет example.com/lesson27/internal/usertext). Нотатку, що не
		// годиться, і зайву нотатку відхиліть з 400 і текстом з умови.
		// Сесію очистили, поки запит її обробляв, — на / без запису.
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	mux.HandleFunc("POST /clear", func(w http.ResponseWriter, r *http.Request) {
		// TODO: видаліть сесію на сервері і кукі в браузері,
		// переспрямуйте на / (303 See Other).
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	// TODO: кожна відповідь застосунку — особиста: спільний кеш не
	// має її зберігати і показувати іншому відвідувачу.
	return http.NewCrossOriginProtection().Handler(mux)
}

// getSession повертає сесію відвідувача; зіпсована кукі чи кукі, строк
// дії якої минув, — це новий відвідувач, а не помилка. Помилка сервера —
// зламані налаштування (IsUsage, IsInternal) і біда з файлом сесії.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	var pathErr *fs.PathError
	switch {
	case err == nil:
		return session, nil
	case errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()),
		errors.As(err, &pathErr):
		// TODO: а якщо підпис кукі правильний, але файлу сесії на
		// сервері вже немає (її очистили)? Це теж новий відвідувач, і
		// його наступне збереження — нова сесія, а не стара.
		return session, err
	}
	return session, nil
}

// private позначає кожну відповідь як особисту: Vary: Cookie і
// Cache-Control: no-store (як у кроці 01).
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// writeText відповідає простим текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}
