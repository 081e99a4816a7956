package main

// Тут — готовий код, перенесений з кроків 01–04: сховище, вхід,
// кнопки порад, читання сесії, відповіді. Ваша частина — у main.go.

import (
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"example.com/lesson27/internal/usertext"
)

const sessionName = "session"

// maxUsernameLen — найдовше ім'я, у символах (крок 03).
const maxUsernameLen = 64

// maxFormBytes — найбільше тіло форми входу, у байтах (крок 03).
const maxFormBytes = 4 << 10

// Сторінки короткі, тож лежать прямо в коді. (У кроках вони в
// окремих файлах .html, вбудованих через go:embed.)

// loginPage — форма входу: ім'я і мова привітання.
var loginPage = template.Must(template.New("login").Parse(
	`<!doctype html>
<html lang="uk">
<head><meta charset="utf-8"><title>Вхід</title></head>
<body>
<h1>Вхід</h1>
<form method="post" action="/login">
  <p><label>Ім'я користувача
    <input name="username" maxlength="{{.}}" required autofocus></label></p>
  <p><label>Мова привітання
    <select name="lang">
      <option value="uk">українська</option>
      <option value="en">English</option>
    </select></label></p>
  <button type="submit">Увійти</button>
</form>
<p><a href="/hello">Привітання</a> · <a href="/whoami">Хто я?</a></p>
</body>
</html>
`))

// newStore створює сховище сесій у кукі.
func newStore(keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options.HttpOnly = true
	store.Options.SameSite = http.SameSiteLaxMode
	return store
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

func (a *app) loginForm(w http.ResponseWriter, r *http.Request) {
	render(w, loginPage, maxUsernameLen)
}

// login кладе в сесію ім'я ("username") і мову ("lang": "uk" або
// "en") і переспрямовує на /hello.
func (a *app) login(w http.ResponseWriter, r *http.Request) {
	username, problem := formUsername(w, r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	lang := "uk"
	if r.PostForm.Get("lang") == "en" {
		lang = "en"
	}

	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Values["username"] = username
	session.Values["lang"] = lang
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/hello", http.StatusSeeOther)
}

// tips вмикає і вимикає поради на сторінці привітання: кладе в сесію
// "tips" = false (поле форми show=0, «Сховати поради») або true
// (show=1, «Показувати поради») і переспрямовує на /hello. Значення
// true лишається в сесії: «показувати» тут — теж вибір відвідувача.
func (a *app) tips(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Не вдалося прочитати форму.", http.StatusBadRequest)
		return
	}
	session, err := getSession(a.store, r)
	if err != nil {
		serverError(w, err)
		return
	}
	session.Values["tips"] = r.PostForm.Get("show") == "1"
	if err := session.Save(r, w); err != nil {
		serverError(w, err)
		return
	}
	http.Redirect(w, r, "/hello", http.StatusSeeOther)
}

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

// getSession повертає сесію відвідувача, як у кроці 02. Кукі, яку не
// вдалося прочитати (її підробили, строк її дії минув, її підписано
// іншим ключем або вона задовга), — це анонімний відвідувач: Get
// однаково дає нову порожню сесію. Помилку повертаємо, лише коли
// зламані самі налаштування (IsUsage, IsInternal: наприклад, порожній
// ключ) — про це має дізнатися розробник.
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

// serverError записує помилку в журнал і відповідає 500: деталі
// поломки бачить розробник, а не відвідувач.
func serverError(w http.ResponseWriter, err error) {
	log.Printf("помилка сесії: %v", err)
	http.Error(w, "Внутрішня помилка сервера.",
		http.StatusInternalServerError)
}

// render показує HTML-сторінку з шаблону. html/template екранує все,
// що підставляє в сторінку: <script> стане &lt;script&gt;.
func render(w http.ResponseWriter, t *template.Template, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := t.Execute(w, data); err != nil {
		log.Printf("шаблон %s: %v", t.Name(), err)
	}
}

// crossSiteDenied відповідає на POST, надісланий з чужого сайту.
func crossSiteDenied(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "Запит відхилено: форму надіслано з іншого сайту. "+
		"Відкрийте сторінку цього сайту й надішліть форму звідти.",
		http.StatusForbidden)
}
