package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeExercise creates an exercise folder with a README and a test
// file.
func writeExercise(t *testing.T, readme, test string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"README.uk.md": readme, "main_test.go": test}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const rulesReadme = `# Вправа 08

## Що перевіряють тести

- [08.1] перше правило;
- час:
  - [08.2] друге правило, що йде
    на два рядки;
  - [08.4] третє.

Пояснення без номера.

## Як перевірити

- без номера: це вже інший розділ.
`

func TestCheckRules(t *testing.T) {
	tests := []struct {
		name, readme, test string
		want               []string
	}{
		{"усе збігається", rulesReadme, `package main

import "testing"

// [08.1] Перше.
func TestOne(t *testing.T) {
	t.Run("x", func(t *testing.T) {
		// [08.2] [08.4]
	})
}

func helper(t *testing.T) {}
`, nil},
		{"правило без тесту, тест без правила, чужий номер", rulesReadme, `package main

import "testing"

// [08.1] [08.7]
func TestOne(t *testing.T) {}

func TestTwo(t *testing.T) {}
`, []string{
			"TestOne посилається на правило [08.7], якого немає в README.uk.md",
			"TestTwo не каже, яке правило README перевіряє: додайте коментар з номером, " +
				"як-от [08.1]",
			"правило [08.2] з README.uk.md не перевіряє жоден тест",
			"правило [08.4] з README.uk.md не перевіряє жоден тест",
		}},
		{"пункт без номера, номер двічі, номер іншої вправи",
			"## Що перевіряють тести\n\n- [08.1] а;\n- б;\n- [08.1] в;\n- [07.2] г.\n",
			"package main\n\nimport \"testing\"\n\n// [08.1] [07.2]\nfunc TestOne(t *testing.T) {}\n",
			[]string{
				`README.uk.md: пункт без номера правила на початку: "б;"`,
				"README.uk.md: номер [08.1] ужито двічі",
				"README.uk.md: правило [07.2] у вправі 08: номер має починатися з 08",
			}},
		{"жодного номера", "## Що перевіряють тести\n\nусе.\n",
			"package main\n", []string{
				"README.uk.md: у розділі «Що перевіряють тести» немає жодного номера " +
					"правила на кшталт [08.1]",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkRules(writeExercise(t, tt.readme, tt.test), "08")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("checkRules — отримали\n%s\nочікували\n%s",
					strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
