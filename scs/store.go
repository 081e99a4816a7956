package main

import (
	"fmt"
	"log"
	"net"
	"time"

	"github.com/alexedwards/scs/redisstore"
	"github.com/alexedwards/scs/v2"
	"github.com/gomodule/redigo/redis"
)

// newStore обирає сховище сесій: Redis, якщо задано REDIS_ADDR. Інакше
// повертає nil — типове сховище scs: memstore, пам'ять процесу.
func newStore(getenv func(string) string) (scs.Store, error) {
	addr := getenv("REDIS_ADDR")
	if addr == "" {
		log.Print("Сесії в пам'яті процесу: після перезапуску їх не буде")
		return nil, nil
	}
	pool := newPool(addr)
	conn := pool.Get()
	defer conn.Close()
	if _, err := conn.Do("PING"); err != nil {
		// Команда — як у redis/README.uk.md: без збереження на диск і
		// з межею пам'яті; коли її забракне, Redis видаляє ключі, яким
		// лишилося жити найменше (у сесій scs строк є завжди).
		_, port, perr := net.SplitHostPort(addr)
		if perr != nil || port == "" {
			port = "6379"
		}
		return nil, fmt.Errorf("сервер Redis на %s недоступний: %v\n"+
			"Запустіть його: redis-server --port %s --save '' "+
			"--maxmemory 64mb --maxmemory-policy volatile-ttl "+
			"(або sudo systemctl start redis-server)", addr, err, port)
	}
	log.Printf("Сесії в Redis: %s", addr)
	return newRedisStore(pool, "scs:session:"), nil
}

// redisStore — сховище scs/redisstore, якому додано CommitExisting:
// записати сесію, лише якщо її ключ ще є, одним кроком у Redis
// (SET … XX). Так вихід остаточний і тоді, коли копій застосунку кілька
// (revoke.go). Сам redisstore такого не вміє: його Commit — це
// MULTI, SET і PEXPIREAT, без умови.
type redisStore struct {
	*redisstore.RedisStore
	pool   *redis.Pool
	prefix string
}

// newRedisStore — redisstore.NewWithPrefix(pool, prefix) з
// CommitExisting.
func newRedisStore(pool *redis.Pool, prefix string) *redisStore {
	return &redisStore{
		RedisStore: redisstore.NewWithPrefix(pool, prefix),
		pool:       pool,
		prefix:     prefix,
	}
}

// CommitExisting записує дані токена до миті expiry, лише якщо ключ
// токена ще є, і каже, чи записав.
func (s *redisStore) CommitExisting(token string, b []byte,
	expiry time.Time) (bool, error) {
	// PX — строк у мілісекундах від цієї миті: SET … PX … XX є з
	// Redis 2.6.12, а PXAT (мить, як у redisstore) — лише з 6.2.
	ms := time.Until(expiry).Milliseconds()
	if ms < 1 {
		ms = 1
	}
	conn := s.pool.Get()
	defer conn.Close()
	reply, err := conn.Do("SET", s.prefix+token, b, "PX", ms, "XX")
	// Ключа немає — SET … XX відповідає nil і нічого не пише.
	return reply != nil, err
}

// newPool — пул з'єднань redigo, клієнта Redis, з яким працює
// scs/redisstore. Ключі сесій: scs:session:<токен>.
func newPool(addr string) *redis.Pool {
	return &redis.Pool{
		MaxIdle:     10,
		IdleTimeout: 4 * time.Minute,
		Dial: func() (redis.Conn, error) {
			return redis.Dial("tcp", addr,
				redis.DialConnectTimeout(2*time.Second),
				redis.DialReadTimeout(2*time.Second),
				redis.DialWriteTimeout(2*time.Second))
		},
	}
}
