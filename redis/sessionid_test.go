package main

import (
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/redis/internal/redistest"
)

// ID сесії в кукі — з crypto/rand.Text: 26 символів base32, 130 бітів,
// не менше 128, яких вимагає ASVS 5.0 7.2.3; 1000 входів дають 1000
// різних ID.
func TestSessionIDIsRandom(t *testing.T) {
	client := redistest.Start(t).NewClient(t)
	h := newHandler(newStore(client, testKey))
	apptest.SessionIDsRandom(t, h, testKey, 1000)
}
