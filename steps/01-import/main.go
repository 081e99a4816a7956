// Крок 01. Імпорт: підключаємо gorilla/sessions і рахуємо візити.
//
// У Flask сесія — готовий об'єкт: `from flask import session`. У Go ми
// самі створюємо сховище сесій (session store) і самі просимо його
// прочитати та зберегти сесію. Ця програма рахує, скільки разів ви
// відкрили сторінку («Візитів: 3»): лічильник живе в кукі (cookie)
// вашого браузера.
//
// Запустіть: go run ./steps/01-import
package main

import (
	"fmt"
	"net/http"

	// Сесії для net/http. Пакет securecookie підписує вміст кукі.
	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
)

// sessionName — ім'я кукі сесії, як у Flask.
const sessionName = "session"

func main() {
	// Ключ, яким підписано кукі. Тут він випадковий і живе, поки
	// працює програма: перезапуск — і всі сесії зникають. Звідки брати
	// постійний ключ і чому не писати його в код, покаже крок 02.
	key := securecookie.GenerateRandomKey(32)
	devserver.Run(newHandler(newStore(key)))
}

// newStore створює сховище, яке тримає сесію в самій кукі.
func newStore(key []byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(key)
	// Параметри кукі обираємо свідомо, а не покладаємося на типові:
	// HttpOnly — JavaScript сторінки не прочитає кукі (як у Flask);
	store.Options.HttpOnly = true
	// Lax — браузер не надішле кукі з чужого сайту у POST-запиті.
	// Типово gorilla ставить None, і тоді браузер надсилає її завжди.
	store.Options.SameSite = http.SameSiteLaxMode
	// Secure (лише HTTPS) gorilla вже ставить сам. Chrome і Firefox
	// вважають http://localhost безпечним, тож локально все працює;
	// Safari — ні, тому відкривайте кроки в Chrome чи Firefox.
	return store
}

// private позначає відповідь як особисту. Сторінка, яка залежить від
// сесії, у кожного відвідувача своя, і її не можна класти в спільний
// кеш (проксі, CDN): інакше він покаже ваш лічильник, а в наступних
// кроках — «Logged in as alice», комусь іншому. Для цього два
// заголовки:
//
//   - Vary: Cookie — відповідь залежить від кукі запиту;
//   - Cache-Control: no-store — не зберігати її в жодному кеші.
//
// Flask сам додає Vary: Cookie до кожної відповіді, обробник якої
// читав сесію. gorilla/sessions не додає нічого, тож робимо це ми:
// private обгортає весь застосунок, і кожна його відповідь має обидва
// заголовки. Заразом private ставить і третій, X-Content-Type-Options:
// nosniff: браузер має взяти тип із Content-Type, а не вгадувати його
// за вмістом, інакше він може прийняти текст за HTML чи скрипт і
// виконати його. Наступні кроки беруть цю функцію без змін.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// newHandler повертає обробник (handler) усього застосунку.
func newHandler(store sessions.Store) http.Handler {
	mux := http.NewServeMux()
	// "GET /{$}" — лише сама адреса /, а не будь-який шлях.
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter,
		r *http.Request) {
		// Get повертає сесію відвідувача. Якщо кукі немає або її не
		// вдалося прочитати, це нова порожня сесія. Помилку Get
		// розберемо в кроці 02.
		session, _ := store.Get(r, sessionName)

		// Values — це map[any]any, тож значення перевіряємо
		// формою «кома ok»: нового відвідувача це не зламає.
		visits, _ := session.Values["visits"].(int)
		visits++
		session.Values["visits"] = visits

		// Save записує кукі в заголовки відповіді. Тому — до того,
		// як ми почали писати саму відповідь.
		if err := session.Save(r, w); err != nil {
			http.Error(w, "не вдалося зберегти сесію",
				http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Візитів: %d\n", visits)
	})
	// Кожна відповідь застосунку залежить від сесії: обгортаємо весь mux.
	return private(mux)
}

// Далі: крок 02 бере ключ зі змінної середовища SESSION_KEY.
