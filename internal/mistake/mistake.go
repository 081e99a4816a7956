// Package mistake reads the course's typical wrong answers.
//
// A mistake is a typical wrong answer to an exercise, kept as a small
// edit of the reference solution rather than as a whole copy of it, so
// that it reads as "this is the mistake" and never drifts from the
// solution. `go run ./internal/check` requires the exercise's tests to
// reject every mistake; the lesson text may quote a mistake's code.
package mistake

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A Mistake is read from solutions/NN/testdata/wrong/NAME.txt, which
// looks like:
//
//	Забули викликати Save: кукі не надіслано.
//
//	> GET /: текст сторінки — отримали "Привіт! Ви тут уперше."
//
//	--- main.go
//	<<<<<<< правильно
//			if err := session.Save(r, w); err != nil {
//	…
//	=======
//	>>>>>>> неправильно
//
// The text before the first "--- FILE" line describes the mistake. Its
// one line that starts with "> " quotes the failure line the learner
// sees (its stable part): the check requires it in the test output. Each
// block replaces the lines between "<<<<<<<" and "=======" (they must
// occur exactly once in the solution's FILE) with the lines between
// "=======" and ">>>>>>>". A file may have several blocks.
type Mistake struct {
	Path        string // the .txt file
	Description string // what the mistake is, in Ukrainian
	Failure     string // the failure line the tests print, or its stable part
	edits       []edit
}

type edit struct {
	file     string
	old, new string
}

// Parse reads a mistake file.
func Parse(path string) (*Mistake, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := &Mistake{Path: path}
	var desc []string
	var file string
	var cur *edit
	state := "desc" // desc, between, old, new
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case state != "old" && state != "new" && strings.HasPrefix(line, "--- "):
			file = strings.TrimSpace(strings.TrimPrefix(line, "--- "))
			state = "between"
		case state == "desc" && strings.HasPrefix(line, "> "):
			if m.Failure != "" {
				return nil, fmt.Errorf("%s:%d: рядок «> » має бути один", path, i+1)
			}
			m.Failure = strings.TrimSpace(strings.TrimPrefix(line, "> "))
		case state == "desc":
			desc = append(desc, line)
		case state == "between" && strings.HasPrefix(line, "<<<<<<<"):
			cur = &edit{file: file}
			state = "old"
		case state == "old" && strings.HasPrefix(line, "======="):
			state = "new"
		case state == "old":
			cur.old += line + "\n"
		case state == "new" && strings.HasPrefix(line, ">>>>>>>"):
			m.edits = append(m.edits, *cur)
			state = "between"
		case state == "new":
			cur.new += line + "\n"
		case state == "between" && strings.TrimSpace(line) == "":
		default:
			return nil, fmt.Errorf("%s:%d: незрозумілий рядок %q", path, i+1, line)
		}
	}
	if state == "old" || state == "new" {
		return nil, fmt.Errorf("%s: блок не закрито рядком >>>>>>>", path)
	}
	m.Description = strings.TrimSpace(strings.Join(desc, "\n"))
	if m.Description == "" || len(m.edits) == 0 {
		return nil, fmt.Errorf("%s: потрібні опис помилки і хоча б один блок змін", path)
	}
	return m, nil
}

// Apply returns the text of every file the mistake edits: the file of
// solutionDir with the edits made.
func (m *Mistake) Apply(solutionDir string) (map[string]string, error) {
	texts := map[string]string{}
	for _, e := range m.edits {
		text, ok := texts[e.file]
		if !ok {
			data, err := os.ReadFile(filepath.Join(solutionDir, e.file))
			if err != nil {
				return nil, fmt.Errorf("%s: %v", m.Path, err)
			}
			text = string(data)
		}
		if n := strings.Count(text, e.old); n != 1 {
			return nil, fmt.Errorf("%s: фрагмент «правильно» має бути у %s рівно "+
				"один раз, а його знайдено стільки разів: %d\n%s", m.Path, e.file, n, e.old)
		}
		texts[e.file] = strings.Replace(text, e.old, e.new, 1)
	}
	return texts, nil
}
