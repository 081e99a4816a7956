package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"example.com/lesson27/internal/hints"
	"example.com/lesson27/internal/mistake"
	"example.com/lesson27/internal/runner"
)

// A variant is one version of an exercise's package to test: the
// reference solution or a typical wrong answer. Each variant is built
// as a package of its own in an empty folder under runDir, and a file
// generated at run time tells `go test -overlay` what files that folder
// "holds": the exercise's own test files and assets, and the solution's
// .go files (with the mistake applied, for a wrong answer: see
// internal/mistake). So the very
// tests learners run check every variant, nothing is copied into the
// working tree, and one go test run builds and tests them all in
// parallel.
type variant struct {
	exercise string
	name     string // "solution" or the wrong answer's file name
	mistake  *mistake.Mistake
	dir      string            // the empty folder of the package
	files    map[string]string // file name → backing file
}

// runDir holds the empty package folders while the check runs, one
// folder "run-*" per check, so that two checks at once (two terminals,
// two people) never remove each other's packages. The go tool ignores
// testdata folders, so nothing else ever builds them.
const runDir = "internal/check/testdata"

// exercises tests the solutions, the starters and the wrong answers of
// every exercise, and the course's own packages, in one go test run.
func (c *checker) exercises(course []string) {
	if err := os.MkdirAll(filepath.Join(c.root, runDir), 0o755); err != nil {
		fatal(err)
	}
	root, err := os.MkdirTemp(filepath.Join(c.root, runDir), "run-")
	if err != nil {
		fatal(err)
	}
	defer func() {
		os.RemoveAll(root)
		os.Remove(filepath.Dir(root)) // testdata, if nothing else is there
	}()
	tmp, err := os.MkdirTemp("", "course-wrong-*")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(tmp)

	var variants []*variant
	replace := map[string]string{}
	// The course's own packages: Go's test cache answers for them.
	var pkgs []runner.Package
	for _, p := range course {
		pkgs = append(pkgs, runner.Package{Arg: p, ImportPath: p})
	}
	for _, ex := range c.topics("exercises") {
		vs, err := c.variants(ex, tmp)
		if err != nil {
			c.result(false, "вправа "+ex, err.Error())
		}
		// The starter, as it is.
		files, _ := runner.TreeFiles(filepath.Join(c.root, "exercises", ex))
		pkgs = append(pkgs, runner.Package{
			Arg: "./exercises/" + ex, ImportPath: c.pkg("exercises", ex),
			Slot: "check-" + ex + "-starter", Files: files, Race: true,
		})
		for _, v := range vs {
			v.dir = filepath.Join(root, ex, v.slug())
			if err := os.MkdirAll(v.dir, 0o755); err != nil {
				fatal(err)
			}
			for name, backing := range v.files {
				replace[filepath.Join(v.dir, name)] = backing
			}
			rel, _ := filepath.Rel(c.root, v.dir)
			pkgs = append(pkgs, runner.Package{
				Arg: "./" + filepath.ToSlash(rel), ImportPath: c.variantPkg(v),
				Slot: "check-" + ex + "-" + v.slug(), Files: v.files, Race: true,
			})
			variants = append(variants, v)
		}
	}
	c.overlay = replace
	overlay := filepath.Join(tmp, "overlay.json")
	data, _ := json.MarshalIndent(map[string]any{"Replace": replace}, "", "  ")
	if err := os.WriteFile(overlay, data, 0o644); err != nil {
		fatal(err)
	}
	res, err := c.suite(overlay).Test(context.Background(), pkgs)
	if err != nil {
		fmt.Println(err)
	}
	c.reportRace(res)

	c.reportCourse(course, res)

	c.reportSolutions(variants, res)
	c.reportStarters(res)
	c.reportWrong(variants, res)
	c.reportHints(variants, res)
	c.reportRules()
}

// suite is the runner the check shares with the companion: one go test
// run for every package whose verdict the cache does not know, then one
// run under the race detector for the exercise variants that passed,
// exactly as `go run ./cmd/course test` judges a learner's exercise.
func (c *checker) suite(overlay string) *runner.Suite {
	// go vet runs once on its own, so the tests skip their vet pass.
	// Without -fresh, Go's test cache answers for every course package
	// whose inputs did not change, and the verdict cache of
	// internal/runner for every exercise variant (starters and wrong
	// answers fail, and Go keeps only passing results).
	flags := []string{"-vet=off", "-ldflags=-s -w", "-overlay=" + overlay}
	cache := runner.OpenCache(c.root)
	if *fresh {
		flags = append(flags, "-count=1")
		cache = runner.Off()
	}
	x := runner.Exec{
		// The compiler and the linker are Go programs too: without
		// garbage collection they link the many test binaries about a
		// fifth faster, and a test binary's memory is small.
		Env: []string{"GOGC=off"},
	}
	if *verbose {
		x.Echo = os.Stdout
	}
	return &runner.Suite{
		Dir: c.root, Flags: flags, Run: x.Run, Cache: cache, Overlay: c.overlay,
		Announce: func(race bool, run, cached int) {
			switch {
			case race && run+cached > 0:
				fmt.Printf("… детектор перегонів: варіанти вправ, тести яких пройшли, "+
					"ще раз з go test -race — %d (з кешу — %d)\n", run+cached, cached)
			case race:
			case *only != "":
				fmt.Printf("… лише вправа %s: %d пакетів\n", *only, run)
			default:
				fmt.Printf("… тестую пакети (%d): кроки, допоміжні пакети, розв'язки, "+
					"заготовки й неправильні розв'язки; це найдовша частина\n", run)
			}
			if !race && cached > 0 {
				fmt.Printf("… вердикти %d варіантів вправ узято з кешу перевірки "+
					"(нічого в них не змінилося; -fresh — запустити все заново)\n", cached)
			}
		},
	}
}

// reportRace says when the race detector could not run. The exercises
// are then judged without it, as the companion does; in CI (CI is set)
// that is a failure: .ci/run's machine must have a C compiler.
func (c *checker) reportRace(res map[string]*runner.Result) {
	for _, r := range res {
		if r.RaceSkipped == "" {
			continue
		}
		reason, _, _ := strings.Cut(r.RaceSkipped, "\n")
		if os.Getenv("CI") != "" {
			c.result(false, "детектор перегонів (go test -race)", reason)
		} else {
			fmt.Printf("  Детектор перегонів (go test -race) не запустився, вправи "+
				"перевірено без нього: %s\n", reason)
		}
		return
	}
}

func (v *variant) slug() string {
	return strings.TrimSuffix(strings.TrimSuffix(v.name, ".txt"), ".go")
}

// variants lists the solution and the wrong answers of one exercise,
// with the files each is built from.
func (c *checker) variants(ex, tmp string) ([]*variant, error) {
	exDir := filepath.Join(c.root, "exercises", ex)
	solDir := filepath.Join(c.root, "solutions", ex)

	// The exercise gives its tests and its assets (pages to embed).
	given := map[string]string{}
	entries, err := os.ReadDir(exDir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "README.uk.md" || name == "staticcheck.conf" ||
			(strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) {
			continue
		}
		given[name] = filepath.Join(exDir, name)
		// A page the solution keeps too (so that `go run` works there)
		// must be the very page the exercise gives.
		if mine, err := os.ReadFile(filepath.Join(solDir, name)); err == nil {
			theirs, _ := os.ReadFile(filepath.Join(exDir, name))
			if !bytes.Equal(mine, theirs) {
				return nil, fmt.Errorf("solutions/%s/%s відрізняється від exercises/%s/%s: "+
					"розв'язок має користуватися тим самим файлом, що й вправа", ex, name, ex, name)
			}
		}
	}
	// The solution gives its .go files.
	solFiles, _ := filepath.Glob(filepath.Join(solDir, "*.go"))
	if len(solFiles) == 0 {
		return nil, fmt.Errorf("solutions/%s: немає файлів .go", ex)
	}
	solution := &variant{exercise: ex, name: "solution", files: map[string]string{}}
	for name, p := range given {
		solution.files[name] = p
	}
	for _, f := range solFiles {
		if strings.HasSuffix(f, "_test.go") {
			return nil, fmt.Errorf("solutions/%s: тести живуть лише у вправі, а тут є %s", ex, filepath.Base(f))
		}
		solution.files[filepath.Base(f)] = f
	}
	vs := []*variant{solution}

	files, _ := filepath.Glob(filepath.Join(solDir, "testdata", "wrong", "*"))
	var problems []string
	for _, f := range files {
		if v, err := wrongVariant(ex, f, solDir, tmp, solution); err != nil {
			problems = append(problems, err.Error())
		} else {
			vs = append(vs, v)
		}
	}
	if len(problems) > 0 {
		err = fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return vs, err
}

// wrongVariant builds the variant of one mistake file: the solution's
// files, with the edited ones written into tmp.
func wrongVariant(ex, file, solDir, tmp string, solution *variant) (*variant, error) {
	if !strings.HasSuffix(file, ".txt") {
		return nil, fmt.Errorf("%s: неправильний розв'язок має бути файлом .txt (див. internal/mistake)", file)
	}
	m, err := mistake.Parse(file)
	if err != nil {
		return nil, err
	}
	texts, err := m.Apply(solDir)
	if err != nil {
		return nil, err
	}
	v := &variant{exercise: ex, name: filepath.Base(file), mistake: m, files: map[string]string{}}
	for name, p := range solution.files {
		v.files[name] = p
	}
	dir := filepath.Join(tmp, ex, v.slug())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for name, text := range texts {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
		v.files[name] = p
	}
	return v, nil
}

func (c *checker) variantPkg(v *variant) string {
	rel, _ := filepath.Rel(c.root, v.dir)
	return c.pkg(filepath.ToSlash(filepath.Dir(rel)), filepath.Base(rel))
}

func (c *checker) reportSolutions(variants []*variant, res map[string]*runner.Result) {
	ok, n := 0, 0
	for _, v := range variants {
		if v.mistake != nil {
			continue
		}
		n++
		r := get(res, c.variantPkg(v))
		if r.Status() == "ok" {
			ok++
		}
		c.result(r.Status() == "ok", "розв'язок solutions/"+v.exercise+" проходить тести вправи",
			c.detail(r))
	}
	fmt.Printf("  Розв'язки: %d з %d проходять тести своїх вправ.\n", ok, n)
}

func (c *checker) reportStarters(res map[string]*runner.Result) {
	failing := 0
	var passing, broken []string // the learner's changed exercises
	names := c.topics("exercises")
	for _, ex := range names {
		r := get(res, c.pkg("exercises", ex))
		if c.changed(ex) {
			// The learner's own work: the check reports it, and does not
			// count it against the course.
			if r.Status() == "ok" {
				passing = append(passing, ex)
			} else {
				broken = append(broken, ex)
			}
			continue
		}
		crash := c.crashed(ex, r)
		ok := r.Status() == "FAIL" && !r.BuildFailed && crash == ""
		if ok {
			failing++
		}
		detail := ""
		switch {
		case r.BuildFailed:
			detail = "заготовка не компілюється:\n" + indent(r.Output())
		case crash != "":
			detail = crash
		case r.Status() != "FAIL":
			detail = "заготовка вже проходить тести (" + r.Status() + "): вправа нічого не вимагає"
		}
		c.result(ok, "заготовка exercises/"+ex+" падає", detail)
	}
	untouched := len(names) - len(passing) - len(broken)
	fmt.Printf("  Незаймані заготовки: %d з %d падають, як і мають до розв'язання.\n",
		failing, untouched)
	if len(passing)+len(broken) > 0 {
		fmt.Printf("  Вправи, які ви змінили (перевірка курсу їх не судить): проходять тести — %d %v, "+
			"ще падають — %d %v.\n", len(passing), passing, len(broken), broken)
		fmt.Println("  Свій прогрес дивіться командою go run ./cmd/course.")
	}
}

// testNames lists the top-level tests of an exercise's test files.
func (c *checker) testNames(ex string) []string {
	files, _ := filepath.Glob(filepath.Join(c.root, "exercises", ex, "*_test.go"))
	var names []string
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, m := range testFunc.FindAllStringSubmatch(string(data), -1) {
			names = append(names, m[1])
		}
	}
	return names
}

var testFunc = regexp.MustCompile(`(?m)^func (Test\w*)\(t \*testing\.T\)`)

// crashed says why a variant's test run ended without an ordinary
// verdict for every test (a panic, os.Exit, a test left unrun), or "".
// A learner must always see --- FAIL lines with a Ukrainian message,
// never a stack trace instead of the tests that did not run.
func (c *checker) crashed(ex string, r *runner.Result) string {
	// A crash on a map that two requests changed at once is shared
	// state, which the companion explains as it explains a race.
	if r.BuildFailed || r.Status() == "" || r.SharedState() {
		return ""
	}
	out := r.Output()
	if i := strings.Index(out, "\npanic: "); i >= 0 || strings.HasPrefix(out, "panic: ") {
		line := strings.TrimPrefix(out[max(i, 0):], "\n")
		line, _, _ = strings.Cut(line, "\n")
		return "тестова програма впала з панікою замість рядків --- FAIL: " + line
	}
	var missing []string
	for _, name := range c.testNames(ex) {
		if r.Tests[name] == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Sprintf("тести не дали вердикту (програма завершилася раніше?): %v",
			missing)
	}
	return ""
}

func (c *checker) reportWrong(variants []*variant, res map[string]*runner.Result) {
	sort.SliceStable(variants, func(i, j int) bool { return variants[i].exercise < variants[j].exercise })
	total, rejected := 0, 0
	for _, v := range variants {
		if v.mistake == nil {
			continue
		}
		total++
		name := "неправильний розв'язок " + v.exercise + "/" + v.name + " відхилено"
		r := get(res, c.variantPkg(v))
		crash := c.crashed(v.exercise, r)
		shown := c.shown(r)
		switch {
		case r.BuildFailed:
			c.result(false, name, "не компілюється:\n"+indent(r.Output()))
		case r.Status() != "FAIL":
			c.result(false, name, "тести його пропустили ("+r.Status()+"): "+
				v.mistake.Description+"\n    Додайте тест, що ловить цю помилку.")
		case crash != "":
			c.result(false, name, crash)
		case v.mistake.Failure == "":
			c.result(false, name, "у файлі немає рядка «> …» з рядком невдачі, "+
				"який побачить учень (див. internal/mistake)")
		case !strings.Contains(shown, v.mistake.Failure):
			c.result(false, name, fmt.Sprintf("тести відхилили його, але без рядка %q; "+
				"вони написали:\n%s", v.mistake.Failure, indent(failLines(shown))))
		default:
			rejected++
			if *verbose {
				c.result(true, name, v.mistake.Description)
			} else {
				c.passed++
			}
		}
	}
	if total > 0 {
		fmt.Printf("✓ неправильні розв'язки: %d з %d відхилено тестами\n", rejected, total)
	}
}

// failLines keeps the lines of a test output that a learner reads as
// the failure: the messages under --- FAIL, without the run noise.
func failLines(out string) string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- PASS") ||
			strings.HasPrefix(t, "PASS") || strings.HasPrefix(t, "FAIL") ||
			strings.HasPrefix(t, "ok ") || strings.HasPrefix(t, "exit status") {
			continue
		}
		keep = append(keep, t)
		if len(keep) == 12 {
			keep = append(keep, "…")
			break
		}
	}
	return strings.Join(keep, "\n")
}

// reportHints checks each exercise's hints file (see internal/hints):
// it parses, the task text does not carry the hints, and every failure
// line it explains is one that a wrong answer or the untouched starter
// really prints. A hint whose quoted line no longer appears is a
// failing check, not stale text.
func (c *checker) reportHints(variants []*variant, res map[string]*runner.Result) {
	for _, ex := range c.topics("exercises") {
		name := "підказки exercises/" + ex + "/" + hints.FileName
		f, err := hints.Parse(filepath.Join(c.root, "exercises", ex, hints.FileName))
		if errors.Is(err, fs.ErrNotExist) {
			c.result(false, name, "файлу немає: підказки вправи живуть у ньому")
			continue
		}
		if err != nil {
			c.result(false, name, err.Error())
			continue
		}
		var outputs []string
		if !c.changed(ex) {
			outputs = append(outputs, c.shown(get(res, c.pkg("exercises", ex))))
		}
		for _, v := range variants {
			if v.exercise == ex && v.mistake != nil {
				outputs = append(outputs, c.shown(get(res, c.variantPkg(v))))
			}
		}
		var stale []string
		for _, fl := range f.Failures {
			found := false
			for _, out := range outputs {
				if strings.Contains(out, fl.Quote) {
					found = true
					break
				}
			}
			if !found {
				stale = append(stale, fl.Quote)
			}
		}
		readme, _ := os.ReadFile(filepath.Join(c.root, "exercises", ex, "README.uk.md"))
		var problems []string
		if len(stale) > 0 {
			problems = append(problems, "жоден неправильний розв'язок і заготовка не друкують "+
				"рядків, які пояснюють підказки:\n"+indent(strings.Join(stale, "\n")))
		}
		if bytes.Contains(readme, []byte("## Підказки")) {
			problems = append(problems, "README.uk.md досі містить розділ «Підказки»: "+
				"підказки живуть у "+hints.FileName)
		}
		if !bytes.Contains(readme, []byte("cmd/course hint")) {
			problems = append(problems, "README.uk.md не каже, як відкрити підказки "+
				"(go run ./cmd/course hint NN)")
		}
		detail := fmt.Sprintf("%d рівні, %d пояснень невдач", len(f.Levels), len(f.Failures))
		if len(problems) > 0 {
			detail = strings.Join(problems, "\n")
		}
		c.result(len(problems) == 0, name, detail)
	}
}
