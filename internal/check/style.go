package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// The line lengths the course's style promises for the code a learner
// reads: a program at most 80 columns wide, its tests at most 100 (the
// Ukrainian failure messages are long). A tab counts as 4 columns and
// a Cyrillic letter as one.
const (
	maxCodeColumns = 80
	maxTestColumns = 100
)

// learnerDirs hold the code a learner reads and copies.
var learnerDirs = []string{"steps", "exercises", "solutions", "cmd"}

func (c *checker) lineLength() {
	var long []string
	for _, dir := range learnerDirs {
		root := filepath.Join(c.root, dir)
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			limit := maxCodeColumns
			if strings.HasSuffix(path, "_test.go") {
				limit = maxTestColumns
			}
			rel, _ := filepath.Rel(c.root, path)
			for n, w := range wideLines(path, limit) {
				long = append(long, fmt.Sprintf("%s:%d: %d колонок, можна %d", rel, n, w, limit))
			}
			return nil
		})
	}
	if len(long) > 0 {
		if len(long) > 20 {
			long = append(long[:20], fmt.Sprintf("… і ще %d", len(long)-20))
		}
		c.result(false, "довжина рядків коду", "задовгі рядки:\n"+indent(strings.Join(long, "\n")))
		return
	}
	c.result(true, "довжина рядків коду",
		fmt.Sprintf("програми — до %d колонок, тести — до %d", maxCodeColumns, maxTestColumns))
}

// wideLines returns the lines of a file wider than limit columns, by
// line number.
func wideLines(path string, limit int) map[int]int {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	wide := map[int]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		w := utf8.RuneCountInString(line) + 3*strings.Count(line, "\t")
		if w > limit {
			wide[n] = w
		}
	}
	return wide
}
