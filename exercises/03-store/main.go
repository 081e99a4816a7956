// Вправа 03. Збереження даних у сесії: мова і попередня мова.
//
// Умова — у README.uk.md поруч. Перевірка: go run ./cmd/course test 03
// або go test ./exercises/03-store/
package main

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

// sessionName — ім'я кукі сесії.
const sessionName = "session"

// Сторінка з формою вибору мови вбудована в програму.
//
//go:embed lang.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

// maxFormBytes — найбільше тіло форми, у байтах. Форма вибору мови
// займає кільканадцять байтів, тож 4 КіБ вистачить з запасом.
const maxFormBytes = 4 << 10

// greetings — привітання кожною мовою, яку можна обрати.
var greetings = map[string]string{
	"uk": "Привіт!",
	"en": "Hello!",
}

func main() {
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

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник (handler) застосунку.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /lang", a.langForm)
	mux.HandleFunc("POST /lang", a.setLang)
	// TODO: POST з чужого сайту має отримати 403 з поясненням
	// українською (його текст дає crossSiteDenied нижче), а кожна
	// відповідь застосунку — сторінки, переспрямування, відмови 400,
	// 403, 404, 405 і 500 — бути особистою, як у кроці 03 (private
	// нижче).
	return mux
}

// index вітається мовою із сесії, а якщо мову змінювали, підказує,
// як повернути попередню. Його вже написано.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	lang, prev := langs(session)
	if lang == "" {
		writeText(w, "Мову не обрано. Оберіть її: /lang")
		return
	}
	text := greetings[lang]
	if prev != "" {
		text += "\nПопередня мова: " + prev + ". Повернути її: /lang"
	}
	writeText(w, text)
}

// langForm показує форму вибору мови, а якщо є попередня мова, —
// і кнопку, що її повертає. Його вже написано.
func (a *app) langForm(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	lang, prev := langs(session)
	render(w, "lang.html", map[string]any{"Lang": lang, "Prev": prev})
}

// langs читає із сесії обрану мову ("lang") і попередню ("prev_lang").
// Мова, якої немає в greetings, — це "": її не обрано. Попередньої
// немає (""), якщо її не обрано або вона та сама, що й обрана.
func langs(session *sessions.Session) (lang, prev string) {
	lang, _ = session.Values["lang"].(string)
	if _, ok := greetings[lang]; !ok {
		return "", ""
	}
	prev, _ = session.Values["prev_lang"].(string)
	if _, ok := greetings[prev]; !ok || prev == lang {
		prev = ""
	}
	return lang, prev
}

// setLang зберігає в сесії мову, яку обрали у формі, і пам'ятає
// попередню, щоб її можна було повернути.
func (a *app) setLang(w http.ResponseWriter, r *http.Request) {
	// TODO: прочитайте форму, як у кроці 03: понад 4 КіБ чи зіпсована
	// форма — 400 з її власним поясненням (тексти — в умові). Мову
	// приймайте лише точно "uk" або "en"; інше — 400 «Невідома мова:
	// оберіть uk або en.», і сесія не змінюється.
	//
	// Нове: обрана мова стає мовою сесії ("lang"), а мова, що була там
	// досі, — попередньою ("prev_lang"). Подумайте, що має статися, коли
	// мову обирають уперше і коли обирають ту саму. Збережіть сесію (не
	// вдалося — 500) і переспрямуйте (redirect) на "/" кодом 303 See Other.
	http.Error(w, "ще не реалізовано", http.StatusNotImplemented)
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (її підробили, строк її дії минув, її підписано іншим
// ключем або вона задовга), — це анонімний відвідувач: Get уже дав
// нову порожню сесію. Помилка — лише зламані налаштування (IsUsage,
// IsInternal: порожній ключ).
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	return session, nil
}

// serverError записує помилку в журнал і відповідає 500.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// private позначає кожну відповідь як особисту (Vary: Cookie,
// Cache-Control: no-store): спільний кеш не покаже її іншому
// відвідувачу. Чому так — у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// crossSiteDenied відповідає на POST, надісланий з чужого сайту.
func crossSiteDenied(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "Запит відхилено: форму надіслано з іншого сайту. "+
		"Відкрийте сторінку цього сайту й надішліть форму звідти.",
		http.StatusForbidden)
}

// writeText відповідає простим текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// render показує HTML-сторінку з шаблону.
func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("шаблон %s: %v", name, err)
	}
}
