package main

// fileStore — sessions.FilesystemStore з трьома доповненнями, без
// яких вихід на сервері не тримається:
//
//  1. Видалена сесія не оживає. Гонка, яку FilesystemStore пропускає:
//
//     вкладка 1: GET /visits   читає сесію X ......... Save(X) — файл знову є!
//     вкладка 2:                  POST /logout — видаляє файл X
//
//     Запит, що почався до виходу, зберігає сесію після нього, і
//     FilesystemStore записує файл X знову: копія кукі знову відкриває
//     сесію. fileStore пише файл наявної сесії, лише якщо він ще є, а
//     новий ID бере лише вільний, — усе під одним м'ютексом. Так
//     роблять і справжні сховища: Redis — SET … XX і SET … NX, Django
//     кидає SessionInterrupted.
//  2. Renew — новий ID під час входу, старий файл видалено.
//  3. cleanEvery — прибирає файли, строк дії яких минув:
//     FilesystemStore їх ніколи не видаляє.
//
// М'ютекс захищає лише цей процес. Кілька процесів з однією текою —
// це вже спільне сховище, і для нього є Redis (модуль redis/).

import (
	"context"
	"crypto/rand"
	"errors"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

// errSessionGone — сесію видалили (вихід, прибирання), поки запит
// її обробляв. Save не записує її знову.
var errSessionGone = errors.New("сесію видалено під час запиту")

// fileStore зберігає сесії у файлах session_<ID> теки dir.
type fileStore struct {
	*sessions.FilesystemStore
	dir string
	mu  sync.Mutex // один запис чи видалення за раз
}

func newFileStore(dir string, keys ...[]byte) *fileStore {
	if dir == "" {
		dir = os.TempDir()
	}
	return &fileStore{
		FilesystemStore: sessions.NewFilesystemStore(dir, keys...),
		dir:             dir,
	}
}

// Get — як у FilesystemStore, але сесія пам'ятає сховищем fileStore,
// тож session.Save викличе Save нижче, а не FilesystemStore.Save.
func (s *fileStore) Get(r *http.Request, name string) (
	*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New читає сесію з файлу. Якщо прочитати не вдалося, ID забуваємо:
// Save дасть сесії новий, а не відродить старий. Файлу немає (вихід,
// прибирання) — це просто нова сесія, без помилки.
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

// Save записує сесію. Наявну — лише якщо її файл ще є (інакше
// errSessionGone), нову — під вільним новим ID.
func (s *fileStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case session.Options.MaxAge <= 0:
		// Видалення: FilesystemStore стирає файл і кукі.
	case session.ID == "":
		for session.ID == "" || !s.gone(session.ID) {
			session.ID = rand.Text() // 128 випадкових бітів
		}
	case s.gone(session.ID):
		return errSessionGone
	}
	return s.FilesystemStore.Save(r, w, session)
}

// Renew видаляє файл сесії і забуває її ID: наступний Save запише ті
// самі дані під новим ID.
func (s *fileStore) Renew(r *http.Request, session *sessions.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session.ID != "" {
		err := os.Remove(s.file(session.ID))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	session.ID = ""
	return nil
}

// cleanEvery раз на every видаляє файли сесій, строк дії яких минув,
// доки ctx не скасовано.
func (s *fileStore) cleanEvery(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := s.removeExpired(); err != nil {
				log.Printf("прибирання сесій: %v", err)
			}
		}
	}
}

// removeExpired видаляє файли, яких сервер уже не прийняв би. Час
// останнього Save securecookie записує в сам файл, тож питаємо його:
// помилка розкодування — строк дії минув (або файл зіпсовано).
func (s *fileStore) removeExpired() error {
	files, err := filepath.Glob(filepath.Join(s.dir, "session_*"))
	if err != nil {
		return err
	}
	for _, file := range files {
		if err := s.removeIfExpired(file); err != nil {
			return err
		}
	}
	return nil
}

func (s *fileStore) removeIfExpired(file string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := os.ReadFile(file)
	if err != nil {
		// Видалено тим часом — гаразд; тека на місці файлу — не
		// наша справа: таку сесію сервер і так не читає.
		return nil
	}
	var values map[any]any
	err = securecookie.DecodeMulti(sessionName, string(data), &values,
		s.Codecs...)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) && cookieErr.IsDecode() {
		return os.Remove(file)
	}
	return nil
}

// gone каже, чи немає файлу сесії id.
func (s *fileStore) gone(id string) bool {
	_, err := os.Lstat(s.file(id))
	return errors.Is(err, fs.ErrNotExist)
}

func (s *fileStore) file(id string) string {
	return filepath.Join(s.dir, "session_"+filepath.Base(id))
}
