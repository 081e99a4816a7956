package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"regexp"
	"strings"
)

// Runner запускає go test -json для пакетів pkgs у корені курсу і
// повертає його вивід. Тести підставляють замість нього записаний
// вивід, щоб не збирати вправи щоразу.
type Runner func(ctx context.Context, root string, pkgs []string) (
	[]byte, error)

// goTest — справжній Runner. Без -count=1: незмінена вправа, тести
// якої вже пройшли, береться з кешу Go і не запускається знову.
func goTest(ctx context.Context, root string, pkgs []string) ([]byte, error) {
	args := append([]string{"test", "-json"}, pkgs...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && len(out) > 0 {
		// Тести впали: це звичайна відповідь, а не збій.
		err = nil
	}
	if err != nil && stderr.Len() > 0 {
		err = errors.New(strings.TrimSpace(stderr.String()))
	}
	return out, err
}

// Result — що go test сказав про один пакет (вправу).
type Result struct {
	Package     string
	Ran         bool // go test дав пакету вердикт
	Passed      bool
	BuildFailed bool
	Build       []string  // вивід компілятора, якщо код не зібрався
	Lines       []outLine // вивід тестів по рядку, у порядку появи
	Passes      int       // тести верхнього рівня, що пройшли
	Fails       int       // і що впали
}

// outLine — рядок виводу і тест, що його надрукував.
type outLine struct {
	Test string
	Text string
}

// event — один рядок go test -json (див. go doc test2json).
type event struct {
	Action      string
	Package     string
	ImportPath  string
	Test        string
	Output      string
	FailedBuild string
}

// parseTestJSON розбирає вивід go test -json на результати пакетів.
func parseTestJSON(data []byte) map[string]*Result {
	res := map[string]*Result{}
	get := func(pkg string) *Result {
		if res[pkg] == nil {
			res[pkg] = &Result{Package: pkg}
		}
		return res[pkg]
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		switch ev.Action {
		case "build-output":
			// ImportPath тут — «пакет [пакет.test]».
			pkg, _, _ := strings.Cut(ev.ImportPath, " ")
			r := get(pkg)
			r.Build = append(r.Build, strings.TrimRight(ev.Output, "\n"))
			continue
		case "build-fail":
			pkg, _, _ := strings.Cut(ev.ImportPath, " ")
			get(pkg).BuildFailed = true
			continue
		}
		if ev.Package == "" {
			continue
		}
		r := get(ev.Package)
		switch {
		case ev.Action == "output":
			text := strings.TrimRight(ev.Output, "\n")
			r.Lines = append(r.Lines, outLine{ev.Test, text})
		case ev.Test == "" && (ev.Action == "pass" || ev.Action == "skip"):
			r.Ran, r.Passed = true, true
		case ev.Test == "" && ev.Action == "fail":
			r.Ran = true
			if ev.FailedBuild != "" {
				r.BuildFailed = true
			}
		case !strings.Contains(ev.Test, "/") && ev.Action == "pass":
			r.Passes++
		case !strings.Contains(ev.Test, "/") && ev.Action == "fail":
			r.Fails++
		}
	}
	for _, r := range res {
		if r.Ran && !r.Passed && hasBuildFailure(r) {
			r.BuildFailed = true
		}
	}
	return res
}

// hasBuildFailure помічає збій збирання і в старіших версіях Go, що
// пишуть «[build failed]» у рядок FAIL.
func hasBuildFailure(r *Result) bool {
	for _, l := range r.Lines {
		if strings.Contains(l.Text, "[build failed]") ||
			strings.Contains(l.Text, "[setup failed]") {
			return true
		}
	}
	return false
}

// testLine — рядок t.Errorf: «    main_test.go:12: повідомлення».
var testLine = regexp.MustCompile(`^\s+(\w[\w.-]*_test\.go:\d+): (.+)$`)

// Failure — перша помилка вправи, яку варто показати учневі.
type Failure struct {
	Line  string   // перший рядок повідомлення
	Where string   // «main_test.go:12, TestGreeting/перший_візит»
	More  []string // для збою збирання чи паніки — ще кілька рядків
}

// firstFailure знаходить перший рядок, яким тести пояснюють збій.
func firstFailure(r *Result) Failure {
	if r.BuildFailed {
		var lines []string
		for _, l := range r.Build {
			if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
				continue
			}
			lines = append(lines, l)
		}
		f := Failure{Line: "код не компілюється"}
		f.More = head(lines, 6)
		return f
	}
	for _, l := range r.Lines {
		if m := testLine.FindStringSubmatch(l.Text); m != nil {
			where := m[1]
			if l.Test != "" {
				where += ", " + l.Test
			}
			return Failure{Line: m[2], Where: where}
		}
	}
	for i, l := range r.Lines {
		if strings.HasPrefix(l.Text, "panic:") {
			f := Failure{Line: l.Text, Where: l.Test}
			for _, m := range r.Lines[i+1:] {
				f.More = append(f.More, m.Text)
			}
			f.More = head(f.More, 8)
			return f
		}
	}
	var rest []string
	for _, l := range r.Lines {
		if t := strings.TrimSpace(l.Text); t != "" {
			rest = append(rest, l.Text)
		}
	}
	if len(rest) > 6 {
		rest = rest[len(rest)-6:]
	}
	return Failure{Line: "тести впали", More: rest}
}

func head(lines []string, n int) []string {
	if len(lines) > n {
		return append(lines[:n:n], "…")
	}
	return lines
}
