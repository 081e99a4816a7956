package main

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// [03.12] Кілька відвідувачів одночасно.
//
// Сервер один на всіх, і запити різних відвідувачів ідуть одночасно,
// кожен у своїй горутині. Сесія — своя в кожного запиту. Змінна на
// рівні пакета одна на всіх: сесія чи мова, покладена в неї, стає
// спільною для всіх відвідувачів (у Flask session лише виглядає
// глобальною: це сесія поточного запиту).
//
// Чому тест надійний:
//
//   - yieldStore на кожному Get поступається процесором іншим горутинам
//     (runtime.Gosched): запити відвідувачів перемежовуються саме там,
//     де обробник уже прочитав сесію і ще працює з нею;
//   - на час тесту програма має один процесор (GOMAXPROCS=1), тож
//     горутини перемежовуються лише там, де поступаються, і результат
//     без детектора перегонів не залежить від випадку;
//   - детектор перегонів (go test -race; go run ./cmd/course test 03
//     запускає його, щойно інші тести пройшли) бачить, що дві горутини
//     без синхронізації пишуть ту саму змінну, хоч би в якому порядку
//     вони йшли, і пише «спільний стан: …».
//
// Розв'язок без спільних даних цей тест не завалить: кожен відвідувач
// бачить лише те, що лежить у його кукі, за будь-якого порядку
// запитів, а детекторові нема чого знайти.
func TestVisitorsAtOnce(t *testing.T) {
	store := yieldStore{newStore(testKey)}
	h := newHandler(store)
	// Спершу один відвідувач сам: якщо вже так щось не так, про це
	// скажуть інші тести, а цей про спільний стан не вигадуватиме.
	if problem := visitLangs(browser.New(t, h), "uk", "en"); problem != "" {
		t.Skipf("один відвідувач сам: %s; спершу виправте це (інші тести скажуть більше)",
			problem)
	}

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	pairs := [][2]string{{"uk", "en"}, {"en", "uk"}, {"uk", "en"}, {"en", "uk"}}
	visitors := make([]*browser.Browser, len(pairs))
	for i := range pairs {
		visitors[i] = browser.New(t, h)
	}
	browser.AtOnce(len(pairs), func(i int) {
		if problem := visitLangs(visitors[i], pairs[i][0], pairs[i][1]); problem != "" {
			t.Errorf("спільний стан: відвідувач %d з %d (усі водночас), %s",
				i+1, len(pairs), problem)
		}
	})
}

// visitLangs обирає мову first, потім second і знову first, як
// людина в браузері b, і повертає першу невідповідність або "".
func visitLangs(b *browser.Browser, first, second string) string {
	steps := []struct {
		what string
		do   func() *browser.Response
		want string
	}{
		{"GET /", func() *browser.Response { return b.Get("/") }, noLang},
		{"POST /lang " + first, func() *browser.Response { return chooseLang(b, first) },
			greeting(first, "")},
		{"POST /lang " + second, func() *browser.Response { return chooseLang(b, second) },
			greeting(second, first)},
		{"POST /lang " + first, func() *browser.Response { return chooseLang(b, first) },
			greeting(first, second)},
		{"GET /", func() *browser.Response { return b.Get("/") }, greeting(first, second)},
	}
	for _, s := range steps {
		if got := strings.TrimSpace(s.do().Body); got != s.want {
			return fmt.Sprintf("%s: текст сторінки — %s", s.what, browser.GotWant(got, s.want))
		}
	}
	return ""
}

// yieldStore — сховище в кукі, яке, прочитавши сесію, поступається
// процесором іншим горутинам.
type yieldStore struct{ sessions.Store }

func (s yieldStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	session, err := s.Store.Get(r, name)
	runtime.Gosched()
	return session, err
}
