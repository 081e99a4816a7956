package main

// Інші пристрої: індекс сесій кожного користувача.
//
// Людина входить з ноутбука, з телефона, з комп'ютера в бібліотеці, і
// кожен вхід — окрема сесія, окремий файл session_<ID>. Щоб показати
// їй усі ці входи й завершити всі, крім того, що в неї в руках, сервер
// мусить знайти її сесії за іменем. А в назві файлу імені немає, і
// кукі несе лише ID. Тож поруч із сесіями лежить індекс: файл
// user_<хеш імені> з ID сесій цієї людини, по одному в рядку, від
// найстарішого входу до найновішого.
//
// Сховище в кукі (кроки 01–07) цього не вміє зовсім: кожна сесія живе
// лише у своєму браузері, і сервер не знає ні скільки їх, ні де вони.
//
// Індекс лежить на диску, як і самі сесії: перезапуск сервера не
// загубить ні сесій, ні їхнього переліку, і «завершити інші» знайде
// всі. (Індекс у пам'яті процесу довелося б після кожного старту
// будувати знову, прочитавши всі файли сесій.) Правила, на яких він
// тримається:
//
//  1. Вхід записує ID в індекс під тим самим м'ютексом, під яким
//     створює файл сесії (saveNew у filestore.go): немає миті, коли
//     сесія вже є, а «завершити інші» її ще не бачить.
//  2. Вихід, новий ID під час входу і абсолютний строк прибирають ID з
//     індексу разом із файлом (end у filestore.go). Сесію, що мовчала
//     довше за таймаут бездіяльності, ніхто не видаляє в ту ж мить:
//     її ID прибирає той, хто індекс читає, — список (SessionsOf) чи
//     прибирання (cleanup.go). Тож рядок списку дає лише сесія, яку
//     сервер прийняв би зараз: список читає кожну так, як її прочитав
//     би запит з її кукі.
//  3. Індекс обмежений: щонайбільше MaxPerUser сесій на людину (у
//     застосунку — 100, main.go). Вхід понад межу спершу забуває ID
//     сесій, яких уже немає, а якщо й тоді забагато, завершує
//     найстарішу живу сесію. Не відмовляє у вході: новий вхід робить
//     людина з пристроєм у руках, а найстаріший найлегше забути.
//  4. «Завершити інші» видаляє самі файли сесій, а не лише рядки
//     індексу. Запит завершеної сесії, що саме виконується, потім не
//     запише її знову: Save пише лише сесію, файл якої ще є. Це та
//     сама гарантія, що й у виходу.
//
// Усе це — під м'ютексом fileStore, тобто в межах одного процесу. Для
// кількох копій застосунку індекс живе там само, де сесії, — у Redis
// (модуль redis/ поруч).

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/sessions"
)

// A userSession — жива сесія користувача, як її бачить список.
type userSession struct {
	id     string
	values map[any]any
	// started — вхід (коли сесія отримала ID), saved — її останнє
	// збереження.
	started, saved time.Time
}

// owner — власник сесії з даними values: ім'я, під яким увійшли, або
// "" — анонімний відвідувач чи сховище без власників.
func (s *fileStore) owner(values map[any]any) string {
	if s.Owner == nil {
		return ""
	}
	return s.Owner(values)
}

// indexFile — шлях до індексу користувача user. У назві — хеш SHA-256
// імені: ім'я буває довгим і з будь-якими символами, а назва файлу —
// ні.
func (s *fileStore) indexFile(user string) string {
	sum := sha256.Sum256([]byte(user))
	return filepath.Join(s.dir, "user_"+hex.EncodeToString(sum[:]))
}

// SessionsOf повертає живі сесії користувача user, від найстарішого
// входу. Сесії з індексу, яких сервер уже не прийняв би, у список не
// потрапляють, а з індексу й з диска зникають.
func (s *fileStore) SessionsOf(user string) ([]userSession, error) {
	list, dead, foreign, err := s.scan(user)
	if err != nil {
		return nil, err
	}
	if len(dead)+len(foreign) > 0 {
		// Мертва сесія не оживає (її ID ніхто не візьме знову), тож
		// прибрати її можна й тепер, коли scan уже відпустив м'ютекс.
		s.mu.Lock()
		if err := s.forget(user, dead, foreign); err != nil {
			log.Printf("прибирання індексу: %v", err)
		}
		s.mu.Unlock()
	}
	// ID, які дописало прибирання (cleanup.go), стоять в індексі не
	// на своєму місці; список — за часом входу.
	slices.SortStableFunc(list, func(a, b userSession) int {
		return a.started.Compare(b.started)
	})
	return list, nil
}

// scan читає індекс user і кожну сесію з нього: живі — у list, мертві
// — у dead, чужі (ID сесії іншого власника) — у foreign. Лише читає,
// тож досить s.mu.RLock: запити інших людей тим часом ідуть.
func (s *fileStore) scan(user string) (list []userSession,
	dead, foreign []string, err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids, err := readIDs(s.indexFile(user))
	if err != nil {
		return nil, nil, nil, err
	}
	for _, id := range ids {
		values, err := s.read(sessionName, id)
		switch {
		case errors.Is(err, errNoSession), errors.Is(err, errExpired):
			dead = append(dead, id)
		case err != nil:
			return nil, nil, nil, err
		case s.owner(values) != user:
			foreign = append(foreign, id)
		default:
			started, _ := values[startedKey].(time.Time)
			saved, _ := values[savedKey].(time.Time)
			list = append(list, userSession{id, values, started, saved})
		}
	}
	return list, dead, foreign, nil
}

// EndOthers завершує всі сесії власника session, крім неї самої: їхні
// файли зникають, а в індексі лишається тільки вона. Якщо й самої
// session уже немає (її завершили з іншого пристрою, поки цей запит
// ішов), — errSessionGone, і ніхто не завершений: завершена сесія вже
// нічого не може.
func (s *fileStore) EndOthers(session *sessions.Session) error {
	user := s.owner(session.Values)
	if session.ID == "" || user == "" {
		return nil // гість: завершувати нічого
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	values, err := s.read(session.Name(), session.ID)
	switch {
	case errors.Is(err, errNoSession), errors.Is(err, errExpired):
		return errSessionGone
	case err != nil:
		return err
	case s.owner(values) != user:
		return errSessionGone
	}
	ids, err := readIDs(s.indexFile(user))
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id == session.ID {
			continue
		}
		if err := s.remove(id); err != nil {
			return err
		}
	}
	return writeIDs(s.indexFile(user), []string{session.ID})
}

// addToIndex дописує сесію id в кінець індексу user і тримає межу
// MaxPerUser. Викликати під s.mu.Lock.
func (s *fileStore) addToIndex(user, id string) error {
	ids, err := readIDs(s.indexFile(user))
	if err != nil {
		return err
	}
	ids = append(ids, id)
	if s.MaxPerUser > 0 && len(ids) > s.MaxPerUser {
		if ids, err = s.trim(user, ids); err != nil {
			return err
		}
	}
	return writeIDs(s.indexFile(user), ids)
}

// trim — вхід понад межу: з ids (від найстарішого входу) спершу
// випадають сесії, яких сервер уже не прийняв би, а якщо таких
// забракло, завершуються найстаріші живі. Остання в ids — щойно
// створена, і вона лишається. Сесії trim читає від найстарішої і
// зупиняється, щойно знайде досить мертвих: зазвичай це перша ж.
// Викликати під s.mu.Lock.
func (s *fileStore) trim(user string, ids []string) ([]string, error) {
	over := len(ids) - s.MaxPerUser
	var live []string
	for i, id := range ids {
		if over == 0 {
			live = append(live, ids[i:]...)
			break
		}
		values, err := s.read(sessionName, id)
		switch {
		case errors.Is(err, errNoSession), errors.Is(err, errExpired):
			if err := s.remove(id); err != nil {
				return nil, err
			}
			over--
		case err != nil:
			return nil, err
		case s.owner(values) != user: // чужий ID просто випадає
			over--
		default:
			live = append(live, id)
		}
	}
	for _, id := range live[:over] {
		if err := s.remove(id); err != nil {
			return nil, err
		}
	}
	if over > 0 {
		log.Printf("у %q більше %d сесій: %d найстаріших завершено",
			user, s.MaxPerUser, over)
	}
	return live[over:], nil
}

// unindex прибирає сесію id з індексу user. Викликати під s.mu.Lock.
func (s *fileStore) unindex(user, id string) error {
	return s.forget(user, nil, []string{id})
}

// forget прибирає з індексу user сесії dead — разом з їхніми файлами
// — і ID other, файлів яких не чіпає. Викликати під s.mu.Lock.
func (s *fileStore) forget(user string, dead, other []string) error {
	for _, id := range dead {
		if err := s.remove(id); err != nil {
			return err
		}
	}
	path := s.indexFile(user)
	ids, err := readIDs(path)
	if err != nil {
		return err
	}
	drop := set(dead, other)
	kept := slices.DeleteFunc(slices.Clone(ids), func(id string) bool {
		return drop[id]
	})
	if len(kept) == len(ids) {
		return nil
	}
	return writeIDs(path, kept)
}

// readIDs читає індекс path: ID сесій, від найстарішого входу.
// Індексу немає — порожній перелік. Рядки, що не схожі на ID,
// пропускає. Зламаний індекс — посилання, FIFO чи тека на його місці
// — теж порожній перелік (і рядок у журналі), а не помилка: інакше
// його власник не зміг би ні ввійти, ні побачити свої сесії, аж доки
// хтось не прибере його руками. Наступний запис (writeIDs) поставить
// на його місце звичайний файл. Викликати під s.mu.
func readIDs(path string) ([]string, error) {
	data, err := readFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case errors.Is(err, errNotRegular):
		log.Printf("індекс %s зламаний: на його місці не звичайний "+
			"файл; вважаємо його порожнім, наступний запис його "+
			"замінить", filepath.Base(path))
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("індекс %s: %w", filepath.Base(path), err)
	}
	var ids []string
	for _, id := range strings.Fields(string(data)) {
		if validID(id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// writeIDs записує ids в індекс path: спершу в новий файл поруч, а
// тоді перейменовує його на місце старого. Перейменування заміняє файл
// одним кроком: хоч би коли зупинився сервер, індекс буде або старий,
// або новий, але не половина. Порожній перелік — індекс видалено.
// Зламаний індекс (посилання, FIFO, порожня тека) writeIDs спершу
// видаляє: теку перейменування не замінить. Не вдалося видалити
// (скажімо, тека не порожня) — помилка цього запису.
// Викликати під s.mu.Lock.
func writeIDs(path string, ids []string) error {
	if len(ids) == 0 {
		return removeFile(path)
	}
	if brokenIndex(path) {
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("зламаний індекс %s: %w",
				filepath.Base(path), err)
		}
	}
	next := path + ".new"
	// Файл .new міг лишитися після аварії; createFile на нього не
	// пише.
	if err := removeFile(next); err != nil {
		return err
	}
	data := []byte(strings.Join(ids, "\n") + "\n")
	if err := createFile(next, data); err != nil {
		return err
	}
	if err := os.Rename(next, path); err != nil {
		removeFile(next)
		return err
	}
	return nil
}

// brokenIndex каже, чи на місці індексу path щось, крім звичайного
// файлу: посилання, FIFO чи тека.
func brokenIndex(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && !info.Mode().IsRegular()
}

// set — ID з усіх переліків lists, для швидкої перевірки «чи є там».
func set(lists ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, ids := range lists {
		for _, id := range ids {
			m[id] = true
		}
	}
	return m
}

// validID каже, чи id схожий на ID сесії, який дає rand.Text: 26
// символів з A–Z і 2–7.
func validID(id string) bool {
	if len(id) != 26 {
		return false
	}
	for _, c := range id {
		if !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}
