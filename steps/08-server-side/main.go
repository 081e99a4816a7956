// Крок 08. Сесії на сервері: FilesystemStore.
//
// Застосунок кроку 07, але дані сесії лежать на сервері, у файлі, а
// кукі несе лише підписаний ідентифікатор (ID) сесії. Навіщо:
//
//   - вихід справді відкликає сесію. Копія кукі зі сховища в кукі
//     (кроки 01–07) дійсна й після виходу, аж до кінця строку: сервер
//     нічого не пам'ятає. Тут вихід видаляє дані на сервері, і копія
//     кукі вказує в порожнечу;
//   - даних може бути більше, ніж 4 КіБ кукі;
//   - кілька копій застосунку бачать ті самі сесії, якщо сховище
//     спільне (файли — лише на одному диску; для кількох машин —
//     Redis, модуль redis/ поруч).
//
// У Flask так працює розширення Flask-Session. У gorilla є сховище у
// файлах, sessions.FilesystemStore. Ми обгортаємо його типом
// fileStore (файл filestore.go): він не дає видаленій сесії ожити,
// вміє дати сесії новий ID, тримає абсолютний строк сесії і межу
// анонімних сесій, прибирає файли, строк дії яких минув, і не
// зависає, хоч би що лежало в теці.
//
// Запустіть: go run ./steps/08-server-side
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/devserver"
	"example.com/lesson27/internal/sessionkey"
)

// maxSessionSize — найбільший файл сесії, у байтах.
const maxSessionSize = 64 << 10

// cleanupInterval — як часто прибирати теку сесій.
const cleanupInterval = 10 * time.Minute

// absoluteLifetime — абсолютний строк сесії: найдовше від входу, хоч
// би як часто відвідувач заходив. 12 годин — як у NIST SP 800-63B
// (редакція 3, §4.2.3) для AAL2: повторний вхід щонайменше раз на 12
// годин і після 30 хвилин бездіяльності.
const absoluteLifetime = 12 * time.Hour

// maxAnonymous — скільки анонімних сесій може бути водночас (див.
// anonymous.go). 10 000 відвідувачів з лічильником за пів години — з
// великим запасом для навчального застосунку; а файли займуть
// щонайбільше близько 40 МіБ (блок диска — 4 КіБ на файл).
const maxAnonymous = 10_000

func main() {
	keys, err := sessionkey.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	if keys.Temporary {
		log.Print(sessionkey.TemporaryWarning)
	}
	// Тека для файлів сесій: SESSION_DIR або власна тека в кеші
	// користувача (sessiondir.go). Чужої теки сервер не бере.
	// Подивіться в неї після входу: ls, cat — там закодовані дані.
	dir, err := sessionDir(os.Getenv)
	if err == nil {
		err = prepareDir(dir, os.Getuid())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "помилка:", err)
		os.Exit(1)
	}
	log.Printf("Файли сесій: %s", dir)
	store := newStore(dir, keys.Pairs...)
	// Сесія, з якої не вийшли, лишає файл. Прибираємо їх у фоні.
	go store.cleanEvery(context.Background(), cleanupInterval)
	devserver.Run(newHandler(store))
}

// newStore створює сховище сесій у файлах теки dir, яку вже
// перевірив prepareDir.
func newStore(dir string, keys ...[]byte) *fileStore {
	store := newFileStore(dir, keys...)
	// Як у кроці 06: і Max-Age кукі, і таймаут бездіяльності на
	// сервері — 30 хвилин. Час останнього збереження securecookie
	// перевіряє і в підписі кукі, і у вмісті файлу.
	//
	// Пастка: Options.MaxAge = 0 тут НЕ означає «кукі до закриття
	// браузера», як у CookieStore. Save з MaxAge 0, як і з -1, видаляє
	// файл сесії, а кукі отримує порожнє значення (з нулем — без
	// Max-Age, тож порожня кукі живе до закриття браузера). Тож
	// «запам'ятати мене» з кроку 06 тут немає: кожна сесія живе 30
	// хвилин від останнього збереження.
	store.MaxAge(int(sessionLifetime / time.Second))
	// А ще — не довше за 12 годин від входу, хоч би як часто
	// відвідувач заходив. Max-Age кукі під кінець менший за 30 хвилин:
	// кукі не обіцяє більше, ніж дозволить сервер.
	store.AbsoluteLifetime = absoluteLifetime
	// Межа анонімних сесій. Анонімний — той, хто не ввійшов.
	store.MaxAnonymous = maxAnonymous
	store.Anonymous = func(values map[any]any) bool {
		_, ok := values["username"].(string)
		return !ok
	}
	// Пастка: межа 4096 байтів діє і на вміст файлу — ті самі codecs
	// securecookie. 0 знімає межу зовсім; ми ставимо свою, більшу.
	store.MaxLength(maxSessionSize)
	// Пастка: типові параметри FilesystemStore — лише Path=/ і Max-Age;
	// без HttpOnly, Secure і SameSite. Задаємо їх самі.
	store.Options.HttpOnly = true
	store.Options.Secure = true
	store.Options.SameSite = http.SameSiteLaxMode
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
	// Новий ID під час входу, а старий видалено на сервері. Інакше той,
	// хто знав ID до входу (підкинув вам свою кукі — session fixation —
	// або скопіював її), після входу опиниться у вашій сесії. OWASP
	// радить міняти ID за кожної зміни прав. Дані сесії переходять у
	// нову.
	if err := renewID(a.store, r, session); err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	// Лише останнє повідомлення про вхід: інакше повторні входи без
	// головної накопичували б їх у сесії без меж.
	session.Flashes()
	session.AddFlash("Ви увійшли як " + username)
	if err := session.Save(r, w); err != nil {
		saveError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logout видаляє сесію на сервері: MaxAge = -1, і Save видаляє файл,
// а браузеру надсилає порожню кукі з Max-Age=0 і Expires у 1970 році —
// і браузер її видаляє. Копія кукі, збережена деінде, тепер нічого не
// відкриває. (Зі сховищем у кукі так само видалилася б лише кукі в
// цьому браузері, а копія лишилася б дійсною.)
//
// Файли сховище читає і пише без контексту запиту (r.Context()): якщо
// клієнт розірве з'єднання посеред виходу, вихід однаково
// завершиться.
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

// renewID дає сесії новий ID, якщо сховище це вміє (fileStore тут,
// redisstore у redis/). У сховища в кукі ID немає: копія кукі, яку
// хтось зберіг до входу, лишається дійсною до кінця її строку.
func renewID(store sessions.Store, r *http.Request,
	session *sessions.Session) error {
	if s, ok := store.(interface {
		Renew(*http.Request, *sessions.Session) error
	}); ok {
		return s.Renew(r, session)
	}
	return nil
}

// saveError відповідає на помилку Save. Сесію видалили, поки запит її
// обробляв (вихід в іншій вкладці): відвідувач уже вийшов, тож ведемо
// його на головну, нічого не записавши і не чіпаючи його кукі. Інше —
// поломка сервера, 500.
func saveError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errSessionGone) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	serverError(w, err)
}

// Файли живуть на одному диску. Для кількох машин потрібне спільне
// сховище: модуль redis/ поруч робить те саме з Redis
// (cd redis && go test ./...).
//
// Наступний крок — steps/09-your-sessions: список усіх пристроїв, на
// яких ви ввійшли, і кнопка «завершити всі інші».
