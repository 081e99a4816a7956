package facts

import (
	"bytes"
	"encoding/base64"
	"encoding/gob"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/browser"
)

// Ключі, підпис і шифрування; що буває з чужою, зіпсованою чи
// простроченою кукі.

// cookieParts розбирає значення кукі securecookie без жодного ключа:
// base64url("<мітка часу>|<base64url(дані)>|<MAC>").
func cookieParts(t testing.TB, c *http.Cookie) (ts string, payload, mac []byte) {
	t.Helper()
	outer, err := base64.URLEncoding.DecodeString(c.Value)
	if err != nil {
		t.Fatalf("кукі: base64 — помилка %v", err)
	}
	parts := bytes.SplitN(outer, []byte("|"), 3)
	if len(parts) != 3 {
		t.Fatalf("кукі: частин через «|» — отримали %d, очікували 3", len(parts))
	}
	payload, err = base64.URLEncoding.DecodeString(string(parts[1]))
	if err != nil {
		t.Fatalf("кукі: base64 даних — помилка %v", err)
	}
	return string(parts[0]), payload, parts[2]
}

// cookieTimestamp повертає Unix-час, записаний у кукі під час Save.
func cookieTimestamp(t testing.TB, c *http.Cookie) int64 {
	t.Helper()
	ts, _, _ := cookieParts(t, c)
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		t.Fatalf("кукі: мітка часу %q — помилка %v", ts, err)
	}
	return n
}

// Без ключа шифрування кукі лише підписана: будь-хто розкодує її
// base64 і gob без жодного ключа й побачить ім'я користувача.
func TestSignedNotEncrypted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := login(t, sessions.NewCookieStore(testKey), "alice")
		ts, payload, mac := cookieParts(t, c)
		browser.Want(t, "мітка часу", ts, strconv.FormatInt(bubbleStart.Unix(), 10))
		// HMAC-SHA256 дає 32 байти.
		browser.Want(t, "довжина підпису (MAC), байтів", len(mac), 32)

		var values map[interface{}]interface{}
		err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&values)
		browser.Want(t, "gob без ключа: помилка", browser.ErrText(err), browser.NoError)
		browser.Want(t, "gob без ключа: username", values["username"], any("alice"))
	})
}

// Ключ шифрування (block key) на 16, 24 чи 32 байти шифрує вміст
// кукі AES: без ключа ім'я не прочитати, а сервер її читає.
func TestBlockKeyEncrypts(t *testing.T) {
	for _, n := range []int{16, 24, 32} {
		blockKey := bytes.Repeat([]byte("b"), n)
		store := sessions.NewCookieStore(testKey, blockKey)
		c := login(t, store, "alice")
		_, payload, _ := cookieParts(t, c)
		what := "ключ шифрування " + strconv.Itoa(n) + " байтів"
		browser.Want(t, what+": «alice» видно в даних",
			bytes.Contains(payload, []byte("alice")), false)
		var values map[interface{}]interface{}
		err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&values)
		browser.Want(t, what+": gob без ключа вдався", err == nil, false)
		s, err := load(t, store, c)
		browser.Want(t, what+": сервер читає ім'я", username(s), "alice")
		browser.Want(t, what+": помилка", browser.ErrText(err), browser.NoError)
	}
}

// Ключ шифрування хибної довжини не зупиняє NewCookieStore: помилку
// повертає кожен Save (і кожен Get з кукі).
func TestBadBlockKeyFailsOnSave(t *testing.T) {
	good := login(t, sessions.NewCookieStore(testKey), "alice")
	store := sessions.NewCookieStore(testKey, []byte("123456789"))
	resp, err := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = "alice"
	})
	const want = "securecookie: error - caused by: crypto/aes: invalid key size 9"
	browser.Want(t, "Save: помилка", browser.ErrText(err), want)
	browser.Want(t, "Save: вид помилки", kindOf(err), usageError)
	browser.Want(t, "Save: заголовків Set-Cookie", len(resp.Header.Values("Set-Cookie")), 0)
	_, err = load(t, store, good)
	browser.Want(t, "Get: помилка", browser.ErrText(err), want)
}

// Ключ підпису може бути будь-якої ненульової довжини: securecookie
// радить 32 або 64 байти, але не вимагає.
func TestShortHashKeyWorks(t *testing.T) {
	store := sessions.NewCookieStore([]byte("k"))
	s, err := load(t, store, login(t, store, "alice"))
	browser.Want(t, "ключ з 1 байта: ім'я", username(s), "alice")
	browser.Want(t, "ключ з 1 байта: помилка", browser.ErrText(err), browser.NoError)
}

// Порожній ключ підпису (наприклад, незадана змінна середовища) — це
// помилка налаштування (IsUsage) з Save і з Get, коли запит несе кукі.
func TestEmptyHashKeyIsUsageError(t *testing.T) {
	const want = "securecookie: hash key is not set"
	store := sessions.NewCookieStore([]byte(""))

	_, err := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = "alice"
	})
	browser.Want(t, "Save: помилка", browser.ErrText(err), want)
	browser.Want(t, "Save: вид помилки", kindOf(err), usageError)

	good := login(t, sessions.NewCookieStore(testKey), "alice")
	_, err = load(t, store, good)
	browser.Want(t, "Get з кукі: помилка", browser.ErrText(err), want)
	browser.Want(t, "Get з кукі: вид помилки", kindOf(err), usageError)

	// Без кукі Get нічого не розкодовує, тож і помилки немає.
	_, err = store.Get(newRequest(), sessionName)
	browser.Want(t, "Get без кукі: помилка", browser.ErrText(err), browser.NoError)
}

// Заміна ключа: NewCookieStore(новий, nil, старий, nil) приймає кукі,
// підписані старим ключем, а нові підписує новим.
func TestKeyRotation(t *testing.T) {
	oldCookie := login(t, sessions.NewCookieStore(otherKey), "alice")
	rotated := sessions.NewCookieStore(testKey, nil, otherKey, nil)

	s, err := load(t, rotated, oldCookie)
	browser.Want(t, "стара кукі: ім'я", username(s), "alice")
	browser.Want(t, "стара кукі: IsNew", s.IsNew, false)
	browser.Want(t, "стара кукі: помилка", browser.ErrText(err), browser.NoError)

	fresh := login(t, rotated, "bob")
	s, _ = load(t, sessions.NewCookieStore(testKey), fresh)
	browser.Want(t, "нова кукі читається лише новим ключем: ім'я", username(s), "bob")
	_, err = load(t, sessions.NewCookieStore(otherKey), fresh)
	browser.Want(t, "нова кукі зі старим ключем: вид помилки", kindOf(err), decodeError)
}

// GenerateRandomKey дає щоразу новий ключ, тож випадковий ключ при
// кожному старті сервера робить усі старі кукі недійсними.
func TestRandomKeyPerStartLosesSessions(t *testing.T) {
	k1 := securecookie.GenerateRandomKey(32)
	k2 := securecookie.GenerateRandomKey(32)
	browser.Want(t, "довжина ключа", len(k1), 32)
	browser.Want(t, "два ключі однакові", bytes.Equal(k1, k2), false)

	c := login(t, sessions.NewCookieStore(k1), "alice")
	s, err := load(t, sessions.NewCookieStore(k2), c)
	browser.Want(t, "після «перезапуску»: ім'я", username(s), "")
	browser.Want(t, "після «перезапуску»: помилка", browser.ErrText(err), "securecookie: the value is not valid")
}

// Зіпсована кукі: Get повертає нову порожню сесію і помилку
// розкодування (IsDecode) «the value is not valid».
func TestTamperedCookieIsDecodeError(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	c := login(t, store, "alice")
	// Змінюємо один символ посередині значення.
	v := []byte(c.Value)
	if v[len(v)/2] == 'A' {
		v[len(v)/2] = 'B'
	} else {
		v[len(v)/2] = 'A'
	}
	c.Value = string(v)

	s, err := load(t, store, c)
	browser.Want(t, "ім'я", username(s), "")
	browser.Want(t, "IsNew", s.IsNew, true)
	browser.Want(t, "помилка", browser.ErrText(err), "securecookie: the value is not valid")
	_, isMulti := err.(securecookie.MultiError)
	browser.Want(t, "тип помилки securecookie.MultiError", isMulti, true)
	browser.Want(t, "вид помилки", kindOf(err), decodeError)
	// Так помилку розпізнають обробники курсу.
	e, ok := err.(securecookie.Error)
	browser.Want(t, "err.(securecookie.Error) && IsDecode()", ok && e.IsDecode(), true)
}

// Кукі, підписана іншим ключем, — та сама помилка розкодування, що
// й зіпсована.
func TestOtherKeyIsDecodeError(t *testing.T) {
	c := login(t, sessions.NewCookieStore(otherKey), "alice")
	s, err := load(t, sessions.NewCookieStore(testKey), c)
	browser.Want(t, "ім'я", username(s), "")
	browser.Want(t, "IsNew", s.IsNew, true)
	browser.Want(t, "помилка", browser.ErrText(err), "securecookie: the value is not valid")
	browser.Want(t, "вид помилки", kindOf(err), decodeError)
}

// Коли кукі не підходить до жодної з двох пар ключів, текст помилки
// каже про першу і лічить решту.
func TestAllKeysFailMessage(t *testing.T) {
	c := login(t, sessions.NewCookieStore([]byte("third key")), "alice")
	_, err := load(t, sessions.NewCookieStore(testKey, nil, otherKey, nil), c)
	browser.Want(t, "помилка", browser.ErrText(err),
		"securecookie: the value is not valid (and 1 other error)")
	browser.Want(t, "вид помилки", kindOf(err), decodeError)
}

// Прострочена кукі (старша за store.MaxAge) — помилка розкодування
// «expired timestamp», не помилка налаштування.
func TestExpiredCookieIsDecodeError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := sessions.NewCookieStore(testKey)
		store.MaxAge(60)
		c := login(t, store, "alice")
		time.Sleep(61 * time.Second)
		s, err := load(t, store, c)
		browser.Want(t, "ім'я", username(s), "")
		browser.Want(t, "IsNew", s.IsNew, true)
		browser.Want(t, "помилка", browser.ErrText(err), "securecookie: expired timestamp")
		browser.Want(t, "вид помилки", kindOf(err), decodeError)
	})
}

// Кукі, що навіть не base64, — теж помилка розкодування.
func TestGarbageCookieIsDecodeError(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	_, err := load(t, store, &http.Cookie{Name: sessionName, Value: "not-base64!"})
	browser.Want(t, "помилка", browser.ErrText(err),
		"securecookie: base64 decode failed - caused by: illegal base64 data at input byte 10")
	browser.Want(t, "вид помилки", kindOf(err), decodeError)
}

// Вхідна кукі довша за 4096 символів дає помилку «the value is too
// long», яка НЕ є IsDecode: якщо вважати всі інші помилки
// внутрішніми, такий запит отримає 500.
func TestTooLongIncomingCookieIsNotDecodeError(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	long := strings.Repeat("A", 4097)
	s, err := load(t, store, &http.Cookie{Name: sessionName, Value: long})
	browser.Want(t, "помилка", browser.ErrText(err), "securecookie: the value is too long: 4097")
	browser.Want(t, "вид помилки", kindOf(err), kind{IsError: true})
	browser.Want(t, "IsNew", s.IsNew, true)
}

// Ім'я кукі входить у підпис: те саме значення під іншим ім'ям
// недійсне.
func TestCookieNameIsInsideMAC(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	c := login(t, store, "alice")
	s, err := store.Get(newRequest(&http.Cookie{Name: "other", Value: c.Value}), "other")
	browser.Want(t, "під іменем other: ім'я", username(s), "")
	browser.Want(t, "під іменем other: помилка", browser.ErrText(err), "securecookie: the value is not valid")
}

// Після помилки розкодування сесію з Get можна сміливо
// використовувати: вона нова й порожня, а її Save видає нову дійсну
// кукі.
func TestSaveAfterDecodeErrorIssuesFreshCookie(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	foreign := login(t, sessions.NewCookieStore(otherKey), "mallory")
	resp, err := saveWith(t, store, func(s *sessions.Session) {
		s.Values["username"] = "alice"
	}, foreign)
	browser.Want(t, "Save: помилка", browser.ErrText(err), browser.NoError)
	s, err := load(t, store, wantSetCookie(t, resp))
	browser.Want(t, "нова кукі: ім'я", username(s), "alice")
	browser.Want(t, "нова кукі: помилка", browser.ErrText(err), browser.NoError)
}

// Вихід не відкликає скопійовану кукі: CookieStore нічого не
// зберігає на сервері, тож стара кукі дійсна, доки не сплине її час.
func TestLogoutDoesNotRevokeCopiedCookie(t *testing.T) {
	store := sessions.NewCookieStore(testKey)
	copied := login(t, store, "alice")
	resp, _ := saveWith(t, store, func(s *sessions.Session) {
		delete(s.Values, "username")
		s.Options.MaxAge = -1
	}, copied)
	browser.Want(t, "вихід: Max-Age", wantSetCookie(t, resp).MaxAge, -1)
	s, err := load(t, store, copied)
	browser.Want(t, "скопійована кукі після виходу: ім'я", username(s), "alice")
	browser.Want(t, "скопійована кукі після виходу: помилка", browser.ErrText(err), browser.NoError)
}
