package main

import (
	"testing"

	"example.com/lesson27/internal/apptest"
)

// Кожна відповідь — сторінка, форма, переспрямування, відмова, 404 і
// 405 — має X-Content-Type-Options: nosniff: браузер не вгадує тип і не
// виконає текст як скрипт. Заголовок ставить private (ASVS 5.0 3.4.4).
func TestNosniffEverywhere(t *testing.T) {
	apptest.NosniffEverywhere(t, newHandler(newStore(testKey)))
}
