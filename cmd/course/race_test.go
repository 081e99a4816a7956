package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"example.com/lesson27/internal/runner/runnertest"
)

// Змінна session на рівні пакета (звичка з Flask): без детектора
// перегонів тести проходять, а go run ./cmd/course test 01 падає і
// називає спільний стан.
func TestSharedState(t *testing.T) {
	root := fakeCourse(t)
	writeFile(t, filepath.Join(root, "exercises/01-import/main.go"), runnertest.RacyMain)
	fake := &runnertest.Fake{Passing: map[string]bool{"01-import": true},
		Racy: map[string]bool{"01-import": true}}
	// Звіт детектора вказує на /course/…; тут вправа лежить у root.
	run := func(ctx context.Context, dir string, args []string) ([]byte, error) {
		out, err := fake.Run(ctx, dir, args)
		return bytes.ReplaceAll(out, []byte("/course/"), []byte(root+"/")), err
	}
	a, out := testApp(t, root, run)
	if code := a.main(context.Background(), []string{"test", "01"}); code != exitFail {
		t.Errorf("код виходу — отримали %d, очікували %d\n%s", code, exitFail, out)
	}
	for _, s := range []string{
		"✗ Без детектора перегонів тести проходять, а з ним (go test -race)\n  падає 1 з 2 тестів.",
		"спільний стан: змінна session на рівні пакета — отримали запис із двох горутин одночасно",
		"(go test -race, TestVisitors)",
		`запис: main.go:17  session, _ = store.Get(r, "session")`,
		"змінну session оголошено тут: main.go:14",
		"Що це означає:\n  Тести пустили кількох відвідувачів одночасно",
		"Усі помилки: go test -race ./exercises/01-import/",
	} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("вивід — отримали:\n%s\nочікували рядок %q", out, s)
		}
	}
	st, err := loadState(root)
	if err != nil || len(st.Passed) != 0 {
		t.Errorf("пройдені вправи — отримали %v, %v, очікували жодної", st.Passed, err)
	}
}

// Без детектора перегонів (немає компілятора C) вправа, тести якої
// пройшли, розв'язана, а супутник каже, чого бракує.
func TestRaceUnavailable(t *testing.T) {
	root := fakeCourse(t)
	fake := &runnertest.Fake{Passing: map[string]bool{"01-import": true}}
	run := func(ctx context.Context, dir string, args []string) ([]byte, error) {
		for _, a := range args {
			if a == "-race" {
				return nil, runnertest.ErrRaceNeedsCgo
			}
		}
		return fake.Run(ctx, dir, args)
	}
	a, out := testApp(t, root, run)
	if code := a.main(context.Background(), []string{"test", "01"}); code != exitOK {
		t.Errorf("код виходу — отримали %d, очікували %d\n%s", code, exitOK, out)
	}
	for _, s := range []string{"✓ Розв'язано: усі", "не запустився: go: -race requires cgo",
		"sudo apt-get install gcc"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("вивід — отримали:\n%s\nочікували рядок %q", out, s)
		}
	}
}

// Детектор збирається один раз, на першій команді з тестами (навіть
// коли жодна вправа ще не змінена), і про це сказано.
func TestPrepareRace(t *testing.T) {
	root := fakeCourse(t)
	a, out := testApp(t, root, (&runnertest.Fake{}).Run)
	warmed := 0
	a.warm = func(context.Context) error { warmed++; return nil }
	for _, args := range [][]string{nil, {"test", "01"}, {"hint", "01"}} {
		a.main(context.Background(), args)
	}
	if warmed != 1 {
		t.Errorf("збирань детектора — отримали %d, очікували 1", warmed)
	}
	if !strings.Contains(out.String(), "Готую тести вправ") {
		t.Errorf("вивід — отримали:\n%s\nочікували «Готую тести вправ»", out)
	}
}
