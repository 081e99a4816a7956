package main

import (
	"context"
	"strings"
	"testing"

	"example.com/lesson27/internal/runner/runnertest"
)

func TestHintLevels(t *testing.T) {
	root := fakeCourse(t)
	run := &runnertest.Fake{}
	hint := func() string {
		t.Helper()
		// Щоразу нова команда: рівень пам'ятає файл, а не пам'ять процесу.
		a, out := testApp(t, root, run.Run)
		if code := a.main(context.Background(), []string{"hint", "01"}); code != exitOK {
			t.Fatalf("hint 01 — отримали код %d, очікували 0; вивід:\n%s", code, out)
		}
		return out.String()
	}
	steps := []struct{ want, notWant string }{
		{"підказка 1 з 3: поштовх", "Ідея:"},
		{"підказка 2 з 3: ідея", "Перший поштовх"},
		{"підказка 3 з 3: майже код", "Ідея:"},
		{"усі 3 підказки вже відкрито", ""},
	}
	for i, s := range steps {
		got := hint()
		if !strings.Contains(got, s.want) || (s.notWant != "" && strings.Contains(got, s.notWant)) {
			t.Errorf("виклик %d — отримали:\n%s\nочікували %q без %q", i+1, got, s.want, s.notWant)
		}
	}
	if st, err := loadState(root); err != nil || st.Hints["01-import"] != 3 {
		t.Errorf("стан — отримали %+v, %v, очікували hints[01-import] = 3", st, err)
	}
	t.Run("посилання — від кореня курсу", func(t *testing.T) {
		if got := hint(); !strings.Contains(got, "](lesson27/README.uk.md#1-імпорт)") {
			t.Errorf("рівень 2 — отримали:\n%s\nочікували посилання lesson27/…", got)
		}
	})
	t.Run("вправа без файлу підказок", func(t *testing.T) {
		a, out := testApp(t, root, run.Run)
		code := a.main(context.Background(), []string{"hint", "2"})
		if code != exitOK || !strings.Contains(out.String(), "підказок поки немає") {
			t.Errorf("hint 2 — отримали код %d і:\n%s\nочікували 0 і «підказок поки немає»",
				code, out)
		}
	})
	if len(run.Calls()) != 0 {
		t.Errorf("go test — отримали запуски %q, очікували жодного: номер вправи вказано",
			run.Calls())
	}
}

func TestTestCommand(t *testing.T) {
	root := fakeCourse(t)
	a, out := testApp(t, root, (&runnertest.Fake{}).Run)
	code := a.main(context.Background(), []string{"test"})
	if code != exitFail {
		t.Errorf("код виходу — отримали %d, очікували %d", code, exitFail)
	}
	for _, s := range []string{"Вправа 01", "GET /: статус — отримали 501 Not Implemented",
		"Що це означає:\n  Це ще заготовка.", "go run ./cmd/course hint 01"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("вивід — отримали:\n%s\nочікували %q", out, s)
		}
	}
	fake := &runnertest.Fake{Passing: map[string]bool{"02-secret-key": true}}
	a, out = testApp(t, root, fake.Run)
	if code := a.main(context.Background(), []string{"test", "02"}); code != exitOK ||
		!strings.Contains(out.String(), "✓ Розв'язано: усі") {
		t.Errorf("test 02 — отримали код %d і:\n%s\nочікували 0 і «✓ Розв'язано»", code, out)
	}
}

func TestUsage(t *testing.T) {
	root := fakeCourse(t)
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"help"}, exitOK},
		{[]string{"nope"}, exitUsage},
		{[]string{"reset"}, exitUsage},
		{[]string{"test", "99"}, exitUsage},
		{[]string{"test", "01", "-x"}, exitUsage},
		{[]string{"solution", "01", "02"}, exitUsage},
		{[]string{"watch", "99"}, exitUsage},
		{[]string{"watch", "01", "02"}, exitUsage},
	} {
		a, out := testApp(t, root, (&runnertest.Fake{}).Run)
		if code := a.main(context.Background(), tt.args); code != tt.code {
			t.Errorf("%q — отримали код %d, очікували %d; вивід:\n%s", tt.args, code, tt.code, out)
		}
	}
}

func TestSolution(t *testing.T) {
	root := fakeCourse(t)
	a, out := testApp(t, root, (&runnertest.Fake{}).Run)
	if code := a.main(context.Background(), []string{"solution", "01"}); code != exitFail ||
		strings.Contains(out.String(), "+// розв'язок") {
		t.Errorf("до розв'язання — отримали код %d і:\n%s\nочікували 1 без розв'язку", code, out)
	}
	for _, args := range [][]string{{"solution", "01", "-force"}, {"solution", "01"}} {
		run := &runnertest.Fake{Passing: map[string]bool{"01-import": true}}
		a, out := testApp(t, root, run.Run)
		code := a.main(context.Background(), args)
		if code != exitOK || !strings.Contains(out.String(), "+// розв'язок") {
			t.Errorf("%q — отримали код %d і:\n%s\nочікували 0 і різницю з розв'язком",
				args, code, out)
		}
	}
}
