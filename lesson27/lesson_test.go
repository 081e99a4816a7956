package lesson27

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"example.com/lesson27/internal/mistake"
)

// root — корінь репозиторію: тест запускається з теки lesson27.
const root = ".."

// lesson — головний файл конспекту, від кореня репозиторію.
const lesson = "lesson27/README.uk.md"

// maxLessonWords — найбільша довжина головного файлу конспекту, у
// словах, як їх рахує wc -w: текст має читатися за один раз.
const maxLessonWords = 5500

// lessonTexts повертає всі файли конспекту: lesson27/*.md, від кореня
// репозиторію.
func lessonTexts(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(root, "lesson27", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("lesson27/*.md: файли — отримали %d (помилка %v), "+
			"очікували хоча б один", len(names), err)
	}
	var out []string
	for _, n := range names {
		rel, err := filepath.Rel(root, n)
		if err != nil {
			t.Fatalf("%s: шлях — отримали помилку %v, очікували шлях", n, err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// texts повертає файли, які перевіряє цей тест: конспект і README
// курсу.
func texts(t *testing.T) []string {
	return append(lessonTexts(t), "README.uk.md", "README.md")
}

// fragment — фрагмент коду з конспекту: мова, позначка над ним і рядки.
type fragment struct {
	line   int    // рядок, з якого починається фрагмент (```go)
	lang   string // go, python, sh …
	marker string // текст HTML-коментаря над фрагментом, якщо він є
	lines  []string
}

// readText читає файл від кореня репозиторію або зупиняє тест.
func readText(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatalf("%s: файл — отримали помилку %v, очікували текст", name, err)
	}
	return string(data)
}

// parse ділить Markdown на фрагменти коду і звичайні рядки (із
// номерами). Позначка — останній непорожній рядок над фрагментом,
// якщо це HTML-коментар.
func parse(text string) (frags []fragment, prose map[int]string) {
	prose = map[int]string{}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !isFence(l) {
			prose[i+1] = l
			continue
		}
		f := fragment{line: i + 1, lang: strings.TrimSpace(strings.TrimLeft(l, " `"))}
		for j := i - 1; j >= 0; j-- {
			prev := strings.TrimSpace(lines[j])
			if prev == "" {
				continue
			}
			if strings.HasPrefix(prev, "<!--") && strings.HasSuffix(prev, "-->") {
				inner := strings.TrimPrefix(prev, "<!--")
				f.marker = strings.TrimSpace(strings.TrimSuffix(inner, "-->"))
			}
			break
		}
		for i++; i < len(lines) && !isFence(lines[i]); i++ {
			f.lines = append(f.lines, lines[i])
		}
		frags = append(frags, f)
	}
	return frags, prose
}

// isFence каже, чи рядок відкриває або закриває фрагмент коду. Фрагмент
// усередині пункту списку має відступ.
func isFence(l string) bool {
	return strings.HasPrefix(strings.TrimLeft(l, " "), "```")
}

// gap — рядок фрагмента, що заміняє пропущений код.
const gap = "// …"

// normalize прибирає відступи й порожні рядки: gofmt і Markdown
// відступають по-різному, а код той самий.
func normalize(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// chunks ділить фрагмент на шматки між рядками gap.
func chunks(lines []string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range normalize(lines) {
		if l == gap {
			out = append(out, cur)
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	return append(out, cur)
}

// match шукає шматки фрагмента у file по черзі. Якщо якийсь шматок не
// знайдено, повертає рядок фрагмента, що не збігся, і найближчий до
// нього рядок файлу (після найдовшого збігу початку шматка).
func match(frag, file []string) (ok bool, got, want string) {
	from := 0
	for _, chunk := range chunks(frag) {
		if len(chunk) == 0 {
			continue
		}
		best, bestAt := -1, -1
		found := false
		for at := from; at < len(file); at++ {
			n := 0
			for n < len(chunk) && at+n < len(file) && file[at+n] == chunk[n] {
				n++
			}
			if n == len(chunk) {
				from, found = at+n, true
				break
			}
			if n > best {
				best, bestAt = n, at
			}
		}
		if found {
			continue
		}
		got = chunk[max(best, 0)]
		want = "рядка немає у файлі"
		if best > 0 && bestAt+best < len(file) {
			want = file[bestAt+best]
		}
		return false, got, want
	}
	return true, "", ""
}

// Кожен фрагмент Go у конспекті — справжній код кроку: позначка
// <!-- з файлу: … --> називає файл, і фрагмент має в ньому бути.
func TestGoFragmentsComeFromCode(t *testing.T) {
	for _, name := range lessonTexts(t) {
		t.Run(name, func(t *testing.T) { checkFragments(t, name) })
	}
}

// checkFragments перевіряє фрагменти Go одного файлу конспекту.
func checkFragments(t *testing.T, name string) {
	frags, _ := parse(readText(t, name))
	checked := 0
	for _, f := range frags {
		if f.lang != "go" {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, f.line)
		switch {
		case f.marker == "неправильно":
			continue
		case !strings.HasPrefix(f.marker, "з файлу:"):
			t.Errorf("%s: позначка над фрагментом Go — отримали %q, "+
				"очікували <!-- з файлу: шлях --> або <!-- неправильно -->", where, f.marker)
			continue
		}
		path := strings.TrimSpace(strings.TrimPrefix(f.marker, "з файлу:"))
		data, err := sourceOf(path)
		if err != nil {
			t.Errorf("%s: файл %s — отримали помилку %v, очікували файл з кодом", where, path, err)
			continue
		}
		if ok, got, want := match(f.lines, normalize(strings.Split(data, "\n"))); !ok {
			t.Errorf("%s: фрагмент розійшовся з %s: рядок — отримали %q, очікували %q "+
				"(скопіюйте фрагмент з файлу заново)", where, path, got, want)
		}
		checked++
	}
	if checked == 0 && name == lesson {
		t.Errorf("%s: фрагментів Go — отримали 0, очікували хоча б один", name)
	}
}

// testedLine — початок абзацу, у якому стоять посилання на тести.
const testedLine = "**Перевірено тестами"

// Посилання на тести стоять не в тексті, а в окремому абзаці
// «Перевірено тестами» наприкінці розділу: текст читається без них.
func TestTestLinksOnlyInTestedLines(t *testing.T) {
	for _, name := range lessonTexts(t) {
		text := readText(t, name)
		_, prose := parse(text)
		n := strings.Count(text, "\n") + 1
		inTested := false
		for i := 1; i <= n; i++ {
			l, ok := prose[i]
			switch {
			case !ok || strings.TrimSpace(l) == "":
				inTested = false
				continue
			case strings.HasPrefix(l, testedLine):
				inTested = true
			}
			if inTested {
				continue
			}
			for _, m := range link.FindAllStringSubmatch(l, -1) {
				if testName.MatchString(m[1]) {
					t.Errorf("%s:%d: посилання на тест %s — отримали його в "+
						"тексті, очікували в абзаці «Перевірено тестами»",
						name, i, m[1])
				}
			}
		}
	}
}

// Головний файл конспекту читається за один раз: не довший за
// maxLessonWords слів (як рахує wc -w).
func TestLessonLength(t *testing.T) {
	got := len(strings.Fields(readText(t, lesson)))
	if got > maxLessonWords {
		t.Errorf("%s: довжина — отримали %d слів, очікували щонайбільше %d",
			lesson, got, maxLessonWords)
	}
}

// sourceOf returns the code a fragment comes from. A typical wrong
// answer (solutions/NN/testdata/wrong/NAME.txt) is an edit of the
// solution: its code is the solution's main.go with the edit made.
func sourceOf(path string) (string, error) {
	if !strings.HasSuffix(path, ".txt") {
		data, err := os.ReadFile(filepath.Join(root, path))
		return string(data), err
	}
	m, err := mistake.Parse(filepath.Join(root, path))
	if err != nil {
		return "", err
	}
	solution := filepath.Dir(filepath.Dir(filepath.Dir(filepath.Join(root, path))))
	texts, err := m.Apply(solution)
	if err != nil {
		return "", err
	}
	return texts["main.go"], nil
}

// Перевірка самої перевірки: фрагмент з пропуском знаходиться,
// змінений рядок — ні, і повідомлення називає саме його.
func TestMatch(t *testing.T) {
	file := normalize(strings.Split("func f() {\n\ta := 1\n\tb := 2\n\tc := 3\n}\n", "\n"))
	tests := []struct {
		name      string
		frag      string
		ok        bool
		got, want string
	}{
		{"увесь файл", "func f() {\n  a := 1\n\n  b := 2\n  c := 3\n}", true, "", ""},
		{"з пропуском", "func f() {\n// …\nc := 3", true, "", ""},
		{"змінений рядок", "a := 1\nb := 20", false, "b := 20", "b := 2"},
		{"рядка немає", "d := 4", false, "d := 4", "рядка немає у файлі"},
		{"не той порядок", "c := 3\n// …\na := 1", false, "a := 1", "рядка немає у файлі"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, got, want := match(strings.Split(tt.frag, "\n"), file)
			if ok != tt.ok || got != tt.got || want != tt.want {
				t.Errorf("match: результат — отримали (%t, %q, %q), очікували (%t, %q, %q)",
					ok, got, want, tt.ok, tt.got, tt.want)
			}
		})
	}
}

// link — посилання Markdown [текст](адреса) з рядком, де воно стоїть.
var link = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)\)`)

// testName — текст посилання, що називає тест: `TestSomething`.
var testName = regexp.MustCompile("^`(Test[A-Za-z0-9_]*)`$")

// slug повторює, як GitHub робить якір із заголовка: малі літери,
// без розділових знаків, пробіли — дефіси.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors повертає якорі всіх заголовків Markdown-тексту.
func anchors(text string) map[string]bool {
	_, prose := parse(text)
	out := map[string]bool{}
	seen := map[string]int{}
	n := strings.Count(text, "\n") + 1
	for i := 1; i <= n; i++ {
		l, ok := prose[i]
		if !ok || !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(l, "#"))
		s := slug(h)
		if n := seen[s]; n > 0 {
			out[fmt.Sprintf("%s-%d", s, n)] = true
		} else {
			out[s] = true
		}
		seen[s]++
	}
	return out
}

// anchorCache — якорі вже прочитаних файлів.
var anchorCache = map[string]map[string]bool{}

// anchorsOf повертає якорі файлу name (від кореня репозиторію).
func anchorsOf(t *testing.T, name string) map[string]bool {
	if a, ok := anchorCache[name]; ok {
		return a
	}
	a := anchors(readText(t, name))
	anchorCache[name] = a
	return a
}

// Кожне відносне посилання веде на файл чи теку, що є; кожен якір —
// на заголовок, що є; посилання з назвою тесту — на файл, де цей тест
// оголошено.
func TestLinksResolve(t *testing.T) {
	for _, name := range texts(t) {
		t.Run(name, func(t *testing.T) {
			text := readText(t, name)
			_, prose := parse(text)
			dir := filepath.Dir(name)
			count := 0
			lines := strings.Count(text, "\n") + 1
			for n := 1; n <= lines; n++ {
				for _, m := range link.FindAllStringSubmatch(prose[n], -1) {
					label, target := m[1], m[2]
					if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
						continue
					}
					count++
					where := fmt.Sprintf("%s:%d: посилання %s", name, n, target)
					path, anchor, _ := strings.Cut(target, "#")
					file := name
					if path != "" {
						file = filepath.Join(dir, path)
					}
					info, err := os.Stat(filepath.Join(root, file))
					if err != nil {
						t.Errorf("%s — отримали «немає %s», очікували файл або теку", where, file)
						continue
					}
					if anchor != "" {
						if info.IsDir() || !strings.HasSuffix(file, ".md") {
							t.Errorf("%s: якір — отримали #%s у %s, "+
								"очікували якір лише в .md", where, anchor, file)
						} else if !anchorsOf(t, file)[anchor] {
							t.Errorf("%s: якір — отримали #%s, очікували "+
								"заголовок у %s з таким якорем", where, anchor, file)
						}
					}
					if tm := testName.FindStringSubmatch(label); tm != nil {
						src, _ := os.ReadFile(filepath.Join(root, file))
						if !regexp.MustCompile(`(?m)^func ` + tm[1] + `\(`).Match(src) {
							t.Errorf("%s: тест — отримали «немає func %s у %s», "+
								"очікували такий тест", where, tm[1], file)
						}
					}
				}
			}
			if count == 0 {
				t.Errorf("%s: відносних посилань — отримали 0, очікували хоча б одне", name)
			}
		})
	}
}

// Перевірка самої перевірки: якорі як на GitHub.
func TestSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"1. Імпорт": "1-імпорт",
		"6. Постійні сесії та таймаути":  "6-постійні-сесії-та-таймаути",
		"7. Далі: flash-повідомлення":    "7-далі-flash-повідомлення",
		"Пастка: `Save` після відповіді": "пастка-save-після-відповіді",
		"Flask → Go": "flask--go",
		"Що зробити, щоб сесія з'явилася": "що-зробити-щоб-сесія-зявилася",
	} {
		if got := slug(heading); got != want {
			t.Errorf("slug(%q) — отримали %q, очікували %q", heading, got, want)
		}
	}
}

// calques — кальки й слова, яких курс уникає, і чим їх замінити.
//
// Першу кальку розбито надвоє, щоб пошук grep по курсу
// знаходив лише справжні кальки, а не це правило.
var calques = map[string]string{
	"за" + " замовчуванням": "типово",
	"по замовчуванню":       "типово",
	"рішення":               "розв'язок",
	"папка":                 "тека",
	"папку":                 "теку",
	"папці":                 "теці",
	"лінк":                  "посилання",
	"дефолт":                "типовий",
	"являється":             "є",
	"приймати участь":       "брати участь",
	"застара":               "строк її дії минув",
	"застаріла":             "строк її дії минув",
	"кукі їде":              "кукі передається",
	"дають паніку":          "спричиняють паніку",
	"дає паніку":            "спричиняє паніку",
	"чия кукі":              "кукі якої",
	"збережена xss":         "збережений XSS",
	"31 байтів":             "31 байт",
	"значить,":              "отже,",
}

// otherNames — інші назви понять, для яких курс обрав одну (словник
// конспекту): у тексті конспекту їх не вживаємо.
var otherNames = map[string]string{
	"кукі до закриття браузера": "звичайна сесія",
	"кукі без строку":           "звичайна сесія",
	"межа на сервері":           "таймаут",
	"перевірка віку":            "таймаут",
	"перевірку віку":            "таймаут",
}

// Тексти курсу пишемо без кальок.
func TestNoCalques(t *testing.T) {
	for _, name := range texts(t) {
		lines := strings.Split(readText(t, name), "\n")
		for i, l := range lines {
			for bad, good := range calques {
				if containsWord(strings.ToLower(l), bad) {
					t.Errorf("%s:%d: слово — отримали %q, очікували %q", name, i+1, bad, good)
				}
			}
		}
	}
}

// Одне поняття — одна назва: текст конспекту (не код у ньому) не
// вживає інших назв для звичайної сесії і таймауту.
func TestOneNamePerConcept(t *testing.T) {
	for _, name := range lessonTexts(t) {
		text := readText(t, name)
		_, prose := parse(text)
		n := strings.Count(text, "\n") + 1
		for i := 1; i <= n; i++ {
			l := strings.ToLower(prose[i])
			for bad, good := range otherNames {
				if containsWord(l, bad) {
					t.Errorf("%s:%d: назва — отримали %q, очікували %q",
						name, i, bad, good)
				}
			}
		}
	}
}

// containsWord каже, чи є в s слово (або сполучення слів) word
// окремо, а не як частина іншого слова: «рішення», але не «вирішення».
func containsWord(s, word string) bool {
	letter := func(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !letter(before)) && (end == len(s) || !letter(after)) {
			return true
		}
		i = start + 1
	}
}

func TestContainsWord(t *testing.T) {
	for _, tt := range []struct {
		s, word string
		want    bool
	}{
		{"це рішення", "рішення", true},
		{"вирішення спору", "рішення", false},
		{"рішення.", "рішення", true},
		{"по замовчуванню", "по замовчуванню", true},
	} {
		if got := containsWord(tt.s, tt.word); got != tt.want {
			t.Errorf("containsWord(%q, %q) — отримали %t, очікували %t",
				tt.s, tt.word, got, tt.want)
		}
	}
}

// Інші тексти курсу (вправи, README) посилаються на розділи конспекту.
// Якір такого посилання має бути в конспекті: перейменували заголовок —
// цей тест покаже, хто на нього посилається.
func TestLinksIntoLessonResolve(t *testing.T) {
	into := regexp.MustCompile(`lesson27/([A-Za-z0-9_.-]+\.md)#([^)\s]+)`)
	checked := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		// Файл чи теку могли видалити, поки ми обходимо репозиторій
		// (тимчасові теки перевірки курсу): пропускаємо.
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if d.IsDir() && path != root &&
			(strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".md") {
			return nil
		}
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for i, l := range strings.Split(string(data), "\n") {
			for _, m := range into.FindAllStringSubmatch(l, -1) {
				checked++
				file := "lesson27/" + m[1]
				if _, err := os.Stat(filepath.Join(root, file)); err != nil {
					t.Errorf("%s:%d: файл конспекту — отримали «немає %s», "+
						"очікували файл", rel, i+1, file)
					continue
				}
				if !anchorsOf(t, file)[m[2]] {
					t.Errorf("%s:%d: якір у конспекті — отримали #%s, "+
						"очікували заголовок %s з таким якорем",
						rel, i+1, m[2], file)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("обхід репозиторію: помилка — отримали %v, очікували nil", err)
	}
	if checked == 0 {
		t.Errorf("посилань на розділи конспекту — отримали 0, очікували хоча б одне")
	}
}

// asvsPage — сторінка, яка міряє застосунки курсу вимогами OWASP ASVS.
const asvsPage = "lesson27/asvs.uk.md"

// testRef — тест, названий на сторінці ASVS: `тека: TestНазва`, тека
// від кореня репозиторію.
var testRef = regexp.MustCompile("`([A-Za-z0-9_./-]+): (Test[A-Za-z0-9_]*)`")

// bareTest — назва тесту в лапках без теки: невідомо, де її шукати.
var bareTest = regexp.MustCompile("`(Test[A-Za-z0-9_]*)`")

// verdicts — чим може починатися клітинка таблиці ASVS.
var verdicts = []string{"так", "частково", "ні", "не стосується"}

// verdictOf повертає, чим починається клітинка, або "", якщо нічим із
// verdicts.
func verdictOf(cell string) string {
	for _, v := range verdicts {
		rest, ok := strings.CutPrefix(cell, v)
		if !ok {
			continue
		}
		r, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || !unicode.IsLetter(r) {
			return v
		}
	}
	return ""
}

// Таблиці ASVS не застаріють мовчки: кожен названий тест є в названій
// теці, кожна клітинка «так» називає тест, а підсумок збігається з
// тим, що в таблицях.
func TestASVSTestsExist(t *testing.T) {
	text := readText(t, asvsPage)
	_, prose := parse(text)
	lines := strings.Count(text, "\n") + 1
	sources := map[string]string{} // тека → текст її *_test.go
	refs := 0
	counted := map[string]map[string]int{} // стовпець → вердикт → скільки
	var columns []string                   // стовпці таблиці вимог
	var summary []string                   // стовпці підсумку
	summed := map[string]bool{}            // застосунки з рядком підсумку
	for n := 1; n <= lines; n++ {
		l := prose[n]
		where := fmt.Sprintf("%s:%d", asvsPage, n)
		for _, m := range testRef.FindAllStringSubmatch(l, -1) {
			refs++
			dir, name := m[1], m[2]
			src, ok := sources[dir]
			if !ok {
				src = testSources(t, dir)
				sources[dir] = src
			}
			if src == "" {
				t.Errorf("%s: тека %s — отримали «немає файлів *_test.go», "+
					"очікували теку з тестами", where, dir)
				continue
			}
			if !regexp.MustCompile(`(?m)^func ` + name + `\(`).MatchString(src) {
				t.Errorf("%s: тест — отримали «немає func %s у %s», "+
					"очікували такий тест", where, name, dir)
			}
		}
		// Посилання [`TestНазва`](файл) перевіряє TestLinksResolve.
		rest := link.ReplaceAllString(testRef.ReplaceAllString(l, ""), "")
		for _, m := range bareTest.FindAllStringSubmatch(rest, -1) {
			t.Errorf("%s: тест %s — отримали його без теки, очікували `тека: %s`",
				where, m[1], m[1])
		}
		if !strings.HasPrefix(l, "|") {
			columns, summary = nil, nil
			continue
		}
		c := cells(l)
		switch {
		case strings.HasPrefix(c[0], "---"):
			continue
		case c[0] == "Вимога ASVS 5.0":
			columns = c[1:]
			continue
		case c[0] == "Застосунок":
			summary = c[1:]
			continue
		case summary != nil:
			checkSummary(t, where, c, summary, counted)
			summed[c[0]] = true
			continue
		case columns == nil:
			continue
		}
		if len(c)-1 != len(columns) {
			t.Errorf("%s: клітинок — отримали %d, очікували %d", where, len(c)-1, len(columns))
			continue
		}
		for i, cell := range c[1:] {
			v := verdictOf(cell)
			switch {
			case v == "":
				t.Errorf("%s: клітинка %q — отримали %q, очікували початок «%s»",
					where, columns[i], cell, strings.Join(verdicts, "», «"))
			case v == "так" && !testRef.MatchString(cell):
				t.Errorf("%s: клітинка %q — отримали «так» без тесту, "+
					"очікували `тека: TestНазва`", where, columns[i])
			}
			if counted[columns[i]] == nil {
				counted[columns[i]] = map[string]int{}
			}
			counted[columns[i]][v]++
		}
	}
	if refs == 0 {
		t.Errorf("%s: тестів — отримали 0, очікували хоча б один", asvsPage)
	}
	if len(counted) == 0 {
		t.Errorf("%s: таблиць вимог — отримали 0, очікували хоча б одну", asvsPage)
	}
	for column := range counted {
		if !summed[column] {
			t.Errorf("%s: підсумок для %q — отримали «немає рядка», "+
				"очікували рядок у таблиці «Застосунок»", asvsPage, column)
		}
	}
}

// checkSummary звіряє рядок підсумку (застосунок і скільки клітинок
// кожного вердикту) з таблицями вимог над ним.
func checkSummary(t *testing.T, where string, row, header []string,
	counted map[string]map[string]int) {
	t.Helper()
	got, ok := counted[row[0]]
	if !ok {
		t.Errorf("%s: застосунок — отримали %q, очікували стовпець таблиць вимог",
			where, row[0])
		return
	}
	for i, v := range header {
		if i+1 >= len(row) {
			break
		}
		if want := fmt.Sprint(got[v]); row[i+1] != want {
			t.Errorf("%s: %s, «%s» — отримали %s, очікували %s (як у таблицях)",
				where, row[0], v, row[i+1], want)
		}
	}
}

// testSources повертає разом текст усіх файлів *_test.go теки dir (від
// кореня репозиторію) або "", якщо таких файлів немає.
func testSources(t *testing.T, dir string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(root, dir, "*_test.go"))
	if err != nil {
		t.Fatalf("%s: пошук тестів — отримали помилку %v, очікували список", dir, err)
	}
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatalf("%s: файл — отримали помилку %v, очікували текст", n, err)
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.String()
}
