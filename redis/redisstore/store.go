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
// Тож тут близько сотні рядків на github.com/redis/go-redis/v9 —
// клієнті, який підтримує сама компанія Redis. MaxAge тут означає те
// саме, що в CookieStore:
//
//   - store.MaxAge(n) — строк на сервері: TTL ключа в Redis і перевірка
//     часу в підписі кукі; плюс Max-Age кукі;
//   - Options.MaxAge = 0 — кукі до закриття браузера; дані живуть у
//     Redis n секунд від останнього Save;
//   - Options.MaxAge < 0 — видалити: ключ у Redis і кукі.
package redisstore

import (
	"bytes"
	"crypto/rand"
	"encoding/gob"
	"errors"
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

	maxAge int // строк даних на сервері, секунд; 0 — без строку
}

// New створює сховище. Пари ключів — як у sessions.NewCookieStore:
// ключ підпису, ключ шифрування (або nil), далі старі пари.
//
// Типово: строк 30 днів, як у gorilla, і безпечні атрибути кукі —
// HttpOnly, Secure, SameSite=Lax (у CookieStore і FilesystemStore їх
// типово немає).
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
		KeyPrefix: "session:",
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

// New читає сесію з Redis. Помилки — як у CookieStore: кукі, яку не
// вдалося розкодувати, дає нову сесію і securecookie.Error з
// IsDecode(). Якщо ключа в Redis немає (вихід, строк минув), це просто
// нова сесія, без помилки. Інші помилки (Redis недоступний) — поломка.
func (s *Store) New(r *http.Request, name string) (*sessions.Session, error) {
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
	data, err := s.Client.Get(r.Context(), s.KeyPrefix+id).Bytes()
	if errors.Is(err, redis.Nil) {
		return session, nil
	}
	if err != nil {
		return session, err
	}
	dec := gob.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&session.Values); err != nil {
		return session, err
	}
	session.ID = id
	session.IsNew = false
	return session, nil
}

// Save записує сесію в Redis і ставить кукі з підписаним ID. Порожній
// session.ID — нова сесія з новим випадковим ID.
func (s *Store) Save(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	ctx, name, opts := r.Context(), session.Name(), session.Options
	if opts.MaxAge < 0 {
		if session.ID != "" {
			err := s.Client.Del(ctx, s.KeyPrefix+session.ID).Err()
			if err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(name, "", opts))
		return nil
	}
	if session.ID == "" {
		// 128 випадкових бітів у base32: вгадати неможливо.
		session.ID = rand.Text()
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(session.Values); err != nil {
		return err
	}
	// TTL — строк сховища, а не Options.MaxAge: з MaxAge 0 (кукі до
	// закриття браузера) дані все одно зникнуть за строк сховища.
	ttl := time.Duration(s.maxAge) * time.Second
	key := s.KeyPrefix + session.ID
	if err := s.Client.Set(ctx, key, buf.Bytes(), ttl).Err(); err != nil {
		return err
	}
	encoded, err := securecookie.EncodeMulti(name, session.ID, s.Codecs...)
	if err != nil {
		return err
	}
	http.SetCookie(w, sessions.NewCookie(name, encoded, opts))
	return nil
}
