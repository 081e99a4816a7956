package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Package — один пакет, який треба перевірити.
type Package struct {
	// Arg — як пакет назвати go test: «./exercises/01-import/».
	Arg string
	// ImportPath — як його називає вивід go test -json.
	ImportPath string
	// Slot — місце пакета в кеші вердиктів; "" — не кешувати.
	Slot string
	// Files — файли, з яких зібрано пакет (ім'я → файл на диску), для
	// ключа кешу; nil — не кешувати.
	Files map[string]string
	// Race — коли тести пройдуть, повторити їх під детектором
	// перегонів: розв'язано лише те, що проходить і там.
	Race bool
}

// Suite запускає тести пакетів за одним правилом для учня і для
// викладача:
//
//  1. вердикти, які вже є в кеші (той самий код), беруться звідти;
//  2. решта пакетів — один запуск go test на всіх;
//  3. пакети з Race, тести яких пройшли, — ще один запуск, з -race.
//
// Другий запуск — лише для коду, що вже пройшов: поки тести падають,
// учень чекає тільки на звичайний go test, а детектор (збирання й
// запуск у кілька разів повільніші) працює один раз, коли вправа
// майже розв'язана. Так спільний стан (змінна пакета, яку ділять усі
// відвідувачі) не пройде непоміченим.
type Suite struct {
	Dir   string   // корінь модуля курсу
	Flags []string // прапорці go test для всіх запусків
	Run   Runner   // nil — GoTest
	Cache *Cache   // nil — без кешу
	// Overlay — те саме, що у файлі go test -overlay (шлях, під яким
	// компілятор бачить файл → файл на диску): з нього читаються рядки
	// коду для повідомлення про перегони.
	Overlay map[string]string
	// Announce, якщо не nil, дізнається перед кожним запуском go
	// test, скільки пакетів він перевіряє і скільки вердиктів узято з
	// кешу; race — запуск під детектором перегонів.
	Announce func(race bool, run, cached int)
}

// RaceFlags — прапорці другого запуску: детектор перегонів без go
// vet (vet уже був у першому).
var RaceFlags = []string{"-race", "-vet=off"}

// Test перевіряє пакети pkgs і повертає результати за шляхом імпорту.
// Пакета, про який go test нічого не сказав, у відповіді немає.
// Помилка — лише коли go test не зміг працювати зовсім.
func (s *Suite) Test(ctx context.Context, pkgs []Package) (
	map[string]*Result, error) {
	s.Cache.refresh()
	res, err := s.stage(ctx, pkgs, false)
	if err != nil {
		return nil, err
	}
	var again []Package
	for _, p := range pkgs {
		if r := res[p.ImportPath]; p.Race && r != nil && r.Passed &&
			!r.NoTests {
			again = append(again, p)
		}
	}
	if len(again) == 0 {
		return res, nil
	}
	race, err := s.stage(ctx, again, true)
	for _, p := range again {
		switch r := race[p.ImportPath]; {
		case r != nil && r.Ran:
			res[p.ImportPath] = r
		case ctx.Err() != nil:
		case err != nil:
			res[p.ImportPath].RaceSkipped = err.Error()
		default:
			res[p.ImportPath].RaceSkipped = "go test -race не дав вердикту"
		}
	}
	return res, nil
}

// stage — один запуск go test на пакети, вердиктів яких немає в
// кеші.
func (s *Suite) stage(ctx context.Context, pkgs []Package, race bool) (
	map[string]*Result, error) {
	flags := s.Flags
	slot := ""
	if race {
		flags = append(append([]string(nil), s.Flags...), RaceFlags...)
		slot = "-race"
	}
	res := map[string]*Result{}
	keys := map[string]string{}
	var args []string
	for _, p := range pkgs {
		key := ""
		if p.Slot != "" {
			key = s.Cache.Key(p.Files, flags)
		}
		if r := s.Cache.Get(p.Slot+slot, key); r != nil {
			res[p.ImportPath] = r
			continue
		}
		keys[p.ImportPath] = key
		args = append(args, p.Arg)
	}
	if s.Announce != nil {
		s.Announce(race, len(args), len(res))
	}
	if len(args) == 0 {
		return res, nil
	}
	run := s.Run
	if run == nil {
		run = GoTest
	}
	out, err := run(ctx, s.Dir, append(append([]string(nil), flags...),
		args...))
	got := Parse(out)
	for _, p := range pkgs {
		key, ran := keys[p.ImportPath]
		r := got[p.ImportPath]
		if !ran || r == nil {
			continue
		}
		r.Race = race
		if r.SharedState() {
			// Тимчасові теки перевірки курсу зникнуть, а вердикт
			// лишиться в кеші: повідомлення пишемо зараз.
			f := r.FirstFailure(s.Overlay)
			r.Explained = &f
		}
		res[p.ImportPath] = r
		if ctx.Err() == nil {
			s.Cache.Put(p.Slot+slot, key, r)
		}
	}
	if len(got) == 0 && err == nil {
		err = errors.New("go test нічого не сказав про пакети")
	}
	if len(got) > 0 {
		err = nil
	}
	return res, err
}

// Warm збирає наперед усе, від чого залежать тести пакетів patterns:
// спершу так, як їх збирає go test (разом із go vet, що аналізує і
// стандартну бібліотеку), потім для детектора перегонів — без
// пакетів, для яких skip каже true (код учня може й не
// компілюватися). Перше збирання — це вся потрібна частина
// стандартної бібліотеки, і з -race ще раз; на двох ядрах це близько
// хвилини. Далі Go бере все зі свого кешу. Так учень платить за це
// один раз, на початку, а не тоді, коли вперше запустить тести чи
// коли вони вперше пройдуть.
func Warm(ctx context.Context, dir string, patterns []string,
	skip func(importPath string) bool) error {
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = dir
		return output(cmd)
	}
	// Тести тут не запускаються (-run=^$), а вправа, що не
	// компілюється, — не помилка підготовки: її покажуть тести.
	run(append([]string{"test", "-count=1", "-run=^$"}, patterns...)...)
	out, err := run(append([]string{"list", "-deps", "-test", "-f",
		"{{if not .ForTest}}{{.ImportPath}}{{end}}"}, patterns...)...)
	if err != nil {
		return err
	}
	args := []string{"build", "-race"}
	for _, p := range strings.Fields(out) {
		if !strings.HasSuffix(p, ".test") && !skip(p) {
			args = append(args, p)
		}
	}
	_, err = run(args...)
	return err
}

// output запускає команду; помилка несе її stderr.
func output(cmd *exec.Cmd) (string, error) {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && stderr.Len() > 0 {
		err = fmt.Errorf("%s", strings.TrimSpace(stderr.String()))
	}
	return string(out), err
}
