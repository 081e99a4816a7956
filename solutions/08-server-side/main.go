// Розв'язок вправи 08. Нотатки в сесії на сервері.
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

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
	// 30 хвилин — і для кукі, і для перевірки часу на сервері. Не 0:
	// FilesystemStore при MaxAge 0 видаляє сесію.
	store.MaxAge(int(30 * time.Minute / time.Second))
	// Типова межа 4096 байтів діє і на файл. Нотатки більші: 256 КБ.
	store.MaxLength(256 << 10)
	store.Options.HttpOnly = true
	store.Options.Secure = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		session, err := getSession(store, r)
		if err != nil {
			serverError(w, err)
			return
		}
		notes, _ := session.Values["notes"].([]string)
		if len(notes) == 0 {
			writeText(w, "Нотаток немає.")
			return
		}
		var b strings.Builder
		for i, note := range notes {
			fmt.Fprintf(&b, "%d. %s\n", i+1, note)
		}
		writeText(w, strings.TrimSuffix(b.String(), "\n"))
	})
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		text := strings.TrimSpace(r.PostFormValue("text"))
		switch {
		case text == "":
			http.Error(w, "Нотатка порожня.", http.StatusBadRequest)
			return
		case utf8.RuneCountInString(text) > maxNoteLen:
			http.Error(w, fmt.Sprintf("Нотатка задовга: щонайбільше %d символів.",
				maxNoteLen), http.StatusBadRequest)
			return
		}
		session, err := getSession(store, r)
		if err != nil {
			serverError(w, err)
			return
		}
		// []string gob знає і без gob.Register.
		notes, _ := session.Values["notes"].([]string)
		session.Values["notes"] = append(notes, text)
		if err := session.Save(r, w); err != nil {
			serverError(w, err)
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	mux.HandleFunc("POST /clear", func(w http.ResponseWriter, r *http.Request) {
		session, err := getSession(store, r)
		if err != nil {
			serverError(w, err)
			return
		}
		// MaxAge = -1: Save стирає файл на сервері і кукі в браузері.
		session.Options.MaxAge = -1
		if err := session.Save(r, w); err != nil {
			serverError(w, err)
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	return http.NewCrossOriginProtection().Handler(mux)
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, застара, з іншим ключем), і кукі, чий файл
// на сервері вже видалено, — це новий відвідувач, а не помилка.
// Помилка сервера — зламані налаштування (IsUsage, IsInternal) та
// інші біди з диском.
func getSession(store sessions.Store, r *http.Request) (*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	var pathErr *fs.PathError
	switch {
	case err == nil:
		return session, nil
	case errors.As(err, &cookieErr) && (cookieErr.IsUsage() || cookieErr.IsInternal()),
		errors.As(err, &pathErr) && !errors.Is(err, fs.ErrNotExist):
		return session, err
	}
	session.ID = "" // не відроджувати видалену сесію
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
