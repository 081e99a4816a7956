package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"example.com/lesson27/internal/runner/runnertest"
)

// pkgs — пакети вправ names з файлами для ключа кешу в теці dir.
func pkgs(t *testing.T, dir string, names ...string) []Package {
	t.Helper()
	var ps []Package
	for _, n := range names {
		f := filepath.Join(dir, n+".go")
		if err := os.WriteFile(f, []byte("package main // "+n), 0o644); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, Package{
			Arg: "./exercises/" + n + "/", ImportPath: "example.com/lesson27/exercises/" + n,
			Slot: "test-" + n, Files: map[string]string{"main.go": f}, Race: true,
		})
	}
	return ps
}

func TestSuite(t *testing.T) {
	dir := t.TempDir()
	ps := pkgs(t, dir, "01-import", "02-secret-key", "03-store")
	fake := &runnertest.Fake{
		Passing: map[string]bool{"01-import": true, "02-secret-key": true},
		Racy:    map[string]bool{"02-secret-key": true},
	}
	s := &Suite{Dir: dir, Run: fake.Run, Cache: openCacheAt(dir, filepath.Join(dir, "cache")),
		Overlay: map[string]string{
			"/course/exercises/02-secret-key/main.go": "runnertest/racy-main.go.txt",
		}}
	test := func() map[string]*Result {
		t.Helper()
		res, err := s.Test(context.Background(), ps)
		if err != nil {
			t.Fatalf("Test — отримали помилку %v, очікували nil", err)
		}
		return res
	}
	res := test()
	want := [][]string{
		{"./exercises/01-import/", "./exercises/02-secret-key/", "./exercises/03-store/"},
		{"-race", "-vet=off", "./exercises/01-import/", "./exercises/02-secret-key/"},
	}
	if got := fake.Calls(); !reflect.DeepEqual(got, want) {
		t.Errorf("запуски go test — отримали %q, очікували %q "+
			"(під -race — лише ті, що пройшли)", got, want)
	}
	for name, wantPassed := range map[string]bool{
		"01-import": true, "02-secret-key": false, "03-store": false,
	} {
		r := res["example.com/lesson27/exercises/"+name]
		if r == nil || r.Passed != wantPassed {
			t.Errorf("%s: Passed — отримали %+v, очікували %v", name, r, wantPassed)
		}
	}
	r := res["example.com/lesson27/exercises/02-secret-key"]
	if !r.Race || !r.DataRace() {
		t.Errorf("02: Race, DataRace — отримали %v, %v, очікували true, true", r.Race, r.DataRace())
	}

	// Повідомлення записано, поки файли були на місці: з кешу воно те
	// саме, хоч overlay уже інший (тимчасові теки перевірки зникли).
	named := "спільний стан: змінна session на рівні пакета"
	if f := r.FirstFailure(nil); !strings.HasPrefix(f.Line, named) {
		t.Errorf("02: перша помилка — отримали %q, очікували «%s …»", f.Line, named)
	}
	s.Overlay = nil
	fake.Reset()
	res = test()
	if got := fake.Calls(); len(got) != 0 {
		t.Errorf("запуски go test з тим самим кодом — отримали %q, очікували жодного (кеш)",
			got)
	}
	r = res["example.com/lesson27/exercises/02-secret-key"]
	if r == nil || !r.Cached || !r.DataRace() {
		t.Fatalf("02 з кешу — отримали %+v, очікували перегони з кешу", r)
	}
	if f := r.FirstFailure(nil); !strings.HasPrefix(f.Line, named) {
		t.Errorf("02 з кешу: перша помилка — отримали %q, очікували «%s …»", f.Line, named)
	}

	os.WriteFile(ps[1].Files["main.go"], []byte("package main // змінено"), 0o644)
	fake.Reset()
	test()
	want = [][]string{{"./exercises/02-secret-key/"},
		{"-race", "-vet=off", "./exercises/02-secret-key/"}}
	if got := fake.Calls(); !reflect.DeepEqual(got, want) {
		t.Errorf("запуски після правки 02 — отримали %q, очікували %q", got, want)
	}

	t.Run("без детектора перегонів", func(t *testing.T) {
		fake := &runnertest.Fake{Passing: map[string]bool{"01-import": true}, NoRace: true}
		s := &Suite{Dir: dir, Run: fake.Run}
		res, err := s.Test(context.Background(), ps[:1])
		if err != nil {
			t.Fatalf("Test — отримали помилку %v, очікували nil", err)
		}
		r := res["example.com/lesson27/exercises/01-import"]
		if r == nil || !r.Passed || r.Race || !strings.Contains(r.RaceSkipped, "requires cgo") {
			t.Errorf("результат — отримали %+v, очікували пройдений без -race і причину", r)
		}
	})
	t.Run("go test не запустився", func(t *testing.T) {
		s := &Suite{Dir: dir, Run: func(context.Context, string, []string) ([]byte, error) {
			return nil, errors.New("go: не той go.mod")
		}}
		if _, err := s.Test(context.Background(), ps[:1]); err == nil {
			t.Error("Test — отримали nil, очікували помилку")
		}
	})
}

// Вердикт без рішення (збій збирання, -timeout) не кешується.
func TestCachePut(t *testing.T) {
	dir := t.TempDir()
	c := openCacheAt(dir, filepath.Join(dir, "cache"))
	f := filepath.Join(dir, "main.go")
	os.WriteFile(f, []byte("package main"), 0o644)
	key := c.Key(map[string]string{"main.go": f}, nil)
	for name, r := range map[string]*Result{
		"без вердикту":  {},
		"збій збирання": {Ran: true, BuildFailed: true},
		"перевищено час": {Ran: true,
			Lines: []Line{{"TestX", "panic: test timed out after 1m0s\n"}}},
	} {
		c.Put("p", key, r)
		if got := c.Get("p", key); got != nil {
			t.Errorf("%s: Get — отримали %+v, очікували nil", name, got)
		}
	}
	c.Put("p", key, &Result{Ran: true, Passed: true})
	if c.Get("p", key) == nil {
		t.Error("вердикт, що пройшов: Get — отримали nil, очікували вердикт")
	}
	if c.Get("p", c.Key(map[string]string{"main.go": f}, []string{"-race"})) != nil {
		t.Error("інші прапорці: Get — отримали вердикт, очікували nil")
	}
	if c.Key(map[string]string{"main.go": f}, []string{"-overlay=/tmp/a.json"}) != key {
		t.Error("інший файл -overlay: ключ — отримали інший, очікували той самий")
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x"), 0o644)
	c2 := openCacheAt(dir, filepath.Join(dir, "cache"))
	if c2.Get("p", c2.Key(map[string]string{"main.go": f}, nil)) != nil {
		t.Error("змінився go.mod: Get — отримали вердикт, очікували nil")
	}
}
