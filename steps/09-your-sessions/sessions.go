package main

// Сторінки «ваші сесії»: GET /sessions і POST /sessions/end-others.
// Сховище робить головне (index.go), обробники лише питають його і
// складають рядки.

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/device"
)

// deviceKey — ключ опису браузера в сесії: його кладе вхід (main.go).
const deviceKey = "device"

// timeLayout — як рядок списку показує мить, у часі сервера.
const timeLayout = "02.01.2006 15:04"

// userSessions — те, що сторінкам треба від сховища: живі сесії
// користувача і «завершити інші». Уміє fileStore (index.go).
type userSessions interface {
	SessionsOf(user string) ([]userSession, error)
	EndOthers(session *sessions.Session) error
}

// sessionList — GET /sessions: по рядку на кожну живу сесію того, хто
// ввійшов. Гостю — те саме, що й /profile.
func (a *app) sessionList(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	username, _ := session.Values["username"].(string)
	if username == "" {
		writeText(w, "Not logged in")
		return
	}
	index, ok := indexOf(a.store)
	if !ok {
		noIndex(w)
		return
	}
	list, err := index.SessionsOf(username)
	if err != nil {
		serverError(w, err)
		return
	}
	lines := make([]string, 0, len(list))
	for _, s := range list {
		// Цей пристрій — той, чия кукі прийшла з запитом. ID
		// порівнюємо тут, на сервері, а на сторінку він не йде.
		lines = append(lines, listLine(s, s.id == session.ID))
	}
	writeText(w, strings.Join(lines, "\n"))
}

// listLine — рядок списку про сесію s: те, за чим людина впізнає
// пристрій. ID сесії тут немає: він — секрет сесії, як і сама кукі, а
// сторінку можуть побачити через плече чи на знімку екрана.
//
//	вхід 05.12.2026 09:12, востаннє 05.12.2026 09:40, Firefox на Linux
func listLine(s userSession, current bool) string {
	browser, _ := s.values[deviceKey].(string)
	if browser == "" {
		browser = device.Unknown // сесія з кроку 08, без опису
	}
	saved := s.saved
	if saved.IsZero() {
		saved = s.started // сесія, збережена до кроку 09, часу не знає
	}
	line := fmt.Sprintf("вхід %s, востаннє %s, %s",
		s.started.Local().Format(timeLayout),
		saved.Local().Format(timeLayout), browser)
	if current {
		line += " (цей пристрій)"
	}
	return line
}

// endOthers — POST /sessions/end-others: завершує всі інші сесії того,
// хто ввійшов, і веде на список. Гостя теж веде на список: завершувати
// йому нічого.
func (a *app) endOthers(w http.ResponseWriter, r *http.Request) {
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	if _, ok := session.Values["username"].(string); ok {
		index, ok := indexOf(a.store)
		if !ok {
			noIndex(w)
			return
		}
		// Цю сесію тим часом завершили з іншого пристрою — тоді
		// errSessionGone, і saveError веде на головну, як після
		// виходу.
		if err := index.EndOthers(session); err != nil {
			saveError(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/sessions", http.StatusSeeOther)
}

// deviceOf описує браузер, що надіслав запит: «Firefox на Linux». Лише
// готовими словами internal/device: заголовок User-Agent пише сам
// відвідувач, і як є він міг би вдати в чужому списку що завгодно,
// позначку « (цей пристрій)» теж.
func deviceOf(r *http.Request) string {
	return device.Describe(r.UserAgent())
}

// indexOf шукає сесії користувача в сховищі store: у ньому самому або в
// сховищі, яке воно обгортає (метод Unwrap, як у тестових обгортках).
func indexOf(store sessions.Store) (userSessions, bool) {
	for {
		if s, ok := store.(userSessions); ok {
			return s, true
		}
		u, ok := store.(interface{ Unwrap() sessions.Store })
		if !ok {
			return nil, false
		}
		store = u.Unwrap()
	}
}

// noIndex відповідає, коли сховище не знає сесій користувача: так
// буває зі сховищем у кукі, яке тести кроку дають newHandler для
// порівняння.
func noIndex(w http.ResponseWriter) {
	http.Error(w, "Це сховище не знає інших сесій користувача: список і "+
		"«завершити інші» вміє лише сховище на сервері.",
		http.StatusNotImplemented)
}
