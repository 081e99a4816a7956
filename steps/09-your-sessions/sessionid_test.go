package main

import (
	"testing"

	"example.com/lesson27/internal/apptest"
)

// ID сесії в кукі — з crypto/rand.Text: 26 символів base32, 130 бітів,
// не менше 128, яких вимагає ASVS 5.0 7.2.3; 1000 входів дають 1000
// різних ID.
func TestSessionIDIsRandom(t *testing.T) {
	h := newHandler(newStore(t.TempDir(), testKey))
	apptest.SessionIDsRandom(t, h, testKey, 1000)
}
