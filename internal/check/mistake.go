package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A mistake is a typical wrong answer to an exercise, kept as a small
// edit of the reference solution rather than as a whole copy of it, so
// that it reads as "this is the mistake" and never drifts from the
// solution. The file solutions/NN/testdata/wrong/NAME.txt looks like:
//
//	Забули викликати Save: кукі не надіслано.
//
//	--- main.go
//	<<<<<<< правильно
//			if err := session.Save(r, w); err != nil {
//	…
//	=======
//	>>>>>>> неправильно
//
// The text before the first "--- FILE" line describes the mistake. Each
// block replaces the lines between "<<<<<<<" and "=======" (they must
// occur exactly once in the solution's FILE) with the lines between
// "=======" and ">>>>>>>". A file may have several blocks.
type mistake struct {
	path        string
	description string
	edits       []edit
	whole       bool // path is a whole wrong main.go
}

type edit struct {
	file     string
	old, new string
}

func parseMistake(path string) (*mistake, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := &mistake{path: path}
	var desc []string
	var file string
	var cur *edit
	state := "desc" // desc, between, old, new
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case state != "old" && state != "new" && strings.HasPrefix(line, "--- "):
			file = strings.TrimSpace(strings.TrimPrefix(line, "--- "))
			state = "between"
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
	m.description = strings.TrimSpace(strings.Join(desc, "\n"))
	if m.description == "" || len(m.edits) == 0 {
		return nil, fmt.Errorf("%s: потрібні опис помилки і хоча б один блок змін", path)
	}
	return m, nil
}

// apply writes the solution's files with the mistake's edits into dir
// and returns a map from each edited file name to its new path.
func (m *mistake) apply(solutionDir, dir string) (map[string]string, error) {
	if m.whole {
		return map[string]string{"main.go": m.path}, nil
	}
	texts := map[string]string{}
	for _, e := range m.edits {
		text, ok := texts[e.file]
		if !ok {
			data, err := os.ReadFile(filepath.Join(solutionDir, e.file))
			if err != nil {
				return nil, fmt.Errorf("%s: %v", m.path, err)
			}
			text = string(data)
		}
		if n := strings.Count(text, e.old); n != 1 {
			return nil, fmt.Errorf("%s: фрагмент «правильно» трапляється у %s %d раз(и), "+
				"а має рівно один:\n%s", m.path, e.file, n, e.old)
		}
		texts[e.file] = strings.Replace(text, e.old, e.new, 1)
	}
	out := map[string]string{}
	for name, text := range texts {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
		out[name] = p
	}
	return out, nil
}
