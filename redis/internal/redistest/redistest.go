// Package redistest запускає для тестів справжній redis-server
// (internal/redisserver у корені курсу) і дає до нього клієнта
// go-redis, з яким працює redisstore цього модуля.
package redistest

import (
	"testing"

	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/redisserver"
)

// Server — запущений redis-server: Addr, Stop і NewClient.
type Server struct {
	*redisserver.Server
}

// Start запускає redis-server (див. redisserver.Start). Сервер
// зупиниться сам наприкінці тесту.
func Start(tb testing.TB) *Server {
	tb.Helper()
	return &Server{redisserver.Start(tb)}
}

// NewClient повертає клієнта цього сервера; його закриють наприкінці
// тесту.
func (s *Server) NewClient(tb testing.TB) *redis.Client {
	tb.Helper()
	c := redis.NewClient(&redis.Options{Addr: s.Addr})
	tb.Cleanup(func() { c.Close() })
	return c
}
