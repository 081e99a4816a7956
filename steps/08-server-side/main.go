// Крок 08. Сесії на сервері: FilesystemStore.
//
// Застосунок кроку 07, але дані сесії лежать на сервері, у файлі, а
// кукі несе лише підписаний ідентифікатор (ID) сесії. Навіщо:
//
//   - вихід справді відкликає сесію. Кукі зі сховища в кукі (кроки
//     01–07), яку хтось скопіював до виходу, дійсна й після виходу, аж
//     до кінця строку: сервер нічого не пам'ятає. Тут вихід видаляє
//     дані на сервері, і копія кукі вказує в порожнечу;
//   - даних може бути більше, ніж 4 КБ кукі;
//   - кілька копій застосунку за однією адресою бачать ті самі сесії,
//     якщо сховище спільне (файли — лише на одному диску; для кількох
//     машин — Redis, модуль redis/ поруч).
//
// У Flask так працює розширення Flask-Session. У gorilla є власне
// сховище у файлах, sessions.FilesystemStore. Його пастки позначено
// словом «Пастка» нижче; тести кроку їх перевіряють.
//
// Запустіть: go run ./steps/08-server-side
package main

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

const sessionName = "session"

// sessionLifetime — строк сесії від останнього збереження.
const sessionLifetime = 30 * time.Minute

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

// maxSessionSize — найбільший файл сесії, у байтах.
const maxSessionSize = 64 << 10

//go:embed login.html logout.html
var pages embed.FS

var templates = template.Must(template.ParseFS(pages, "*.html"))

func main() {
	keys, err := sessionkey.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if keys.Temporary {
		log.Print(sessionkey.TemporaryWarning)
	}
	// Тека для файлів сесій: SESSION_DIR або тимчасова тека системи.
	// Подивіться в неї після входу: ls, cat — там закодовані дані.
	dir := os.Getenv("SESSION_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "lesson27-sessions")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	log.Printf("Файли сесій: %s", dir)
	devserver.Run(newHandler(newStore(dir, keys.Pairs...)))
}

// newStore створює сховище сесій у файлах теки dir.
func newStore(dir string, keys ...[]byte) *sessions.FilesystemStore {
	// Порожній dir — це os.TempDir(): краще завжди вказувати теку.
	store := sessions.NewFilesystemStore(dir, keys...)
	// Як у кроці 06: і Max-Age кукі, і перевірка часу на сервері — 30
	// хвилин. Час перевіряють і в підписі кукі, і у вмісті файлу.
	//
	// Пастка: Options.MaxAge = 0 тут НЕ означає «кукі до закриття
	// браузера», як у CookieStore. FilesystemStore.Save при MaxAge <= 0
	// видаляє файл сесії і кукі. Тож «запам'ятати мене» з кроку 06 тут
	// немає: кожна сесія живе 30 хвилин.
	store.MaxAge(int(sessionLifetime / time.Second))
	// Пастка: межа 4096 байтів діє і на вміст файлу — ті самі codecs
	// securecookie. 0 знімає межу зовсім; ми ставимо свою, більшу.
	store.MaxLength(maxSessionSize)
	// Пастка: типові параметри FilesystemStore — лише Path=/ і Max-Age;
	// без HttpOnly, Secure і SameSite. Задаємо їх самі.
	store.Options.HttpOnly = true
	store.Options.Secure = true
	store.Options.SameSite = http.SameSiteLaxMode
	// Пастка: FilesystemStore ніколи не видаляє прострочені файли.
	// Сесія без виходу лишає файл назавжди; прибирайте теку самі,
	// наприклад щогодини видаляйте файли session_*, старші за
	// sessionLifetime.
	return store
}

// app — обробники застосунку і сховище, з яким вони працюють.
type app struct {
	store sessions.Store
}

// newHandler повертає обробник застосунку. Він той самий для будь-
// якого сховища: тести кроку дають йому і CookieStore, щоб порівняти.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("GET /visits", a.visits)
	return http.NewCrossOriginProtection().Handler(mux)
}

// index показує повідомлення, що чекають у сесії, а під ними —
// звичний рядок заняття.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	var lines []string
	if flashes := session.Flashes(); len(flashes) > 0 {
		// Як у кроці 07: без Save повідомлення лишаться — тепер у
		// файлі на сервері.
		if err := session.Save(r, w); err != nil {
			serverError(w, err)
			return
		}
		for _, f := range flashes {
			if msg, ok := f.(string); ok {
				lines = append(lines, msg)
			}
		}
	}
	if username, ok := session.Values["username"].(string); ok {
		lines = append(lines, "Logged in as "+username)
	} else {
		lines = append(lines, "You are not logged in")
	}
	writeText(w, strings.Join(lines, "\n"))
}

func (a *app) profile(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	username, _ := session.Values["username"].(string)
	if username != "" {
		writeText(w, "User: "+username)
		return
	}
	writeText(w, "Not logged in")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, "login.html", map[string]any{"MaxLen": maxUsernameLen})
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
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
	// Новий ID під час входу. Інакше той, хто підкинув відвідувачу
	// свою кукі до входу (session fixation), після входу опиниться в
	// його сесії: на сервері ID — це ключ до даних. Порожній ID —
	// і Save створить новий файл з новим ID. Старий файл лишиться, але
	// імені користувача в ньому немає.
	session.ID = ""
	session.Values["username"] = username
	session.AddFlash("Ви увійшли як " + username)
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *app) logoutForm(w http.ResponseWriter, r *http.Request) {
	render(w, "logout.html", nil)
}

// logout видаляє сесію на сервері: MaxAge = -1, і Save стирає файл та
// кукі браузера. Копія кукі, збережена деінде, тепер нічого не
// відкриває. (Зі сховищем у кукі так само видалилася б лише кукі в
// цьому браузері, а копія лишилася б дійсною.)
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Options.MaxAge = -1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у сесії: він тепер у файлі на сервері.
func (a *app) visits(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	n, _ := session.Values["visits"].(int)
	n++
	session.Values["visits"] = n
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
}

// getSession повертає сесію відвідувача. Анонімний відвідувач — це
// не лише кукі, яку не вдалося прочитати (підроблена, застара, з
// іншим ключем чи задовга), а й кукі з правильним підписом, для якої
// на сервері вже немає файлу: після виходу його видалили. Тоді
// FilesystemStore повертає помилку відкриття файлу fs.ErrNotExist, а
// не securecookie.Error. Помилкою сервера (500) лишаються зламані
// налаштування (IsUsage, IsInternal) та інші біди з диском.
func getSession(store sessions.Store, r *http.Request) (*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	var pathErr *fs.PathError
	switch {
	case err == nil:
		return session, nil
	case errors.As(err, &cookieErr) && (cookieErr.IsUsage() || cookieErr.IsInternal()),
		errors.As(err, &pathErr) && !errors.Is(err, fs.ErrNotExist):
		return session, err
	}
	// Get уже розкодував ID з кукі. Забуваємо його, щоб Save не
	// відродив видалену сесію під старим ID, а створив нову.
	session.ID = ""
	return session, nil
}

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.", http.StatusInternalServerError)
}

// writeText відповідає простим текстом. Тип вказуємо явно, а nosniff
// забороняє браузеру вгадувати HTML: ім'я з <script> лишиться текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// render показує HTML-сторінку; html/template екранує дані.
func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("шаблон %s: %v", name, err)
	}
}

// Файли живуть на одному диску. Для кількох машин потрібне спільне
// сховище: модуль redis/ поруч робить те саме з Redis
// (cd redis && go test ./...).
//
// Вітаємо! Ви пройшли всі кроки: від кукі з підписом до сесій на
// сервері. Далі — ваші власні застосунки.
