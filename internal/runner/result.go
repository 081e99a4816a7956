package runner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
)

// Result — що go test сказав про один пакет (вправу чи її варіант).
type Result struct {
	Package     string
	Ran         bool // go test дав пакету вердикт
	Passed      bool // тести пройшли (або їх немає)
	NoTests     bool // у пакеті немає тестів
	BuildFailed bool // код не зібрався або його не пропустив go vet
	// Build — вивід компілятора і go vet, рядок за рядком.
	Build []string
	// Lines — вивід тестів, рядок за рядком, у порядку появи.
	Lines []Line
	// Tests — вердикт кожного тесту верхнього рівня: pass, fail, skip.
	Tests map[string]string
	// Race — тести йшли під детектором перегонів (go test -race).
	Race bool
	// RaceSkipped — чому тести, що пройшли, не повторено під
	// детектором перегонів ("" — повторено або не треба було).
	RaceSkipped string `json:",omitempty"`
	// Explained — повідомлення про спільний стан (див. SharedState),
	// записане тоді, коли файли, на які вказує звіт, ще були на місці:
	// перевірка курсу збирає варіанти в тимчасових теках, а вердикт
	// лишається в кеші. nil — спільного стану немає або повідомлення ще
	// не записано.
	Explained *Failure `json:",omitempty"`
	// Cached — вердикт узято з кешу, тести не запускали.
	Cached bool `json:"-"`
}

// Line — рядок виводу (з кінцем рядка, як його надрукували) і тест,
// що його надрукував.
type Line struct {
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

// Parse розбирає вивід go test -json на результати пакетів за
// шляхом імпорту.
func Parse(data []byte) map[string]*Result {
	res := map[string]*Result{}
	get := func(pkg string) *Result {
		if res[pkg] == nil {
			res[pkg] = &Result{Package: pkg, Tests: map[string]string{}}
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
			r.Build = append(r.Build, ev.Output)
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
			r.Lines = append(r.Lines, Line{ev.Test, ev.Output})
		case ev.Test == "" && (ev.Action == "pass" || ev.Action == "skip"):
			r.Ran, r.Passed, r.NoTests = true, true, ev.Action == "skip"
		case ev.Test == "" && ev.Action == "fail":
			r.Ran = true
			if ev.FailedBuild != "" {
				r.BuildFailed = true
			}
		case !strings.Contains(ev.Test, "/") && (ev.Action == "pass" ||
			ev.Action == "fail" || ev.Action == "skip"):
			r.Tests[ev.Test] = ev.Action
		}
	}
	for _, r := range res {
		if r.Ran && !r.Passed && hasBuildFailure(r) {
			r.BuildFailed = true
		}
	}
	return res
}

// hasBuildFailure помічає збій збирання і там, де go test пише лише
// «[build failed]» у рядок FAIL.
func hasBuildFailure(r *Result) bool {
	for _, l := range r.Lines {
		if strings.Contains(l.Text, "[build failed]") ||
			strings.Contains(l.Text, "[setup failed]") {
			return true
		}
	}
	return false
}

// Passes — скільки тестів верхнього рівня пройшли.
func (r *Result) Passes() int { return r.count("pass") }

// Fails — скільки тестів верхнього рівня впали.
func (r *Result) Fails() int { return r.count("fail") }

func (r *Result) count(verdict string) int {
	n := 0
	for _, v := range r.Tests {
		if v == verdict {
			n++
		}
	}
	return n
}

// Status — вердикт словами go test: "ok", "FAIL", "no test files"
// або "", якщо вердикту немає.
func (r *Result) Status() string {
	switch {
	case !r.Ran:
		return ""
	case r.NoTests:
		return "no test files"
	case r.Passed:
		return "ok"
	}
	return "FAIL"
}

// Output — увесь вивід пакета текстом: спершу компілятор і go vet,
// потім тести.
func (r *Result) Output() string {
	var b strings.Builder
	for _, l := range r.Build {
		b.WriteString(l)
	}
	for _, l := range r.Lines {
		b.WriteString(l.Text)
	}
	return b.String()
}

// TimedOut каже, чи тестова програма впала через -timeout.
func (r *Result) TimedOut() bool {
	for _, l := range r.Lines {
		if strings.HasPrefix(l.Text, "panic: test timed out") {
			return true
		}
	}
	return false
}
