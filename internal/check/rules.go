package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Rule ids tie an exercise's README to its tests, both ways: every
// rule the README lists has a test, and every test checks a rule the
// README lists.
//
// In exercises/NN-*/README.uk.md, each item of the list under
// «## Що перевіряють тести» starts with its rule id: the exercise's
// number, a dot and the rule's number, in square brackets:
//
//	- [08.3] два браузери на одному обробнику: …
//	- [08.9] час:
//	  - [08.10] нотатка на 0-й і 20-й хвилині — …
//
// An item with sub-items may go without an id (then each sub-item
// has one). Each id is used once; the numbers need not be
// consecutive, so a removed rule leaves a gap and the others keep
// their ids.
//
// In the exercise's *_test.go files, each top-level test
// (func TestX(t *testing.T)) names the rules it checks, in its doc
// comment or in a comment inside it, wherever the check is made:
//
//	// [08.3] Два браузери на одному обробнику: …
//	func TestTwoVisitors(t *testing.T) {
//
// The check requires every README id in some test, every id of the
// tests in the README, and an id in every test.

// ruleID is a rule id anywhere in a text; ruleItem is a list item of
// the README (its indentation and its text).
var (
	ruleID   = regexp.MustCompile(`\[(\d\d)\.(\d+)\]`)
	ruleItem = regexp.MustCompile(`^(\s*)[-*] (.*)$`)
)

// testsSection is the README section that lists the rules.
const testsSection = "## Що перевіряють тести"

// reportRules checks the rule ids of every exercise.
func (c *checker) reportRules() {
	for _, ex := range c.topics("exercises") {
		dir := filepath.Join(c.root, "exercises", ex)
		problems := checkRules(dir, ex[:2])
		name := "правила exercises/" + ex + ": README ↔ тести"
		c.result(len(problems) == 0, name, strings.Join(problems, "\n"))
	}
}

// checkRules returns what is wrong with the rule ids of the exercise
// in dir, whose number is nn ("08").
func checkRules(dir, nn string) []string {
	var problems []string
	readme, err := os.ReadFile(filepath.Join(dir, "README.uk.md"))
	if err != nil {
		return []string{err.Error()}
	}
	listed, bad := readmeRules(string(readme), nn)
	problems = append(problems, bad...)
	if len(listed) == 0 && len(bad) == 0 {
		problems = append(problems, "README.uk.md: у розділі «"+
			strings.TrimPrefix(testsSection, "## ")+"» немає жодного "+
			"номера правила на кшталт ["+nn+".1]")
	}
	tests, bad := testRules(dir)
	problems = append(problems, bad...)
	used := map[string]bool{}
	for _, test := range slices.Sorted(maps.Keys(tests)) {
		ids := tests[test]
		if len(ids) == 0 {
			problems = append(problems, fmt.Sprintf("%s не каже, яке правило "+
				"README перевіряє: додайте коментар з номером, як-от [%s.1]",
				test, nn))
		}
		for _, id := range ids {
			used[id] = true
			if !listed[id] {
				problems = append(problems, fmt.Sprintf("%s посилається на "+
					"правило %s, якого немає в README.uk.md", test, id))
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(listed)) {
		if !used[id] {
			problems = append(problems, fmt.Sprintf("правило %s з README.uk.md "+
				"не перевіряє жоден тест", id))
		}
	}
	return problems
}

// readmeRules returns the ids listed in the README's tests section
// and what is wrong with them.
func readmeRules(readme, nn string) (map[string]bool, []string) {
	listed := map[string]bool{}
	var problems []string
	start := strings.Index(readme, testsSection+"\n")
	if start < 0 {
		return listed, []string{"README.uk.md: немає розділу «" +
			strings.TrimPrefix(testsSection, "## ") + "»"}
	}
	section := readme[start+len(testsSection)+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	type item struct {
		indent int
		text   string
	}
	var items []item
	for _, line := range strings.Split(section, "\n") {
		if m := ruleItem.FindStringSubmatch(line); m != nil {
			items = append(items, item{len(m[1]), m[2]})
		}
	}
	for i, it := range items {
		parent := i+1 < len(items) && items[i+1].indent > it.indent
		m := ruleID.FindStringSubmatchIndex(it.text)
		if m == nil || m[0] != 0 {
			if !parent {
				problems = append(problems, fmt.Sprintf("README.uk.md: пункт "+
					"без номера правила на початку: %q", clip(it.text)))
			}
			continue
		}
		id := it.text[m[0]:m[1]]
		if it.text[m[2]:m[3]] != nn {
			problems = append(problems, fmt.Sprintf("README.uk.md: правило %s "+
				"у вправі %s: номер має починатися з %s", id, nn, nn))
		}
		if listed[id] {
			problems = append(problems, fmt.Sprintf("README.uk.md: номер %s "+
				"ужито двічі", id))
		}
		listed[id] = true
	}
	return listed, problems
}

// testRules returns the rule ids each top-level test of the test
// files in dir names.
func testRules(dir string) (map[string][]string, []string) {
	tests := map[string][]string{}
	var problems []string
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !isTest(fn) {
				continue
			}
			from := fn.Pos()
			if fn.Doc != nil {
				from = fn.Doc.Pos()
			}
			text := src[fset.Position(from).Offset:fset.Position(fn.End()).Offset]
			var ids []string
			for _, m := range ruleID.FindAllString(string(text), -1) {
				if !slices.Contains(ids, m) {
					ids = append(ids, m)
				}
			}
			tests[fn.Name.Name] = ids
		}
	}
	return tests, problems
}

// isTest reports whether fn is a test: TestX(t *testing.T).
func isTest(fn *ast.FuncDecl) bool {
	params := fn.Type.Params.List
	if !strings.HasPrefix(fn.Name.Name, "Test") || len(params) != 1 {
		return false
	}
	star, ok := params[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "testing" && sel.Sel.Name == "T"
}

// clip cuts a README line for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
