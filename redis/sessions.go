package main

// Сторінки «ваші сесії», як у кроці 09 (steps/09-your-sessions):
// GET /sessions і POST /sessions/end-others. Індекс сесій кожного
// користувача веде redisstore (redisstore/index.go) — у тому самому
// Redis, що й сесії, тож обидві сторінки бачать сесії всіх копій
// застосунку.

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/device"
	"example.com/lesson27/redis/redisstore"
)

// deviceKey — ключ опису браузера в сесії: його кладе вхід.
const deviceKey = "device"

// timeLayout — як рядок списку показує мить, у часі сервера.
const timeLayout = "02.01.2006 15:04"

// userSessions — що сторінкам треба від сховища. Уміє redisstore.
type userSessions interface {
	SessionsOf(r *http.Request, owner string) ([]redisstore.Listed, error)
	EndOthers(r *http.Request, session *sessions.Session) error
}

// sessionList — GET /sessions: по рядку на кожну живу сесію того, хто
// ввійшов, хоч на якій копії застосунку був вхід. Гостю — те саме, що
// й /profile.
func (a *app) sessionList(w http.ResponseWriter, r *http.Request) {
	session, err := a.getSession(r)
	if err != nil {
		serverError(w, err)
		return
	}
	username, _ := session.Values["username"].(string)
	if username == "" {
		writeText(w, "Not logged in")
		return
	}
	index, ok := storeAs[userSessions](a.store)
	if !ok {
		noIndex(w)
		return
	}
	list, err := index.SessionsOf(r, username)
	if err != nil {
		serverError(w, err)
		return
	}
	lines := make([]string, 0, len(list))
	for _, s := range list {
		// Абсолютний строк стежить застосунок, а не redisstore: сесію,
		// якій минуло 12 годин, не показуємо і видаляємо.
		if tooOld(s.Values) {
			a.deleteID(r, s.ID)
			continue
		}
		lines = append(lines, listLine(s, s.ID == session.ID))
	}
	writeText(w, strings.Join(lines, "\n"))
}

// listLine — рядок списку про сесію s: коли був вхід, коли сесію
// востаннє збережено, який це браузер. ID сесії тут немає: він — секрет
// сесії, як і сама кукі.
func listLine(s redisstore.Listed, current bool) string {
	browser, _ := s.Values[deviceKey].(string)
	if browser == "" {
		browser = device.Unknown
	}
	saved := s.Saved
	if saved.IsZero() {
		saved = s.Started // сесія, збережена без цього часу
	}
	line := fmt.Sprintf("вхід %s, востаннє %s, %s",
		s.Started.Local().Format(timeLayout),
		saved.Local().Format(timeLayout), browser)
	if current {
		line += " (цей пристрій)"
	}
	return line
}

// endOthers — POST /sessions/end-others: завершує всі інші сесії того,
// хто ввійшов, на всіх копіях застосунку, і веде на список. Гостя теж
// веде на список: завершувати йому нічого.
func (a *app) endOthers(w http.ResponseWriter, r *http.Request) {
	session, err := a.getSession(r)
	if err != nil {
		serverError(w, err)
		return
	}
	if _, ok := session.Values["username"].(string); ok {
		index, ok := storeAs[userSessions](a.store)
		if !ok {
			noIndex(w)
			return
		}
		// Цю сесію тим часом завершили з іншого пристрою —
		// ErrSessionGone, і saveError веде на головну, як після
		// виходу.
		if err := index.EndOthers(r, session); err != nil {
			saveError(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/sessions", http.StatusSeeOther)
}

// noIndex відповідає, коли сховище не знає сесій користувача (скажімо,
// сховище в кукі).
func noIndex(w http.ResponseWriter) {
	http.Error(w, "Це сховище не знає інших сесій користувача: список і "+
		"«завершити інші» вміє лише сховище на сервері.",
		http.StatusNotImplemented)
}
