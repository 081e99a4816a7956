package main

import (
	"fmt"
	"log"
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
		return nil, fmt.Errorf("сервер Redis на %s недоступний: %v\n"+
			"Запустіть його: redis-server --port ПОРТ "+
			"(або sudo systemctl start redis-server)", addr, err)
	}
	log.Printf("Сесії в Redis: %s", addr)
	return redisstore.New(pool), nil
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
