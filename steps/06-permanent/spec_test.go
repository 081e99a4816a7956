package main

import (
	"net/http"
	"testing"

	"example.com/lesson27/internal/apptest"
)

// TestSpec перевіряє крок 06 за специфікацією застосунку заняття
// (internal/apptest): сховище в кукі, тож відкликати копію кукі воно
// не може — специфікація каже це окремим підтестом.
func TestSpec(t *testing.T) {
	apptest.Spec(t, apptest.Target{
		New: func(*testing.T) http.Handler {
			return newHandler(newStore(testKey))
		},
		Storage: apptest.InCookie,
	})
}
