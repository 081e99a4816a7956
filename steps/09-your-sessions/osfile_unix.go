//go:build unix

package main

// Те, що залежить від системи: Linux, macOS, BSD та інші Unix.

import (
	"fmt"
	"io/fs"
	"os"
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
