package apptest

import (
	"net/http"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// FormHygiene перевіряє гігієну форми входу кроків 04–07: імена, які
// правило курсу (internal/usertext) відхиляє, не UTF-8, зіпсоване чи
// завелике тіло форми і POST з чужого сайту дістають 400 або 403 зі
// зрозумілим поясненням, а відвідувач лишається анонімним; імена, які
// правило приймає, показано так, як правило їх готує
// (NamesFollowTheRule).
func FormHygiene(t *testing.T, app App) {
	NamesFollowTheRule(t, app)
	tests := []struct {
		name string
		body string // тіло POST /login як є
		want string
	}{
		{"не UTF-8", "username=%FF%FE",
			"Ім'я має бути текстом у кодуванні UTF-8."},
		{"зіпсоване кодування форми", "username=%zz",
			"Не вдалося прочитати форму: її зіпсовано."},
		{"форма понад 4 КіБ", "username=" + strings.Repeat("a", 5000),
			"Форма завелика: щонайбільше 4 КіБ."},
	}
	for _, tt := range tests {
		t.Run(tt.name+" — 400 і зрозуміле пояснення", func(t *testing.T) {
			b := browser.New(t, app())
			b.PostBody("/login", tt.body).WantStatus(http.StatusBadRequest).
				WantBody(tt.want)
			b.Get("/").WantBody("You are not logged in")
		})
	}
	t.Run("POST з чужого сайту — 403 з поясненням українською",
		func(t *testing.T) {
			b := browser.New(t, app())
			b.PostFromOtherSite("/login", "username=mallory").
				WantStatus(http.StatusForbidden).
				WantBodyContains("Запит відхилено: форму надіслано з " +
					"іншого сайту.").WantPrivate()
			b.Get("/").WantBody("You are not logged in")
		})
}
