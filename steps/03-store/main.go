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
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
	"example.com/lesson27/internal/usertext"
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
	// виконає вхід у нашому застосунку. Типова відповідь — короткий
	// англійський текст; SetDenyHandler ставить нашу, зрозумілу.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// private — з кроку 01: відповіді не потраплять у спільний кеш.
	return private(csrf.Handler(mux))
}

// index — головна. Ім'я із сесії покаже крок 04; тут головна лише
// перевіряє, чи воно там є, щоб після входу підказати, що далі.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	if _, ok := session.Values["username"]; ok {
		writeText(w, "Головна сторінка. Ви увійшли: ім'я збережено в "+
			"сесії.\nДалі: F12 → Application → Cookies покаже кукі "+
			"session, а крок 04 прочитає ім'я: go run ./steps/04-read")
		return
	}
	writeText(w, "Головна сторінка. Увійдіть: /login")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, "login.html", map[string]any{"MaxLen": maxUsernameLen})
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username, problem := formUsername(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
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

// maxFormBytes — найбільше тіло форми входу, у байтах. Ім'я на 64
// символи займає в ньому щонайбільше 64 × 4 × 3 = 768 байтів (UTF-8,
// потім %XX), тож 4 КіБ вистачить з запасом.
const maxFormBytes = 4 << 10

// formUsername читає ім'я з форми і перевіряє його: усе, що
// відвідувач кладе в сесію, має межі. Повертає ім'я або, якщо воно
// не годиться, текст для відповіді 400 (problem).
func formUsername(w http.ResponseWriter, r *http.Request) (
	username, problem string) {
	// MaxBytesReader не дасть прочитати більше, ніж maxFormBytes.
	// Помилку ParseForm перевіряємо: завелика чи зіпсована форма — це
	// не «порожнє ім'я», і відвідувач має дізнатися, що сталося.
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", fmt.Sprintf("Форма завелика: щонайбільше %d КіБ.",
				maxFormBytes>>10)
		}
		return "", "Не вдалося прочитати форму: її зіпсовано."
	}
	// Поля немає — теж "". Flask на request.form['username'] без поля
	// відповість 400, а порожнє ім'я прийме. Ми відхиляємо обидва.
	//
	// Правило для імені одне на весь курс: usertext.Name. Воно
	// спирається на стандарт PRECIS (RFC 8264, профіль Nickname з
	// RFC 8266): обрізає пробіли довкола, робить кожен пробіл звичайним і
	// зводить текст до NFKC («ａｌｉｃｅ» стає «alice»). Відхиляє порожнє
	// чи задовге ім'я, не UTF-8, керівні й невидимі символи (новий рядок,
	// U+200B, знак напрямку тексту U+202E, заповнювач U+3164), а також
	// діакритичний знак без літери і понад 4 знаки (чи той самий двічі)
	// на одній літері. Помилка каже відвідувачу, що саме не так.
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

// Далі: крок 04 читає ім'я із сесії на головній і в профілі.
