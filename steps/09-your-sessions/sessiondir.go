package main

// Тека для файлів сесій.
//
// Хто може писати в теку сесій, той може ввійти під чужим іменем. Кукі
// підписана, але не зашифрована (якщо не задано SESSION_BLOCK_KEY),
// тож свій ID сесії кожен прочитає зі своєї кукі. Досить перейменувати
// файл чужої сесії на session_<свій ID>, і сервер пустить вас як її
// власника — ключ для цього не потрібен. Тому теку сесій сервер бере
// лише власну: вона належить користувачеві, від якого він працює, і
// ніхто інший у неї не пише.
//
// Раніше типовою була os.TempDir()/lesson27-sessions: /tmp спільна для
// всіх користувачів комп'ютера, і теку з такою назвою будь-хто міг
// створити першим.

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// sessionDir повертає теку для файлів сесій: SESSION_DIR, а якщо її
// не задано — lesson27-sessions у теці кешу користувача
// (os.UserCacheDir: $XDG_CACHE_HOME або ~/.cache у Linux,
// ~/Library/Caches у macOS, %LocalAppData% у Windows). Кеш, бо сесії
// не шкода втратити: відвідувачі лише ввійдуть знову.
func sessionDir(getenv func(string) string) (string, error) {
	if dir := getenv("SESSION_DIR"); dir != "" {
		return dir, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("не знайшли теку кешу користувача (%v): "+
			"вкажіть теку сесій у SESSION_DIR", err)
	}
	return filepath.Join(cache, "lesson27-sessions"), nil
}

// prepareDir створює теку dir з правами 0700, якщо її немає, і
// перевіряє, що вона — тека (не файл і не посилання), належить
// користувачеві uid і ніхто інший не може в неї писати. Теки над нею
// перевіряє ще до того, як щось створити: підмінити теку сесій не
// може ніхто інший (checkParents). Помилка пояснює, що не так і як це
// виправити.
func prepareDir(dir string, uid int) error {
	if err := checkParents(dir, uid); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("не вдалося створити теку сесій: %w", err)
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("тека сесій: %w", err)
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s — символьне посилання, а не тека: "+
			"вкажіть у SESSION_DIR саму теку", dir)
	case !info.IsDir():
		return fmt.Errorf("%s — не тека: вкажіть у SESSION_DIR теку",
			dir)
	}
	return checkOwner(dir, info, uid)
}
