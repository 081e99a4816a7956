package main

// Прибирання. FilesystemStore ніколи не видаляє файлів, строк яких
// минув: сервер їх уже не прийме, а диск вони займають. Сесія, з якої
// не вийшли, лишила б файл назавжди.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"strings"
	"time"
)

// cleanEvery прибирає теку одразу, а далі раз на every, доки ctx не
// скасовано.
func (s *fileStore) cleanEvery(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if err := s.clean(); err != nil {
			log.Printf("прибирання сесій: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
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
	for _, file := range files {
		id := strings.TrimPrefix(filepath.Base(file), "session_")
		if err := s.cleanOne(id); err != nil {
			errs = append(errs, err)
		}
	}
	s.mu.Lock()
	s.forgetIdle(time.Now())
	s.mu.Unlock()
	return errors.Join(errs...)
}

// cleanOne видаляє файл сесії id, якщо сервер його вже не прийняв би,
// а живу анонімну сесію бере в облік.
func (s *fileStore) cleanOne(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	values, err := s.read(sessionName, id)
	switch {
	case errors.Is(err, errNoSession), errors.Is(err, errExpired):
		// Непорожньої теки на місці файлу os.Remove не видалить:
		// помилка потрапить у журнал, а сервер і так бачить замість
		// неї анонімного відвідувача.
		return s.remove(id)
	case err != nil:
		return fmt.Errorf("сесія %s: %w", id, err)
	}
	if _, known := s.anon[id]; !known && s.isAnonymous(values) {
		s.anon[id] = time.Now()
	}
	return nil
}
