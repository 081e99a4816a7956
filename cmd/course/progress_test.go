package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"example.com/lesson27/internal/runner"

	"example.com/lesson27/internal/runner/runnertest"
)

func statuses(p *Progress) string {
	var s []string
	for _, st := range p.Status {
		s = append(s, st.Mark())
	}
	return strings.Join(s, "")
}

func TestProgress(t *testing.T) {
	root := fakeCourse(t)
	// 01 розв'язано, 02 змінено, але тести падають, 03 не чіпали.
	writeFile(t, filepath.Join(root, "exercises/01-import/main.go"), fakeStarter+"// моє\n")
	writeFile(t, filepath.Join(root, "exercises/02-secret-key/extra.go"), "package main\n")
	run := &runnertest.Fake{Passing: map[string]bool{"01-import": true}}
	a, out := testApp(t, root, run.Run)

	p, err := a.progress(context.Background())
	if err != nil {
		t.Fatalf("progress: %v", err)
	}
	if got := statuses(p); got != "✓✗·" {
		t.Errorf("стани — отримали %q, очікували «✓✗·»", got)
	}
	want := [][]string{
		{"./exercises/01-import/", "./exercises/02-secret-key/"},
		{"-race", "-vet=off", "./exercises/01-import/"},
	}
	if !reflect.DeepEqual(run.Calls(), want) {
		t.Errorf("запуски go test — отримали %q, очікували %q (незаймана заготовка "+
			"не запускається, під -race — лише та, що пройшла)", run.Calls(), want)
	}
	renderProgress(out, p)
	for _, s := range []string{"1 з 3 вправ розв'язано", "Далі — вправа 02",
		"«Розділ 02», lesson27/README.uk.md#02-secret-key",
		"Тести пишуть: GET /: статус — отримали 501", "go run ./cmd/course test 02"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("огляд — отримали:\n%s\nочікували рядок %q", out, s)
		}
	}

	t.Run("закомічений розв'язок лишається розв'язаним", func(t *testing.T) {
		gitIn(t, root, "add", "exercises/01-import")
		gitIn(t, root, "commit", "-q", "-m", "моє")
		st, err := loadState(root)
		if err != nil || !slices.Contains(st.Passed, "01-import") {
			t.Fatalf("стан — отримали %+v, %v, очікували 01-import серед пройдених", st, err)
		}
		p, err := a.progress(context.Background())
		if err != nil {
			t.Fatalf("progress: %v", err)
		}
		if got := statuses(p); got != "✓✗·" {
			t.Errorf("стани — отримали %q, очікували «✓✗·»", got)
		}
	})
}

// Один справжній запуск go test на копії курсу з git: вправа 01
// розв'язана (файл розв'язку), 02 змінена і падає, решта не чіпані.
func TestProgressRealGoTest(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: справжній go test збирає вправи кілька секунд")
	}
	src, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := git(src, "rev-parse", "HEAD"); err != nil {
		t.Skipf("курс не в git-репозиторії: %v", err)
	}
	root := t.TempDir()
	archive := exec.Command("sh", "-c", `git -C "$0" archive HEAD -- go.mod go.sum .gitignore `+
		`internal exercises solutions | tar -x -C "$1"`, src, root)
	if out, err := archive.CombinedOutput(); err != nil {
		t.Fatalf("git archive: %v\n%s", err, out)
	}
	gitIn(t, root, "init", "-q", "-b", "main")
	gitIn(t, root, "add", ".")
	gitIn(t, root, "commit", "-q", "-m", "course")
	sol := readFile(t, filepath.Join(root, "solutions/01-import/main.go"))
	writeFile(t, filepath.Join(root, "exercises/01-import/main.go"), sol)
	f := filepath.Join(root, "exercises/02-secret-key/main.go")
	writeFile(t, f, readFile(t, f)+"\n// ще думаю\n")

	a, _ := testApp(t, root, runner.GoTest)
	p, err := a.progress(context.Background())
	if err != nil {
		t.Fatalf("progress: %v", err)
	}
	want := "✓✗" + strings.Repeat("·", len(p.Status)-2)
	if got := statuses(p); got != want {
		t.Errorf("стани — отримали %q, очікували %q", got, want)
	}
	if len(p.Results) != 2 {
		t.Errorf("вправ, які запускали, — отримали %d, очікували 2", len(p.Results))
	}
	if r := p.Results["01-import"]; r != nil && !r.Race && r.RaceSkipped == "" {
		t.Errorf("01: тести під -race — отримали «не запускали», очікували повтор " +
			"під детектором перегонів")
	}
	if _, err := os.Stat(filepath.Join(root, stateFile)); err != nil {
		t.Errorf("%s — отримали %v, очікували файл стану", stateFile, err)
	}
}

// Учень пішов уперед: вправа 03 змінена й падає, а 01 ще не почата.
// Далі — та, над якою він працює.
func TestNextPrefersTheExerciseInProgress(t *testing.T) {
	p := &Progress{Status: []Status{Untouched, Solved, Failing, Untouched}}
	if got := p.Next(); got != 2 {
		t.Errorf("Next — отримали %d, очікували 2 (змінена вправа, що падає)", got)
	}
	p = &Progress{Status: []Status{Solved, Untouched, Untouched}}
	if got := p.Next(); got != 1 {
		t.Errorf("Next — отримали %d, очікували 1 (перша нерозв'язана)", got)
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{1: "тест", 2: "тести", 5: "тестів", 11: "тестів",
		21: "тест", 22: "тести", 112: "тестів"} {
		if got := plural(n, "тест", "тести", "тестів"); got != want {
			t.Errorf("plural(%d) — отримали %q, очікували %q", n, got, want)
		}
	}
}
