// Command newkey prints a new random key for SESSION_KEY.
//
//	go run ./cmd/newkey
//
// The key is 32 random bytes from crypto/rand, written in hex. Keep it
// secret: whoever knows it can forge any session.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

func main() {
	// rand.Read з crypto/rand не повертає помилки (Go 1.24+): якщо
	// операційна система не дає випадкових байтів, програма зупиниться.
	key := make([]byte, 32)
	rand.Read(key)
	fmt.Println(hex.EncodeToString(key))
}
