package main

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/gorilla/sessions"

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

// TestSessionsSpec перевіряє сторінки «ваші сесії» тією самою
// специфікацією, що й крок 09 (internal/apptest/spec_sessions.go), —
// разом зі сценарієм двох копій застосунку на одному Redis: «завершити
// інші» на одній копії виводить інші пристрої на другій.
//
// Таймаут бездіяльності в списку redisstore рахує від часу останнього
// збереження в самій сесії, на годиннику програми, як і підпис кукі:
// тож synctest пересуває і його.
func TestSessionsSpec(t *testing.T) {
	srv := redistest.Start(t)
	var n atomic.Int64
	// store — нове сховище з власним префіксом ключів: сесії й індекси
	// сценаріїв не перетинаються в одному Redis.
	store := func(t *testing.T, prefix int64) sessions.Store {
		s := newStore(srv.NewClient(t), testKey)
		s.KeyPrefix = fmt.Sprintf("session:%d:", prefix)
		s.IndexPrefix = fmt.Sprintf("sessions-of:%d:", prefix)
		return s
	}
	apptest.SessionsSpec(t, apptest.SessionsTarget{
		Target: apptest.Target{
			New: func(t *testing.T) http.Handler {
				return newHandler(store(t, n.Add(1)))
			},
			Storage:           apptest.ServerSide,
			LoginFlash:        true,
			LogoutEndsSession: true,
			NoRemember:        true,
		},
		Held: func(t *testing.T) (http.Handler, *apptest.HoldStore) {
			s := apptest.NewHoldStore(store(t, n.Add(1)))
			return newHandler(s), s
		},
		Key: testKey,
		// Дві копії: кожна — зі своїм з'єднанням і своїм обліком
		// анонімних сесій, як окремі процеси; спільні в них лише
		// Redis, префікси і ключ.
		Shared: func(t *testing.T) (http.Handler, http.Handler) {
			prefix := n.Add(1)
			return newHandler(store(t, prefix)), newHandler(store(t, prefix))
		},
	})
}
