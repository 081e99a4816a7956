// Сесії в Redis: застосунок кроку 08 для кількох копій.
//
// Той самий застосунок, що й у steps/08-server-side, але сесії лежать
// у Redis. Тепер кілька копій застосунку — на різних портах чи різних
// машинах — бачать ті самі сесії: вхід на одній копії видно на іншій, а
// вихід на будь-якій закінчує сесію на всіх.
//
// І сторінки кроку 09 «ваші сесії» (sessions.go): GET /sessions —
// усі сесії того, хто ввійшов, POST /sessions/end-others — завершити
// всі, крім цієї. Індекс сесій кожного користувача теж лежить у Redis,
// тож «завершити інші» на одній копії виводить інші пристрої на всіх.
//
// Сховище — пакет redisstore поруч (чому власне, а не готове, —
// сказано там). Воно вміє кукі до закриття браузера, тож, як у кроці
// 06, звичайна сесія живе, доки відкрито браузер, а сервер забуває її
// за 30 хвилин від останнього збереження (таймаут бездіяльності) і за
// 12 годин від входу, хоч би який активний був відвідувач (абсолютний
// строк).
//
// Це окремий модуль Go (redis/go.mod): клієнт Redis завантажують лише
// ті, кому він потрібен. Запустіть Redis і дві копії застосунку,
// кожну в своєму терміналі (зупинити — Ctrl+C у кожному):
//
//	sudo apt-get install redis-server   # Debian, Ubuntu; один раз
//	redis-server --port 6379 --save '' \
//	    --maxmemory 64mb --maxmemory-policy volatile-ttl
//	cd redis && REDIS_ADDR=localhost:6379 go run . -port 8080
//	cd redis && REDIS_ADDR=localhost:6379 go run . -port 8081
//
// Увійдіть на http://localhost:8080/login і відкрийте
// http://localhost:8081/profile. Обидві копії мають знати спільний
// ключ: задайте однаковий SESSION_KEY (go run ../cmd/newkey). Як
// спробувати «завершити інші» з двома копіями — у README.uk.md.
//
// Тести запускають власний redis-server: cd redis && go test ./...
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"

	"example.com/lesson27/internal/device"
	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
	"example.com/lesson27/internal/usertext"
	"example.com/lesson27/redis/redisstore"
)

const sessionName = "session"

// sessionLifetime — таймаут бездіяльності: строк сесії від останнього
// збереження.
const sessionLifetime = 30 * time.Minute

// loginLifetime — абсолютний строк: сесія закінчується через 12 годин
// від входу, хоч би скільки відвідувач був активний. Активність його не
// подовжує, новий вхід починає новий. Час входу лежить у самій сесії в
// Redis (loginAtKey), і перевіряє його кожне читання (getSession).
const loginLifetime = 12 * time.Hour

// loginAtKey — ключ часу входу в сесії: секунди Unix.
const loginAtKey = "login_at"

// maxUsernameLen — найдовше ім'я, у символах.
const maxUsernameLen = 64

// maxSessionsPerUser — скільки сесій може мати один користувач, як у
// кроці 09: вхід понад межу завершує найстарішу (OWASP ASVS 5.0 7.1.2:
// межу і те, що буває на ній, задокументовано).
const maxSessionsPerUser = 100

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
	// Адреса Redis: REDIS_ADDR або стандартний порт на цій машині.
	// Подивіться на сесії: redis-cli keys 'session:*'
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "localhost:6379"
	}
	client := redis.NewClient(&redis.Options{Addr: addr})
	if err := client.Ping(context.Background()).Err(); err != nil {
		fmt.Fprintf(os.Stderr, "помилка: Redis на %s недоступний: %v\n%s",
			addr, err, redisHint(addr, installed()))
		os.Exit(1)
	}
	log.Printf("Сесії в Redis: %s", addr)
	devserver.Run(newHandler(newStore(client, keys.Pairs...)))
}

// installed каже, чи є redis-server на цій машині.
func installed() bool {
	_, err := exec.LookPath("redis-server")
	return err == nil
}

// redisHint підказує, як запустити Redis: встановлений, але не
// запущений, або не встановлений зовсім.
func redisHint(addr string, installed bool) string {
	if installed {
		_, port, err := net.SplitHostPort(addr)
		if err != nil || port == "" {
			port = "6379"
		}
		return "redis-server встановлено, але на цій адресі він не\n" +
			"відповідає. Запустіть його в іншому терміналі:\n" +
			"  redis-server --port " + port + redisLimits + "\n" +
			"або як службу: sudo systemctl start redis-server.\n" +
			"Redis працює деінде? Вкажіть його адресу в REDIS_ADDR.\n"
	}
	return "Встановіть Redis (sudo apt-get install redis-server) і\n" +
		"запустіть його:\n  redis-server --port 6379" + redisLimits + "\n"
}

// redisLimits — решта команди запуску Redis: без збереження на диск, не
// більше 64 МіБ пам'яті, а коли її забракне, Redis видаляє ключі
// зі строком, яким лишилося жити найменше (redis/README.uk.md).
const redisLimits = " --save '' --maxmemory 64mb" +
	" --maxmemory-policy volatile-ttl"

// newStore створює сховище сесій у Redis.
func newStore(client redis.Cmdable, keys ...[]byte) *redisstore.Store {
	store := redisstore.New(client, keys...)
	// Як у кроці 06: 30 хвилин на сервері (TTL ключа в Redis і час у
	// підписі кукі), а сама кукі — до закриття браузера. FilesystemStore
	// так не вміє, redisstore вміє.
	store.MaxAge(int(sessionLifetime / time.Second))
	store.Options.MaxAge = 0
	// redisstore і так ставить ці атрибути, але ми обираємо їх явно.
	store.Options.HttpOnly = true
	store.Options.Secure = true
	store.Options.SameSite = http.SameSiteLaxMode
	// Власник сесії — той, хто ввійшов: за ним сесія потрапляє в його
	// індекс, і її бачать сторінки «ваші сесії» (sessions.go).
	store.Owner = func(values map[any]any) string {
		username, _ := values["username"].(string)
		return username
	}
	store.MaxPerOwner = maxSessionsPerUser
	return store
}

// app — обробники застосунку, сховище, з яким вони працюють, і сесії
// анонімних відвідувачів, які завела ця копія застосунку.
type app struct {
	store sessions.Store
	anon  *anonSessions
}

// newHandler повертає обробник застосунку — той самий, що в кроці 08:
// обробникам байдуже, де лежить сесія.
func newHandler(store sessions.Store) http.Handler {
	a := &app{store: store, anon: newAnonSessions(maxAnonymous)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.index)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("GET /visits", a.visits)
	mux.HandleFunc("GET /sessions", a.sessionList)
	mux.HandleFunc("POST /sessions/end-others", a.endOthers)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	return private(csrf.Handler(mux))
}

// index показує повідомлення, що чекають у сесії, а під ними —
// звичний рядок заняття.
func (a *app) index(w http.ResponseWriter, r *http.Request) {
	session, err := a.getSession(r)
	if err != nil {
		serverError(w, err)
		return
	}
	var lines []string
	if flashes := session.Flashes(); len(flashes) > 0 {
		// Як у кроці 07: без Save повідомлення лишаться — тепер у
		// Redis.
		if err := a.save(w, r, session); err != nil {
			saveError(w, r, err)
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
	session, err := a.getSession(r)
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
	username, problem := formUsername(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	session, err := a.getSession(r)
	if err != nil {
		serverError(w, err)
		return
	}
	// Новий ID під час входу, а старий ключ видалено. Інакше той, хто
	// знав ID до входу (підкинув свою кукі — session fixation — або
	// скопіював її), після входу опиниться в цій сесії.
	if err := a.renewID(r, session); err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	// Абсолютний строк рахується від цієї миті; повторний вхід
	// починає його знову.
	session.Values[loginAtKey] = time.Now().Unix()
	// Опис браузера для списку сесій — готовими словами (sessions.go).
	session.Values[deviceKey] = device.Describe(r.UserAgent())
	// Лише останнє повідомлення про вхід: інакше повторні входи без
	// головної накопичували б їх у сесії без меж.
	session.Flashes()
	session.AddFlash("Ви увійшли як " + username)
	if err := a.save(w, r, session); err != nil {
		saveError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *app) logoutForm(w http.ResponseWriter, r *http.Request) {
	render(w, "logout.html", nil)
}

// logout видаляє сесію на сервері: MaxAge = -1, і Save стирає ключ у
// Redis та кукі браузера. Копія кукі, збережена деінде, тепер нічого не
// відкриває. (Зі сховищем у кукі так само видалилася б лише кукі в
// цьому браузері, а копія лишилася б дійсною.) Видалення закінчиться,
// навіть якщо клієнт закрив з'єднання, щойно надіслав запит:
// redisstore не працює на контексті запиту.
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	session, err := a.getSession(r)
	if err != nil {
		serverError(w, err)
		return
	}
	a.anon.forget(session.ID)
	session.Options.MaxAge = -1
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у сесії: він тепер у Redis, спільний для копій.
func (a *app) visits(w http.ResponseWriter, r *http.Request) {
	session, err := a.getSession(r)
	if err != nil {
		serverError(w, err)
		return
	}
	n, _ := session.Values["visits"].(int)
	n++
	session.Values["visits"] = n
	if err := a.save(w, r, session); err != nil {
		saveError(w, r, err)
		return
	}
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
}

// renewID дає сесії новий ID, якщо сховище це вміє (redisstore
// вміє; у сховища в кукі ID немає). Старий ID видалено, тож і серед
// анонімних сесій його більше немає.
func (a *app) renewID(r *http.Request, session *sessions.Session) error {
	s, ok := storeAs[interface {
		Renew(*http.Request, *sessions.Session) error
	}](a.store)
	if !ok {
		return nil
	}
	a.anon.forget(session.ID)
	return s.Renew(r, session)
}

// save зберігає сесію. Нова сесія анонімного відвідувача стає на облік
// (anon.go): коли їх більше за maxAnonymous, найстарішу з них ця копія
// застосунку видаляє.
func (a *app) save(w http.ResponseWriter, r *http.Request,
	session *sessions.Session) error {
	isNew := session.ID == ""
	if err := session.Save(r, w); err != nil {
		return err
	}
	if _, in := session.Values["username"]; isNew && !in {
		for _, id := range a.anon.add(session.ID) {
			a.deleteID(r, id)
		}
	}
	return nil
}

// deleteID видаляє сесію, якої немає в цьому запиті, якщо сховище це
// вміє (redisstore вміє). Помилку лише записує в журнал: цей запит
// від неї не залежить, а ключ однаково зникне, коли мине його TTL.
func (a *app) deleteID(r *http.Request, id string) {
	s, ok := storeAs[interface {
		DeleteID(*http.Request, string) error
	}](a.store)
	if !ok {
		return
	}
	if err := s.DeleteID(r, id); err != nil {
		log.Printf("помилка сесії: не вдалося видалити %s: %v", id, err)
	}
}

// storeAs шукає в сховищі store методи T: у ньому самому або в
// сховищі, яке воно обгортає (метод Unwrap, як у тестових обгортках).
func storeAs[T any](store sessions.Store) (T, bool) {
	for {
		if s, ok := store.(T); ok {
			return s, true
		}
		u, ok := store.(interface{ Unwrap() sessions.Store })
		if !ok {
			var zero T
			return zero, false
		}
		store = u.Unwrap()
	}
}

// saveError відповідає на помилку Save. Сесію видалили, поки запит її
// обробляв (вихід в іншій вкладці чи на іншій копії): відвідувач уже
// вийшов, тож ведемо його на головну, нічого не записавши і не
// чіпаючи його кукі. Інше — поломка (Redis недоступний), 500.
func saveError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, redisstore.ErrSessionGone) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	serverError(w, err)
}

// getSession повертає сесію відвідувача. Кукі, яку не вдалося
// прочитати (підроблена, строк дії минув, інший ключ, задовга), — це
// анонімний відвідувач; дані в Redis, які не вдалося розкодувати, —
// теж (redisstore повертає таку саму помилку розкодування). Ключа в
// Redis немає (вихід, строк минув) — redisstore сам дає нову сесію без
// помилки. Минув абсолютний строк — сесію видалено, і це теж
// анонімний відвідувач. Помилка налаштувань (IsUsage, IsInternal) чи
// Redis (сервер недоступний) — це 500.
func (a *app) getSession(r *http.Request) (*sessions.Session, error) {
	session, err := a.store.Get(r, sessionName)
	var cookieErr securecookie.Error
	switch {
	case err == nil:
		return session, a.endIfTooOld(r, session)
	case errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()):
		return session, err
	case errors.As(err, &cookieErr):
		return session, nil
	}
	return session, err
}

// endIfTooOld видаляє сесію, вхід у якій був loginLifetime тому чи
// раніше, і лишає в запиті порожню сесію без ID: далі це анонімний
// відвідувач, і наступне збереження дасть йому новий ID. Так само
// закінчується вкрадена копія кукі, хоч би як часто нею користувалися.
func (a *app) endIfTooOld(r *http.Request, session *sessions.Session) error {
	if !tooOld(session.Values) {
		return nil
	}
	if err := a.renewID(r, session); err != nil {
		return err
	}
	session.Values = map[any]any{}
	session.IsNew = true
	return nil
}

// tooOld каже, чи сесії з даними values минув абсолютний строк.
func tooOld(values map[any]any) bool {
	loginAt, ok := values[loginAtKey].(int64)
	return ok && time.Since(time.Unix(loginAt, 0)) >= loginLifetime
}

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// writeText відповідає простим текстом. Тип вказуємо явно, а nosniff
// забороняє браузеру вгадувати HTML: ім'я з <script> лишиться текстом.
func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprintln(w, text)
}

// private позначає кожну відповідь як особисту (Vary: Cookie,
// Cache-Control: no-store): спільний кеш не покаже її іншому
// відвідувачу. А X-Content-Type-Options: nosniff не дає браузеру
// вгадувати тип відповіді. Чому так — у кроці 01.
func private(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// render показує HTML-сторінку; html/template екранує дані.
func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("шаблон %s: %v", name, err)
	}
}

// Вітаємо! Ви пройшли заняття до кінця: від кукі з підписом до сесій,
// спільних для кількох копій застосунку, які людина бачить і може
// завершити на всіх своїх пристроях.

// maxFormBytes — найбільше тіло форми входу, у байтах (крок 03).
const maxFormBytes = 4 << 10

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
