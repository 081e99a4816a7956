package runner

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Звіт детектора перегонів у виводі тестів виглядає так:
//
//	==================
//	WARNING: DATA RACE
//	Write at 0x00c000094510 by goroutine 10:
//	  example.com/lesson27/exercises/01-import.home()
//	      /…/exercises/01-import/main.go:31 +0x89
//	  …
//	Previous read at 0x00c000094510 by goroutine 11:
//	  …
//	==================
//
// Назви змінної в ньому немає, лише адреса і місця в коді. Тож
// назву шукаємо самі: у рядку коду, на який вказує звіт, — першу
// змінну, оголошену на рівні пакета.

// raceAccess — один доступ до пам'яті зі звіту.
type raceAccess struct {
	kind string // «Write», «Previous read», «Atomic write»…
	file string // файл учня, як його бачив компілятор
	line int
}

// raceReport — перший звіт детектора у виводі пакета.
type raceReport struct {
	test     string
	accesses []raceAccess
	// fatal — якщо не детектор, а сама програма впала на мапі, яку
	// змінювали дві горутини одночасно: «concurrent map writes» тощо.
	fatal string
}

var (
	raceAccessLine = regexp.MustCompile(`^((?:Previous )?` +
		`(?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)) at 0x[0-9a-f]+ by .+:$`)
	raceFrameFunc = regexp.MustCompile(`^\s+(\S+)\(.*\)$`)
	raceFrameFile = regexp.MustCompile(
		`^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
)

// DataRace каже, чи детектор перегонів знайшов перегони в цьому
// пакеті.
func (r *Result) DataRace() bool { return r.dataRace() != nil }

// SharedState каже, чи тести впали через спільний стан: перегони
// знайшов детектор, або програма впала, бо дві горутини змінювали
// одну мапу одночасно («fatal error: concurrent map writes»). Це
// звичайний вердикт, а не збій тестів: FirstFailure пояснює його
// рядком «спільний стан: …».
func (r *Result) SharedState() bool {
	return r.dataRace() != nil || r.mapCrash() != nil
}

// mapFatal — рядок, яким програма падає на одночасній зміні мапи;
// goFrameFunc і goFrameFile — рядки її стеку (без відступу, з
// табуляцією).
var (
	mapFatal    = regexp.MustCompile(`^fatal error: (concurrent map .+)$`)
	goFrameFunc = regexp.MustCompile(`^(\S+)\(.*\)$`)
	goFrameFile = regexp.MustCompile(`^\t(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
)

// mapCrash розбирає падіння на одночасній зміні мапи: перше місце в
// коді пакета у стеку горутини, що впала. Або nil.
func (r *Result) mapCrash() *raceReport {
	var rep *raceReport
	fn := ""
	for _, l := range r.Lines {
		text := strings.TrimRight(l.Text, "\n")
		if rep == nil {
			if m := mapFatal.FindStringSubmatch(text); m != nil {
				rep = &raceReport{test: l.Test, fatal: m[1]}
			}
			continue
		}
		if strings.HasPrefix(text, "created by ") {
			break
		}
		if m := goFrameFunc.FindStringSubmatch(text); m != nil {
			fn = m[1]
			continue
		}
		m := goFrameFile.FindStringSubmatch(text)
		if m != nil && strings.HasPrefix(fn, r.Package+".") &&
			!strings.HasSuffix(m[1], "_test.go") {
			n, _ := strconv.Atoi(m[2])
			// Падає та горутина, що помітила іншу: для «writes» вона
			// писала, інакше читала чи обходила мапу.
			kind := "read"
			if strings.HasSuffix(rep.fatal, "writes") {
				kind = "write"
			}
			rep.accesses = []raceAccess{{kind: kind, file: m[1], line: n}}
			break
		}
	}
	return rep
}

// dataRace розбирає перший звіт детектора або повертає nil.
func (r *Result) dataRace() *raceReport {
	start := -1
	for i, l := range r.Lines {
		if strings.TrimSpace(l.Text) == "WARNING: DATA RACE" {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	rep := &raceReport{test: r.Lines[start].Test}
	var cur *raceAccess
	fn := ""
	for _, l := range r.Lines[start+1:] {
		text := strings.TrimRight(l.Text, "\n")
		if strings.HasPrefix(text, "==================") {
			break
		}
		if m := raceAccessLine.FindStringSubmatch(text); m != nil {
			rep.accesses = append(rep.accesses, raceAccess{kind: m[1]})
			cur = &rep.accesses[len(rep.accesses)-1]
			continue
		}
		if text == "" || !strings.HasPrefix(text, " ") {
			cur = nil // «Goroutine N created at:» і далі — не доступ
			continue
		}
		if m := raceFrameFunc.FindStringSubmatch(text); m != nil {
			fn = m[1]
			continue
		}
		m := raceFrameFile.FindStringSubmatch(text)
		if m == nil || cur == nil || cur.file != "" {
			continue
		}
		// Перше місце в коді пакета, а не в бібліотеці чи в тестах.
		if strings.HasPrefix(fn, r.Package+".") &&
			!strings.HasSuffix(m[1], "_test.go") {
			cur.file = m[1]
			cur.line, _ = strconv.Atoi(m[2])
		}
	}
	return rep
}

// Назви доступів українською.
var raceKinds = map[string]string{
	"write":                 "запис",
	"read":                  "читання",
	"atomic write":          "атомарний запис",
	"atomic read":           "атомарне читання",
	"previous write":        "попередній запис",
	"previous read":         "попереднє читання",
	"previous atomic write": "попередній атомарний запис",
	"previous atomic read":  "попереднє атомарне читання",
}

// failure пише звіт як помилку курсу: «спільний стан: ЩО — отримали
// X, очікували Y» і місця в коді.
func (rep *raceReport) failure(src source) Failure {
	f := Failure{SharedState: true, Where: "go test -race"}
	if rep.fatal != "" {
		f.Where = "fatal error: " + rep.fatal
	}
	if rep.test != "" {
		f.Where += ", " + rep.test
	}
	writes := 0
	name, decl, first := "", "", ""
	for _, a := range rep.accesses {
		kind := strings.ToLower(a.kind)
		if strings.HasSuffix(kind, "write") {
			writes++
		}
		if a.file == "" {
			continue
		}
		code := strings.TrimSpace(src.line(a.file, a.line))
		where := fmt.Sprintf("%s:%d", filepath.Base(a.file), a.line)
		label := raceKinds[kind]
		if label == "" {
			label = a.kind
		}
		f.More = append(f.More, fmt.Sprintf("%s: %s  %s", label, where, code))
		if first == "" {
			first = where
		}
		if name == "" {
			name, decl = src.packageVar(a.file, code)
		}
	}
	got := "запис і читання з двох горутин одночасно"
	if writes > 1 {
		got = "запис із двох горутин одночасно"
	}
	if rep.fatal != "" {
		// Програма впала на мапі: з обох горутин, якщо «writes».
		got = "запис у мапу і читання її з двох горутин одночасно"
		if strings.HasSuffix(rep.fatal, "writes") {
			got = "запис у мапу з двох горутин одночасно"
		}
	}
	what := "дані поза кодом вправи"
	switch {
	case name != "":
		what = "змінна " + name + " на рівні пакета"
		f.More = append(f.More, "змінну "+name+" оголошено тут: "+decl)
	case first != "":
		what = first
	}
	f.Line = "спільний стан: " + what + " — отримали " + got +
		", очікували, що одночасні запити не змінюють спільних даних " +
		"без синхронізації"
	return f
}

// source читає файли програми так, як їх бачив компілятор.
type source struct {
	overlay map[string]string
}

func (s source) read(name string) ([]byte, error) {
	if real, ok := s.overlay[name]; ok {
		name = real
	}
	return os.ReadFile(name)
}

// line — рядок n файлу name або "".
func (s source) line(name string, n int) string {
	data, err := s.read(name)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// goFiles — файли .go пакета в теці dir, крім тестів: з диска і з
// overlay.
func (s source) goFiles(dir string) []string {
	seen := map[string]bool{}
	var files []string
	add := func(name string) {
		if strings.HasSuffix(name, ".go") &&
			!strings.HasSuffix(name, "_test.go") && !seen[name] {
			seen[name] = true
			files = append(files, name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		add(filepath.Join(dir, e.Name()))
	}
	for name := range s.overlay {
		if filepath.Dir(name) == dir {
			add(name)
		}
	}
	return files
}

// packageVar шукає в рядку коду code з файлу file першу змінну,
// оголошену на рівні пакета, і повертає її назву та місце
// оголошення («main.go:12»).
func (s source) packageVar(file, code string) (name, decl string) {
	vars := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range s.goFiles(filepath.Dir(file)) {
		data, err := s.read(f)
		if err != nil {
			continue
		}
		af, err := parser.ParseFile(fset, f, data,
			parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range af.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					p := fset.Position(id.Pos())
					vars[id.Name] = fmt.Sprintf("%s:%d",
						filepath.Base(p.Filename), p.Line)
				}
			}
		}
	}
	var sc scanner.Scanner
	lf := token.NewFileSet().AddFile("", -1, len(code))
	sc.Init(lf, []byte(code), nil, 0)
	prev := token.ILLEGAL
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			return "", ""
		}
		// Після крапки — поле чи метод, а не змінна пакета.
		if tok == token.IDENT && prev != token.PERIOD && vars[lit] != "" &&
			lit != "_" {
			return lit, vars[lit]
		}
		prev = tok
	}
}
