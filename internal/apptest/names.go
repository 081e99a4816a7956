package apptest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// A NameCase is a name typed into the login form and what every app
// must do with it (the rule is internal/usertext).
type NameCase struct {
	What  string // the subtest's name, in Ukrainian
	Input string // the form field as typed
	Want  string // a bad name: the text of the 400 response
	Shown string // a good name: the name the app stores and shows
}

// invisible is the 400 text for a name with the invisible or control
// character code (U+XXXX).
func invisible(code string) string {
	return "Ім'я містить невидимий чи керівний символ " + code +
		" — приберіть його."
}

// tooManyMarks is the 400 text for stacked combining marks.
const tooManyMarks = "Ім'я містить забагато діакритичних знаків на " +
	"одній літері: щонайбільше 4 різні."

// BadNames are names every app refuses with 400 and its text.
var BadNames = []NameCase{
	{What: "нульовий байт", Input: "ali\x00ce", Want: invisible("U+0000")},
	{What: "табуляція всередині", Input: "ali\tce",
		Want: invisible("U+0009")},
	{What: "новий рядок усередині", Input: "ali\r\nce",
		Want: invisible("U+000D")},
	{What: "знак напрямку тексту U+202E", Input: "ali\u202ece",
		Want: invisible("U+202E")},
	{What: "пробіл нульової ширини U+200B", Input: "ali\u200bce",
		Want: invisible("U+200B")},
	{What: "лише заповнювач хангиль U+3164", Input: "\u3164",
		Want: invisible("U+3164")},
	{What: "лише заповнювач U+115F", Input: "\u115f",
		Want: invisible("U+115F")},
	{What: "лише вузький заповнювач U+FFA0", Input: "\uffa0\uffa0",
		Want: invisible("U+FFA0")},
	{What: "лише порожній знак Брайля U+2800", Input: "\u2800\u2800",
		Want: invisible("U+2800")},
	{What: "alice і заповнювач U+3164 (схоже на alice)",
		Input: "alice\u3164", Want: invisible("U+3164")},
	{What: "alice і порожній знак Брайля U+2800", Input: "alice\u2800",
		Want: invisible("U+2800")},
	{What: "невидимий з'єднувач графем U+034F", Input: "ali\u034fce",
		Want: invisible("U+034F")},
	{What: "розрив з'єднання U+200C у латиниці", Input: "alice\u200c",
		Want: invisible("U+200C")},
	{What: "63 наголоси на одній літері",
		Input: "a" + strings.Repeat("\u0301", 63), Want: tooManyMarks},
	{What: "5 різних знаків на одній літері",
		Input: "a\u0300\u0301\u0302\u0303\u0304", Want: tooManyMarks},
	{What: "той самий знак двічі", Input: "a\u0301\u0301",
		Want: tooManyMarks},
	{What: "наголос на початку імені", Input: "\u0301alice",
		Want: "Ім'я містить діакритичний знак U+0301 без літери перед " +
			"ним — приберіть його."},
	{What: "символ для приватного вжитку U+E000", Input: "ali\ue000ce",
		Want: "Ім'я містить символ U+E000 без значення в Unicode — " +
			"приберіть його."},
	{What: "65 символів", Input: strings.Repeat("я", 65),
		Want: "Ім'я задовге: щонайбільше 64 символи."},
}

// GoodNames are names every app accepts, and how it shows them: as
// typed, except that spaces are tidied and the text is in NFKC.
var GoodNames = []NameCase{
	{What: "латиниця", Input: "alice", Shown: "alice"},
	{What: "кирилиця", Input: "Олена", Shown: "Олена"},
	{What: "апостроф", Input: "O'Brien", Shown: "O'Brien"},
	{What: "дефіс", Input: "Jean-Luc", Shown: "Jean-Luc"},
	{What: "ієрогліфи", Input: "山田", Shown: "山田"},
	{What: "перське ім'я з розривом з'єднання U+200C",
		Input: "علی\u200cرضا", Shown: "علی\u200cرضا"},
	{What: "в'єтнамське ім'я з двома знаками на літері",
		Input: "Nguye\u0302\u0303n", Shown: "Nguyễn"},
	{What: "нерозривний пробіл стає звичайним",
		Input: "Анна\u00a0Марія", Shown: "Анна Марія"},
	{What: "два пробіли поспіль стають одним", Input: "Анна  Марія",
		Shown: "Анна Марія"},
	{What: "пробіли довкола обрізано", Input: "  alice\t", Shown: "alice"},
	{What: "повноширинні літери стають звичайними", Input: "ａｌｉｃｅ",
		Shown: "alice"},
	{What: "64 символи", Input: strings.Repeat("я", 64),
		Shown: strings.Repeat("я", 64)},
}

// FormBody is the body of POST /login with the name as typed.
func FormBody(name string) string {
	return url.Values{"username": {name}}.Encode()
}

// NamesFollowTheRule checks the name rule of an app whose GET / shows
// "Logged in as NAME" on a line of its own: every bad name gets 400 with
// its text and leaves the visitor anonymous, every good name logs in
// and is shown as the rule prepares it.
func NamesFollowTheRule(t *testing.T, app App) {
	for _, c := range BadNames {
		t.Run(c.What+" — 400 і пояснення", func(t *testing.T) {
			b := browser.New(t, app())
			b.PostBody("/login", FormBody(c.Input)).
				WantStatus(http.StatusBadRequest).WantBody(c.Want)
			b.Get("/").WantBody("You are not logged in")
		})
	}
	for _, c := range GoodNames {
		t.Run(c.What+" — можна", func(t *testing.T) {
			b := browser.New(t, app())
			b.PostBody("/login", FormBody(c.Input)).
				WantStatus(http.StatusOK)
			WantLine(t, b.Get("/"), "Logged in as "+c.Shown)
		})
	}
}

// WantLine checks that one line of the page is exactly line.
func WantLine(t testing.TB, r *browser.Response, line string) {
	t.Helper()
	for l := range strings.Lines(r.Body) {
		if strings.TrimRight(l, "\r\n") == line {
			return
		}
	}
	t.Errorf("сторінка: рядок — %s", browser.GotWant(r.Body,
		browser.Phrase("рядок "+strconv.Quote(line))))
}
