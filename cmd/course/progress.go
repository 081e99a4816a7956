package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"example.com/lesson27/internal/runner"
)

// Status — стан вправи в огляді поступу.
type Status int

const (
	Untouched Status = iota // заготовка, як у курсі
	Failing                 // учень змінив вправу, тести падають
	Solved                  // тести проходять
)

// Mark — позначка стану в огляді.
func (s Status) Mark() string {
	return [...]string{"·", "✗", "✓"}[s]
}

// Progress — стан усіх вправ.
type Progress struct {
	Exercises []Exercise
	Status    []Status
	// Results — вивід go test для вправ, які запускали.
	Results map[string]*Result
	// NoGit — git недоступний: незаймані вправи не відрізнити.
	NoGit bool
}

// classify визначає стан вправи: тести пройшли — розв'язано; учень
// її змінив — падає; інакше це незаймана заготовка.
func classify(changed bool, r *Result) Status {
	switch {
	case r != nil && r.Passed:
		return Solved
	case changed:
		return Failing
	}
	return Untouched
}

// progress збирає стан усіх вправ одним запуском go test.
//
// Запускаються лише вправи, які учень змінив, і ті, що вже колись
// проходили. Незаймана заготовка падає за задумом (це перевіряє
// go run ./internal/check для кожної версії курсу), тож її тести
// не запускаємо: так огляд відповідає за частку секунди.
func (a *app) progress(ctx context.Context) (*Progress, error) {
	p := &Progress{Exercises: a.exercises}
	changed := map[string]bool{}
	rev, _, err := runner.StarterRevision(a.root)
	if err == nil {
		changed, err = runner.ChangedExercises(a.root, rev)
	}
	if err != nil {
		p.NoGit = true
		for _, e := range a.exercises {
			changed[e.Name] = true
		}
	}
	st, err := loadState(a.root)
	if err != nil {
		return nil, err
	}
	var run []Exercise
	for _, e := range a.exercises {
		if changed[e.Name] || slices.Contains(st.Passed, e.Name) {
			run = append(run, e)
		}
	}
	p.Results, err = a.test(ctx, run)
	if err != nil {
		return nil, err
	}
	dirty := false
	for _, e := range a.exercises {
		r := p.Results[e.Name]
		s := classify(changed[e.Name], r)
		p.Status = append(p.Status, s)
		if r != nil && r.Ran {
			dirty = st.setPassed(e.Name, s == Solved) || dirty
		}
	}
	if dirty {
		err = st.save(a.root)
	}
	return p, err
}

// test запускає тести вправ exs одним go test і повертає результати
// за назвою вправи. Ті, що пройшли, запускає ще раз під детектором
// перегонів; вердикти незміненого коду бере з кешу (див.
// internal/runner).
func (a *app) test(ctx context.Context, exs []Exercise) (
	map[string]*Result, error) {
	res := map[string]*Result{}
	if len(exs) == 0 {
		return res, nil
	}
	var pkgs []runner.Package
	for _, e := range exs {
		files, err := runner.TreeFiles(filepath.Join(a.root, e.Dir()))
		if err != nil {
			files = nil // без кешу: запустимо
		}
		pkgs = append(pkgs, runner.Package{
			Arg:        "./" + e.Dir() + "/",
			ImportPath: a.module + "/" + e.Dir(),
			Slot:       "course-" + e.Name,
			Files:      files,
			Race:       true,
		})
	}
	s := &runner.Suite{Dir: a.root, Run: a.run, Cache: a.cache}
	byPkg, err := s.Test(ctx, pkgs)
	for _, e := range exs {
		if r := byPkg[a.module+"/"+e.Dir()]; r != nil {
			res[e.Name] = r
		}
	}
	if len(res) == 0 {
		if err == nil {
			err = errors.New("go test нічого не сказав про вправи")
		}
		return nil, fmt.Errorf("не вдалося запустити тести: %w", err)
	}
	return res, nil
}

// Next — вправа, над якою учень працює: перша змінена, тести якої
// падають (учень міг піти вперед), інакше перша нерозв'язана; -1,
// якщо все готово.
func (p *Progress) Next() int {
	if i := slices.Index(p.Status, Failing); i >= 0 {
		return i
	}
	return slices.IndexFunc(p.Status, func(s Status) bool {
		return s != Solved
	})
}

// Solved — скільки вправ розв'язано.
func (p *Progress) Solved() int {
	n := 0
	for _, s := range p.Status {
		if s == Solved {
			n++
		}
	}
	return n
}

// bar малює смугу поступу завширшки width.
func bar(done, total, width int) string {
	full := 0
	if total > 0 {
		full = done * width / total
	}
	return "[" + strings.Repeat("█", full) +
		strings.Repeat("░", width-full) + "] " +
		fmt.Sprintf("%d з %d %s розв'язано", done, total,
			plural(total, "вправи", "вправ", "вправ"))
}

// plural обирає форму слова для числа n: 1 вправи, 2 вправ, 5 вправ
// (після «з»); для «тест» — тест, тести, тестів.
func plural(n int, one, few, many string) string {
	switch {
	case n%10 == 1 && n%100 != 11:
		return one
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return few
	}
	return many
}

// renderProgress друкує огляд: вправи, смугу і що робити далі.
func renderProgress(w io.Writer, p *Progress) {
	fmt.Fprintln(w, "Вправи курсу «Сесії в Go»")
	fmt.Fprintln(w)
	for i, e := range p.Exercises {
		fmt.Fprintf(w, "  %s %s  %s\n", p.Status[i].Mark(), e.Num, e.Title)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "  "+bar(p.Solved(), len(p.Exercises), 24))
	fmt.Fprintln(w, "  ✓ розв'язано  ✗ змінено, тести падають  · не почато")
	if p.NoGit {
		fmt.Fprintln(w, "  (git недоступний: не видно, які вправи "+
			"ви змінили, тож ✗ — це й незаймані)")
	}
	fmt.Fprintln(w)
	i := p.Next()
	if i < 0 {
		fmt.Fprintln(w, "Усі вправи розв'язано! Порівняйте свій код "+
			"з одним із можливих розв'язків:")
		fmt.Fprintln(w, "  go run ./cmd/course solution NN")
		return
	}
	e := p.Exercises[i]
	fmt.Fprintf(w, "Далі — вправа %s: %s\n", e.Num, e.Title)
	if e.Anchor != "" {
		fmt.Fprintf(w, "  Конспект:   «%s», %s\n", e.Section, e.Anchor)
	}
	fmt.Fprintf(w, "  Умова:      %s/README.uk.md\n", e.Dir())
	fmt.Fprintf(w, "  Код:        %s/main.go\n", e.Dir())
	if r := p.Results[e.Name]; r != nil && !r.Passed {
		if r.BuildFailed {
			fmt.Fprintln(w, "  Зараз:      код не компілюється")
		} else {
			fmt.Fprintf(w, "  Тести пишуть: %s\n", r.FirstFailure(nil).Line)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  go run ./cmd/course test %s    перевірити\n", e.Num)
	fmt.Fprintf(w, "  go run ./cmd/course watch      перевіряти "+
		"після кожного збереження\n")
	fmt.Fprintf(w, "  go run ./cmd/course hint %s    підказка\n", e.Num)
}
