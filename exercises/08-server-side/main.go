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

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// maxNoteLen — найдовша нотатка, у символах.
const maxNoteLen = 1000

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
func newStore(dir string, keys ...[]byte) *sessions.FilesystemStore {
	store := sessions.NewFilesystemStore(dir, keys...)
	// TODO: оберіть параметри сховища: сесія на 30 хвилин, межа
	// розміру, більша за типові 4096 байтів, і атрибути кукі
	// HttpOnly, Secure, SameSite=Lax.
	return store
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
		// Порожня нотатка або довша за maxNoteLen символів — 400.
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	mux.HandleFunc("POST /clear", func(w http.ResponseWriter, r *http.Request) {
		// TODO: видаліть сесію на сервері і кукі в браузері,
		// переспрямуйте на / (303 See Other).
		http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
	})
	return http.NewCrossOriginProtection().Handler(mux)
}

// getSession повертає сесію відвідувача; зіпсована чи застара кукі —
// це новий відвідувач, а не помилка. Помилка сервера — зламані
// налаштування (IsUsage, IsInternal) і біда з файлом сесії на диску.
func getSession(store sessions.Store, r *http.Request) (*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	var pathErr *fs.PathError
	switch {
	case err == nil:
		return session, nil
	case errors.As(err, &cookieErr) && (cookieErr.IsUsage() || cookieErr.IsInternal()),
		errors.As(err, &pathErr):
		// TODO: а якщо підпис кукі правильний, але файлу сесії на
		// сервері вже немає (її видалили)? Це теж новий відвідувач.
		return session, err
	}
	return session, nil
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
}

// writeText відповідає простим текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}
