package facts

import (
	"bytes"
	"encoding/gob"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// FilesystemStore: значення сесії у файлі, у кукі — лише підписаний
// ідентифікатор.

// sessionFiles повертає імена файлів сесій у теці dir.
func sessionFiles(t testing.TB, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "session_*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// FilesystemStore типово задає лише Path=/ і 30 днів: без
// Secure, без SameSite і без HttpOnly (не так, як CookieStore).
func TestFilesystemStoreDefaultsNoSecure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewFilesystemStore(t.TempDir(), testKey)
		o := store.Options
		browser.Want(t, "Options.Secure", o.Secure, false)
		browser.Want(t, "Options.HttpOnly", o.HttpOnly, false)
		browser.Want(t, "Options.SameSite", o.SameSite, 0)
		resp, _ := saveWith(t, store, func(s *sessions.Session) {
			s.Values["username"] = "alice"
		})
		browser.Want(t, "Set-Cookie: атрибути", attributes(setCookieHeader(t, resp)),
			"; Path=/; Expires=Mon, 31 Jan 2000 00:00:00 GMT; Max-Age=2592000")
	})
}

// FilesystemStore кладе значення у файл session_<ID> (права 0600), а в
// кукі — лише підписаний ID із 52 символів base32.
func TestFilesystemStoreKeepsValuesInFile(t *testing.T) {
	dir := t.TempDir()
	store := sessions.NewFilesystemStore(dir, testKey)
	c := login(t, store, "alice")

	_, payload, _ := cookieParts(t, c)
	var id string
	err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&id)
	browser.Want(t, "ID з кукі без ключа: помилка", browser.ErrText(err), browser.NoError)
	browser.Want(t, "довжина ID", len(id), 52)
	browser.Want(t, "ID великими літерами base32", strings.Trim(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), "")
	browser.Want(t, "«alice» видно в кукі", bytes.Contains(payload, []byte("alice")), false)

	files := sessionFiles(t, dir)
	browser.Want(t, "файли сесій", strings.Join(files, ","), "session_"+id)
	info, err := os.Stat(filepath.Join(dir, "session_"+id))
	if err != nil {
		t.Fatalf("файл сесії: %v", err)
	}
	browser.Want(t, "права файлу", info.Mode().Perm(), fs.FileMode(0o600))

	s, err := load(t, store, c)
	browser.Want(t, "ім'я з файлу", username(s), "alice")
	browser.Want(t, "помилка", browser.ErrText(err), browser.NoError)
}

// Options.MaxAge = -1 у FilesystemStore видаляє файл і надсилає
// порожню кукі-видалення.
func TestFilesystemStoreMaxAgeMinusOneDeletes(t *testing.T) {
	dir := t.TempDir()
	store := sessions.NewFilesystemStore(dir, testKey)
	c := login(t, store, "alice")
	resp, err := saveWith(t, store, func(s *sessions.Session) {
		s.Options.MaxAge = -1
	}, c)
	browser.Want(t, "Save: помилка", browser.ErrText(err), browser.NoError)
	browser.Want(t, "Set-Cookie", setCookieHeader(t, resp),
		"session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0")
	browser.Want(t, "файлів сесій", len(sessionFiles(t, dir)), 0)
}

// У FilesystemStore MaxAge = 0 теж видаляє сесію: кукі сесії браузера
// з ним не зробити.
func TestFilesystemStoreMaxAgeZeroDeletes(t *testing.T) {
	dir := t.TempDir()
	store := sessions.NewFilesystemStore(dir, testKey)
	store.Options.MaxAge = 0
	resp, err := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = "alice"
	})
	browser.Want(t, "Save: помилка", browser.ErrText(err), browser.NoError)
	browser.Want(t, "Set-Cookie", setCookieHeader(t, resp), "session=; Path=/")
	browser.Want(t, "файлів сесій", len(sessionFiles(t, dir)), 0)
}

// Кукі з ID видаленої сесії дає нову сесію і помилку «no such file or
// directory» — це не securecookie.Error, тож її не розпізнати через
// IsDecode.
func TestFilesystemStoreMissingFileIsNotDecodeError(t *testing.T) {
	dir := t.TempDir()
	store := sessions.NewFilesystemStore(dir, testKey)
	c := login(t, store, "alice")
	saveWith(t, store, func(s *sessions.Session) { s.Options.MaxAge = -1 }, c)

	s, err := load(t, store, c)
	browser.Want(t, "ім'я", username(s), "")
	browser.Want(t, "IsNew", s.IsNew, true)
	browser.Want(t, "errors.Is(err, fs.ErrNotExist)", errors.Is(err, fs.ErrNotExist), true)
	browser.Want(t, "текст помилки закінчується на", strings.HasSuffix(browser.ErrText(err),
		": no such file or directory"), true)
	browser.Want(t, "вид помилки", kindOf(err), kind{})
}

// Вміст файлу кодується тим самим securecookie, тож і для файлу діє
// межа 4096 символів; MaxLength(0) її знімає, а кукі лишається
// короткою.
func TestFilesystemStoreValueLimit(t *testing.T) {
	dir := t.TempDir()
	store := sessions.NewFilesystemStore(dir, testKey)
	big := func(s *sessions.Session) { s.Values["big"] = strings.Repeat("a", 3000) }

	_, err := saveWith(t, store, big)
	browser.Want(t, "типова межа: помилка", browser.ErrText(err), "securecookie: the value is too long: 5484")

	store.MaxLength(0)
	resp, err := saveWith(t, store, big)
	browser.Want(t, "MaxLength(0): помилка", browser.ErrText(err), browser.NoError)
	browser.Want(t, "MaxLength(0): кукі коротша за 200 символів",
		len(wantSetCookie(t, resp).Value) < 200, true)
}

// FilesystemStore не прибирає файли прострочених сесій: сервер кукі
// вже не приймає, а файл лишається на диску.
func TestFilesystemStoreKeepsExpiredFiles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		store := sessions.NewFilesystemStore(dir, testKey)
		store.MaxAge(60)
		c := login(t, store, "alice")
		time.Sleep(61 * time.Second)
		_, err := load(t, store, c)
		browser.Want(t, "через 61 с: помилка", browser.ErrText(err), "securecookie: expired timestamp")
		browser.Want(t, "через 61 с: файлів сесій", len(sessionFiles(t, dir)), 1)
	})
}
