// Package hints reads an exercise's hints file, hints.uk.md.
//
// Hints unfold one level at a time (a nudge, the idea, almost code),
// as rustlings' and Exercism's do, and a failure line the learner sees
// can point to the explanation of exactly that failure:
//
//	# Підказки: вправа 01
//
//	## Рівень 1: поштовх
//	…
//	## Рівень 2: ідея
//	…
//	## Рівень 3: майже код
//	…
//	## Якщо тест пише
//
//	### `GET /: статус — отримали 501 Not Implemented, очікували 200 OK`
//	…
//
// Parse enforces the rules that keep hints honest: exactly three levels
// in order, no fenced code before level 3 or in the explanations of
// failures, and each failure heading is one quoted failure text.
package hints

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// FileName is the name of the hints file in an exercise's folder.
const FileName = "hints.uk.md"

// A File is one exercise's hints.
type File struct {
	Path     string
	Title    string    // the first-level heading
	Levels   []Level   // exactly three, in order
	Failures []Failure // explanations of failure lines, in file order
}

// A Level is one step of the hints: 1 nudge, 2 idea, 3 almost code.
type Level struct {
	N     int
	Title string // after "Рівень N: "
	Text  string
}

// A Failure explains one failure line a learner may see.
type Failure struct {
	Quote string // the stable part of the failure line
	Text  string
}

const failuresHeading = "Якщо тест пише"

var levelHeading = regexp.MustCompile(`^## Рівень (\d+): (.+)$`)
var quoteHeading = regexp.MustCompile("^### `([^`]+)`$")

// Parse reads and checks a hints file.
func Parse(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := ParseText(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.Path = path
	return f, nil
}

// ParseText reads and checks the text of a hints file.
func ParseText(text string) (*File, error) {
	f := &File{}
	var body *strings.Builder // where the current lines go
	section := ""             // "", "level" or "failures"
	flush := func() {}
	inFence := false
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
		}
		if inFence || strings.HasPrefix(strings.TrimSpace(line), "```") {
			if body != nil {
				body.WriteString(line + "\n")
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "# "):
			if f.Title != "" {
				return nil, fmt.Errorf("рядок %d: другий заголовок «# »", n)
			}
			f.Title = strings.TrimPrefix(line, "# ")
		case strings.HasPrefix(line, "## "):
			flush()
			if line == "## "+failuresHeading {
				section, body = "failures", nil
				flush = func() {}
				continue
			}
			m := levelHeading.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("рядок %d: незнайомий розділ %q: "+
					"чекаю «## Рівень N: …» або «## %s»", n, line, failuresHeading)
			}
			if section == "failures" {
				return nil, fmt.Errorf("рядок %d: рівні мають іти до «## %s»", n, failuresHeading)
			}
			level, _ := strconv.Atoi(m[1])
			if level != len(f.Levels)+1 {
				return nil, fmt.Errorf("рядок %d: рівень %d не на своєму місці: "+
					"рівні йдуть 1, 2, 3", n, level)
			}
			section = "level"
			f.Levels = append(f.Levels, Level{N: level, Title: m[2]})
			b := &strings.Builder{}
			body = b
			idx := len(f.Levels) - 1
			flush = func() { f.Levels[idx].Text = strings.TrimSpace(b.String()) }
		case strings.HasPrefix(line, "### "):
			if section != "failures" {
				return nil, fmt.Errorf("рядок %d: «### » буває лише під «## %s»", n, failuresHeading)
			}
			flush()
			m := quoteHeading.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("рядок %d: заголовок має бути одним текстом у `…`: %q", n, line)
			}
			f.Failures = append(f.Failures, Failure{Quote: m[1]})
			b := &strings.Builder{}
			body = b
			idx := len(f.Failures) - 1
			flush = func() { f.Failures[idx].Text = strings.TrimSpace(b.String()) }
		default:
			if body != nil {
				body.WriteString(line + "\n")
			}
		}
	}
	flush()
	if inFence {
		return nil, fmt.Errorf("блок коду ``` не закрито")
	}
	return f, f.validate()
}

func (f *File) validate() error {
	if len(f.Levels) != 3 {
		return fmt.Errorf("рівнів підказок — %d, а має бути 3", len(f.Levels))
	}
	for _, l := range f.Levels {
		if l.Text == "" {
			return fmt.Errorf("рівень %d порожній", l.N)
		}
		if l.N < 3 && strings.Contains(l.Text, "```") {
			return fmt.Errorf("рівень %d містить блок коду: код — лише на рівні 3", l.N)
		}
	}
	for _, fl := range f.Failures {
		if fl.Text == "" {
			return fmt.Errorf("пояснення до %q порожнє", fl.Quote)
		}
		if strings.Contains(fl.Text, "```") {
			return fmt.Errorf("пояснення до %q містить блок коду: код — лише на рівні 3", fl.Quote)
		}
	}
	return nil
}

// Explain returns the explanation of the first failure whose quote
// occurs in output, if any.
func (f *File) Explain(output string) (Failure, bool) {
	for _, fl := range f.Failures {
		if strings.Contains(output, fl.Quote) {
			return fl, true
		}
	}
	return Failure{}, false
}
