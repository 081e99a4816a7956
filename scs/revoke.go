package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
)

// Вихід остаточний: обгортка сховища, якої scs не має.
//
// scs зберігає сесію після кожного запиту (з IdleTimeout — завжди), і
// Commit сховищ scs (memstore, redisstore) перезаписує ключ, не
// питаючи, чи він ще є. Запит, що прочитав сесію до виходу і
// зберігає її після, записав би видалений токен знову — і копія кукі
// ожила б. guard не дає цього зробити: токен, який запит прочитав зі
// сховища, він записує лише тоді, коли той ще є. Новий токен (нова
// сесія, RenewToken) — 32 випадкові байти, його він пише як є.
//
// Що запит прочитав, guard дізнається з контексту: loadAndSave
// (save.go) кладе туди токен після sm.Load (withLoaded). scs передає
// контекст запиту сховищу, яке вміє FindCtx, CommitCtx і DeleteCtx
// (scs.CtxStore), — тож guard їх і має. (З sm.HashTokenInStore
// сховище бачило б не токен, а його хеш SHA-256, і withLoaded мав би
// класти хеш; застосунок цього налаштування не вмикає.)

// errSessionGone — guard не записав сесію: її токена вже немає в
// сховищі. Сесію видалили (вихід, новий вхід, «забути все») або її
// строк минув, поки запит її обробляв.
var errSessionGone = errors.New("сесію видалено, поки запит її обробляв")

// existingCommitter — сховище, яке саме вміє записати лише наявний
// ключ, одним кроком (у Redis — SET … XX). Таке сховище guard не
// блокує м'ютексом, і перевірка тримає навіть між кількома копіями
// застосунку.
type existingCommitter interface {
	// CommitExisting записує дані токена, лише якщо він ще є, і
	// каже, чи записав.
	CommitExisting(token string, b []byte, expiry time.Time) (bool, error)
}

// guard обгортає сховище scs: див. коментар на початку файлу.
type guard struct {
	store scs.Store
	// mu робить «перевірити й записати» одним кроком для сховищ без
	// CommitExisting (memstore): вихід не вклиниться між ними. Між
	// копіями застосунку м'ютекс не діє, але memstore і не спільний.
	mu sync.Mutex
}

// newGuard обгортає сховище s.
func newGuard(s scs.Store) *guard { return &guard{store: s} }

// Unwrap повертає обгорнуте сховище.
func (g *guard) Unwrap() scs.Store { return g.store }

// CommitCtx записує сесію; токен, який запит прочитав, — лише якщо він
// ще є, інакше errSessionGone.
func (g *guard) CommitCtx(ctx context.Context, token string, b []byte,
	expiry time.Time) error {
	if token == "" || token != loaded(ctx) {
		return g.store.Commit(token, b, expiry)
	}
	if c, ok := g.store.(existingCommitter); ok {
		written, err := c.CommitExisting(token, b, expiry)
		if err == nil && !written {
			err = errSessionGone
		}
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	_, found, err := g.store.Find(token)
	switch {
	case err != nil:
		return err
	case !found:
		return errSessionGone
	}
	return g.store.Commit(token, b, expiry)
}

// DeleteCtx видаляє сесію. Контекст запиту сюди не доходить: сховища
// scs його не беруть, тож клієнт, що закрив з'єднання, видалення не
// скасує.
func (g *guard) DeleteCtx(_ context.Context, token string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.store.Delete(token)
}

// FindCtx читає сесію.
func (g *guard) FindCtx(_ context.Context, token string) ([]byte, bool,
	error) {
	return g.store.Find(token)
}

// Find, Commit і Delete — для scs.Store. Commit без контексту не знає,
// що запит прочитав, тож пише як є; scs кличе CommitCtx.
func (g *guard) Find(token string) ([]byte, bool, error) {
	return g.FindCtx(context.Background(), token)
}

func (g *guard) Commit(token string, b []byte, expiry time.Time) error {
	return g.CommitCtx(context.Background(), token, b, expiry)
}

func (g *guard) Delete(token string) error {
	return g.DeleteCtx(context.Background(), token)
}

// loadedKey — ключ контексту: токен, який запит прочитав зі сховища.
type loadedKey struct{}

// withLoaded каже guard, що цей запит прочитав зі сховища token.
func withLoaded(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, loadedKey{}, token)
}

// loaded — токен, який запит прочитав зі сховища, або "".
func loaded(ctx context.Context) string {
	token, _ := ctx.Value(loadedKey{}).(string)
	return token
}

// All — для sm.Iterate: усі живі сесії, якщо обгорнуте сховище вміє їх
// перелічити (memstore і redisstore вміють).
func (g *guard) All() (map[string][]byte, error) {
	s, ok := g.store.(scs.IterableStore)
	if !ok {
		return nil, fmt.Errorf("сховище %T не вміє перелічити сесії",
			g.store)
	}
	return s.All()
}
