//go:build unix

package main

// Те, що залежить від системи: Linux, macOS, BSD та інші Unix.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// openNoFollow відкриває path з прапорцями flag. O_NOFOLLOW: якщо path
// — символьне посилання, це помилка, а не файл, на який воно веде.
// O_NONBLOCK: FIFO відкривається одразу або дає помилку, але не чекає
// на другий кінець (для звичайного файлу прапорець нічого не змінює).
func openNoFollow(path string, flag int) (*os.File, error) {
	return os.OpenFile(path, flag|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// checkOwner перевіряє, що тека dir (info — її os.Lstat) належить
// користувачеві uid і ніхто інший не може в неї писати.
func checkOwner(dir string, info fs.FileInfo, uid int) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("тека сесій %s: не вдалося дізнатися її "+
			"власника", dir)
	}
	if int(st.Uid) != uid {
		return fmt.Errorf("тека сесій %s належить іншому користувачеві "+
			"(uid %d), а сервер працює від uid %d. Чужій теці сесії "+
			"довіряти не можна: вкажіть власну теку в SESSION_DIR",
			dir, st.Uid, uid)
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("у теку сесій %s можуть писати інші "+
			"користувачі (права %o). Вкажіть у SESSION_DIR окрему "+
			"теку лише для сесій або, якщо %s і є така тека, "+
			"виконайте chmod 700 %s", dir, perm, dir, dir)
	}
	return nil
}

// checkParents перевіряє теки над dir, аж до кореня, — і на шляху, як
// його задано, і на справжньому, без символьних посилань. Хто може
// писати в одну з них, той перейменує теку сесій і покладе на її місце
// свою: нові файли сесій сервер писатиме вже туди, і їх можна
// перейменовувати, як у чужій теці сесій. Тож кожна з них мусить
// належати користувачеві uid чи root, а писати в неї іншим можна лише
// з бітом sticky, як у /tmp: тоді чужого вони не перейменують. Тек,
// яких ще немає, не перевіряє: їх створить prepareDir, з правами 0700.
func checkParents(dir string, uid int) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("тека сесій %s: %w", dir, err)
	}
	paths := []string{abs}
	if real := resolve(abs); real != abs {
		paths = append(paths, real)
	}
	for _, p := range paths {
		for parent := filepath.Dir(p); ; parent = filepath.Dir(parent) {
			if err := checkParent(parent, uid); err != nil {
				return err
			}
			if parent == filepath.Dir(parent) {
				break // корінь
			}
		}
	}
	return nil
}

// resolve — шлях abs без символьних посилань: справжній шлях
// найглибшої наявної теки на ньому, а далі — решта abs.
func resolve(abs string) string {
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		if p == filepath.Dir(p) {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// checkParent перевіряє одну теку (чи посилання) над текою сесій.
func checkParent(path string, uid int) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("тека %s над текою сесій: %w", path, err)
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("тека %s над текою сесій: не вдалося "+
			"дізнатися її власника", path)
	}
	switch perm := info.Mode().Perm(); {
	case int(st.Uid) != uid && st.Uid != 0:
		return fmt.Errorf("тека %s, у якій лежить тека сесій, належить "+
			"іншому користувачеві (uid %d): він може підмінити теку "+
			"сесій своєю. Вкажіть у SESSION_DIR теку у власній теці, "+
			"наприклад у домашній", path, st.Uid)
	case info.IsDir() && perm&0o022 != 0 &&
		info.Mode()&fs.ModeSticky == 0:
		return fmt.Errorf("у теку %s, у якій лежить тека сесій, можуть "+
			"писати інші користувачі (права %o, без біта sticky): "+
			"будь-хто з них може підмінити теку сесій своєю. Вкажіть "+
			"у SESSION_DIR теку у власній теці, наприклад у домашній",
			path, perm)
	}
	return nil
}
