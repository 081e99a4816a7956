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
	"sync"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
	"example.com/lesson27/internal/usertext"
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
	// 30 хвилин — і для кукі, і для таймауту на сервері. Не 0:
	// FilesystemStore при MaxAge 0 видаляє сесію.
	store.MaxAge(int(30 * time.Minute / time.Second))
	// Типова межа 4096 байтів діє і на файл. 20 нотаток по 1000
	// символів (до 4 байтів кожен) після кодування — близько 150 КіБ.
	store.MaxLength(256 << 10)
	store.Options.HttpOnly = true
	store.Options.Secure = true
	store.Options.SameSite = http.SameSiteLaxMode
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

// Save записує наявну сесію, лише якщо її файл ще є. Перевірка і
// запис — під одним м'ютексом, як і видалення.
func (s *noteStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session.Options.MaxAge > 0 && session.ID != "" {
		file := filepath.Join(s.dir, "session_"+filepath.Base(session.ID))
		if _, err := os.Lstat(file); errors.Is(err, fs.ErrNotExist) {
			return errSessionGone
		}
	}
	return s.FilesystemStore.Save(r, w, session)
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
		text, ok := readNote(w, r)
		if !ok {
			return
		}
		session, err := getSession(store, r)
		if err != nil {
			serverError(w, err)
			return
		}
		// []string gob знає і без gob.Register.
		notes, _ := session.Values["notes"].([]string)
		if len(notes) >= maxNotes {
			http.Error(w, fmt.Sprintf("Нотаток забагато: щонайбільше %d.",
				maxNotes), http.StatusBadRequest)
			return
		}
		session.Values["notes"] = append(notes, text)
		if err := session.Save(r, w); err != nil {
			saveError(w, r, err)
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
	return private(http.NewCrossOriginProtection().Handler(mux))
}

// readNote читає нотатку з форми. Якщо вона не годиться, відповідає
// 400 з поясненням і повертає false.
func readNote(w http.ResponseWriter, r *http.Request) (string, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormSize)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Не вдалося прочитати форму.", http.StatusBadRequest)
		return "", false
	}
	// Правило курсу для імені чи нотатки: обрізає пробільні символи на
	// краях, робить кожен пробіл звичайним і відхиляє порожню чи задовгу
	// нотатку, не UTF-8, керівні й невидимі символи. Зберігаємо те, що
	// воно повернуло.
	text, err := usertext.Note(r.PostForm.Get("text"), maxNoteLen)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return "", false
	}
	return text, true
}

// saveError: сесію очистили, поки запит її обробляв, — відвідувач
// уже без нотаток, ведемо його на головну, нічого не записавши. Інше —
// поломка, 500.
func saveError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errSessionGone) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	serverError(w, err)
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, строк дії минув, з іншим ключем), кукі, файл
// якої на сервері вже видалено, і файл, який не вдалося розкодувати, —
// це новий відвідувач, а не помилка. Помилка сервера — зламані
// налаштування (IsUsage, IsInternal) та інші біди з диском.
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
		errors.As(err, &pathErr) && !errors.Is(err, fs.ErrNotExist):
		return session, err
	}
	session.ID = "" // нова сесія, а не видалена під старим ID
	return session, nil
}

// private позначає кожну відповідь як особисту: Vary: Cookie і
// Cache-Control: no-store, а X-Content-Type-Options: nosniff не дає
// браузеру вгадувати тип відповіді (як у кроці 01).
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
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
