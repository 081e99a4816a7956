package hints

import (
	"strings"
	"testing"
)

const good = "# Підказки: вправа 01\n\n" +
	"Відкривайте по одній.\n\n" +
	"## Рівень 1: поштовх\n\nПодумайте про Save.\n\n" +
	"## Рівень 2: ідея\n\nДив. розділ.\n\n" +
	"## Рівень 3: майже код\n\n```go\nsession.Save(r, w)\n```\n\n" +
	"## Якщо тест пише\n\n" +
	"### `статус — отримали 501 Not Implemented`\n\nЦе заготовка.\n\n" +
	"### `кукі: HttpOnly — отримали false`\n\nПараметри кукі.\n"

func TestParse(t *testing.T) {
	f, err := ParseText(good)
	if err != nil {
		t.Fatalf("ParseText: отримали помилку %v, очікували без помилки", err)
	}
	if len(f.Levels) != 3 || f.Levels[2].N != 3 || !strings.Contains(f.Levels[2].Text, "Save(r, w)") {
		t.Errorf("рівні — отримали %+v", f.Levels)
	}
	if f.Title != "Підказки: вправа 01" {
		t.Errorf("заголовок — отримали %q", f.Title)
	}
	if len(f.Failures) != 2 || f.Failures[1].Text != "Параметри кукі." {
		t.Errorf("пояснення — отримали %+v", f.Failures)
	}
	out := "    main_test.go:12: GET /: статус — отримали 501 Not Implemented, очікували 200 OK"
	if fl, ok := f.Explain(out); !ok || fl.Text != "Це заготовка." {
		t.Errorf("Explain — отримали %+v, %v", fl, ok)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"код на рівні 1", strings.Replace(good, "Подумайте про Save.", "```go\nx\n```", 1), "рівень 1 містить блок коду"},
		{"два рівні", strings.Replace(good, "## Рівень 3: майже код", "## Рівень 2: ще", 1), "не на своєму місці"},
		{"код у поясненні", strings.Replace(good, "Це заготовка.", "```\nx\n```", 1), "містить блок коду"},
		{"заголовок без лапок", strings.Replace(good, "### `кукі: HttpOnly — отримали false`", "### кукі", 1), "одним текстом"},
		{"незнайомий розділ", strings.Replace(good, "## Якщо тест пише", "## Інше", 1), "незнайомий розділ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseText(tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("помилка — отримали %v, очікували таку, що містить %q", err, tt.want)
			}
		})
	}
}
