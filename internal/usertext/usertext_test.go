package usertext_test

import (
	"fmt"
	"strings"
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
	"example.com/lesson27/internal/usertext"
)

// The apps' tests use the same cases (internal/apptest), through the
// login form.
func TestName(t *testing.T) {
	for _, c := range apptest.BadNames {
		t.Run(c.What, func(t *testing.T) {
			got, err := usertext.Name(c.Input, 64)
			browser.Want(t, fmt.Sprintf("Name(%+q): помилка", c.Input),
				browser.ErrText(err), c.Want)
			browser.Want(t, fmt.Sprintf("Name(%+q): ім'я", c.Input), got, "")
		})
	}
	for _, c := range apptest.GoodNames {
		t.Run(c.What, func(t *testing.T) {
			got, err := usertext.Name(c.Input, 64)
			browser.Want(t, fmt.Sprintf("Name(%+q): помилка", c.Input),
				browser.ErrText(err), browser.ErrText(nil))
			browser.Want(t, fmt.Sprintf("Name(%+q): ім'я", c.Input), got, c.Shown)
		})
	}
}

func TestNameEmptyAndNotText(t *testing.T) {
	tests := []struct{ what, in, want string }{
		{"порожнє", "", "Вкажіть ім'я користувача."},
		{"лише пробіли", "   ", "Вкажіть ім'я користувача."},
		{"лише нерозривні пробіли й табуляції", "\u00a0\t\u3000\n",
			"Вкажіть ім'я користувача."},
		{"не UTF-8", "\xff\xfe", "Ім'я має бути текстом у кодуванні UTF-8."},
		{"символ, якого ще немає в Unicode", "a\u0378",
			"Ім'я містить символ U+0378 без значення в Unicode — приберіть його."},
		{"складник хангиль U+1100 без голосної", "\u1100",
			"Ім'я містить недозволений символ U+1100 — приберіть його."},
		{"складники хангиль, що дають склад 가", "\u1100\u1161", ""},
		{"складники, а далі U+200B", "\u1100\u1161\u200b",
			"Ім'я містить невидимий чи керівний символ U+200B — приберіть його."},
		{"наголос після пробілу", "Анна \u0301Марія",
			"Ім'я містить діакритичний знак U+0301 без літери перед ним — приберіть його."},
		{"порожня нота U+1D159", "\U0001D159",
			"Ім'я містить невидимий чи керівний символ U+1D159 — приберіть його."},
		{"з'єднувач U+200D між латинськими літерами", "al\u200dice",
			"Ім'я містить невидимий чи керівний символ U+200D — приберіть його."},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			_, err := usertext.Name(tt.in, 64)
			browser.Want(t, fmt.Sprintf("Name(%+q): помилка", tt.in),
				browser.ErrText(err), browser.ErrText(errorOrNil(tt.want)))
		})
	}
}

func TestNote(t *testing.T) {
	tests := []struct{ what, in, want, wantErr string }{
		{"звичайна нотатка", " купити хліб ", "купити хліб", ""},
		{"пробіли всередині лишаються", "a  b", "a  b", ""},
		{"½ лишається ½ (NFC, а не NFKC)", "½ кг", "½ кг", ""},
		{"нерозривний пробіл стає звичайним", "50\u00a0грн", "50 грн", ""},
		{"порожня", " \t ", "", "Нотатка порожня."},
		{"новий рядок", "a\nb", "",
			"Нотатка містить невидимий чи керівний символ U+000A — приберіть його."},
		{"лише заповнювач", "\u3164", "",
			"Нотатка містить невидимий чи керівний символ U+3164 — приберіть його."},
		{"задовга", strings.Repeat("я", 1001), "",
			"Нотатка задовга: щонайбільше 1000 символів."},
		{"не UTF-8", "\xff", "", "Нотатка має бути текстом у кодуванні UTF-8."},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			got, err := usertext.Note(tt.in, 1000)
			what := fmt.Sprintf("Note(%+q)", tt.in)
			browser.Want(t, what+": помилка", browser.ErrText(err),
				browser.ErrText(errorOrNil(tt.wantErr)))
			browser.Want(t, what+": нотатка", got, tt.want)
		})
	}
}

func TestTooLongSaysCharactersInUkrainian(t *testing.T) {
	for n, want := range map[int]string{
		1: "символ", 4: "символи", 11: "символів", 21: "символ",
		40: "символів", 64: "символи", 112: "символів", 1000: "символів",
	} {
		_, err := usertext.Name(strings.Repeat("a", n+1), n)
		browser.Want(t, fmt.Sprintf("Name(%d+1 літер, %d): помилка", n, n),
			browser.ErrText(err),
			fmt.Sprintf("Ім'я задовге: щонайбільше %d %s.", n, want))
	}
}

func errorOrNil(text string) error {
	if text == "" {
		return nil
	}
	return fmt.Errorf("%s", text)
}

func Example() {
	for _, typed := range []string{
		"Анна\u00a0Марія", // нерозривний пробіл
		"alice\u3164",     // заповнювач хангиль: виглядає як alice
		"\u2800",          // порожній знак Брайля
	} {
		name, err := usertext.Name(typed, 64)
		if err != nil {
			fmt.Println("400:", err)
			continue
		}
		fmt.Printf("%q\n", name)
	}
	// Output:
	// "Анна Марія"
	// 400: Ім'я містить невидимий чи керівний символ U+3164 — приберіть його.
	// 400: Ім'я містить невидимий чи керівний символ U+2800 — приберіть його.
}

func TestEmojiWithInvisibleParts(t *testing.T) {
	tests := []struct{ what, in, want string }{
		{"емодзі", "alice 🙂", ""},
		{"серце з селектором варіанта U+FE0F", "\u2764\ufe0f",
			"Ім'я містить невидимий чи керівний символ U+FE0F — приберіть його."},
		{"родина, з'єднана U+200D", "👨\u200d👩\u200d👧",
			"Ім'я містить невидимий чи керівний символ U+200D — приберіть його."},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			_, err := usertext.Name(tt.in, 64)
			browser.Want(t, fmt.Sprintf("Name(%+q): помилка", tt.in),
				browser.ErrText(err), browser.ErrText(errorOrNil(tt.want)))
		})
	}
}
