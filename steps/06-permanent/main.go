// Крок 06. Постійні сесії та таймаути: «запам'ятати мене».
//
// Це повний застосунок заняття: вхід, головна, профіль, вихід.
// Новим є строк життя сесії. Як у Flask:
//
//   - звичайна сесія живе, доки відкрито браузер: кукі без Max-Age
//     і без Expires;
//   - «запам'ятати мене» (session.permanent = True у Flask) дає
//     кукі, що живе 30 хвилин і переживає закриття браузера. Кожен
//     запит, що читає сесію, продовжує її ще на 30 хвилин, як
//     SESSION_REFRESH_EACH_REQUEST у Flask: активний користувач
//     лишається в сесії, а 30 хвилин тиші її завершують;
//   - в обох випадках діє таймаут бездіяльності: сервер сам відкидає
//     кукі, збережену понад 30 хвилин тому, навіть якщо хтось надішле
//     її знову.
//
// І одне, чого у Flask немає: абсолютний строк. Сесія живе щонайбільше
// 12 годин від входу, «запам'ятати мене» — 7 днів, хоч би як активно
// нею користувалися. Лише він зупиняє копію кукі, якою хтось
// користується весь час: таймаут бездіяльності її не зупинить.
//
// Запустіть: go run ./steps/06-permanent
package main

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

// Строки життя сесії. Чому саме такі — у конспекті, розділ 6.
const (
	// idleTimeout — таймаут бездіяльності, як
	// permanent_session_lifetime у Flask.
	idleTimeout = 30 * time.Minute
	// ordinaryLifetime і rememberLifetime — абсолютний строк звичайної
	// сесії і сесії «запам'ятати мене»: від входу, і жоден запит його
	// не продовжує.
	ordinaryLifetime = 12 * time.Hour
	rememberLifetime = 7 * 24 * time.Hour
)

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
	// store.MaxAge задає дві речі: атрибут Max-Age кукі і таймаут
	// бездіяльності на сервері — підпис кукі містить час збереження, і
	// кукі, збережену понад 30 хвилин тому, securecookie не прийме.
	// Скопійовану кукі таймаут зупинить, лише якщо нею 30 хвилин не
	// користуються: кожен запит з нею може дати нову кукі з новим
	// часом. Копію, якою користуються, зупиняє абсолютний строк
	// (getSession).
	store.MaxAge(int(idleTimeout / time.Second))
	// А тепер лише атрибут: 0 — звичайна сесія, кукі зникне, коли
	// браузер закриють. Таймаут на сервері лишається 30 хвилин.
	// (Типово gorilla дає кукі на 30 днів, Flask — до закриття браузера.)
	store.Options.MaxAge = 0
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
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
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /login", a.loginForm)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /logout", a.logoutForm)
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("POST /forget", a.forget)
	mux.HandleFunc("GET /visits", a.visits)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(crossSiteDenied))
	return private(csrf.Handler(mux))
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
	session.Values["username"] = username
	// Прапорець «запам'ятати мене» зберігаємо в самій сесії, як
	// Flask зберігає _permanent: він потрібен під час кожного Save
	// і кожного запиту (readSession).
	if r.PostForm.Get("remember") == "on" {
		session.Values["remember"] = true
	} else {
		delete(session.Values, "remember")
	}
	// Від цієї миті відлічується абсолютний строк. Новий вхід — новий
	// відлік.
	session.Values[loginKey] = time.Now().Unix()
	if err := saveSession(r, w, session); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// remembered каже, чи просив відвідувач запам'ятати його.
func remembered(session *sessions.Session) bool {
	remember, _ := session.Values["remember"].(bool)
	return remember
}

// loginKey — ключ у Values, під яким лежить час входу, у секундах
// (int64: gob кодує його без реєстрації). Кукі підписана, тож
// відвідувач цього часу не посуне.
const loginKey = "loginAt"

// deadline повертає мить, коли сесія скінчиться, хоч би як активно нею
// користувалися: час входу плюс абсолютний строк. ok — false, якщо
// входу в цій сесії не було (лише лічильник анонімного відвідувача).
func deadline(session *sessions.Session) (end time.Time, ok bool) {
	at, ok := session.Values[loginKey].(int64)
	if !ok {
		return time.Time{}, false
	}
	lifetime := ordinaryLifetime
	if remembered(session) {
		lifetime = rememberLifetime
	}
	return time.Unix(at, 0).Add(lifetime), true
}

// getSession повертає сесію відвідувача, як у кроці 02. Кукі, яку не
// вдалося прочитати (її підробили, строк її дії минув, її підписано
// іншим ключем або вона задовга), — це анонімний відвідувач: Get
// однаково дає нову порожню сесію. Помилку повертаємо, лише коли
// зламані самі налаштування (IsUsage, IsInternal).
//
// Нове в цьому кроці — абсолютний строк. Сесія, строк якої минув,
// стає порожньою, як після таймауту бездіяльності. Перевіряємо тут,
// бо звідси сесію бере кожна адреса: жодна її не оживить, а /visits
// почне лічильник з 1.
func getSession(store sessions.Store, r *http.Request) (
	*sessions.Session, error) {
	session, err := store.Get(r, sessionName)
	var cookieErr securecookie.Error
	if errors.As(err, &cookieErr) &&
		(cookieErr.IsUsage() || cookieErr.IsInternal()) {
		return session, err
	}
	if end, ok := deadline(session); ok && !time.Now().Before(end) {
		clear(session.Values)
	}
	return session, nil
}

// saveSession зберігає сесію; викликайте до того, як почнеться
// відповідь. Якщо відвідувач просив запам'ятати його, кукі отримує
// строк (cookieMaxAge) і переживе закриття браузера; інакше вона живе
// до закриття браузера.
func saveSession(r *http.Request, w http.ResponseWriter,
	session *sessions.Session) error {
	if remembered(session) {
		session.Options.MaxAge = cookieMaxAge(session)
	}
	return session.Save(r, w)
}

// cookieMaxAge — Max-Age кукі «запам'ятати мене», у секундах: 30
// хвилин, але не довше, ніж лишилося до абсолютного строку. Кукі не
// обіцяє браузеру більше, ніж дозволить сервер.
func cookieMaxAge(session *sessions.Session) int {
	left := idleTimeout
	if end, ok := deadline(session); ok {
		left = min(left, time.Until(end))
	}
	if seconds := int(left / time.Second); seconds > 0 {
		return seconds
	}
	// Лишилося менше секунди. 0 означав би кукі до закриття браузера,
	// тож просимо браузер видалити її одразу.
	return -1
}

// readSession дає сесію сторінкам, які її лише читають (головна,
// профіль), і продовжує «запам'ятати мене», як Flask з
// SESSION_REFRESH_EACH_REQUEST: сесію запам'ятаного відвідувача
// зберігаємо знову. Кукі отримує новий Max-Age, а підпис — новий час,
// тож 30 хвилин відлічуються від останнього запиту. Абсолютного
// строку це не посуває: час входу в сесії той самий.
//
// Звичайну сесію читання не продовжує — як і у Flask, який її в такому
// разі не надсилає знову. Таймаут звичайної сесії відлічує 30 хвилин від
// її останнього збереження (вхід, вихід, лічильник), а не від
// останнього запиту: хто лише читає сторінки, через 30 хвилин після
// входу муситиме ввійти знову. Хочете продовжувати й її — зберігайте
// сесію тут завжди; тоді кожна відповідь нестиме нову кукі.
//
// Копія кукі, якою ніхто не користується, від цього не оживає: у ній
// старий час підпису, і через 30 хвилин сервер її відкине. Копія, яку
// надсилають знову й знову, так само отримує нові кукі; її зупинить
// абсолютний строк.
func (a *app) readSession(w http.ResponseWriter, r *http.Request) (
	*sessions.Session, error) {
	session, err := getSession(a.store, r)
	if err != nil || !remembered(session) {
		return session, err
	}
	return session, saveSession(r, w, session)
}

// Це останній крок заняття. Далі, за його межами: крок 07 —
// одноразові повідомлення (flash).
