// Package sessionkey reads the keys of the session cookie from the
// environment, the way step 02 of the course teaches it.
//
// Steps 03 and later use this package so that they stay short; step 02
// shows the same code in full, with every line explained.
//
// The environment variables:
//
//	SESSION_KEY        the signing key (hash key), hex, at least 32 bytes;
//	SESSION_BLOCK_KEY  optional encryption key (block key), hex, 16, 24 or 32 bytes;
//	SESSION_KEY_OLD    optional previous signing key, still accepted when
//	                   reading cookies (key rotation).
//
// A new key: go run ./cmd/newkey
package sessionkey

import (
	"encoding/hex"
	"fmt"

	"github.com/gorilla/securecookie"
)

// MinLen is the shortest signing key accepted, in bytes. HMAC-SHA256,
// which securecookie uses, gets its full strength from a 32-byte key.
const MinLen = 32

// TemporaryWarning is printed when SESSION_KEY is not set.
const TemporaryWarning = "УВАГА: змінну SESSION_KEY не задано. Сервер працює з тимчасовим " +
	"випадковим ключем: після перезапуску всі сесії зникнуть. " +
	"Створіть ключ командою `go run ./cmd/newkey` і задайте SESSION_KEY."

// Keys are the key pairs for sessions.NewCookieStore.
type Keys struct {
	// Pairs go straight into sessions.NewCookieStore(keys.Pairs...):
	// the current signing key, its encryption key (or nil), then the old
	// pair if there is one.
	Pairs [][]byte
	// Temporary is true when SESSION_KEY was not set and a random key
	// was made for this run of the program only.
	Temporary bool
}

// Load reads the keys with getenv (os.Getenv in a program, a map in a
// test). A missing SESSION_KEY gives a temporary random key; a malformed
// or short key is an error that says what to fix.
func Load(getenv func(string) string) (Keys, error) {
	var keys Keys
	hash, err := parse("SESSION_KEY", getenv("SESSION_KEY"), MinLen)
	if err != nil {
		return keys, err
	}
	if hash == nil {
		keys.Temporary = true
		hash = securecookie.GenerateRandomKey(MinLen)
		if hash == nil {
			return keys, fmt.Errorf("не вдалося створити випадковий ключ")
		}
	}
	block, err := parse("SESSION_BLOCK_KEY", getenv("SESSION_BLOCK_KEY"), 16)
	if err != nil {
		return keys, err
	}
	if n := len(block); n != 0 && n != 16 && n != 24 && n != 32 {
		return keys, fmt.Errorf("SESSION_BLOCK_KEY має %d Б, а AES приймає 16, 24 або 32 Б", n)
	}
	keys.Pairs = [][]byte{hash, block}

	old, err := parse("SESSION_KEY_OLD", getenv("SESSION_KEY_OLD"), MinLen)
	if err != nil {
		return keys, err
	}
	if old != nil {
		keys.Pairs = append(keys.Pairs, old, block)
	}
	return keys, nil
}

// parse decodes a hex key; an empty value gives nil and no error.
func parse(name, value string, minLen int) ([]byte, error) {
	if value == "" {
		return nil, nil
	}
	key, err := hex.DecodeString(value)
	if err != nil {
		return nil, fmt.Errorf("%s має бути в шістнадцятковому записі (hex), як його друкує "+
			"`go run ./cmd/newkey`: %v", name, err)
	}
	if len(key) < minLen {
		return nil, fmt.Errorf("%s закороткий: %d Б, а потрібно щонайменше %d Б, "+
			"тобто %d шістнадцяткові цифри; новий ключ дасть `go run ./cmd/newkey`",
			name, len(key), minLen, 2*minLen)
	}
	return key, nil
}
