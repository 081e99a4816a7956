// Command course — супутник учня: показує поступ у вправах, запускає
// тести, відкриває підказки по одній і стежить за файлами, як
// rustlings.
//
//	go run ./cmd/course              огляд: що розв'язано і що далі
//	go run ./cmd/course test [NN]    тести однієї вправи
//	go run ./cmd/course hint [NN]    наступна підказка
//	go run ./cmd/course watch [NN]   перевіряти після кожного збереження
//	go run ./cmd/course reset NN     повернути заготовку (з копією)
//	go run ./cmd/course solution NN  порівняти з розв'язком
//
// Коди виходу: 0 — усе гаразд, 1 — тести падають (або щось не
// вдалося), 2 — неправильна команда.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"example.com/lesson27/internal/runner"
)

// Коди виходу.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// app — усе, що потрібно командам: курс і залежності, які тести
// підміняють.
type app struct {
	root      string
	module    string
	exercises []Exercise
	out       io.Writer
	in        io.Reader
	run       runner.Runner
	now       func() time.Time
	// cache — вердикти тестів, щоб не запускати незмінений код знову.
	cache *runner.Cache
	// warm збирає для детектора перегонів те, від чого залежать тести
	// вправ (див. race.go).
	warm func(context.Context) error
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := start(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// start знаходить курс від поточної теки і виконує команду.
func start(ctx context.Context, args []string) int {
	wd, err := os.Getwd()
	if err == nil {
		var a *app
		a, err = newApp(wd)
		if err == nil {
			return a.main(ctx, args)
		}
	}
	fmt.Fprintln(os.Stderr, "course:", err)
	return exitFail
}

// newApp готує команду для курсу, що містить теку dir.
func newApp(dir string) (*app, error) {
	root, module, err := findRoot(dir)
	if err != nil {
		return nil, err
	}
	exs, err := loadExercises(root)
	if err != nil {
		return nil, err
	}
	a := &app{
		root: root, module: module, exercises: exs,
		out: os.Stdout, in: os.Stdin, run: runner.GoTest, now: time.Now,
		cache: runner.OpenCache(root),
	}
	a.warm = a.warmRace
	return a, nil
}

// usageError — неправильний виклик: код виходу 2 і коротка довідка.
type usageError string

func (e usageError) Error() string { return string(e) }

// main виконує команду args і повертає код виходу.
func (a *app) main(ctx context.Context, args []string) int {
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	var code int
	var err error
	switch cmd {
	case "", "test", "watch":
		// Перша з команд, що запускають тести, готує детектор
		// перегонів (див. race.go).
		a.prepareRace(ctx)
	}
	switch cmd {
	case "":
		code, err = a.cmdProgress(ctx)
	case "test":
		code, err = a.cmdTest(ctx, args)
	case "hint":
		code, err = a.cmdHint(ctx, args)
	case "watch":
		code, err = a.cmdWatch(ctx, args)
	case "reset":
		code, err = a.cmdReset(ctx, args)
	case "solution":
		code, err = a.cmdSolution(ctx, args)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(a.out, usage)
		return exitOK
	default:
		err = usageError(fmt.Sprintf("невідома команда %q", cmd))
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(a.out, "course: %s\n\n%s", ue, usage)
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitOK
	case err != nil:
		fmt.Fprintln(a.out, "course:", err)
		return exitFail
	}
	return code
}

const usage = `Як користуватися:

  go run ./cmd/course              що розв'язано і яка вправа далі
  go run ./cmd/course test [NN]    тести вправи NN (типово — наступної)
  go run ./cmd/course hint [NN]    наступна підказка: поштовх → ідея →
                                   майже код
  go run ./cmd/course watch [NN]   перевіряти вправу після кожного
                                   збереження (типово — ту, над якою
                                   ви працюєте); вийти — Ctrl+C
  go run ./cmd/course reset NN     повернути заготовку вправи NN; ваш
                                   файл лишиться поруч (-y — не питати)
  go run ./cmd/course solution NN  ваш код поруч із розв'язком (після
                                   того, як тести пройдуть, або -force)

NN — номер вправи: 01, 1 або 01-import.
Коди виходу: 0 — гаразд, 1 — тести падають, 2 — неправильна команда.
`
