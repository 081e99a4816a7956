package main

// Читання і запис файлів сесій.
//
// FilesystemStore читає і пише файл через os.ReadFile і os.WriteFile.
// Обидві йдуть за символьним посиланням: посилання session_<ваш ID> на
// файл чужої сесії відкриє вам чужу сесію, а запис піде туди, куди
// веде посилання. А на FIFO (іменованому каналі) обидві чекають вічно —
// ще й тримаючи замок, спільний для всіх FilesystemStore програми:
// один такий файл зупиняє всі входи. Тож fileStore читає і пише файли
// сам і бере лише звичайний файл. Посилання, FIFO чи тека на місці
// файлу — це зламана сесія, тобто анонімний відвідувач, а не зависання
// і не помилка сервера.

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// errNotRegular — на місці файлу сесії не звичайний файл.
var errNotRegular = errors.New("на місці файлу сесії — не звичайний файл")

// readFile читає файл сесії path. Файлу немає — fs.ErrNotExist; на
// його місці посилання, FIFO чи тека — errNotRegular.
func readFile(path string) ([]byte, error) {
	f, err := openFile(path, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// createFile створює файл path з даними data, з правами 0600. Якщо на
// цьому місці вже щось є, навіть посилання, — fs.ErrExist: з O_EXCL
// система не йде за посиланням і нічого не перезаписує.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path) // недописаний файл не лишаємо
	}
	return err
}

// replaceFile записує data замість вмісту наявного файлу path. Файлу
// немає — fs.ErrNotExist; на його місці не звичайний файл —
// errNotRegular.
func replaceFile(path string, data []byte) error {
	f, err := openFile(path, os.O_WRONLY)
	if err != nil {
		return err
	}
	err = f.Truncate(0)
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// removeFile видаляє path. Посилання видаляє саме посилання, а не
// файл, на який воно веде. Якого вже немає — гаразд.
func removeFile(path string) error {
	err := os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// openFile відкриває path, лише якщо це звичайний файл, і ніколи не
// чекає. Як саме, залежить від системи: openNoFollow в osfile_*.go.
func openFile(path string, flag int) (*os.File, error) {
	f, err := openNoFollow(path, flag)
	if err != nil {
		// Посилання чи FIFO без другого кінця система не відкриває
		// зовсім; дивимося, що там, щоб назвати це зламаною сесією, а
		// не бідою з диском.
		if !errors.Is(err, fs.ErrNotExist) {
			if info, lerr := os.Lstat(path); lerr == nil &&
				!info.Mode().IsRegular() {
				return nil, errNotRegular
			}
		}
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = errNotRegular // тека чи FIFO, відкриті без очікування
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
