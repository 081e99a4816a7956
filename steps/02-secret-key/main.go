// Крок 02. Секретний ключ: беремо його із середовища, а не з коду.
//
// У Flask ключ задають рядком у коді: app.secret_key = '…'. Так
// робити не варто ні там, ні тут: хто бачив код (або репозиторій),
// той може підробити будь-яку сесію. Ключ живе поза кодом — у змінній
// середовища SESSION_KEY.
//
// Запустіть:
//
//	export SESSION_KEY=$(go run ./cmd/newkey)
//	go run ./steps/02-secret-key
package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
)

// minKeyLen — найкоротший ключ підпису, у байтах. securecookie
// підписує кукі HMAC-SHA256. HMAC приймає ключ будь-якої довжини, але
// коротший за 32 байти (довжину підпису SHA-256) слабший; securecookie
// радить 32 або 64 байти.
const minKeyLen = 32

func main() {
	// os.Getenv передаємо як функцію: тест підставить свою.
	keys, temporary, err := loadKeys(os.Getenv)
	if err != nil {
		// Поганий ключ — помилка налаштування: не стартуємо взагалі.
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if temporary {
		log.Print("УВАГА: змінну SESSION_KEY не задано. Сервер працює з " +
			"тимчасовим випадковим ключем: після перезапуску всі сесії " +
			"зникнуть. Створіть ключ: go run ./cmd/newkey")
	}
	devserver.Run(newHandler(newStore(keys...)))
}

// loadKeys читає ключі із середовища:
//
//	SESSION_KEY        ключ підпису (hash key), hex, від 32 байтів;
//	SESSION_BLOCK_KEY  ключ шифрування (block key), hex, 16/24/32
//	                   байти, необов'язковий;
//	SESSION_KEY_OLD    попередній ключ підпису, необов'язковий: кукі,
//	                   підписані ним, ще приймаються (заміна ключа).
//
// Якщо SESSION_KEY немає, ключ буде тимчасовий (temporary = true).
func loadKeys(getenv func(string) string) (
	keys [][]byte, temporary bool, err error) {
	hash, err := parseKey("SESSION_KEY", getenv("SESSION_KEY"), minKeyLen)
	if err != nil {
		return nil, false, err
	}
	// Без ключа ми не падаємо, а беремо випадковий: його ніхто не
	// вгадає, тож це безпечно. Ціна — після перезапуску сесії зникнуть.
	if hash == nil {
		temporary = true
		hash = securecookie.GenerateRandomKey(minKeyLen)
	}

	// Ключ шифрування необов'язковий. Без нього кукі лише підписана:
	// її вміст може прочитати будь-хто, але не змінити.
	block, err := parseKey("SESSION_BLOCK_KEY", getenv("SESSION_BLOCK_KEY"), 16)
	if err != nil {
		return nil, false, err
	}
	if n := len(block); n != 0 && n != 16 && n != 24 && n != 32 {
		return nil, false, fmt.Errorf(
			"SESSION_BLOCK_KEY має %d Б, а AES приймає 16, 24 або 32 Б", n)
	}
	// Ключі йдуть парами: підпис, шифрування. Першою парою
	// сховище підписує нові кукі, а читає — будь-якою.
	keys = [][]byte{hash, block}

	old, err := parseKey("SESSION_KEY_OLD", getenv("SESSION_KEY_OLD"),
		minKeyLen)
	if err != nil {
		return nil, false, err
	}
	if old != nil {
		keys = append(keys, old, block)
	}
	return keys, temporary, nil
}

// parseKey розбирає ключ у шістнадцятковому записі; порожнє значення
// дає nil без помилки.
func parseKey(name, value string, minLen int) ([]byte, error) {
	if value == "" {
		return nil, nil
	}
	key, err := hex.DecodeString(value)
	if err != nil {
		return nil, fmt.Errorf("%s має бути в шістнадцятковому записі (hex), "+
			"як його друкує `go run ./cmd/newkey`: %v", name, err)
	}
	if len(key) < minLen {
		return nil, fmt.Errorf("%s закороткий: %d Б, а потрібно щонайменше "+
			"%d Б, тобто %d шістнадцяткові цифри; новий ключ дасть "+
			"`go run ./cmd/newkey`", name, len(key), minLen, 2*minLen)
	}
	return key, nil
}

// getSession повертає сесію відвідувача.
//
// Кукі, яку не вдалося прочитати (її змінили, строк її дії минув, її
// підписано іншим ключем або вона задовга), — це не помилка сервера,
// а анонімний відвідувач: Get однаково дає нову порожню сесію,
// беремо її.
// securecookie позначає такі помилки IsDecode, але не всі: задовга
// кукі не має жодної позначки. Тож навпаки: помилкою вважаємо лише
// зламані налаштування — IsUsage (наприклад, порожній ключ) та
// IsInternal. Про них має дізнатися розробник.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	return session, nil
}

// Далі: крок 03 зберігає в сесії ім'я користувача з форми входу.
