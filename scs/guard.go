package main

import (
	"errors"
	"fmt"
	"net/http"

	"example.com/lesson27/internal/usertext"
)

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

// maxFormBytes — найбільша форма входу, у байтах.
const maxFormBytes = 4096

// private позначає відповідь як особисту: Vary: Cookie (scs додає його
// й сам) і Cache-Control: no-store — спільний кеш (проксі, CDN) не
// збереже сторінку «Logged in as alice» і не покаже її іншому. Власний
// заголовок scs, no-cache="Set-Cookie", забороняє кешу лише віддавати
// Set-Cookie, а не зберігати саму сторінку. X-Content-Type-Options:
// nosniff не дає браузеру вгадувати тип відповіді, як у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// crossOrigin відхиляє POST з чужого сайту, з текстом українською.
func crossOrigin() *http.CrossOriginProtection {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "Запит з іншого сайту відхилено.",
				http.StatusForbidden)
		}))
	return p
}

// readUsername читає ім'я з форми входу. Якщо з ним щось не так,
// повертає пояснення для відповіді 400.
func readUsername(w http.ResponseWriter, r *http.Request) (string, string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		// Як у кроках: завелика форма — своїм текстом.
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", fmt.Sprintf("Форма завелика: щонайбільше %d КіБ.",
				maxFormBytes>>10)
		}
		return "", "Не вдалося прочитати форму: її зіпсовано."
	}
	// Правило для імені одне на весь курс (internal/usertext, як у
	// кроках): воно ж готує ім'я, яке ми збережемо і покажемо.
	username, err := usertext.Name(r.PostFormValue("username"),
		maxUsernameLen)
	if err != nil {
		return "", err.Error()
	}
	return username, ""
}
