package runner

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// git запускає git у теці dir і зупиняє тест, якщо git не вдався.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t", "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Змінена — та вправа, код учня якої (.go, не тести) відрізняється від
// заготовки; тести, умова і сторінки — курс.
func TestChangedExercises(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".gitignore"), "*.mine-*\n")
	for _, ex := range []string{"01-a", "02-b", "03-c", "04-d", "05-e", "06-f"} {
		write(t, filepath.Join(root, "exercises", ex, "main.go"), "package main\n")
		write(t, filepath.Join(root, "exercises", ex, "main_test.go"), "package main\n")
		write(t, filepath.Join(root, "exercises", ex, "page.html"), "<p>\n")
	}
	git(t, root, "init", "-q", "-b", "main")
	git(t, root, "add", ".")
	git(t, root, "commit", "-q", "-m", "course")

	write(t, filepath.Join(root, "exercises/01-a/main.go"), "package main // моє\n")
	write(t, filepath.Join(root, "exercises/02-b/extra.go"), "package main\n")
	write(t, filepath.Join(root, "exercises/03-c/main_test.go"), "package main // автор\n")
	write(t, filepath.Join(root, "exercises/04-d/page.html"), "<p>інша\n")
	write(t, filepath.Join(root, "exercises/05-e/main.go.mine-1"), "копія\n")
	write(t, filepath.Join(root, "exercises/06-f/README.uk.md"), "нотатки\n")

	rev, _, err := StarterRevision(root)
	if err != nil || rev != "HEAD" {
		t.Fatalf("StarterRevision — отримали %q, %v, очікували HEAD", rev, err)
	}
	got, err := ChangedExercises(root, rev)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"01-a": true, "02-b": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("змінені вправи — отримали %v, очікували %v", got, want)
	}

	t.Run("закомічена робота учня лишається зміненою", func(t *testing.T) {
		// Учень клонував курс (гілка відстежує origin/main) і закомітив.
		clone := t.TempDir()
		git(t, clone, "clone", "-q", root, ".")
		write(t, filepath.Join(clone, "exercises/03-c/main.go"), "package main // моє\n")
		git(t, clone, "commit", "-q", "-am", "моє")
		rev, _, err := StarterRevision(clone)
		if err != nil || rev == "HEAD" {
			t.Fatalf("StarterRevision — отримали %q, %v, очікували спільного предка з origin/main",
				rev, err)
		}
		got, err := ChangedExercises(clone, rev)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]bool{"03-c": true}; !reflect.DeepEqual(got, want) {
			t.Errorf("змінені вправи — отримали %v, очікували %v", got, want)
		}
	})
}
