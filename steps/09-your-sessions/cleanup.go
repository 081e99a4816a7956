package main

// Прибирання. FilesystemStore ніколи не видаляє файлів, строк яких
// минув: сервер їх уже не прийме, а диск вони займають. Сесія, з якої
// не вийшли, лишила б файл назавжди.
//
// Заразом прибирання звіряє індекси (index.go) з файлами сесій: ID,
// файлу якого вже немає, з індексу зникає, а жива сесія, якої в
// індексі немає, туди потрапляє. Звідки така? Скажімо, з кроку 08, що
// працював з тією самою текою, або індекс хтось видалив. Перше
// прибирання main робить ще до першого запиту, тож «завершити інші»
// з самого старту знає всі сесії в теці.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// cleanEvery прибирає теку раз на every, доки ctx не скасовано. Перше
// прибирання, одразу після старту, main робить сам.
func (s *fileStore) cleanEvery(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := s.clean(); err != nil {
			log.Printf("прибирання сесій: %v", err)
		}
	}
}

// clean видаляє файли, яких сервер уже не прийняв би: таймаут
// бездіяльності чи абсолютний строк минув, вміст не розкодовується,
// на місці файлу посилання чи FIFO. Решту анонімних сесій бере в облік
// (anonymous.go). Кожен файл — під м'ютексом окремо, тож запити не
// чекають на все прибирання. Помилки з окремими файлами не зупиняють
// решти: clean повертає їх усі разом.
func (s *fileStore) clean() error {
	files, err := filepath.Glob(filepath.Join(s.dir, "session_*"))
	if err != nil {
		return err
	}
	var errs []error
	seen := map[string][]string{} // власник → ID його живих сесій
	for _, file := range files {
		id := strings.TrimPrefix(filepath.Base(file), "session_")
		user, err := s.cleanOne(id)
		if err != nil {
			errs = append(errs, err)
		}
		if user != "" {
			seen[user] = append(seen[user], id)
		}
	}
	s.mu.Lock()
	s.forgetIdle(time.Now())
	s.mu.Unlock()
	if err := s.cleanIndexes(seen); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// cleanOne видаляє файл сесії id, якщо сервер його вже не прийняв би,
// а живу анонімну сесію бере в облік. Повертає власника живої сесії
// ("" — анонімна чи мертва).
func (s *fileStore) cleanOne(id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	values, err := s.read(sessionName, id)
	switch {
	case errors.Is(err, errExpired):
		return "", s.end(id, values)
	case errors.Is(err, errNoSession):
		// Непорожньої теки на місці файлу os.Remove не видалить:
		// помилка потрапить у журнал, а сервер і так бачить замість
		// неї анонімного відвідувача.
		return "", s.remove(id)
	case err != nil:
		return "", fmt.Errorf("сесія %s: %w", id, err)
	}
	if _, known := s.anon[id]; !known && s.isAnonymous(values) {
		s.anon[id] = time.Now()
	}
	return s.owner(values), nil
}

// cleanIndexes звіряє з файлами сесій кожен індекс у теці та індекс
// кожного власника з seen (ID живих сесій, які щойно бачило
// прибирання).
func (s *fileStore) cleanIndexes(seen map[string][]string) error {
	files, err := filepath.Glob(filepath.Join(s.dir, "user_*"))
	if err != nil {
		return err
	}
	found := map[string][]string{} // індекс → живі ID для нього
	for _, file := range files {
		if !strings.HasSuffix(file, ".new") {
			found[file] = nil
		}
	}
	for user, ids := range seen {
		found[s.indexFile(user)] = ids
	}
	var errs []error
	for file, ids := range found {
		if err := s.cleanIndex(file, ids); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// cleanIndex лишає в індексі path лише ID, файли сесій яких є, і
// дописує в кінець ті з seen, яких у ньому немає, якщо їхні файли
// досі є (сесію могли завершити, поки йшло прибирання). Зламаний
// індекс замінює звичайним файлом (чи видаляє, якщо ID немає).
func (s *fileStore) cleanIndex(path string, seen []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, err := readIDs(path)
	if err != nil {
		return err
	}
	kept := slices.DeleteFunc(slices.Clone(ids), func(id string) bool {
		return !s.exists(id)
	})
	known := set(ids)
	for _, id := range seen {
		if !known[id] && s.exists(id) {
			kept = append(kept, id)
		}
	}
	// Зламаний індекс readIDs читає як порожній; прибирання його
	// замінює, навіть коли живих сесій у ньому немає.
	if slices.Equal(kept, ids) && !brokenIndex(path) {
		return nil
	}
	return writeIDs(path, kept)
}

// exists каже, чи є файл сесії id. Викликати під s.mu.
func (s *fileStore) exists(id string) bool {
	_, err := os.Lstat(s.file(id))
	return err == nil
}
