package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"example.com/lesson27/internal/runner"
)

// clearScreen — ANSI: курсор угору ліворуч, очистити екран і історію.
const clearScreen = "\x1b[H\x1b[2J\x1b[3J"

// pollInterval — як часто watch дивиться, чи змінилися файли.
const pollInterval = 500 * time.Millisecond

// watcher — цикл команди watch. Час, файли і тести в ньому
// підставні: тест запускає цикл у testing/synctest з вигаданими
// файлами і тестами.
type watcher struct {
	// start — вправа, з якої почати (порожньо — Progress.Next).
	start    string
	out      io.Writer
	interval time.Duration
	// progress — стан усіх вправ на початку.
	progress func(context.Context) (*Progress, error)
	// check запускає тести однієї вправи.
	check func(context.Context, Exercise) (Status, *Result, error)
	// fingerprint — відбиток файлів вправи: інший, коли учень
	// зберіг файл.
	fingerprint func(Exercise) string
	// render друкує результат тестів вправи.
	render func(io.Writer, Exercise, *Result)
}

// cmdWatch — go run ./cmd/course watch [NN].
func (a *app) cmdWatch(ctx context.Context, args []string) (int, error) {
	pos, _, err := parseArgs(args)
	if err != nil || len(pos) > 1 {
		return exitUsage, usageError("watch бере щонайбільше номер вправи")
	}
	start := ""
	if len(pos) == 1 {
		e, ok := pick(a.exercises, pos[0])
		if !ok {
			return exitUsage, usageError(fmt.Sprintf("немає вправи %q", pos[0]))
		}
		start = e.Name
	}
	w := &watcher{
		start:    start,
		out:      a.out,
		interval: pollInterval,
		progress: a.progress,
		check:    a.check,
		fingerprint: func(e Exercise) string {
			return fingerprint(filepath.Join(a.root, e.Dir()))
		},
		render: a.renderResult,
	}
	return exitOK, w.loop(ctx)
}

// check запускає тести вправи e і визначає її стан.
func (a *app) check(ctx context.Context, e Exercise) (
	Status, *Result, error) {
	r, err := a.testOne(ctx, e, nil)
	if err != nil {
		return Untouched, nil, err
	}
	changed := true
	if rev, _, err := runner.StarterRevision(a.root); err == nil {
		ch, err := runner.ChangedExercises(a.root, rev)
		changed = err != nil || ch[e.Name]
	}
	return classify(changed, r), r, nil
}

// loop показує поточну вправу, перезапускає її тести після кожної
// зміни файлів і переходить до наступної, коли тести пройшли. Ctrl+C
// (скасований ctx) завершує цикл без помилки.
func (w *watcher) loop(ctx context.Context) error {
	p, err := w.progress(ctx)
	if err != nil {
		return err
	}
	cur, banner := p.Next(), ""
	for i, e := range p.Exercises {
		if e.Name == w.start {
			cur = i
		}
	}
	for cur >= 0 {
		e := p.Exercises[cur]
		before := w.fingerprint(e)
		s, r, err := w.check(ctx, e)
		if ctx.Err() != nil {
			return w.bye()
		}
		if err == nil {
			p.Status[cur] = s
		}
		if err == nil && s == Solved {
			banner = fmt.Sprintf("✓ Вправу %s розв'язано!", e.Num)
			cur = p.nextAfter(cur)
			continue
		}
		w.screen(p, e, r, err, banner)
		banner = ""
		if !w.waitChange(ctx, e, before) {
			return w.bye()
		}
	}
	fmt.Fprint(w.out, clearScreen)
	if banner != "" {
		fmt.Fprintln(w.out, banner)
		fmt.Fprintln(w.out)
	}
	renderProgress(w.out, p)
	return nil
}

// nextAfter — перша нерозв'язана вправа після i (по колу) або -1.
func (p *Progress) nextAfter(i int) int {
	n := len(p.Status)
	for k := 1; k <= n; k++ {
		if j := (i + k) % n; p.Status[j] != Solved {
			return j
		}
	}
	return -1
}

// screen перемальовує екран: смуга поступу і результат вправи e.
func (w *watcher) screen(p *Progress, e Exercise, r *Result, err error,
	banner string) {
	fmt.Fprint(w.out, clearScreen)
	if banner != "" {
		fmt.Fprintln(w.out, banner)
		fmt.Fprintln(w.out)
	}
	fmt.Fprintln(w.out, bar(p.Solved(), len(p.Exercises), 24))
	var marks []string
	for i, x := range p.Exercises {
		marks = append(marks, x.Num+" "+p.Status[i].Mark())
	}
	fmt.Fprintln(w.out, strings.Join(marks, "  "))
	fmt.Fprintln(w.out)
	if err != nil {
		fmt.Fprintf(w.out, "Вправа %s: тести не запустилися: %v\n",
			e.Num, err)
	} else {
		w.render(w.out, e, r)
	}
	fmt.Fprintf(w.out, "\nСтежу за %s/: збережіть файл — перевірю "+
		"знову.\nВийти: Ctrl+C.\n", e.Dir())
}

// waitChange чекає, доки відбиток файлів вправи стане іншим, ніж
// before. false — ctx скасовано.
func (w *watcher) waitChange(ctx context.Context, e Exercise,
	before string) bool {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			if w.fingerprint(e) != before {
				return true
			}
		}
	}
}

// bye прощається після Ctrl+C.
func (w *watcher) bye() error {
	fmt.Fprintln(w.out, "\nДо зустрічі! Поступ: go run ./cmd/course")
	return nil
}

// fingerprint — імена, розміри і час зміни файлів теки dir, крім
// текстів .md і копій .mine-…: змінюється, коли учень зберігає код.
func fingerprint(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "помилка: " + err.Error()
	}
	var parts []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".md") ||
			strings.Contains(name, ".mine-") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %d %d", name,
			info.Size(), info.ModTime().UnixNano()))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}
