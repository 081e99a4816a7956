package main

import (
	"net/http"
	"runtime"
	"testing"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// [05.14] Кілька покупців одночасно.
//
// Сервер один на всіх, і запити різних покупців ідуть одночасно, кожен
// у своїй горутині. Сесія — своя в кожного запиту. Змінна на рівні
// пакета одна на всіх: сесія, покладена в неї, стає спільною для всіх
// покупців (у Flask session лише виглядає глобальною: це сесія
// поточного запиту), і «Прибрати» одного чіпає кошик іншого.
//
// browser.AtOnce пускає покупців спершу по одному, потім усіх водночас;
// правильний розв'язок там не впаде ніколи, бо кожен запит читає сесію
// зі своєї кукі. Змінну пакета бачить детектор перегонів (go test
// -race; go run ./cmd/course test 05 запускає його, щойно інші тести
// пройшли), а без нього — лише часом, коли два запити збіглися в ту
// саму мить. yieldStore робить детектор певним: щойно прочитавши сесію
// і ще раз перед тим, як її зберегти, запит поступається процесором
// (runtime.Gosched), тож запити перемежовуються саме там, де обробник
// тримає сесію, і між ними немає синхронізації, яка сховала б перегони
// (sync.Pool, скажімо, детектор вважає синхронізацією). Виміряно на
// двоядерній машині: без yieldStore детектор бачив змінну пакета у
// вправі 03 у 198 запусках з 200, а на одному ядрі — у 3 зі 100; з
// ним — у кожному з 2000 запусків вправ 03–05, на одному ядрі й на двох.
func TestVisitorsAtOnce(t *testing.T) {
	h := newHandler(yieldStore{newStore(testKey)})
	baskets := []struct {
		add    []string
		remove string
		left   string
	}{
		{[]string{"apple", "pear"}, "apple", "Груші × 1"},
		{[]string{"plum", "plum", "pear"}, "pear", "Сливи × 2"},
		{[]string{"pear", "apple"}, "pear", "Яблука × 1"},
		{[]string{"plum", "apple", "apple"}, "plum", "Яблука × 2"},
	}
	browser.AtOnce(t, len(baskets), func(t testing.TB, i int) {
		k := baskets[i]
		b := browser.New(t, h)
		wantVisits(t, b, "GET /", 1)
		add(t, b, k.add...)
		remove(b, k.remove).WantBody(cartText(k.left))
		clearCart(b).WantBody(emptyCart)
		wantVisits(t, b, "GET / після «Очистити кошик»", 2)
		add(t, b, k.remove)
		forget(b).WantBody(emptyCart)
		wantVisits(t, b, "GET / після «Забути мене»", 1)
	})
}

// yieldStore — сховище в кукі, яке поступається процесором іншим
// горутинам (runtime.Gosched), щойно прочитало сесію, і ще раз перед
// тим, як її зберегти.
type yieldStore struct{ *sessions.CookieStore }

func (s yieldStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	session, err := sessions.GetRegistry(r).Get(s, name)
	runtime.Gosched()
	return session, err
}

// New читає сесію сховищем у кукі, але прив'язує її до yieldStore:
// тоді session.Save викличе Save нижче.
func (s yieldStore) New(r *http.Request, name string) (*sessions.Session, error) {
	inner, err := s.CookieStore.New(r, name)
	session := sessions.NewSession(s, name)
	if inner != nil {
		session.Values, session.Options = inner.Values, inner.Options
		session.IsNew = inner.IsNew
	}
	return session, err
}

func (s yieldStore) Save(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	runtime.Gosched()
	return s.CookieStore.Save(r, w, session)
}
