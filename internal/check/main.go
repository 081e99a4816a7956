// Command check verifies the whole course with one command:
//
//	go run ./internal/check
//
// It runs, from the root of the repository:
//
//  1. gofmt, go vet and staticcheck over every package;
//  2. the tests of everything except the exercises (steps, helpers);
//  3. the exercises' own test files against the solutions, and the
//     exercises as they are: every solution must pass, every untouched
//     starter must fail, and so must every typical wrong answer kept in
//     solutions/NN/testdata/wrong (see exercises.go and mistake.go).
//     Every variant is judged as `go run ./cmd/course test` judges a
//     learner's exercise (internal/runner): the variants that pass are
//     run again under the race detector, and must pass there too;
//  4. the rule ids: every rule an exercise's README lists under «Що
//     перевіряють тести» has a test, and every test a rule (the format
//     is in rules.go);
//  5. the layout: steps, exercises and solutions line up, every exercise
//     has a README.uk.md and a TODO;
//  6. the nested modules ./e2e (browser) and ./redis, if they exist:
//     go vet and go test in each.
//
// It prints what it checks in Ukrainian and ends with one line
// "course: N passed, M failed"; the exit status is 1 if anything failed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"example.com/lesson27/internal/runner"
)

// staticcheck runs without being added to go.mod.
const staticcheck = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"

var (
	skipStaticcheck = flag.Bool("no-staticcheck", false, "не запускати staticcheck (швидше)")
	verbose         = flag.Bool("v", false, "показувати повний вивід go test")
	fresh           = flag.Bool("fresh", false, "не брати результатів тестів із кешу Go "+
		"і кешу вердиктів (тести в браузері запускаються заново завжди)")
	only = flag.String("only", "", "перевірити лише одну вправу, наприклад -only 03: "+
		"її розв'язок, заготовку, неправильні розв'язки й підказки")
)

type checker struct {
	root           string
	module         string // the root module's path, once known
	passed, failed int
	changedSet     map[string]bool   // the learner's exercises, once known
	overlay        map[string]string // go test -overlay of the variants
}

func main() {
	flag.Parse()
	root, err := os.Getwd()
	if err != nil {
		fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		fatal(fmt.Errorf("запустіть з кореня репозиторію: go run ./internal/check"))
	}
	c := &checker{root: root}
	start := time.Now()

	if *only != "" {
		c.exercises(nil)
		c.finish(start)
		return
	}
	nested := c.startNested()
	c.layout()
	c.gofmt()
	c.lineLength()
	c.run("go vet", "go", "vet", "./...")
	if !*skipStaticcheck {
		c.run("staticcheck", "go", "run", staticcheck, "./...")
	}
	// One go test run builds and tests everything of the root module:
	// the course's own packages and every variant of every exercise.
	c.exercises(c.testCourse())
	for _, r := range <-nested {
		c.result(r.ok, r.name, r.detail)
	}
	c.finish(start)
}

// finish prints the summary line and sets the exit status.
func (c *checker) finish(start time.Time) {
	fmt.Printf("\nЧас перевірки: %s\n", time.Since(start).Round(100*time.Millisecond))
	fmt.Printf("course: %d passed, %d failed\n", c.passed, c.failed)
	if c.failed > 0 {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "check:", err)
	os.Exit(2)
}

// result records one check and prints it.
func (c *checker) result(ok bool, name, detail string) {
	mark := "✓"
	if ok {
		c.passed++
	} else {
		c.failed++
		mark = "✗"
	}
	fmt.Printf("%s %s", mark, name)
	if detail != "" {
		fmt.Printf(": %s", detail)
	}
	fmt.Println()
}

// run runs a command that must succeed and print nothing alarming.
func (c *checker) run(name string, args ...string) {
	out, err := c.command(args...)
	if err != nil {
		c.result(false, name, "\n"+indent(out))
		return
	}
	c.result(true, name, "")
}

func (c *checker) command(args ...string) (string, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = c.root
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}

func (c *checker) gofmt() {
	goroot, err := c.command("go", "env", "GOROOT")
	if err != nil {
		c.result(false, "gofmt", goroot)
		return
	}
	gofmt := filepath.Join(strings.TrimSpace(goroot), "bin", "gofmt")
	out, err := c.command(gofmt, "-l", ".")
	switch {
	case err != nil:
		c.result(false, "gofmt", "\n"+indent(out))
	case strings.TrimSpace(out) != "":
		c.result(false, "gofmt", "ці файли треба відформатувати (gofmt -w):\n"+indent(out))
	default:
		c.result(true, "gofmt", "")
	}
}

// topics returns the NN-topic folder names under dir.
func (c *checker) topics(dir string) []string {
	entries, _ := os.ReadDir(filepath.Join(c.root, dir))
	var names []string
	for _, e := range entries {
		if e.IsDir() && topicName.MatchString(e.Name()) &&
			(*only == "" || strings.HasPrefix(e.Name(), *only)) {
			names = append(names, e.Name())
		}
	}
	return names
}

var topicName = regexp.MustCompile(`^\d\d-[a-z0-9-]+$`)

func (c *checker) layout() {
	steps, exercises, solutions := c.topics("steps"), c.topics("exercises"), c.topics("solutions")
	var problems []string
	if !slices.Equal(steps, exercises) || !slices.Equal(exercises, solutions) {
		problems = append(problems, fmt.Sprintf(
			"теки не збігаються:\n  steps:     %v\n  exercises: %v\n  solutions: %v",
			steps, exercises, solutions))
	}
	for _, ex := range exercises {
		dir := filepath.Join(c.root, "exercises", ex)
		if _, err := os.Stat(filepath.Join(dir, "README.uk.md")); err != nil {
			problems = append(problems, fmt.Sprintf("exercises/%s: немає README.uk.md", ex))
		}
		main, err := os.ReadFile(filepath.Join(dir, "main.go"))
		if (err != nil || !bytes.Contains(main, []byte("TODO"))) && !c.changed(ex) {
			problems = append(problems, fmt.Sprintf("exercises/%s/main.go: немає позначки TODO", ex))
		}
		tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		if len(tests) == 0 {
			problems = append(problems, fmt.Sprintf("exercises/%s: немає тестів", ex))
		}
		sol, _ := filepath.Glob(filepath.Join(c.root, "solutions", ex, "*_test.go"))
		if len(sol) != 0 {
			problems = append(problems, fmt.Sprintf(
				"solutions/%s: тести живуть лише у вправі, а тут є %v", ex, sol))
		}
	}
	detail := fmt.Sprintf("%d кроків, %d вправ, %d розв'язків", len(steps), len(exercises), len(solutions))
	if len(problems) > 0 {
		c.result(false, "структура курсу", strings.Join(problems, "\n"))
		return
	}
	c.result(true, "структура курсу", detail)
}

// testCourse lists every package except the exercises.
func (c *checker) testCourse() []string {
	out, err := c.command("go", "list", "./...")
	if err != nil {
		c.result(false, "go list", out)
		return nil
	}
	var pkgs []string
	for _, p := range strings.Fields(out) {
		if !strings.Contains(p, "/exercises/") {
			pkgs = append(pkgs, p)
		}
	}
	return pkgs
}

// reportCourse reports the tests of the packages testCourse listed.
func (c *checker) reportCourse(pkgs []string, res map[string]*runner.Result) {
	for _, p := range pkgs {
		r := get(res, p)
		if r.Status() == "no test files" {
			continue
		}
		c.result(r.Status() == "ok", "тести "+short(p), c.detail(r))
	}
}

// nestedModules are separate Go modules with their own go.mod, so that
// learners download only gorilla/sessions: e2e holds the browser tests,
// redis the Redis store. Each is vetted and tested if it exists.
//
// Without -fresh, Go's test cache answers for redis and scs when their
// inputs did not change, as it does for the root module: it sees the
// code (internal/redisserver included, through the replace directive),
// the redis-server binary the tests look up and the variables they
// read. The browser tests always run again: they build and start the
// programs of steps/ in a child process, which the cache does not see.
var nestedModules = []struct {
	dir, name string
	always    bool // run the tests again even when Go has their result
}{
	{"e2e", "наскрізні тести в браузері (e2e)", true},
	{"redis", "сесії в Redis (redis)", false},
	{"scs", "застосунок заняття на scs (scs)", false},
}

// A pending result is one check of a nested module, reported later.
type pending struct {
	ok           bool
	name, detail string
}

// startNested vets, staticchecks and tests the nested modules that
// exist, in the background, each module on its own: the browser and
// Redis tests mostly wait for Chromium and redis-server, so they
// overlap well with each other and with the root checks. In each
// module the tests start first, as the longest part, and vet and
// staticcheck run beside them. The results come on the channel, in
// the order of nestedModules, when all are done.
func (c *checker) startNested() <-chan []pending {
	done := make(chan []pending, 1)
	results := make([][]pending, len(nestedModules))
	var wg sync.WaitGroup
	for i, m := range nestedModules {
		dir := filepath.Join(c.root, m.dir)
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			test := make(chan pending, 1)
			go func() { test <- testNested(dir, m.name, m.always || *fresh) }()
			res := []pending{runIn(dir, m.dir+": go vet", "go", "vet", "./...")}
			if !*skipStaticcheck {
				res = append(res, runIn(dir, m.dir+": staticcheck", "go", "run", staticcheck, "./..."))
			}
			results[i] = append(res, <-test)
		}()
	}
	go func() {
		wg.Wait()
		var all []pending
		for _, res := range results {
			all = append(all, res...)
		}
		done <- all
	}()
	return done
}

func testNested(dir, name string, again bool) pending {
	args := []string{"test", "-v"}
	if again {
		args = append(args, "-count=1")
	}
	cmd := exec.Command("go", append(args, "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOGC=off") // see suite in exercises.go
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	out := buf.String()
	var notes []string
	passed := 0
	for _, line := range strings.Split(out, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "--- SKIP"):
			notes = append(notes, t)
		case strings.HasPrefix(t, "--- PASS"):
			passed++
		}
	}
	detail := fmt.Sprintf("пройшло тестів: %d", passed)
	if *verbose || err != nil {
		detail += "\n" + indent(out)
	} else if len(notes) > 0 {
		detail += "; пропущено:\n" + indent(strings.Join(notes, "\n"))
	}
	return pending{err == nil, name, detail}
}

// runIn runs a command in another folder.
func runIn(dir, name string, args ...string) pending {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return pending{false, name, "\n" + indent(string(out))}
	}
	return pending{true, name, ""}
}

// changed reports whether the learner has changed exercises/ex: the
// rule of internal/runner, the same the companion uses (the learner's
// .go files differ from the starter revision). Such an exercise is the
// learner's work in progress, not a starter, so the check leaves it
// alone. A maintainer who edits an exercise's tests, task, pages or
// hints still gets its starter checked.
func (c *checker) changed(ex string) bool {
	if c.changedSet == nil {
		c.changedSet = map[string]bool{}
		if rev, _, err := runner.StarterRevision(c.root); err == nil {
			if set, err := runner.ChangedExercises(c.root, rev); err == nil {
				c.changedSet = set
			}
		}
	}
	return c.changedSet[ex]
}

func (c *checker) pkg(dir, name string) string {
	if c.module == "" {
		mod, _ := c.command("go", "list", "-m")
		c.module = strings.TrimSpace(mod)
	}
	return c.module + "/" + dir + "/" + name
}

// detail explains a package's failure: its whole output, after the
// shared-state line when the race detector found one.
func (c *checker) detail(r *runner.Result) string {
	switch r.Status() {
	case "ok", "no test files":
		return ""
	case "":
		return "go test не запустив цей пакет"
	}
	if r.DataRace() {
		return "під детектором перегонів (go test -race): " +
			r.FirstFailure(c.overlay).Line + "\n" + indent(r.Output())
	}
	return "\n" + indent(r.Output())
}

// shown is what a learner can read about a variant's run: the tests'
// output and, after a race or a crash on a map two goroutines changed
// at once, the companion's «спільний стан: …» line, which neither the
// race detector's report nor the crash contains.
func (c *checker) shown(r *runner.Result) string {
	out := r.Output()
	if r.SharedState() {
		out += "\n" + r.FirstFailure(c.overlay).Line
	}
	return out
}

// get returns what go test said about pkg, or an empty result.
func get(res map[string]*runner.Result, pkg string) *runner.Result {
	if r := res[pkg]; r != nil {
		return r
	}
	return &runner.Result{Package: pkg}
}

func short(pkg string) string {
	if i := strings.Index(pkg, "/"); i >= 0 {
		return pkg[i+1:]
	}
	return pkg
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return "    " + strings.Join(lines, "\n    ")
}
