//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// Теки над текою сесій. Хто може писати в теку, де лежить тека сесій,
// той перейменує її і покладе на її місце свою: нові файли сесій сервер
// писатиме туди, а перейменувати файл чужої сесії на свій ID — це
// ввійти під чужим іменем. Тож сервер не стартує, якщо таку теку може
// змінити хтось інший; /tmp з бітом sticky — можна.
func TestSessionDirParents(t *testing.T) {
	// parentWith повертає теку сесій усередині нової теки з правами
	// mode.
	parentWith := func(t *testing.T, mode os.FileMode) (parent, dir string) {
		t.Helper()
		parent = filepath.Join(t.TempDir(), "shared")
		if err := os.Mkdir(parent, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(parent, mode); err != nil {
			t.Fatal(err)
		}
		return parent, filepath.Join(parent, "sessions")
	}
	refused := func(t *testing.T, dir, want string) {
		t.Helper()
		err := prepareDir(dir, os.Getuid())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("prepareDir(%s) — %s", dir, browser.GotWant(
				browser.ErrText(err), "помилка «…"+want+"…»"))
		}
	}
	t.Run("у теку над нею можуть писати інші — відмова", func(t *testing.T) {
		parent, dir := parentWith(t, 0o777)
		refused(t, dir, "у теку "+parent+", у якій лежить тека сесій, можуть писати інші")
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("файли в спільній теці — отримали %d, очікували 0", len(entries))
		}
		parent, dir = parentWith(t, 0o770)
		refused(t, dir, "у теку "+parent+", у якій лежить тека сесій, можуть писати інші")
	})
	t.Run("тека над нею з бітом sticky, як /tmp, — гаразд", func(t *testing.T) {
		_, dir := parentWith(t, 0o777|os.ModeSticky)
		if err := prepareDir(dir, os.Getuid()); err != nil {
			t.Errorf("prepareDir — %s", browser.GotWant(err.Error(), browser.NoError))
		}
	})
	t.Run("посилання на чужу теку вище за шляхом — відмова", func(t *testing.T) {
		parent, _ := parentWith(t, 0o777)
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(parent, link); err != nil {
			t.Skipf("посилання не створити: %v", err)
		}
		refused(t, filepath.Join(link, "sessions", "a"), "можуть писати інші")
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("файли в спільній теці — отримали %d, очікували 0", len(entries))
		}
	})
	t.Run("тека над нею належить іншому користувачеві — відмова", func(t *testing.T) {
		if os.Getuid() != 0 {
			t.Skip("віддати теку іншому користувачеві може лише root")
		}
		parent, dir := parentWith(t, 0o755)
		if err := os.Chown(parent, 65534, 65534); err != nil {
			t.Skipf("chown: %v", err)
		}
		refused(t, dir, "тека "+parent+", у якій лежить тека сесій, належить іншому")
	})
}
