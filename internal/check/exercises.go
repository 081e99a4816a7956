package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"example.com/lesson27/internal/mistake"
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

// runDir holds the empty package folders while the check runs. The go
// tool ignores testdata folders, so nothing else ever builds them.
const runDir = "internal/check/testdata/run"

// exercises tests the solutions, the starters and the wrong answers of
// every exercise, and the course's own packages, in one go test run.
func (c *checker) exercises(course []string) {
	root := filepath.Join(c.root, runDir)
	os.RemoveAll(root)
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
	pkgs := []string{}
	for _, ex := range c.topics("exercises") {
		vs, err := c.variants(ex, tmp)
		if err != nil {
			c.result(false, "вправа "+ex, err.Error())
		}
		pkgs = append(pkgs, "./exercises/"+ex) // the starter, as it is
		for _, v := range vs {
			v.dir = filepath.Join(root, ex, v.slug())
			if err := os.MkdirAll(v.dir, 0o755); err != nil {
				fatal(err)
			}
			for name, backing := range v.files {
				replace[filepath.Join(v.dir, name)] = backing
			}
			rel, _ := filepath.Rel(c.root, v.dir)
			pkgs = append(pkgs, "./"+filepath.ToSlash(rel))
			variants = append(variants, v)
		}
	}
	overlay := filepath.Join(tmp, "overlay.json")
	data, _ := json.MarshalIndent(map[string]any{"Replace": replace}, "", "  ")
	if err := os.WriteFile(overlay, data, 0o644); err != nil {
		fatal(err)
	}
	fmt.Printf("… тестую пакети (%d): кроки, допоміжні пакети, розв'язки, заготовки й неправильні розв'язки; це найдовша частина\n", len(pkgs)+len(course))
	res := c.goTest([]string{"-overlay", overlay}, append(course, pkgs...)...)

	c.reportCourse(course, res)

	c.reportSolutions(variants, res)
	c.reportStarters(res)
	c.reportWrong(variants, res)
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

func (c *checker) reportSolutions(variants []*variant, res map[string]testResult) {
	ok, n := 0, 0
	for _, v := range variants {
		if v.mistake != nil {
			continue
		}
		n++
		r := res[c.variantPkg(v)]
		if r.status == "ok" {
			ok++
		}
		c.result(r.status == "ok", "розв'язок solutions/"+v.exercise+" проходить тести вправи", r.detail())
	}
	fmt.Printf("  Розв'язки: %d з %d проходять тести своїх вправ.\n", ok, n)
}

func (c *checker) reportStarters(res map[string]testResult) {
	failing := 0
	names := c.topics("exercises")
	for _, ex := range names {
		if c.touched(ex) {
			// The learner's own work: the check does not judge it.
			failing++
			fmt.Printf("- заготовка exercises/%s: ви її вже змінили (ваш розв'язок?), "+
				"тож її не перевіряю; незаймана заготовка — у git: git stash\n", ex)
			continue
		}
		r := res[c.pkg("exercises", ex)]
		ok := r.status == "FAIL" && !r.buildFailed
		if ok {
			failing++
		}
		detail := ""
		switch {
		case r.buildFailed:
			detail = "заготовка не компілюється:\n" + indent(r.output)
		case r.status != "FAIL":
			detail = "заготовка вже проходить тести (" + r.status + "): вправа нічого не вимагає"
		}
		c.result(ok, "заготовка exercises/"+ex+" падає", detail)
	}
	fmt.Printf("  Заготовки: %d з %d падають, як і мають до розв'язання.\n", failing, len(names))
}

func (c *checker) reportWrong(variants []*variant, res map[string]testResult) {
	sort.SliceStable(variants, func(i, j int) bool { return variants[i].exercise < variants[j].exercise })
	total, rejected := 0, 0
	for _, v := range variants {
		if v.mistake == nil {
			continue
		}
		total++
		name := "неправильний розв'язок " + v.exercise + "/" + v.name + " відхилено"
		r := res[c.variantPkg(v)]
		switch {
		case r.buildFailed:
			c.result(false, name, "не компілюється:\n"+indent(r.output))
		case r.status != "FAIL":
			c.result(false, name, "тести його пропустили ("+r.status+"): "+
				v.mistake.Description+"\n    Додайте тест, що ловить цю помилку.")
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
