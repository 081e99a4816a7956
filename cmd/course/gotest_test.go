package main

import (
	"os"
	"strings"
	"testing"
)

const pkg01 = "example.com/lesson27/exercises/01-import"

func parseFile(t *testing.T, name string) *Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	r := parseTestJSON(data)[pkg01]
	if r == nil {
		t.Fatalf("%s: отримали результати без %s, очікували їх", name, pkg01)
	}
	return r
}

func TestParseTestJSON(t *testing.T) {
	t.Run("тести пройшли", func(t *testing.T) {
		r := parseFile(t, "pass.json")
		if !r.Ran || !r.Passed || r.Fails != 0 || r.Passes == 0 {
			t.Errorf("результат — отримали %+v, очікували пройдений пакет", r)
		}
	})
	t.Run("заготовка падає", func(t *testing.T) {
		r := parseFile(t, "starter.json")
		if r.Passed || r.BuildFailed || r.Fails == 0 {
			t.Fatalf("результат — отримали %+v, очікували тести, що впали", r)
		}
		f := firstFailure(r)
		want := "GET /: статус — отримали 501 Not Implemented, очікували 200 OK"
		if f.Line != want {
			t.Errorf("перша помилка — отримали %q, очікували %q", f.Line, want)
		}
		if !strings.HasPrefix(f.Where, "main_test.go:") ||
			!strings.Contains(f.Where, "TestGreeting") {
			t.Errorf("де — отримали %q, очікували main_test.go:N, TestGreeting/…", f.Where)
		}
	})
	t.Run("код не компілюється", func(t *testing.T) {
		r := parseFile(t, "buildfail.json")
		if !r.BuildFailed || r.Passed {
			t.Fatalf("результат — отримали %+v, очікували збій збирання", r)
		}
		f := firstFailure(r)
		if !strings.Contains(strings.Join(f.More, "\n"), "undefined: stor") {
			t.Errorf("вивід компілятора — отримали %q, очікували рядок «undefined: stor»", f.More)
		}
	})
	t.Run("паніка", func(t *testing.T) {
		data := `{"Action":"output","Package":"p","Test":"TestX","Output":"panic: ой\n"}
{"Action":"output","Package":"p","Test":"TestX","Output":"goroutine 1\n"}
{"Action":"fail","Package":"p"}`
		r := parseTestJSON([]byte(data))["p"]
		if r == nil {
			t.Fatal("пакет p — отримали без результату, очікували результат")
		}
		if f := firstFailure(r); f.Line != "panic: ой" {
			t.Errorf("перша помилка — отримали %q, очікували «panic: ой»", f.Line)
		}
	})
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{1: "тест", 2: "тести", 5: "тестів", 11: "тестів",
		21: "тест", 22: "тести", 112: "тестів"} {
		if got := plural(n, "тест", "тести", "тестів"); got != want {
			t.Errorf("plural(%d) — отримали %q, очікували %q", n, got, want)
		}
	}
}
