// Крок 03. Збереження даних у сесії: форма входу.
//
// GET /login показує форму, POST /login кладе ім'я в сесію і
// переспрямовує (redirect) на головну. У Flask це один обробник:
// session['username'] = request.form['username'].
//
// Запустіть: go run ./steps/03-store
// Після входу відкрийте інструменти розробника (F12) → Application →
// Cookies: там лежить кукі session. Прочитати її покаже крок 04.
package main

import (
	"embed"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

// maxUsernameLen — найдовше ім'я, у символах. Кукі не може бути
// більшою за 4096 байтів: securecookie відмовить і кукі не буде.
// Тож довжину перевіряємо самі й кажемо про це відвідувачу.
const maxUsernameLen = 64

// Сторінка форми вбудована в програму: go:embed кладе файл у
// виконуваний файл, і програма не шукає його на диску.
//
//go:embed login.html
var pages embed.FS

// html/template екранує все, що підставляє в сторінку.
var templates = template.Must(template.ParseFS(pages, "*.html"))

func main() {
	// Ключі — як у кроці 02; код тепер у пакеті internal/sessionkey.
	keys, err := sessionkey.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if keys.Temporary {
		log.Print(sessionkey.TemporaryWarning)
	}
	devserver.Run(newHandler(newStore(keys.Pairs...)))
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	// Один шлях, два методи — два обробники. Інший метод (PUT,
	// DELETE) ServeMux сам відхилить кодом 405.
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	// CrossOriginProtection відхиляє (403) POST, який браузер
	// надіслав з чужого сайту: форма входу на evil.example не
	// залогінить вас у нашому застосунку.
	return http.NewCrossOriginProtection().Handler(mux)
}

func (a *app) index(w http.ResponseWriter, r *http.Request) {
	writeText(w, "Головна сторінка. Увійдіть: /login")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, "login.html", map[string]any{"MaxLen": maxUsernameLen})
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	// PostFormValue повертає "" і тоді, коли поля немає зовсім.
	// Flask на request.form['username'] без поля відповість 400, а
	// порожнє ім'я прийме. Ми відхиляємо обидва випадки.
	username := strings.TrimSpace(r.PostFormValue("username"))
	switch {
	case username == "":
		http.Error(w, "Вкажіть ім'я користувача.", http.StatusBadRequest)
		return
	case utf8.RuneCountInString(username) > maxUsernameLen:
		http.Error(w, fmt.Sprintf("Ім'я задовге: щонайбільше %d символи.",
			maxUsernameLen), http.StatusBadRequest)
		return
	}

	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Записуємо ім'я користувача в сесію.
	session.Values["username"] = username
	// Save — до http.Redirect: Redirect пише відповідь, і кукі,
	// збережена після нього, загубиться (а Save поверне nil).
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	// 303 See Other: «результат — за іншою адресою, відкрийте її
	// через GET». Flask типово шле 302, і браузери теж роблять GET,
	// але 303 каже це прямо.
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// Далі: крок 04 читає ім'я із сесії на головній і в профілі.
