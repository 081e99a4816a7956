package main

import (
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

// maxFormBytes — найбільша форма входу, у байтах.
const maxFormBytes = 4096

// private позначає відповідь як особисту: Vary: Cookie (scs додає його
// й сам) і Cache-Control: no-store — спільний кеш (проксі, CDN) не
// збереже сторінку «Logged in as alice» і не покаже її іншому. Власний
// заголовок scs, no-cache="Set-Cookie", забороняє кешу лише віддавати
// Set-Cookie, а не зберігати саму сторінку.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
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
		return "", "Не вдалося прочитати форму входу."
	}
	username := strings.TrimSpace(r.PostFormValue("username"))
	switch {
	case username == "":
		return "", "Вкажіть ім'я користувача."
	case !utf8.ValidString(username):
		return "", "Ім'я має бути текстом у UTF-8."
	case strings.ContainsFunc(username, hidden):
		return "", "Ім'я не може містити керівних символів."
	case utf8.RuneCountInString(username) > maxUsernameLen:
		return "", fmt.Sprintf("Ім'я задовге: щонайбільше %d символи.",
			maxUsernameLen)
	}
	return username, ""
}

// hidden — символ, якого не видно як звичайну літеру чи знак:
// керівний (новий рядок, табуляція), невидимий (пробіл нульової
// ширини U+200B) чи знак напрямку тексту (U+202E). Такими можна
// підробити вигляд тексту на сторінці.
func hidden(r rune) bool { return !unicode.IsPrint(r) }
