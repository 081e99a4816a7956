package lesson27

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// glossary — словник курсу, від кореня репозиторію.
const glossary = "lesson27/glossary.uk.md"

// rejectedColumn — заголовок стовпця словника з назвами, яких курс не
// вживає.
const rejectedColumn = "Не вживаємо"

// quoted — назва в лапках «…» у клітинці словника.
var quoted = regexp.MustCompile(`«([^»]+)»`)

// cells ділить рядок таблиці Markdown на клітинки без крайніх «|».
func cells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	parts := strings.Split(row, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// rejectedNames читає словник: для кожної назви зі стовпця «Не
// вживаємо» — термін, який курс уживає замість неї. Друге значення —
// номер цього стовпця.
func rejectedNames(t *testing.T) (map[string]string, int) {
	t.Helper()
	names := map[string]string{}
	column := -1
	for i, l := range strings.Split(readText(t, glossary), "\n") {
		if !strings.HasPrefix(l, "|") {
			continue
		}
		c := cells(l)
		if column < 0 {
			for j, h := range c {
				if h == rejectedColumn {
					column = j
				}
			}
			continue
		}
		if len(c) <= column {
			t.Errorf("%s:%d: клітинок у рядку — отримали %d, очікували %d",
				glossary, i+1, len(c), column+1)
			continue
		}
		for _, m := range quoted.FindAllStringSubmatch(c[column], -1) {
			names[strings.ToLower(m[1])] = c[0]
		}
	}
	if column < 0 {
		t.Fatalf("%s: стовпець — отримали таблицю без нього, очікували «%s»",
			glossary, rejectedColumn)
	}
	if len(names) == 0 {
		t.Fatalf("%s: назв, яких не вживаємо, — отримали 0, очікували хоча б одну",
			glossary)
	}
	return names, column
}

// learnerFiles повертає файли, які читає учень, від кореня
// репозиторію: тексти *.uk.md, програми *.go (їхні коментарі, назви
// підтестів і повідомлення) і описи неправильних розв'язків
// solutions/NN-topic/testdata/wrong/*.txt.
func learnerFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		// Тимчасові теки перевірки курсу можуть зникнути під час обходу.
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		// Тести конспекту самі називають слова, яких не вживаємо: вони
		// їх шукають.
		if rel == "lesson27/glossary_test.go" || rel == "lesson27/lesson_test.go" {
			return nil
		}
		wrong, _ := filepath.Match("solutions/*/testdata/wrong/*.txt", rel)
		if strings.HasSuffix(rel, ".uk.md") || wrong ||
			(strings.HasSuffix(rel, ".go") && !strings.Contains(rel, "/testdata/")) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("обхід репозиторію: помилка — отримали %v, очікували nil", err)
	}
	return out
}

// Одне поняття — одна назва. Словник перелічує для терміна назви, яких
// курс не вживає; жодна з них не стоїть у текстах курсу, у коментарях і
// повідомленнях програм (у самому словнику — лише у своєму стовпці).
// Кальок (calques) немає і в інших текстах: умовах вправ, підказках,
// описах неправильних розв'язків.
func TestGlossarySynonyms(t *testing.T) {
	names, column := rejectedNames(t)
	inTexts := map[string]bool{}
	for _, name := range texts(t) {
		inTexts[name] = true
	}
	for _, name := range learnerFiles(t) {
		data, err := os.ReadFile(filepath.Join(root, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // тимчасовий файл перевірки курсу вже видалено
		}
		if err != nil {
			t.Fatalf("%s: файл — отримали помилку %v, очікували текст", name, err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			if name == glossary && strings.HasPrefix(l, "|") {
				c := cells(l)
				l = strings.Join(c[:min(column, len(c))], " | ")
			}
			l = strings.ToLower(l)
			for bad, good := range names {
				if containsWord(l, bad) {
					t.Errorf("%s:%d: назва — отримали «%s», очікували «%s» (словник)",
						name, i+1, bad, good)
				}
			}
			// Тексти конспекту і README перевіряє на кальки TestNoCalques,
			// а в програмах «рішення» буває й рішенням, а не розв'язком:
			// на кальки дивимося лише в інших текстах для учня.
			if inTexts[name] || strings.HasSuffix(name, ".go") {
				continue
			}
			for bad, good := range calques {
				if containsWord(l, bad) {
					t.Errorf("%s:%d: слово — отримали %q, очікували %q", name, i+1, bad, good)
				}
			}
		}
	}
}

// Перевірка самої перевірки: словник дає назви з усіма формами, а
// пошук бачить форму цілим словом, але не частину іншого слова.
func TestGlossaryNamesAreWholeWords(t *testing.T) {
	names, _ := rejectedNames(t)
	for bad, good := range map[string]string{
		"таймаут без дій": "таймаут бездіяльності",
		"анонім":          "анонімний відвідувач",
	} {
		if got := names[bad]; !strings.HasPrefix(got, good) {
			t.Errorf("%s: термін для «%s» — отримали %q, очікували «%s…»",
				glossary, bad, got, good)
		}
	}
	for _, tt := range []struct {
		line, name string
		want       bool
	}{
		{"кукі анонімного відвідувача", "анонім", false},
		{"для нього це анонім.", "анонім", true},
		{"лише пробіли", "пропуски", false},
		{"пропуск сховав би поломку", "пропуски", false},
		{"(64 кб)", "кб", true},
		{"4 кіб", "кб", false},
	} {
		if got := containsWord(tt.line, tt.name); got != tt.want {
			t.Errorf("containsWord(%q, %q) — отримали %t, очікували %t",
				tt.line, tt.name, got, tt.want)
		}
	}
}
