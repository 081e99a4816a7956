package main

import (
	"container/list"
	"sync"
)

// maxAnonymous — скільки сесій анонімних відвідувачів тримає в Redis
// одна копія застосунку. Сесію заводить перший же GET /visits без
// кукі, тож без межі будь-хто заповнив би Redis: 20 000 таких запитів
// — це 20 000 ключів на 30 хвилин. Одна сесія лічильника в Redis —
// близько 200 байтів, тож межа — це кілька мегабайтів на копію.
// Сесій після входу межа не чіпає: анонімні відвідувачі їх не
// витіснять.
const maxAnonymous = 10_000

// anonSessions — ID сесій анонімних відвідувачів, які завела ця копія
// застосунку, від найстарішої до найновішої. Облік у пам'яті процесу:
// кожна копія рахує лише свої, а після перезапуску починає з нуля
// (старі зникнуть самі, коли мине їхній TTL).
type anonSessions struct {
	mu    sync.Mutex
	max   int
	order *list.List               // ID, найстаріший спереду
	where map[string]*list.Element // ID → його місце в order
}

func newAnonSessions(max int) *anonSessions {
	return &anonSessions{
		max:   max,
		order: list.New(),
		where: make(map[string]*list.Element),
	}
}

// add бере на облік нову сесію id і повертає ID найстаріших сесій понад
// межу: їх треба видалити.
func (s *anonSessions) add(id string) (evicted []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.where[id]; ok {
		return nil
	}
	s.where[id] = s.order.PushBack(id)
	for s.order.Len() > s.max {
		oldest := s.order.Remove(s.order.Front()).(string)
		delete(s.where, oldest)
		evicted = append(evicted, oldest)
	}
	return evicted
}

// forget знімає з обліку сесію id: після входу, виходу, нового ID.
func (s *anonSessions) forget(id string) {
	if id == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.where[id]; ok {
		s.order.Remove(e)
		delete(s.where, id)
	}
}
