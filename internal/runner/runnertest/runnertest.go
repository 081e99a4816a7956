// Package runnertest — підставний go test для тестів супутника курсу
// і спільного запускача: записаний вивід go test -json замість
// справжнього збирання вправ.
//
// Записи (з вправи 01-import):
//
//   - pass.json — тести пройшли;
//   - starter.json — заготовка: тести падають з 501;
//   - buildfail.json — код не компілюється;
//   - race.json — під -race: змінна session на рівні пакета
//     (RacyMain), детектор перегонів знайшов спільний стан. Шляхи у
//     звіті — /course/exercises/01-import/….
//   - mapcrash.json — без -race той самий код (RacyMain) упав:
//     «fatal error: concurrent map iteration and map write».
package runnertest

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"path"
	"slices"
	"strings"
	"sync"
)

//go:embed *.json
var records embed.FS

// RacyMain — код вправи 01, для якої записано race.json.
//
//go:embed racy-main.go.txt
var RacyMain string

// ErrRaceNeedsCgo — що каже go test -race без компілятора C.
var ErrRaceNeedsCgo = errors.New(
	"go: -race requires cgo; enable cgo by setting CGO_ENABLED=1")

// Output — запис name («pass», «starter», «buildfail», «race») для
// вправи exercise (як «02-secret-key»).
func Output(name, exercise string) []byte {
	data, err := records.ReadFile(name + ".json")
	if err != nil {
		panic(err)
	}
	return bytes.ReplaceAll(data, []byte("exercises/01-import"),
		[]byte("exercises/"+exercise))
}

// Fake — підставний go test: для кожного пакета в аргументах віддає
// race для Racy під -race, pass для Passing, starter для решти.
// Пам'ятає аргументи кожного запуску.
type Fake struct {
	Passing map[string]bool
	Racy    map[string]bool
	NoRace  bool // -race недоступний, як без компілятора C

	mu    sync.Mutex
	calls [][]string
}

// Run — функція з підписом runner.Runner.
func (f *Fake) Run(_ context.Context, _ string, args []string) (
	[]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, args)
	race := slices.Contains(args, "-race")
	if race && f.NoRace {
		return nil, ErrRaceNeedsCgo
	}
	var out []byte
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		name := path.Base(a)
		record := "starter"
		switch {
		case race && f.Racy[name]:
			record = "race"
		case f.Passing[name]:
			record = "pass"
		}
		out = append(out, Output(record, name)...)
	}
	return out, nil
}

// Calls — аргументи кожного запуску, по порядку.
func (f *Fake) Calls() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// Reset забуває запуски.
func (f *Fake) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = nil
}
