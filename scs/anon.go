package main

import (
	"container/list"
	"log"
	"sync"
)

// maxAnonymous — скільки сесій анонімних відвідувачів тримає одна
// копія застосунку. Сесію заводить перший же GET /visits без кукі, тож
// без межі будь-хто заповнив би пам'ять: 20 000 таких запитів — це
// 20 000 сесій у memstore (близько 8 МБ) чи 20 000 ключів у Redis, на
// 30 хвилин. Сесій після входу межа не чіпає: анонімні відвідувачі їх
// не витіснять.
const maxAnonymous = 10_000

// anonSessions — токени сесій анонімних відвідувачів, які зберегла ця
// копія застосунку, від найстарішої сесії до найновішої. Облік у
// пам'яті процесу: кожна копія рахує лише свої, а після перезапуску
// починає з нуля (старі зникнуть самі, коли мине їхній строк).
type anonSessions struct {
	mu    sync.Mutex
	max   int
	order *list.List               // токени, найстаріший спереду
	where map[string]*list.Element // токен → його місце в order
}

func newAnonSessions(max int) *anonSessions {
	return &anonSessions{
		max:   max,
		order: list.New(),
		where: make(map[string]*list.Element),
	}
}

// add бере на облік сесію token, якщо її там ще немає, і повертає
// токени найстаріших сесій понад межу: їх треба видалити.
func (s *anonSessions) add(token string) (evicted []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.where[token]; ok {
		return nil
	}
	s.where[token] = s.order.PushBack(token)
	for s.order.Len() > s.max {
		oldest := s.order.Remove(s.order.Front()).(string)
		delete(s.where, oldest)
		evicted = append(evicted, oldest)
	}
	return evicted
}

// forget знімає з обліку сесію token: після входу, нового токена,
// видалення.
func (s *anonSessions) forget(token string) {
	if token == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.where[token]; ok {
		s.order.Remove(e)
		delete(s.where, token)
	}
}

// deleteAnonymous видаляє сесію анонімного відвідувача понад межу.
// Помилку лише записує в журнал: запит, що її спричинив, від неї не
// залежить, а сесія однаково зникне, коли мине її строк.
func (a *app) deleteAnonymous(token string) {
	if err := a.sm.Store.Delete(token); err != nil {
		log.Printf("помилка сесії: не вдалося видалити сесію понад "+
			"межу: %v", err)
	}
}
