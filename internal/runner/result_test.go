package runner

import (
	"strings"
	"testing"

	"example.com/lesson27/internal/runner/runnertest"
)

const pkg01 = "example.com/lesson27/exercises/01-import"

// parseFile розбирає записаний вивід go test -json (див. runnertest).
func parseFile(t *testing.T, name string) *Result {
	t.Helper()
	r := Parse(runnertest.Output(name, "01-import"))[pkg01]
	if r == nil {
		t.Fatalf("%s: отримали результати без %s, очікували їх", name, pkg01)
	}
	return r
}

func TestParse(t *testing.T) {
	t.Run("тести пройшли", func(t *testing.T) {
		r := parseFile(t, "pass")
		if !r.Ran || !r.Passed || r.Fails() != 0 || r.Passes() == 0 || r.Status() != "ok" {
			t.Errorf("результат — отримали %+v, очікували пройдений пакет", r)
		}
	})
	t.Run("заготовка падає", func(t *testing.T) {
		r := parseFile(t, "starter")
		if r.Passed || r.BuildFailed || r.Fails() == 0 || r.Status() != "FAIL" {
			t.Fatalf("результат — отримали %+v, очікували тести, що впали", r)
		}
		f := r.FirstFailure(nil)
		want := "GET /: статус — отримали 501 Not Implemented, очікували 200 OK"
		if f.Line != want {
			t.Errorf("перша помилка — отримали %q, очікували %q", f.Line, want)
		}
		if !strings.HasPrefix(f.Where, "main_test.go:") ||
			!strings.Contains(f.Where, "TestGreeting") {
			t.Errorf("де — отримали %q, очікували main_test.go:N, TestGreeting/…", f.Where)
		}
		if !strings.Contains(r.Output(), want) {
			t.Errorf("Output — отримали %q, очікували рядок %q", r.Output(), want)
		}
	})
	t.Run("код не компілюється", func(t *testing.T) {
		r := parseFile(t, "buildfail")
		if !r.BuildFailed || r.Passed {
			t.Fatalf("результат — отримали %+v, очікували збій збирання", r)
		}
		f := r.FirstFailure(nil)
		if !strings.Contains(strings.Join(f.More, "\n"), "undefined: stor") {
			t.Errorf("вивід компілятора — отримали %q, очікували рядок «undefined: stor»", f.More)
		}
		if !strings.Contains(r.Output(), "undefined: stor") {
			t.Errorf("Output — отримали %q, очікували вивід компілятора", r.Output())
		}
	})
	t.Run("паніка", func(t *testing.T) {
		data := `{"Action":"output","Package":"p","Test":"TestX","Output":"panic: ой\n"}
{"Action":"output","Package":"p","Test":"TestX","Output":"goroutine 1\n"}
{"Action":"fail","Package":"p"}`
		r := Parse([]byte(data))["p"]
		if r == nil {
			t.Fatal("пакет p — отримали без результату, очікували результат")
		}
		if f := r.FirstFailure(nil); f.Line != "panic: ой" {
			t.Errorf("перша помилка — отримали %q, очікували «panic: ой»", f.Line)
		}
	})
	t.Run("пакет без тестів", func(t *testing.T) {
		data := `{"Action":"skip","Package":"p"}`
		r := Parse([]byte(data))["p"]
		if r == nil || !r.Passed || r.Status() != "no test files" {
			t.Errorf("результат — отримали %+v, очікували «no test files»", r)
		}
	})
}
