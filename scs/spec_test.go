package main

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/scs/internal/redistest"
)

// scsTarget — що застосунок на scs каже про себе специфікації.
// Відмінності від кроку 06 задумані, і специфікація перевіряє кожну
// підтестом з її назвою:
//
//   - дані на сервері, кукі — лише випадковий токен;
//   - IdleTimeout подовжує з кожним запитом будь-яку сесію, не лише
//     «запам'ятати мене».
func scsTarget(new func(t *testing.T) http.Handler) apptest.Target {
	return apptest.Target{
		New:            new,
		Storage:        apptest.ServerSide,
		BareToken:      true,
		OrdinarySlides: true,
	}
}

// TestSpec — специфікація на scs з типовим сховищем, memstore.
func TestSpec(t *testing.T) {
	apptest.Spec(t, scsTarget(func(t *testing.T) http.Handler {
		sm := newManager(nil)
		if apptest.InBubble(t) {
			stopCleanup(t, sm)
		}
		return newHandler(sm)
	}))
}

// stopCleanup зупиняє наприкінці тесту горутину-прибиральника memstore.
// Бульбашка synctest не закінчиться, доки жива хоч одна її горутина, а
// ця живе вічно. synctest.Wait чекає, доки горутина запуститься і стане
// чекати тікера: лише тоді StopCleanup бачить її канал зупинки.
func stopCleanup(t *testing.T, sm *scs.SessionManager) {
	store := sm.Store
	if g, ok := store.(*guard); ok {
		store = g.Unwrap()
	}
	m, ok := store.(*memstore.MemStore)
	if !ok {
		t.Fatalf("сховище — отримали %T, очікували *memstore.MemStore",
			store)
	}
	t.Cleanup(func() {
		synctest.Wait()
		m.StopCleanup()
	})
}

// TestSpecRedis — та сама специфікація на scs/redisstore (з
// CommitExisting, store.go) і справжньому redis-server. Час тут рахує
// сам Redis: redisstore ставить ключу
// PEXPIREAT — мить за годинником програми, а в бульбашці synctest це
// 2000 рік, тож Redis видалив би ключ одразу. Сценарії з часом
// специфікація тут називає і зупиняє (RealClock); їх перевіряє TestSpec.
func TestSpecRedis(t *testing.T) {
	srv := redistest.Start(t)
	var n atomic.Int64
	tg := scsTarget(func(t *testing.T) http.Handler {
		// Кожна копія застосунку — зі своїм префіксом ключів: сесії
		// сценаріїв не перетинаються в одному Redis.
		prefix := fmt.Sprintf("scs:%d:", n.Add(1))
		store := newRedisStore(srv.NewPool(t), prefix)
		return newHandler(newManager(store))
	})
	tg.RealClock = true
	apptest.Spec(t, tg)
}
