package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/lesson27/internal/runner"
)

// Назви вправ підставного курсу.
var fakeNames = []string{"01-import", "02-secret-key", "03-store"}

const fakeStarter = "package main\n\nfunc main() {}\n"

const fakeHints = "# Підказки: вправа 01\n\n" +
	"## Рівень 1: поштовх\n\nПерший поштовх.\n\n" +
	"## Рівень 2: ідея\n\nІдея: [конспект](../../lesson27/README.uk.md#1-імпорт).\n\n" +
	"## Рівень 3: майже код\n\n```go\nsession.Save(r, w)\n```\n\n" +
	"## Якщо тест пише\n\n" +
	"### `статус — отримали 501 Not Implemented`\n\nЦе ще заготовка.\n"

// gitIn запускає git у теці dir і зупиняє тест, якщо git не вдався.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// writeFile пише файл, створивши теки.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readFile читає файл або зупиняє тест.
func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("не прочитано %s: %v", path, err)
	}
	return string(data)
}

// fakeCourse створює маленький курс у git: три вправи із заготовками,
// розв'язки, підказки до вправи 01 і .gitignore, як у справжньому.
func fakeCourse(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "module example.com/lesson27\n\ngo 1.25.1\n")
	writeFile(t, filepath.Join(root, ".gitignore"), "/.course-progress.json\n*.mine-*\n")
	for i, name := range fakeNames {
		dir := filepath.Join(root, "exercises", name)
		readme := "# Вправа " + name[:2] + ". Заголовок " + name + "\n\n" +
			"Розділ конспекту: [Розділ " + name[:2] + "](../../lesson27/README.uk.md#" +
			name + ").\n\n## Умова\n"
		writeFile(t, filepath.Join(dir, "README.uk.md"), readme)
		writeFile(t, filepath.Join(dir, "main.go"), fakeStarter)
		writeFile(t, filepath.Join(root, "solutions", name, "main.go"),
			"package main\n\n// розв'язок\nfunc main() {}\n")
		if i == 0 {
			writeFile(t, filepath.Join(dir, "hints.uk.md"), fakeHints)
		}
	}
	gitIn(t, root, "init", "-q", "-b", "main")
	gitIn(t, root, "add", ".")
	gitIn(t, root, "commit", "-q", "-m", "course")
	return root
}

// testApp — команда для курсу root з підставним go test; вивід — в out.
// Кеш вимкнено (його перевіряє окремий тест), детектор перегонів уже
// «зібрано».
func testApp(t *testing.T, root string, run runner.Runner) (*app, *bytes.Buffer) {
	t.Helper()
	a, err := newApp(root)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	out := &bytes.Buffer{}
	a.out, a.in, a.run = out, strings.NewReader(""), run
	a.cache = runner.Off()
	a.warm = func(context.Context) error { return nil }
	a.now = func() time.Time { return time.Date(2026, 11, 29, 15, 30, 0, 0, time.UTC) }
	return a, out
}
