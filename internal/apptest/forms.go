package apptest

import (
	"net/http"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// FormHygiene перевіряє гігієну форми входу кроків 04–07: ім'я з
// керівними символами, не UTF-8, зіпсоване чи завелике тіло форми і
// POST з чужого сайту дістають 400 або 403 зі зрозумілим поясненням, а
// відвідувач лишається анонімним.
func FormHygiene(t *testing.T, app App) {
	const control = "Ім'я не може містити керівних символів " +
		"(табуляції, нового рядка тощо)."
	tests := []struct {
		name string
		body string // тіло POST /login як є
		want string
	}{
		{"керівний символ усередині імені", "username=ali%00ce", control},
		{"новий рядок усередині імені", "username=ali%0D%0Ace", control},
		{"знак напрямку тексту U+202E", "username=ali%E2%80%AEce",
			control},
		{"пробіл нульової ширини U+200B", "username=ali%E2%80%8Bce",
			control},
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
