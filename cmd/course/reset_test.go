package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/lesson27/internal/runner/runnertest"
)

const mine = fakeStarter + "// моя робота\n"

func reset(t *testing.T, root, answer string, args ...string) string {
	t.Helper()
	a, out := testApp(t, root, (&runnertest.Fake{}).Run)
	a.in = strings.NewReader(answer)
	if code := a.main(context.Background(), append([]string{"reset"}, args...)); code != exitOK {
		t.Fatalf("reset %q — отримали код %d, очікували 0; вивід:\n%s", args, code, out)
	}
	return out.String()
}

func TestReset(t *testing.T) {
	root := fakeCourse(t)
	dir := filepath.Join(root, "exercises/01-import")
	writeFile(t, filepath.Join(dir, "main.go"), mine)
	writeFile(t, filepath.Join(dir, "helper.go"), "package main\n")

	t.Run("відповідь «ні» нічого не змінює", func(t *testing.T) {
		out := reset(t, root, "n\n", "01")
		if !strings.Contains(out, "Нічого не змінено") ||
			readFile(t, filepath.Join(dir, "main.go")) != mine {
			t.Errorf("вивід — отримали:\n%s\nочікували «Нічого не змінено» і main.go учня", out)
		}
	})
	t.Run("відповідь «так» повертає заготовку і зберігає копію", func(t *testing.T) {
		out := reset(t, root, "так\n", "01")
		if got := readFile(t, filepath.Join(dir, "main.go")); got != fakeStarter {
			t.Errorf("main.go — отримали %q, очікували заготовку %q; вивід:\n%s",
				got, fakeStarter, out)
		}
		if got := readFile(t, filepath.Join(dir, "main.go.mine-20261129-1530")); got != mine {
			t.Errorf("копія учня — отримали %q, очікували %q", got, mine)
		}
		if _, err := os.Stat(filepath.Join(dir, "helper.go")); err == nil {
			t.Errorf("helper.go — отримали файл, очікували, що його перейменовано")
		}
		readFile(t, filepath.Join(dir, "helper.go.mine-20261129-1530"))
		if st := gitIn(t, root, "status", "--porcelain", "--", "exercises"); st != "" {
			t.Errorf("git status — отримали %q, очікували чисту теку: копії в .gitignore", st)
		}
	})
	t.Run("друга копія тієї ж хвилини не затирає першу", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "main.go"), mine+"// ще\n")
		reset(t, root, "", "01", "-y")
		second := readFile(t, filepath.Join(dir, "main.go.mine-20261129-1530-2"))
		if got := second; got != mine+"// ще\n" {
			t.Errorf("друга копія — отримали %q", got)
		}
		if got := readFile(t, filepath.Join(dir, "main.go.mine-20261129-1530")); got != mine {
			t.Errorf("перша копія — отримали %q, очікували незмінну %q", got, mine)
		}
	})
	t.Run("незаймана вправа", func(t *testing.T) {
		if out := reset(t, root, "", "01"); !strings.Contains(out, "і так збігається") {
			t.Errorf("вивід — отримали:\n%s\nочікували «і так збігається»", out)
		}
	})
}

// Учень клонував курс і закомітив свою роботу: заготовка — версія
// курсу з origin, а не його коміт.
func TestResetCommittedWork(t *testing.T) {
	course := fakeCourse(t)
	root := filepath.Join(t.TempDir(), "clone")
	gitIn(t, course, "clone", "-q", course, root)
	main := filepath.Join(root, "exercises/01-import/main.go")
	writeFile(t, main, mine)
	gitIn(t, root, "commit", "-q", "-am", "моя робота")

	out := reset(t, root, "", "1", "-y")
	if got := readFile(t, main); got != fakeStarter {
		t.Errorf("main.go — отримали %q, очікували заготовку курсу; вивід:\n%s", got, out)
	}
	if !strings.Contains(out, "origin/main") {
		t.Errorf("вивід — отримали:\n%s\nочікували пояснення, що заготовка з origin/main", out)
	}
	if got := readFile(t, main+".mine-20261129-1530"); got != mine {
		t.Errorf("копія — отримали %q, очікували %q", got, mine)
	}
}

// Питання — українською; годяться «т» і «так», а також латинські «y» і
// «yes» (розкладку могли не перемкнути). Просто Enter — «ні».
func TestConfirm(t *testing.T) {
	for answer, want := range map[string]bool{
		"т\n": true, "Так\n": true, "y\n": true, "yes\n": true,
		"\n": false, "н\n": false, "n\n": false, "": false,
	} {
		var out strings.Builder
		if got := confirm(&out, strings.NewReader(answer)); got != want {
			t.Errorf("відповідь %q: згода — отримали %t, очікували %t", answer, got, want)
		}
		if !strings.HasPrefix(out.String(), "Продовжити? [т/Н] ") {
			t.Errorf("питання — отримали %q, очікували «Продовжити? [т/Н] »", out.String())
		}
	}
}
