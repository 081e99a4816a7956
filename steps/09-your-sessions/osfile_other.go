//go:build !unix

package main

// Те, що залежить від системи: Windows та інші не-Unix.

import (
	"io/fs"
	"os"
)

// openNoFollow відкриває path з прапорцями flag, лише якщо це
// звичайний файл і саме той, який ми бачили до відкриття: O_NOFOLLOW
// тут немає, тож посилання, підставлене між Lstat і відкриттям,
// виявить os.SameFile. FIFO у файловій системі Windows не буває.
func openNoFollow(path string, flag int) (*os.File, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, err
	}
	after, err := f.Stat()
	if err == nil && !os.SameFile(before, after) {
		err = errNotRegular
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// checkOwner тут нічого не перевіряє. У Windows права — це списки
// доступу (ACL), яких стандартна бібліотека не читає. prepareDir уже
// перевірив, що dir — тека, а не посилання; типова тека сесій лежить у
// %LocalAppData%, куди інші користувачі (крім адміністраторів) не
// мають доступу. Теку, яку вказуєте в SESSION_DIR, перевірте самі.
func checkOwner(dir string, info fs.FileInfo, uid int) error {
	return nil
}

// checkParents тут нічого не перевіряє, з тієї самої причини, що й
// checkOwner.
func checkParents(dir string, uid int) error {
	return nil
}
