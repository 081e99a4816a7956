package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Exercise — одна вправа курсу: тека exercises/NN-topic.
type Exercise struct {
	Num   string // «01»
	Name  string // «01-import»
	Title string // з першого рядка README: «Привітайте …»
	// Section і Anchor — розділ конспекту з перших рядків README:
	// «Імпорт» і «lesson27/README.uk.md#1-імпорт».
	Section string
	Anchor  string
}

// Dir — тека вправи відносно кореня курсу, через «/».
func (e Exercise) Dir() string { return "exercises/" + e.Name }

// findRoot іде вгору від dir, доки не знайде go.mod курсу, і
// повертає корінь разом з ім'ям модуля.
func findRoot(dir string) (root, module string, err error) {
	for {
		module, err := readModule(filepath.Join(dir, "go.mod"))
		if err == nil {
			if _, e := os.Stat(filepath.Join(dir, "exercises")); e == nil {
				return dir, module, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "", errors.New("не знайшов курсу: запустіть " +
				"команду з теки курсу (там, де go.mod і exercises/)")
		}
		dir = parent
	}
}

// readModule читає ім'я модуля з рядка «module …» файлу go.mod.
func readModule(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m, ok := strings.CutPrefix(sc.Text(), "module "); ok {
			return strings.TrimSpace(m), nil
		}
	}
	return "", fmt.Errorf("%s: немає рядка module", path)
}

var exerciseDir = regexp.MustCompile(`^(\d\d)-[a-z0-9-]+$`)

// loadExercises знаходить вправи в root/exercises і читає з їхніх
// README назву і розділ конспекту.
func loadExercises(root string) ([]Exercise, error) {
	entries, err := os.ReadDir(filepath.Join(root, "exercises"))
	if err != nil {
		return nil, err
	}
	var exs []Exercise
	for _, e := range entries {
		m := exerciseDir.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		ex := Exercise{Num: m[1], Name: e.Name()}
		readme := filepath.Join(root, "exercises", e.Name(), "README.uk.md")
		if data, err := os.ReadFile(readme); err == nil {
			ex.Title, ex.Section, ex.Anchor = parseReadme(string(data))
		}
		exs = append(exs, ex)
	}
	if len(exs) == 0 {
		return nil, errors.New("у теці exercises/ немає вправ")
	}
	sort.Slice(exs, func(i, j int) bool { return exs[i].Name < exs[j].Name })
	return exs, nil
}

var (
	titleLine  = regexp.MustCompile(`^# Вправа \d+\.\s*(.+)$`)
	lessonLink = regexp.MustCompile(
		`\[([^\]]+)\]\(((?:\.\./)+)(lesson27/[^)]+)\)`)
	readmeLines = 12 // посилання на конспект — серед перших рядків
)

// parseReadme бере з README вправи назву (рядок «# Вправа NN. …») і
// перше посилання на конспект серед перших рядків.
func parseReadme(text string) (title, section, anchor string) {
	lines := strings.SplitN(text, "\n", readmeLines+1)
	if len(lines) > readmeLines {
		lines = lines[:readmeLines]
	}
	for _, l := range lines {
		if m := titleLine.FindStringSubmatch(l); m != nil && title == "" {
			title = strings.TrimSpace(m[1])
		}
		if m := lessonLink.FindStringSubmatch(l); m != nil && anchor == "" {
			section, anchor = m[1], m[3]
		}
	}
	return title, section, anchor
}

// pick знаходить вправу за номером: «3», «03», «03-store» чи
// «exercises/03-store/».
func pick(exs []Exercise, arg string) (Exercise, bool) {
	arg = strings.TrimSuffix(filepath.ToSlash(arg), "/")
	arg = strings.TrimPrefix(arg, "./")
	arg = strings.TrimPrefix(arg, "exercises/")
	num, _, _ := strings.Cut(arg, "-")
	if len(num) == 1 {
		num = "0" + num
	}
	for _, e := range exs {
		if e.Num == num && (arg == num || arg == e.Name ||
			strings.TrimLeft(arg, "0") == strings.TrimLeft(num, "0")) {
			return e, true
		}
	}
	return Exercise{}, false
}
