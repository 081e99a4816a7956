package main

import (
	"context"
	"fmt"
	"io"

	"example.com/lesson27/internal/hints"
)

// cmdHint відкриває наступний рівень підказок вправи: поштовх →
// ідея → майже код. Відкриті рівні пам'ятає .course-progress.json.
func (a *app) cmdHint(ctx context.Context, args []string) (int, error) {
	pos, _, err := parseArgs(args)
	if err != nil {
		return exitUsage, err
	}
	e, _, err := a.exercise(ctx, pos, true)
	if err != nil {
		return exitFail, err
	}
	if e == nil {
		fmt.Fprintln(a.out, "Усі вправи розв'язано: підказки вже не "+
			"потрібні. Підказки до вправи: go run ./cmd/course hint NN")
		return exitOK, nil
	}
	h, err := a.loadHints(*e)
	if err != nil {
		return exitFail, err
	}
	if h == nil {
		noHints(a.out, *e)
		return exitOK, nil
	}
	st, err := loadState(a.root)
	if err != nil {
		return exitFail, err
	}
	shown := st.Hints[e.Name]
	if shown >= len(h.Levels) {
		showAllHints(a.out, *e, h)
		return exitOK, nil
	}
	shown++
	if st.Hints == nil {
		st.Hints = map[string]int{}
	}
	st.Hints[e.Name] = shown
	if err := st.save(a.root); err != nil {
		return exitFail, err
	}
	showHint(a.out, *e, h, shown)
	return exitOK, nil
}

// noHints — підказок до вправи ще немає: куди подивитися натомість.
func noHints(w io.Writer, e Exercise) {
	fmt.Fprintf(w, "До вправи %s підказок поки немає (файлу %s/%s).\n",
		e.Num, e.Dir(), hints.FileName)
	if e.Anchor != "" {
		fmt.Fprintf(w, "Перечитайте розділ конспекту «%s»: %s\n",
			e.Section, e.Anchor)
	}
	fmt.Fprintf(w, "Перша помилка тестів і що вона означає: "+
		"go run ./cmd/course test %s\n", e.Num)
}

// showHint друкує рівень n і каже, як відкрити наступний.
func showHint(w io.Writer, e Exercise, h *hints.File, n int) {
	l := h.Levels[n-1]
	fmt.Fprintf(w, "Вправа %s, підказка %d з %d: %s\n\n", e.Num, n,
		len(h.Levels), l.Title)
	fmt.Fprintln(w, indent(localLinks(l.Text)))
	fmt.Fprintln(w)
	if n < len(h.Levels) {
		fmt.Fprintf(w, "Не допомогло? Наступна: go run ./cmd/course "+
			"hint %s\n", e.Num)
		return
	}
	fmt.Fprintf(w, "Це остання підказка. Коли тести пройдуть, "+
		"порівняйте свій код з розв'язком:\n"+
		"  go run ./cmd/course solution %s\n", e.Num)
}

// showAllHints — усі рівні вже відкрито: показує їх разом.
func showAllHints(w io.Writer, e Exercise, h *hints.File) {
	fmt.Fprintf(w, "Вправа %s: усі %d підказки вже відкрито.\n",
		e.Num, len(h.Levels))
	for _, l := range h.Levels {
		fmt.Fprintf(w, "\n%d. %s\n\n%s\n", l.N, l.Title,
			indent(localLinks(l.Text)))
	}
}
