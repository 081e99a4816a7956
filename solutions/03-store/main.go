// Розв'язок вправи 03. Збереження даних у сесії: мова і попередня
// мова.
//
// Це один із можливих розв'язків: тести перевіряють поведінку, а не
// те, як саме написано код.
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
	// CrossOriginProtection відхиляє (403) POST з чужого сайту:
	// сторінка на evil.example не змінить мову нашим відвідувачам.
	// SetDenyHandler ставить нашу, зрозумілу відповідь.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	// private — ззовні: особисті і відмова 403, і 404 та 405 від mux.
	return private(csrf.Handler(mux))
}

// index вітається мовою із сесії, а якщо мову змінювали, підказує,
// як повернути попередню.
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
	// Завелика чи зіпсована форма — не «невідома мова»: відвідувач
	// має дізнатися, що сталося насправді.
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "Форма завелика: щонайбільше 4 КіБ.",
				http.StatusBadRequest)
			return
		}
		http.Error(w, "Не вдалося прочитати форму: її зіпсовано.",
			http.StatusBadRequest)
		return
	}
	// Приймаємо лише мови зі списку, точно як у формі, і перевіряємо
	// до того, як чіпати сесію: відмова не змінює ні мови, ні
	// попередньої.
	lang := r.PostForm.Get("lang")
	if _, ok := greetings[lang]; !ok {
		http.Error(w, "Невідома мова: оберіть uk або en.",
			http.StatusBadRequest)
		return
	}

	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Попередня мова — та, що була в сесії до цього вибору, тож
	// читаємо її, поки не записали нову. Уперше мову обирають —
	// попередньої немає; ту саму мову ще раз — нічого не змінюється, і
	// кнопка «Повернути» далі повертає справді іншу мову.
	old, _ := langs(session)
	if lang != old {
		if old != "" {
			session.Values["prev_lang"] = old
		}
		session.Values["lang"] = lang
	}
	// Обидва значення — одним Save: одна відповідь, одна кукі. Save —
	// до http.Redirect: Redirect пише відповідь, і кукі, збережена
	// після нього, загубиться.
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	// 303 See Other: браузер відкриє "/" через GET.
	http.Redirect(w, r, "/", http.StatusSeeOther)
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
