package main

import (
	"context"
	"path/filepath"
	"testing"

	"example.com/lesson27/internal/runner"

	"example.com/lesson27/internal/runner/runnertest"
)

// Вправа, що впала, не запускається вдруге, доки її код той самий.
func TestFailureCache(t *testing.T) {
	root := fakeCourse(t)
	main02 := filepath.Join(root, "exercises/02-secret-key/main.go")
	writeFile(t, main02, fakeStarter+"// спроба 1\n")
	writeFile(t, filepath.Join(root, "internal/browser/browser.go"), "package browser\n")
	run := &runnertest.Fake{}
	a, _ := testApp(t, root, run.Run)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	a.cache = runner.OpenCache(root)
	progress := func(wantCalls int) {
		t.Helper()
		p, err := a.progress(context.Background())
		if err != nil {
			t.Fatalf("progress: %v", err)
		}
		if got := statuses(p); got != "·✗·" {
			t.Errorf("стани — отримали %q, очікували «·✗·»", got)
		}
		if len(run.Calls()) != wantCalls {
			t.Errorf("запусків go test — отримали %d, очікували %d", len(run.Calls()), wantCalls)
		}
	}
	progress(1)
	progress(1) // той самий код — з кешу
	writeFile(t, main02, fakeStarter+"// спроба 2\n")
	progress(2) // інший код — запуск
	writeFile(t, filepath.Join(root, "exercises/02-secret-key/notes.md"), "нотатки")
	progress(2) // .md тестів не змінює
	writeFile(t, filepath.Join(root, "internal/browser/browser.go"), "package browser\n\n// ще\n")
	progress(3) // змінився пакет, від якого залежать тести
}
