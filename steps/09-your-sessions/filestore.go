package main

// fileStore — сховище сесій у файлах. Від sessions.FilesystemStore
// воно бере налаштування (Options, Codecs, MaxAge, MaxLength) і вигляд
// файлу: session_<ID> з даними, закодованими securecookie. А ще
// доповнює його тим, без чого сесії на сервері не тримаються:
//
//  1. Видалена сесія не оживає. Перегони, яких FilesystemStore не
//     помічає:
//
//     вкладка 1: GET /visits   читає сесію X ......... Save(X) — файл знову є!
//     вкладка 2:                  POST /logout — видаляє файл X
//
//     Запит, що почався до виходу, зберігає сесію після нього, і
//     FilesystemStore записує файл X знову: копія кукі знову відкриває
//     сесію. fileStore пише файл наявної сесії, лише якщо він ще є, а
//     новий ID бере лише вільний, — усе під одним м'ютексом. Так
//     роблять і справжні сховища: Redis — SET … XX і SET … NX, Django
//     викидає SessionInterrupted.
//  2. Renew — новий ID під час входу, старий файл видалено.
//  3. Абсолютний строк (AbsoluteLifetime): сесія діє не довше, ніж
//     задано, від миті, коли отримала ID, хоч би як часто нею
//     користувалися. Вхід завжди дає новий ID, тож для сесії після
//     входу строк рахують від входу.
//  4. Межа анонімних сесій (anonymous.go): потік запитів без кукі не
//     заповнить диск.
//  5. Прибирання файлів, строк яких минув (cleanup.go):
//     FilesystemStore їх ніколи не видаляє.
//  6. Файли fileStore читає і пише сам (sessionfile.go), бо
//     FilesystemStore іде за символьним посиланням і чекає вічно на
//     FIFO. Помилка диска — це помилка одного запиту, а не зависання.
//  7. Нове в кроці 09 — індекс (index.go): для кожного користувача
//     перелік ID його сесій. З ним сервер показує людині всі її
//     пристрої і завершує всі сесії, крім цієї.
//
// М'ютекс захищає лише цей процес. Кілька процесів з однією текою —
// це вже спільне сховище, і для нього є Redis (модуль redis/).

import (
	"crypto/rand"
	"encoding/gob"
	"errors"
	"io/fs"
	"log"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

// errSessionGone — сесію видалили (вихід, прибирання) або її строк
// минув, поки запит її обробляв. Save не записує її знову.
var errSessionGone = errors.New("сесію видалено під час запиту")

// errNoSession — за кукі немає сесії, яку можна прочитати: файл
// видалено, строк минув, вміст зіпсовано чи на місці файлу щось інше.
// Для відвідувача це не помилка: він просто анонімний відвідувач.
var errNoSession = errors.New("сесії немає")

// storeKey — тип ключів, які fileStore сам кладе в session.Values.
// Окремий тип не дасть їм збігтися з ключами застосунку.
type storeKey string

// startedKey — час, коли сесія отримала свій ID (time.Time). Від нього
// рахують абсолютний строк. Не видаляйте його з Values: сесія без
// нього вважається простроченою.
const startedKey storeKey = "started"

// savedKey — час останнього збереження сесії (time.Time): від нього
// рахують таймаут бездіяльності, і його показує список сесій.
const savedKey storeKey = "saved"

func init() {
	// Ключ і значення — інтерфейси в map[any]any, тож gob має знати
	// їхні типи заздалегідь.
	gob.Register(storeKey(""))
	gob.Register(time.Time{})
}

// fileStore зберігає сесії у файлах session_<ID> теки dir.
type fileStore struct {
	*sessions.FilesystemStore

	// AbsoluteLifetime — найдовший строк сесії від миті, коли вона
	// отримала ID. Жодна дія відвідувача його не продовжує.
	AbsoluteLifetime time.Duration

	// Owner каже, чия це сесія: ім'я користувача, який увійшов, або
	// "" для анонімного відвідувача (застосунок знає, що означає
	// «увійшов»). За ним сесія потрапляє в індекс свого власника.
	// nil — власників немає: ні індексу, ні межі MaxAnonymous.
	Owner func(values map[any]any) string

	// MaxAnonymous — скільки анонімних сесій може лежати в теці
	// водночас. Понад межу нові анонімні сесії не записуються.
	MaxAnonymous int

	// MaxPerUser — найбільше сесій одного користувача. Вхід понад
	// межу завершує його найстарішу сесію (index.go). 0 — без межі.
	MaxPerUser int

	dir  string
	idle time.Duration // таймаут бездіяльності, як у MaxAge
	mu   sync.RWMutex  // читають разом, пишуть і видаляють по одному

	anon map[string]time.Time // анонімні сесії: ID → останній запис
	full bool                 // межу анонімних сесій досягнуто
}

// newFileStore створює сховище в теці dir. Теку має підготувати
// prepareDir: вона мусить належати лише вам.
func newFileStore(dir string, keys ...[]byte) *fileStore {
	base := sessions.NewFilesystemStore(dir, keys...)
	return &fileStore{
		FilesystemStore: base,
		dir:             dir,
		idle:            time.Duration(base.Options.MaxAge) * time.Second,
		anon:            map[string]time.Time{},
	}
}

// MaxAge — як у FilesystemStore: Max-Age кукі і найбільший вік даних,
// який приймають codecs (таймаут бездіяльності). fileStore ще й
// запам'ятовує його для обліку анонімних сесій.
func (s *fileStore) MaxAge(age int) {
	s.FilesystemStore.MaxAge(age)
	s.idle = time.Duration(age) * time.Second
}

// Get — як у FilesystemStore, але сесія пам'ятає сховищем fileStore,
// тож session.Save викличе Save нижче, а не FilesystemStore.Save.
func (s *fileStore) Get(r *http.Request, name string) (
	*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New читає сесію, на яку вказує кукі. Якщо сесії немає (вихід,
// прибирання, строк минув, файл зіпсовано чи підмінено), це нова
// сесія без ID і без помилки: Save дасть їй новий ID, а не відродить
// старий. Помилка — лише підроблена кукі (як у FilesystemStore) і
// біда з диском.
func (s *fileStore) New(r *http.Request, name string) (
	*sessions.Session, error) {
	session := sessions.NewSession(s, name)
	opts := *s.Options
	session.Options = &opts
	session.IsNew = true
	c, err := r.Cookie(name)
	if err != nil {
		return session, nil // кукі немає — новий відвідувач
	}
	var id string
	err = securecookie.DecodeMulti(name, c.Value, &id, s.Codecs...)
	if err != nil {
		return session, err
	}
	values, err := s.load(name, id)
	if errors.Is(err, errNoSession) {
		return session, nil
	}
	if err != nil {
		return session, err
	}
	session.ID, session.Values, session.IsNew = id, values, false
	return session, nil
}

// load читає дані сесії id. Сесія, строк якої минув, тут же зникає і
// з диска.
func (s *fileStore) load(name, id string) (map[any]any, error) {
	s.mu.RLock()
	values, err := s.read(name, id)
	s.mu.RUnlock()
	if errors.Is(err, errExpired) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if err := s.end(id, values); err != nil {
			log.Printf("видалення сесії, строк якої минув: %v", err)
		}
		return nil, errNoSession
	}
	return values, err
}

// errExpired — абсолютний строк сесії минув.
var errExpired = errors.New("абсолютний строк сесії минув")

// read читає і розкодовує файл сесії id: errNoSession — файлу немає
// чи його не прочитати як сесію, errExpired — строк минув (тоді з
// даними сесії: за ними видно її власника). Викликати під s.mu.
func (s *fileStore) read(name, id string) (map[any]any, error) {
	data, err := readFile(s.file(id))
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotRegular) {
		return nil, errNoSession
	}
	if err != nil {
		return nil, err
	}
	values := map[any]any{}
	err = securecookie.DecodeMulti(name, string(data), &values,
		s.Codecs...)
	switch {
	case damaged(err):
		// Таймаут бездіяльності минув (securecookie перевіряє час
		// останнього запису) або вміст зіпсовано.
		return nil, errNoSession
	case err != nil:
		return nil, err
	case s.timeLeft(values, time.Now()) <= 0:
		return values, errExpired
	}
	return values, nil
}

// damaged каже, чи err — це дані, які не вдалося розкодувати
// (зіпсовані, прострочені, задовгі), а не зламані налаштування
// (IsUsage, IsInternal).
func damaged(err error) bool {
	var cookieErr securecookie.Error
	return errors.As(err, &cookieErr) &&
		!cookieErr.IsUsage() && !cookieErr.IsInternal()
}

// timeLeft — скільки лишилося сесії з даними values до її
// абсолютного строку. Сесія без часу початку вважається
// простроченою.
func (s *fileStore) timeLeft(values map[any]any,
	now time.Time) time.Duration {
	started, ok := values[startedKey].(time.Time)
	if !ok {
		return 0
	}
	return started.Add(s.AbsoluteLifetime).Sub(now)
}

// Save записує сесію: наявну — лише якщо її файл ще є (інакше
// errSessionGone), нову — під новим вільним ID. Session.Options.MaxAge
// <= 0 (нуль теж!) видаляє сесію, як у FilesystemStore.
func (s *fileStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session.Options.MaxAge <= 0 {
		return s.erase(w, session)
	}
	now := time.Now()
	var err error
	if session.ID == "" {
		err = s.saveNew(session, now)
	} else {
		err = s.saveExisting(session, now)
	}
	if err != nil || session.ID == "" {
		return err
	}
	return s.setCookie(w, session, now)
}

// saveNew записує нову сесію під новим ID. Анонімну сесію понад межу
// не записує зовсім: ID лишається порожнім, і кукі немає.
func (s *fileStore) saveNew(session *sessions.Session,
	now time.Time) error {
	anonymous := s.isAnonymous(session.Values)
	if anonymous && !s.roomForAnonymous() {
		return nil
	}
	// Новий ID — новий абсолютний строк.
	session.Values[startedKey] = now
	session.Values[savedKey] = now
	data, err := securecookie.EncodeMulti(session.Name(), session.Values,
		s.Codecs...)
	if err != nil {
		return err
	}
	// 128 випадкових бітів не повторюються. Якщо ж на місці файлу
	// щось є, беремо інший ID, але не без кінця: будь-яка інша
	// помилка (тека зникла, стала файлом, немає прав) — одразу
	// помилка запиту.
	for range 3 {
		id := rand.Text()
		err = createFile(s.file(id), []byte(data))
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		s.track(id, anonymous, now)
		// Сесія з власником — одразу в його індекс, під тим самим
		// м'ютексом: немає миті, коли вона вже є, а «завершити інші»
		// її ще не бачить. Не вдалося — краще помилка входу, ніж
		// сесія, яку не завершити.
		if user := s.owner(session.Values); user != "" {
			if err := s.addToIndex(user, id); err != nil {
				if rerr := s.remove(id); rerr != nil {
					log.Printf("видалення сесії без індексу: %v", rerr)
				}
				return err
			}
		}
		session.ID = id
		return nil
	}
	return err
}

// saveExisting переписує файл наявної сесії, якщо він ще є.
func (s *fileStore) saveExisting(session *sessions.Session,
	now time.Time) error {
	if s.timeLeft(session.Values, now) <= 0 {
		if err := s.end(session.ID, session.Values); err != nil {
			return err
		}
		return errSessionGone
	}
	session.Values[savedKey] = now
	data, err := securecookie.EncodeMulti(session.Name(), session.Values,
		s.Codecs...)
	if err != nil {
		return err
	}
	err = replaceFile(s.file(session.ID), []byte(data))
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotRegular) {
		return errSessionGone
	}
	if err != nil {
		return err
	}
	s.track(session.ID, s.isAnonymous(session.Values), now)
	return nil
}

// setCookie надсилає кукі з підписаним ID. Кукі не обіцяє більше, ніж
// дозволить сервер: її Max-Age — не більше, ніж лишилося сесії до
// абсолютного строку.
func (s *fileStore) setCookie(w http.ResponseWriter,
	session *sessions.Session, now time.Time) error {
	encoded, err := securecookie.EncodeMulti(session.Name(), session.ID,
		s.Codecs...)
	if err != nil {
		return err
	}
	opts := *session.Options
	left := int(s.timeLeft(session.Values, now) / time.Second)
	opts.MaxAge = min(opts.MaxAge, left)
	if opts.MaxAge < 1 {
		// Лишилося менше секунди: Max-Age 0 означав би «до закриття
		// браузера», тож кукі одразу видаляємо.
		opts.MaxAge = -1
	}
	http.SetCookie(w, sessions.NewCookie(session.Name(), encoded, &opts))
	return nil
}

// erase видаляє файл сесії і надсилає кукі з порожнім значенням. Яку
// саме — вирішує session.Options.MaxAge, як у FilesystemStore: -1 —
// Max-Age=0 і Expires у 1970 році, браузер видаляє кукі одразу; 0 —
// без Max-Age і Expires, і порожня кукі живе до закриття браузера.
func (s *fileStore) erase(w http.ResponseWriter,
	session *sessions.Session) error {
	if session.ID != "" {
		if err := s.end(session.ID, session.Values); err != nil {
			return err
		}
	}
	http.SetCookie(w, sessions.NewCookie(session.Name(), "",
		session.Options))
	return nil
}

// Renew видаляє файл сесії і забуває її ID: наступний Save запише ті
// самі дані під новим ID і з новим абсолютним строком. Старий ID
// зникає й з індексу: повторний вхід не лишає в списку «привида».
func (s *fileStore) Renew(r *http.Request, session *sessions.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session.ID != "" {
		if err := s.end(session.ID, session.Values); err != nil {
			return err
		}
	}
	session.ID = ""
	return nil
}

// end завершує сесію id з даними values: видаляє її файл, а тоді її ID
// з індексу власника. Саме в такому порядку: якщо індекс записати не
// вдасться, у ньому лишиться ID сесії, якої вже немає, а не жива сесія
// поза індексом. Такий ID нікому не шкодить (його прибере наступне
// читання індексу), тож сесія завершена, а помилка індексу йде лише в
// журнал. Викликати під s.mu.Lock.
func (s *fileStore) end(id string, values map[any]any) error {
	if err := s.remove(id); err != nil {
		return err
	}
	if user := s.owner(values); user != "" {
		if err := s.unindex(user, id); err != nil {
			log.Printf("завершення сесії: %v", err)
		}
	}
	return nil
}

// remove видаляє файл сесії id; якого вже немає — гаразд. Викликати
// під s.mu.Lock.
func (s *fileStore) remove(id string) error {
	delete(s.anon, id)
	return removeFile(s.file(id))
}

func (s *fileStore) file(id string) string {
	return filepath.Join(s.dir, "session_"+filepath.Base(id))
}
