// Package redistest запускає для тестів справжній redis-server
// (internal/redisserver у корені курсу) і дає до нього пул з'єднань
// redigo, з яким працює scs/redisstore.
package redistest

import (
	"testing"

	"github.com/gomodule/redigo/redis"

	"example.com/lesson27/internal/redisserver"
)

// Server — запущений redis-server: Addr, Stop і NewPool.
type Server struct {
	*redisserver.Server
}

// Start запускає redis-server (див. redisserver.Start). Сервер
// зупиниться сам наприкінці тесту.
func Start(tb testing.TB) *Server {
	tb.Helper()
	return &Server{redisserver.Start(tb)}
}

// NewPool повертає пул з'єднань до цього сервера; його закриють
// наприкінці тесту.
func (s *Server) NewPool(tb testing.TB) *redis.Pool {
	tb.Helper()
	p := &redis.Pool{
		MaxIdle: 4,
		Dial: func() (redis.Conn, error) {
			timeout := redisserver.StartTimeout
			return redis.Dial("tcp", s.Addr,
				redis.DialConnectTimeout(timeout),
				redis.DialReadTimeout(timeout),
				redis.DialWriteTimeout(timeout))
		},
	}
	tb.Cleanup(func() { p.Close() })
	return p
}
