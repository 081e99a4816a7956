package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// stateFile — файл у корені курсу, де команда пам'ятає поступ учня.
// Він у .gitignore: це не частина курсу.
const stateFile = ".course-progress.json"

// State — що команда пам'ятає між запусками.
type State struct {
	// Hints — скільки рівнів підказок уже відкрито, за назвою вправи.
	Hints map[string]int `json:"hints,omitempty"`
	// Passed — вправи, тести яких уже проходили. Якщо учень закомітив
	// розв'язок, git не бачить змін, і без цього списку вправа
	// здавалася б незайманою; такі вправи тестуємо завжди.
	Passed []string `json:"passed,omitempty"`
	// RaceReady — версія Go, для якої вже зібрано тести вправ і
	// детектор перегонів (див. race.go).
	RaceReady string `json:"race_ready,omitempty"`
}

// loadState читає стан; файлу ще немає — стан порожній.
func loadState(root string) (State, error) {
	var s State
	data, err := os.ReadFile(filepath.Join(root, stateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return State{}, errors.New(stateFile + " зіпсовано: " +
			err.Error() + "; видаліть його, і команда почне спочатку")
	}
	return s, nil
}

// save записує стан: спершу в тимчасовий файл, потім перейменовує,
// щоб перерваний запис не зіпсував файл.
func (s State) save(root string) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(root, stateFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// setPassed додає вправу до Passed або прибирає з нього і каже, чи
// щось змінилося.
func (s *State) setPassed(name string, passed bool) bool {
	i := slices.Index(s.Passed, name)
	switch {
	case passed && i < 0:
		s.Passed = append(s.Passed, name)
		slices.Sort(s.Passed)
		return true
	case !passed && i >= 0:
		s.Passed = slices.Delete(s.Passed, i, i+1)
		return true
	}
	return false
}
