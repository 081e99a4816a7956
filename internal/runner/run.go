// Package runner — спільний запускач тестів курсу: ним користуються
// і супутник учня (cmd/course), і перевірка курсу (internal/check).
//
// Він запускає go test -json, розбирає його вивід на результати
// пакетів, пам'ятає вердикти в кеші (див. cache.go), повторює тести,
// що пройшли, під детектором перегонів (див. suite.go і race.go) і
// вирішує, які вправи учень змінив (див. changed.go). Одне правило
// для учня і для викладача: вправа, яку перевірка курсу вважає
// розв'язаною, розв'язана і для супутника, і навпаки.
package runner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
)

// Runner запускає go test -json з аргументами args (спершу прапорці,
// потім пакети) у теці dir і повертає його стандартний вивід. Тести,
// що впали, — звичайна відповідь, а не помилка; помилка — коли go
// test не зміг працювати (тоді в ній його stderr). Тести підставляють
// замість нього записаний вивід, щоб не збирати вправи щоразу.
type Runner func(ctx context.Context, dir string, args []string) (
	[]byte, error)

// GoTest — справжній Runner без додаткових налаштувань.
var GoTest Runner = Exec{}.Run

// Exec — справжній Runner з налаштуваннями.
type Exec struct {
	// Env додається до змінних середовища go test.
	Env []string
	// Echo, якщо не nil, одразу отримує вивід тестів (текст, не
	// JSON), поки вони йдуть: так перевірка курсу з -v показує його.
	Echo io.Writer
}

// Run запускає go test -json args у теці dir.
func (x Exec) Run(ctx context.Context, dir string, args []string) (
	[]byte, error) {
	cmd := exec.CommandContext(ctx, "go",
		append([]string{"test", "-json"}, args...)...)
	cmd.Dir = dir
	if len(x.Env) > 0 {
		cmd.Env = append(os.Environ(), x.Env...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var err error
	if x.Echo == nil {
		err = cmd.Run()
	} else {
		pr, pw := io.Pipe()
		cmd.Stdout = pw
		done := make(chan struct{})
		go func() {
			echo(io.TeeReader(pr, &stdout), x.Echo)
			close(done)
		}()
		err = cmd.Run()
		pw.Close()
		<-done
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && bytes.Contains(stdout.Bytes(),
		[]byte(`"Action"`)) {
		// Тести впали: це звичайна відповідь, а не збій.
		err = nil
	}
	if err != nil && stderr.Len() > 0 {
		err = errors.New(strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), err
}

// echo переписує у w текст подій виводу з потоку go test -json r.
func echo(r io.Reader, w io.Writer) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) == nil &&
			(ev.Action == "output" || ev.Action == "build-output") {
			io.WriteString(w, ev.Output)
		}
	}
	io.Copy(io.Discard, r)
}
