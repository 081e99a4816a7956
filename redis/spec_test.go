package main

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/redis/internal/redistest"
)

// TestSpec перевіряє застосунок у Redis за специфікацією застосунку
// заняття (internal/apptest). Це застосунок кроку 08, тож частина
// відмінностей від кроку 06 задумана, і специфікація перевіряє кожну
// підтестом з її назвою: повідомлення про вхід (flash), вихід видаляє
// всю сесію, «запам'ятати мене» немає.
//
// Час тут працює в synctest: таймаут бездіяльності перевіряє підпис
// кукі, абсолютний строк — час входу в сесії (обидва часи — з
// годинника програми), а TTL ключа в Redis, на справжньому годиннику,
// довший за будь-який сценарій.
func TestSpec(t *testing.T) {
	srv := redistest.Start(t)
	var n atomic.Int64
	apptest.Spec(t, apptest.Target{
		New: func(t *testing.T) http.Handler {
			store := newStore(srv.NewClient(t), testKey)
			// Кожна копія застосунку — зі своїм префіксом ключів:
			// сесії сценаріїв не перетинаються в одному Redis.
			store.KeyPrefix = fmt.Sprintf("session:%d:", n.Add(1))
			return newHandler(store)
		},
		Storage:           apptest.ServerSide,
		LoginFlash:        true,
		LogoutEndsSession: true,
		NoRemember:        true,
	})
}
