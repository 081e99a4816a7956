package main

import (
	"fmt"
	"net/http"
	"time"
)

func (a *app) index(w http.ResponseWriter, r *http.Request) {
	if username := a.sm.GetString(r.Context(), "username"); username != "" {
		writeText(w, "Logged in as "+username)
		return
	}
	writeText(w, "You are not logged in")
}

func (a *app) profile(w http.ResponseWriter, r *http.Request) {
	if username := a.sm.GetString(r.Context(), "username"); username != "" {
		writeText(w, "User: "+username)
		return
	}
	writeText(w, "Not logged in")
}

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, "login.html", map[string]any{"MaxLen": maxUsernameLen})
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username, problem := readUsername(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	// Новий токен перед зміною прав: старий scs видаляє зі сховища,
	// тож кукі, яку хтось підкинув до входу (session fixation), після
	// входу нічого не відкриває. Дані сесії переходять у нову.
	if err := a.sm.RenewToken(ctx); err != nil {
		serverError(w, err)
		return
	}
	a.sm.Put(ctx, "username", username)
	// «Запам'ятати мене»: постійна кукі лише для цієї сесії. scs
	// зберігає прапорець у самій сесії, як Flask — _permanent.
	remember := r.PostFormValue("remember") == "on"
	a.sm.RememberMe(ctx, remember)
	// Абсолютний строк — від цієї миті: RenewToken щойно поставив
	// Deadline на Lifetime (12 годин), «запам'ятати мене» дає 7 днів.
	// Кукі не обіцяє більше: строк кукі не пізніший за Deadline
	// (save.go забирає секунду, яку scs додає, округлюючи його вгору).
	if remember {
		a.sm.SetDeadline(ctx, time.Now().Add(rememberLifetime))
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *app) logoutForm(w http.ResponseWriter, r *http.Request) {
	render(w, "logout.html", nil)
}

// logout — як session.pop('username', None): інші значення лишаються,
// але під новим токеном. Старий токен видалено, тож копія кукі, зроблена
// до виходу, нічого не відкриває. Сам scs дозволив би запиту, що
// прочитав сесію до виходу і закінчився після нього, записати її під
// старим токеном знову (TestFactRevocationRace); застосунок цього не
// дозволяє (guard у revoke.go, TestLogoutWinsRace).
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := a.sm.RenewToken(ctx); err != nil {
		serverError(w, err)
		return
	}
	a.sm.Remove(ctx, "username")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// forget — як session.clear(): Destroy видаляє дані зі сховища, а
// LoadAndSave — кукі з браузера.
func (a *app) forget(w http.ResponseWriter, r *http.Request) {
	if err := a.sm.Destroy(r.Context()); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// visits — лічильник у тій самій сесії: він переживає вихід.
func (a *app) visits(w http.ResponseWriter, r *http.Request) {
	n := a.sm.GetInt(r.Context(), "visits") + 1
	a.sm.Put(r.Context(), "visits", n)
	writeText(w, fmt.Sprintf("Візитів у цій сесії: %d", n))
}
