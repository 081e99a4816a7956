package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// syncBuffer — вивід, який цикл пише, а тест читає.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// screen — те, що видно зараз: вивід після останнього очищення екрана.
func (b *syncBuffer) screen() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if i := strings.LastIndex(s, clearScreen); i >= 0 {
		return s[i+len(clearScreen):]
	}
	return s
}

func TestWatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		files := map[string]string{} // відбиток файлів вправи
		checks := map[string]int{}   // скільки разів запускали тести
		count := func(name string) int {
			mu.Lock()
			defer mu.Unlock()
			return checks[name]
		}
		setFiles := func(name, v string) {
			mu.Lock()
			defer mu.Unlock()
			files[name] = v
		}
		exs := []Exercise{{Num: "01", Name: "01-import"}, {Num: "02", Name: "02-secret-key"}}
		out := &syncBuffer{}
		w := &watcher{
			out:      out,
			interval: pollInterval,
			progress: func(context.Context) (*Progress, error) {
				return &Progress{Exercises: exs, Status: []Status{Untouched, Untouched}}, nil
			},
			check: func(_ context.Context, e Exercise) (Status, *Result, error) {
				mu.Lock()
				defer mu.Unlock()
				checks[e.Name]++
				switch files[e.Name] {
				case "розв'язано":
					return Solved, &Result{Passed: true}, nil
				case "":
					return Untouched, &Result{}, nil
				}
				return Failing, &Result{}, nil
			},
			fingerprint: func(e Exercise) string {
				mu.Lock()
				defer mu.Unlock()
				return files[e.Name]
			},
			render: func(w io.Writer, e Exercise, r *Result) {
				fmt.Fprintf(w, "вправа %s падає\n", e.Num)
			},
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- w.loop(ctx) }()

		synctest.Wait()
		if s := out.screen(); !strings.Contains(s, "вправа 01 падає") ||
			!strings.Contains(s, "0 з 2 вправ") {
			t.Fatalf("перший екран — отримали:\n%s\nочікували вправу 01 і 0 з 2", s)
		}
		// Без змін тести не перезапускаються.
		time.Sleep(3 * pollInterval)
		synctest.Wait()
		if count("01-import") != 1 {
			t.Errorf("запуски тестів 01 без змін — отримали %d, очікували 1", count("01-import"))
		}
		// Учень зберіг файл, але ще не розв'язав: перезапуск за один такт.
		setFiles("01-import", "спроба")
		time.Sleep(pollInterval)
		synctest.Wait()
		if count("01-import") != 2 {
			t.Errorf("запуски тестів 01 після зміни — отримали %d, очікували 2",
				count("01-import"))
		}
		// Розв'язав: цикл сам переходить до вправи 02.
		setFiles("01-import", "розв'язано")
		time.Sleep(pollInterval)
		synctest.Wait()
		s := out.screen()
		for _, want := range []string{"✓ Вправу 01 розв'язано!", "вправа 02 падає",
			"1 з 2 вправ", "01 ✓  02 ·", "Стежу за exercises/02-secret-key/"} {
			if !strings.Contains(s, want) {
				t.Errorf("екран після розв'язання — отримали:\n%s\nочікували %q", s, want)
			}
		}
		// Ctrl+C: цикл завершується без помилки.
		cancel()
		if err := <-done; err != nil {
			t.Errorf("цикл після Ctrl+C — отримали помилку %v, очікували nil", err)
		}
		if s := out.screen(); !strings.Contains(s, "До зустрічі!") {
			t.Errorf("прощання — отримали:\n%s\nочікували «До зустрічі!»", s)
		}
	})
}

func TestWatchAllSolved(t *testing.T) {
	exs := []Exercise{{Num: "01", Name: "01-import"}}
	out := &syncBuffer{}
	w := &watcher{out: out, progress: func(context.Context) (*Progress, error) {
		return &Progress{Exercises: exs, Status: []Status{Solved}}, nil
	}}
	if err := w.loop(context.Background()); err != nil {
		t.Fatalf("loop — отримали помилку %v", err)
	}
	if s := out.screen(); !strings.Contains(s, "Усі вправи розв'язано!") {
		t.Errorf("екран — отримали:\n%s\nочікували «Усі вправи розв'язано!»", s)
	}
}

// watch 02 починає з вправи 02, хоч 01 ще не розв'язано.
func TestWatchStartsAtTheGivenExercise(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		exs := []Exercise{{Num: "01", Name: "01-import"}, {Num: "02", Name: "02-secret-key"}}
		var mu sync.Mutex
		var checked []string
		out := &syncBuffer{}
		w := &watcher{
			start:    "02-secret-key",
			out:      out,
			interval: pollInterval,
			progress: func(context.Context) (*Progress, error) {
				return &Progress{Exercises: exs, Status: []Status{Untouched, Untouched}}, nil
			},
			check: func(_ context.Context, e Exercise) (Status, *Result, error) {
				mu.Lock()
				defer mu.Unlock()
				checked = append(checked, e.Num)
				return Untouched, &Result{}, nil
			},
			fingerprint: func(Exercise) string { return "" },
			render: func(w io.Writer, e Exercise, r *Result) {
				fmt.Fprintf(w, "вправа %s падає\n", e.Num)
			},
		}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- w.loop(ctx) }()
		synctest.Wait()
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		if len(checked) == 0 || checked[0] != "02" {
			t.Errorf("перша перевірена вправа — отримали %v, очікували 02", checked)
		}
	})
}
