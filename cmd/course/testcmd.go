package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"example.com/lesson27/internal/hints"
)

// cmdProgress — команда без аргументів: огляд усіх вправ.
func (a *app) cmdProgress(ctx context.Context) (int, error) {
	p, err := a.progress(ctx)
	if err != nil {
		return exitFail, err
	}
	renderProgress(a.out, p)
	return exitOK, nil
}

// cmdTest запускає тести однієї вправи і показує першу помилку.
func (a *app) cmdTest(ctx context.Context, args []string) (int, error) {
	pos, _, err := parseArgs(args)
	if err != nil {
		return exitUsage, err
	}
	e, p, err := a.exercise(ctx, pos, true)
	if err != nil {
		return exitFail, err
	}
	if e == nil {
		fmt.Fprintln(a.out, "Усі вправи розв'язано!")
		return exitOK, nil
	}
	r, err := a.testOne(ctx, *e, p)
	if err != nil {
		return exitFail, err
	}
	a.renderResult(a.out, *e, r)
	if !r.Passed {
		return exitFail, nil
	}
	return exitOK, nil
}

// testOne запускає тести вправи e (або бере їх з поступу p) і
// запам'ятовує, чи вони пройшли.
func (a *app) testOne(ctx context.Context, e Exercise, p *Progress) (
	*Result, error) {
	if p != nil && p.Results[e.Name] != nil {
		return p.Results[e.Name], nil
	}
	res, err := a.test(ctx, []Exercise{e})
	if err != nil {
		return nil, err
	}
	r := res[e.Name]
	st, err := loadState(a.root)
	if err == nil && st.setPassed(e.Name, r.Passed) {
		err = st.save(a.root)
	}
	return r, err
}

// loadHints читає підказки вправи; файлу ще немає — nil без помилки.
func (a *app) loadHints(e Exercise) (*hints.File, error) {
	path := filepath.Join(a.root, filepath.FromSlash(e.Dir()),
		hints.FileName)
	h, err := hints.Parse(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return h, err
}

// renderResult показує підсумок тестів вправи: першу помилку у
// форматі «отримали …, очікували …» і пояснення до неї з підказок.
func (a *app) renderResult(w io.Writer, e Exercise, r *Result) {
	fmt.Fprintf(w, "Вправа %s: %s\n\n", e.Num, e.Title)
	if r.Passed {
		also := ""
		if r.Race {
			also = ", також під детектором перегонів"
		}
		fmt.Fprintf(w, "✓ Розв'язано: %s%s.\n\n", countTests(r), also)
		if r.RaceSkipped != "" {
			fmt.Fprintln(w, raceNote(r.RaceSkipped))
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Порівняйте з одним із можливих розв'язків:\n"+
			"  go run ./cmd/course solution %s\n", e.Num)
		return
	}
	f := r.FirstFailure(nil)
	fails := plural(r.Fails(), "Падає", "Падають", "Падають")
	switch {
	case r.BuildFailed:
		fmt.Fprintln(w, "✗ Код не компілюється або його не пропускає go vet:")
	case f.SharedState && !r.Race:
		// Не детектор, а сама програма впала на мапі, яку два запити
		// змінювали одночасно (fatal error: concurrent map …).
		fmt.Fprintln(w, "✗ Тестова програма впала: два одночасні запити "+
			"змінювали ту саму мапу.")
	case f.SharedState:
		fmt.Fprintf(w, "✗ Без детектора перегонів тести проходять, а з ним "+
			"(go test -race)\n  %s %s.\n", strings.ToLower(fails),
			countTests(r))
	default:
		fmt.Fprintf(w, "✗ %s %s.\n", fails, countTests(r))
	}
	if !r.BuildFailed {
		fmt.Fprintln(w, "\nПерша помилка:")
		fmt.Fprintln(w, "  "+f.Line)
	}
	if f.Where != "" {
		fmt.Fprintf(w, "  (%s)\n", f.Where)
	}
	for _, l := range f.More {
		fmt.Fprintln(w, "  "+l)
	}
	h, err := a.loadHints(e)
	explained := false
	switch {
	case err != nil:
		fmt.Fprintf(w, "\n(Файл підказок не прочитано: %v)\n", err)
	case h != nil && !r.BuildFailed:
		if fl, ok := h.Explain(f.Line); ok {
			fmt.Fprintln(w, "\nЩо це означає:")
			fmt.Fprintln(w, indent(localLinks(fl.Text)))
			explained = true
		}
	}
	if f.SharedState && !explained {
		fmt.Fprintln(w, "\nЩо це означає:")
		fmt.Fprintln(w, indent(sharedStateHelp))
	}
	fmt.Fprintln(w)
	if h != nil {
		fmt.Fprintf(w, "Підказка: go run ./cmd/course hint %s\n", e.Num)
	}
	race := ""
	if r.Race {
		race = "-race "
	}
	fmt.Fprintf(w, "Усі помилки: go test %s./%s/\n", race, e.Dir())
}

// countTests — «2 з 5 тестів» (що впали) або «усі 5 тестів
// проходять».
func countTests(r *Result) string {
	total := r.Passes() + r.Fails()
	switch {
	case r.Fails() > 0:
		return fmt.Sprintf("%d з %d %s", r.Fails(), total,
			plural(total, "тесту", "тестів", "тестів"))
	case total == 1:
		return "тест проходить"
	}
	return fmt.Sprintf("усі %d %s проходять", total,
		plural(total, "тест", "тести", "тестів"))
}

// indent зсуває кожен непорожній рядок на два пробіли.
func indent(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// localLinks робить посилання з тексту вправи («../../lesson27/…»)
// відносними до кореня курсу, звідки учень запускає команду.
func localLinks(text string) string {
	return strings.ReplaceAll(text, "](../../", "](")
}
