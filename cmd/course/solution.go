package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// cmdSolution показує різницю між кодом учня і розв'язком курсу, як
// крок Exercism «порівняйте з іншими». Лише коли тести вправи
// проходять: інакше розв'язок зіпсує задачу. -force — показати все
// одно.
func (a *app) cmdSolution(ctx context.Context, args []string) (
	int, error) {
	pos, flags, err := parseArgs(args, "force")
	if err != nil {
		return exitUsage, err
	}
	e, _, err := a.exercise(ctx, pos, false)
	if err != nil {
		return exitUsage, err
	}
	sol := "solutions/" + e.Name
	if _, err := os.Stat(filepath.Join(a.root, sol)); err != nil {
		return exitFail, fmt.Errorf("розв'язку вправи %s немає (%s)",
			e.Num, sol)
	}
	if !flags["force"] {
		r, err := a.testOne(ctx, *e, nil)
		if err != nil {
			return exitFail, err
		}
		if !r.Passed {
			fmt.Fprintf(a.out, "Вправу %s ще не розв'язано: спершу "+
				"тести.\n  go run ./cmd/course test %s\n"+
				"Побачити розв'язок усе одно: "+
				"go run ./cmd/course solution %s -force\n",
				e.Num, e.Num, e.Num)
			return exitFail, nil
		}
	}
	files, err := solutionFiles(a.root, sol)
	if err != nil {
		return exitFail, err
	}
	fmt.Fprintf(a.out, "Вправа %s: ваш код (−) і один із можливих "+
		"розв'язків (+).\n", e.Num)
	for _, name := range files {
		mine := e.Dir() + "/" + name
		d, err := diffFiles(a.root, mine, sol+"/"+name)
		if err != nil {
			return exitFail, err
		}
		if d == "" {
			fmt.Fprintf(a.out, "\n%s — такий самий, як у розв'язку.\n",
				mine)
			continue
		}
		fmt.Fprintln(a.out)
		fmt.Fprint(a.out, d)
	}
	return exitOK, nil
}

// solutionFiles — файли розв'язку без testdata.
func solutionFiles(root, sol string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(sol)))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// diffFiles — git diff --no-index між двома файлами; порожній рядок,
// якщо вони однакові.
func diffFiles(root, a, b string) (string, error) {
	cmd := exec.Command("git", "diff", "--no-index", "--no-color",
		"--", a, b)
	cmd.Dir = root
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		// Код 1 — файли різні: це і є відповідь.
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("git diff %s %s: %w", a, b, err)
	}
	return strings.TrimPrefix(string(out), "\n"), nil
}
