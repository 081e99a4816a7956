package main

// Готовий код вправи, той самий, що в plumbing.go кроків 03–06:
// перевірка форми входу, відповідь чужому сайту, відповідь 500 і
// простий текст. Вправа — у main.go.

import (
	"errors"
	"fmt"
	"log"
	"net/http"

	"example.com/lesson27/internal/usertext"
)

// formUsername читає ім'я з форми і перевіряє його, як у кроці 03.
// Повертає ім'я або, якщо воно не годиться, текст для відповіді 400.
func formUsername(w http.ResponseWriter, r *http.Request) (
	username, problem string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", fmt.Sprintf("Форма завелика: щонайбільше %d КіБ.",
				maxFormBytes>>10)
		}
		return "", "Не вдалося прочитати форму: її зіпсовано."
	}
	username, err := usertext.Name(r.PostForm.Get("username"),
		maxUsernameLen)
	if err != nil {
		return "", err.Error()
	}
	return username, ""
}

// crossSiteDenied відповідає на POST, надісланий з чужого сайту.
func crossSiteDenied(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "Запит відхилено: форму надіслано з іншого сайту. "+
		"Відкрийте сторінку цього сайту й надішліть форму звідти.",
		http.StatusForbidden)
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// writeText відповідає простим текстом: тип указано явно, а nosniff
// забороняє браузеру вгадувати в ньому HTML.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}
