// Package redisstore — сховище сесій gorilla/sessions у Redis.
//
// Дані сесії лежать у Redis під ключем "session:<ID>", а кукі несе
// лише ID, підписаний securecookie. Усі копії застосунку, що ходять до
// одного Redis, бачать ті самі сесії, а вихід (MaxAge = -1) видаляє
// ключ — і скопійована кукі більше нічого не відкриває.
//
// Чому власне сховище, а не готове з переліку в README gorilla/sessions
// (перевірено на модулях, які роздає проксі модулів Go):
//
//   - github.com/boj/redistore: доступна лише v1.4.1. Вона на клієнті
//     redigo, а Save при MaxAge <= 0 видаляє сесію (redistore.go:377) —
//     та сама пастка, що й у FilesystemStore: кукі до закриття браузера
//     неможлива. Виправлено лише у v2.0.1, якої проксі не має;
//   - github.com/rbcervilla/redisstore/v9: проксі її не має (403), кукі
//     несе непідписаний ID, MaxAge <= 0 теж видаляє сесію.
//
// Тож тут менше двохсот рядків коду (store.go, а індекс сесій
// кожного власника — index.go) на github.com/redis/go-redis/v9 —
// клієнті, який підтримує сама компанія Redis. MaxAge тут означає те
// саме, що в CookieStore:
//
//   - store.MaxAge(n) — строк на сервері: TTL ключа в Redis і перевірка
//     часу в підписі кукі; плюс Max-Age кукі;
//   - Options.MaxAge = 0 — кукі до закриття браузера; дані живуть у
//     Redis n секунд від останнього Save;
//   - Options.MaxAge < 0 — видалити: ключ у Redis і кукі.
//
// Вихід остаточний. Save пише наявну сесію лише тоді, коли її ключ ще
// є (SET … XX), а новий ID бере лише вільний (SET … NX). Запит, що
// прочитав сесію до виходу і зберігає її після, отримує ErrSessionGone
// і не відроджує її. Renew дає сесії новий ID (під час входу), DeleteID
// видаляє сесію за її ID.
//
// Сесії з власником (Owner — той, хто ввійшов) сховище тримає ще й в
// індексі власника (index.go): SessionsOf перелічує їх, EndOthers
// завершує всі, крім поточної, — на всіх копіях застосунку разом.
//
// Вихід не скасує й клієнт, що закрив з'єднання одразу після POST
// /logout: це скасувало б r.Context(), і видалення на ньому не
// відбулося б. Тож кожну дію з Redis сховище виконує в контексті,
// відокремленому від запиту (context.WithoutCancel), зі своїм строком
// Timeout.
package redisstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/gob"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"
)

// Store зберігає сесії в Redis. Створюйте його функцією New.
type Store struct {
	// Client — клієнт Redis (*redis.Client, *redis.ClusterClient, …).
	Client redis.Cmdable
	// Codecs підписують (і, з ключем шифрування, шифрують) ID у кукі.
	Codecs []securecookie.Codec
	// Options — параметри кукі нових сесій.
	Options *sessions.Options
	// KeyPrefix стоїть перед ID у ключі Redis.
	KeyPrefix string
	// Timeout — найдовше очікування Redis в одній дії сховища (Get,
	// Save, Renew, DeleteID, SessionsOf, EndOthers). Рахується від
	// початку дії, а не від запиту: дія закінчується, навіть якщо
	// клієнт пішов.
	Timeout time.Duration

	// Owner каже, чия сесія з такими даними: ім'я користувача, який
	// увійшов, або "" — нічия (анонімний відвідувач). Сесія з
	// власником потрапляє в його індекс (index.go). nil — індексу
	// немає.
	Owner func(values map[any]any) string
	// IndexPrefix стоїть перед ім'ям власника в ключі індексу.
	IndexPrefix string
	// MaxPerOwner — найбільше сесій одного власника: вхід понад межу
	// завершує найстарішу. 0 — без межі.
	MaxPerOwner int

	maxAge int // строк даних на сервері, секунд; 0 — без строку
}

// New створює сховище. Пари ключів — як у sessions.NewCookieStore:
// ключ підпису, ключ шифрування (або nil), далі старі пари.
//
// Типово: строк 30 днів, як у gorilla, Timeout 5 секунд і безпечні
// атрибути кукі — HttpOnly, Secure, SameSite=Lax (у CookieStore і
// FilesystemStore їх типово немає).
func New(client redis.Cmdable, keyPairs ...[]byte) *Store {
	s := &Store{
		Client: client,
		Codecs: securecookie.CodecsFromPairs(keyPairs...),
		Options: &sessions.Options{
			Path:     "/",
			HttpOnly: true,
			Secure:   true,
			SameSite: http.SameSiteLaxMode,
		},
		KeyPrefix:   "session:",
		IndexPrefix: "sessions-of:",
		Timeout:     5 * time.Second,
	}
	s.MaxAge(30 * 24 * 60 * 60)
	return s
}

// MaxAge задає строк сесії в секундах: TTL ключа в Redis, перевірку
// часу в підписі кукі і Max-Age кукі. Змінити лише кукі — це
// Options.MaxAge після виклику MaxAge.
func (s *Store) MaxAge(age int) {
	s.maxAge = age
	s.Options.MaxAge = age
	for _, c := range s.Codecs {
		if sc, ok := c.(*securecookie.SecureCookie); ok {
			sc.MaxAge(age)
		}
	}
}

// Get повертає сесію name цього запиту; як і в інших сховищах gorilla,
// через реєстр, тож двічі за запит — та сама сесія.
func (s *Store) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// ErrSessionGone — Save не записав сесію: її ключа в Redis уже немає.
// Сесію видалили (вихід, Renew) або строк її дії минув, поки запит її
// обробляв. Записати її знову означало б відродити сесію, з якої
// вийшли. Застосунок відповідає як відвідувачу, що вже вийшов.
var ErrSessionGone = errors.New("redisstore: сесію видалено під час запиту")

// New читає сесію з Redis. Помилки — як у CookieStore: кукі, яку не
// вдалося розкодувати, дає нову сесію і securecookie.Error з
// IsDecode(). Дані в Redis, які не вдалося розкодувати, — так само.
// Якщо ключа в Redis немає (вихід, строк минув), це просто нова
// сесія, без помилки. Інші помилки (Redis недоступний) — поломка.
func (s *Store) New(r *http.Request, name string) (
	*sessions.Session, error) {
	session := sessions.NewSession(s, name)
	opts := *s.Options
	session.Options = &opts
	session.IsNew = true

	c, err := r.Cookie(name)
	if err != nil {
		return session, nil
	}
	var id string
	err = securecookie.DecodeMulti(name, c.Value, &id, s.Codecs...)
	if err != nil {
		return session, err
	}
	ctx, cancel := s.context(r)
	defer cancel()
	data, err := s.Client.Get(ctx, s.KeyPrefix+id).Bytes()
	if errors.Is(err, redis.Nil) {
		return session, nil
	}
	if err != nil {
		return session, err
	}
	var values map[any]any
	dec := gob.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&values); err != nil {
		return session, decodeError{err}
	}
	session.Values = values
	session.ID = id
	session.IsNew = false
	return session, nil
}

// Save записує сесію в Redis і ставить кукі з підписаним ID. Наявну
// сесію — лише якщо її ключ ще є (SET … XX), інакше ErrSessionGone.
// Порожній session.ID — нова сесія: новий випадковий ID, і лише
// вільний (SET … NX). Так само робить tower-sessions у Rust.
func (s *Store) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	ctx, cancel := s.context(r)
	defer cancel()
	name, opts := session.Name(), session.Options
	if opts.MaxAge < 0 {
		if err := s.delete(ctx, session); err != nil {
			return err
		}
		http.SetCookie(w, sessions.NewCookie(name, "", opts))
		return nil
	}
	session.Values[savedKey] = time.Now()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(session.Values); err != nil {
		return err
	}
	// TTL — строк сховища, а не Options.MaxAge: з MaxAge 0 (кукі до
	// закриття браузера) дані все одно зникнуть за строк сховища.
	ttl := time.Duration(s.maxAge) * time.Second
	data := buf.Bytes()
	owner := s.owner(session.Values)
	if session.ID == "" {
		id, err := s.saveNew(ctx, data, ttl)
		if err != nil {
			return err
		}
		// Нова сесія з власником — одразу в його індекс. Не вдалося
		// — видаляємо її: сесію поза індексом «завершити інші» не
		// знайшло б.
		if owner != "" {
			if err := s.index(ctx, owner, id, ttl); err != nil {
				s.Client.Del(ctx, s.KeyPrefix+id)
				return err
			}
		}
		session.ID = id
	} else {
		key := s.KeyPrefix + session.ID
		ok, err := s.Client.SetXX(ctx, key, data, ttl).Result()
		if err != nil {
			return err
		}
		if !ok {
			return ErrSessionGone
		}
		// Індекс живе, доки живе хоч одна сесія власника.
		if owner != "" {
			err := s.Client.Expire(ctx, s.indexKey(owner), ttl).Err()
			if err != nil {
				return err
			}
		}
	}
	encoded, err := securecookie.EncodeMulti(name, session.ID, s.Codecs...)
	if err != nil {
		return err
	}
	http.SetCookie(w, sessions.NewCookie(name, encoded, opts))
	return nil
}

// saveNew записує нові дані під новим вільним ID і повертає його.
func (s *Store) saveNew(ctx context.Context, data []byte,
	ttl time.Duration) (string, error) {
	for {
		// 128 випадкових бітів у base32: вгадати неможливо, але збіг
		// перевіряємо все одно.
		id := rand.Text()
		ok, err := s.Client.SetNX(ctx, s.KeyPrefix+id, data, ttl).Result()
		if err != nil || ok {
			return id, err
		}
	}
}

// Renew видаляє сесію в Redis і забуває її ID: наступний Save запише
// ті самі дані під новим ID. Викликайте під час входу: ID, який хтось
// знав до входу (session fixation, скопійована кукі), після входу
// нічого не відкриває.
func (s *Store) Renew(r *http.Request,
	session *sessions.Session) error {
	ctx, cancel := s.context(r)
	defer cancel()
	if err := s.delete(ctx, session); err != nil {
		return err
	}
	session.ID = ""
	return nil
}

// DeleteID видаляє сесію з ID id, хоч би чия вона була: так застосунок
// відкликає сесію, якої немає в цьому запиті. Сесії, якої вже немає,
// це не помилка.
func (s *Store) DeleteID(r *http.Request, id string) error {
	ctx, cancel := s.context(r)
	defer cancel()
	return s.Client.Del(ctx, s.KeyPrefix+id).Err()
}

// delete видаляє сесію: спершу її ключ, окремою командою DEL, а тоді
// її ID в індексі власника. Не однією транзакцією: коли Redis дійшов
// до maxmemory з політикою noeviction, він відмовляє в EXEC усієї
// транзакції (MULTI … EXEC), хоч DEL і ZREM пам'ять лише звільняють, —
// і вихід не завершив би сесію. Окремі DEL і ZREM Redis виконує й
// тоді. Ключ зник — сесію завершено, хоч би що сталося далі; ID, що
// лишився в індексі, прибере наступний перегляд списку (scan: ключа
// немає — ID з індексу геть).
func (s *Store) delete(ctx context.Context,
	session *sessions.Session) error {
	if session.ID == "" {
		return nil
	}
	if err := s.Client.Del(ctx, s.KeyPrefix+session.ID).Err(); err != nil {
		return err
	}
	err := s.unindex(ctx, s.owner(session.Values), session.ID)
	if err != nil {
		log.Printf("redisstore: сесію завершено, але її ID лишився в "+
			"індексі (його прибере список): %v", err)
	}
	return nil
}

// context — контекст однієї дії з Redis: значення запиту (трасування
// тощо) лишаються, а скасування — ні. Клієнт, що закрив з'єднання, не
// обірве видалення сесії на пів дорозі; зависнути навічно дію не
// пускає власний строк Timeout.
func (s *Store) context(r *http.Request) (context.Context,
	context.CancelFunc) {
	ctx := context.WithoutCancel(r.Context())
	if s.Timeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, s.Timeout)
}

// decodeError — дані сесії в Redis не вдалося розкодувати (інша
// версія застосунку, зіпсований ключ). Для застосунку це те саме, що
// кукі, яку не вдалося розкодувати: securecookie.Error з IsDecode(),
// тобто анонімний відвідувач, а не 500 на кожен запит, доки ключ не
// зникне.
type decodeError struct{ err error }

func (e decodeError) Error() string {
	return "redisstore: не вдалося розкодувати дані сесії: " + e.err.Error()
}
func (e decodeError) Unwrap() error    { return e.err }
func (e decodeError) Cause() error     { return e.err }
func (e decodeError) IsUsage() bool    { return false }
func (e decodeError) IsDecode() bool   { return true }
func (e decodeError) IsInternal() bool { return false }
