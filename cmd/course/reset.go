package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// fileChange — файл вправи, що відрізняється від заготовки.
type fileChange struct {
	Path   string // відносно кореня курсу, через «/»
	Backup string // куди зберегти копію учня; "" — файлу на диску немає
	Extra  bool   // у заготовці такого файлу немає
}

// cmdReset повертає заготовку вправи з git, спершу спитавши (-y — не
// питати). Кожен змінений файл учня лишається поруч під іменем
// «main.go.mine-20261129-1530»: Go такі файли не збирає, git їх не
// показує (.gitignore), тож робота не губиться і збірку не ламає.
//
// Заготовка — з версії starterRevision: якщо учень комітив свою
// роботу, це остання версія курсу з origin, а не його коміт.
func (a *app) cmdReset(ctx context.Context, args []string) (int, error) {
	pos, flags, err := parseArgs(args, "y")
	if err != nil {
		return exitUsage, err
	}
	e, _, err := a.exercise(ctx, pos, false)
	if err != nil {
		return exitUsage, err
	}
	rev, about, err := starterRevision(a.root)
	if err != nil {
		return exitFail, err
	}
	plan, err := planReset(a.root, rev, *e, a.now().Format("20060102-1504"))
	if err != nil {
		return exitFail, err
	}
	if len(plan) == 0 {
		fmt.Fprintf(a.out, "Вправа %s і так збігається із заготовкою.\n"+
			"Заготовка — %s.\n", e.Num, about)
		return exitOK, nil
	}
	fmt.Fprintf(a.out, "Повернути заготовку вправи %s?\n"+
		"Заготовка — %s.\n", e.Num, about)
	for _, c := range plan {
		switch {
		case c.Backup == "":
			fmt.Fprintf(a.out, "  %s — відновлю\n", c.Path)
		case c.Extra:
			fmt.Fprintf(a.out, "  %s — перейменую на %s\n", c.Path,
				filepath.Base(c.Backup))
		default:
			fmt.Fprintf(a.out, "  %s — ваша версія лишиться в %s\n",
				c.Path, filepath.Base(c.Backup))
		}
	}
	if !flags["y"] && !confirm(a.out, a.in) {
		fmt.Fprintln(a.out, "Нічого не змінено.")
		return exitOK, nil
	}
	if err := applyReset(a.root, rev, plan); err != nil {
		return exitFail, err
	}
	st, err := loadState(a.root)
	if err == nil && st.setPassed(e.Name, false) {
		err = st.save(a.root)
	}
	if err != nil {
		return exitFail, err
	}
	fmt.Fprintf(a.out, "Готово: заготовку вправи %s повернуто.\n", e.Num)
	return exitOK, nil
}

// confirm питає «[т/Н]» і каже, чи учень погодився. Велика «Н» —
// типова відповідь: просто Enter означає «ні». Латинські «y» і «yes»
// теж годяться: учень міг не перемкнути розкладку.
func confirm(w io.Writer, r io.Reader) bool {
	fmt.Fprint(w, "Продовжити? [т/Н] ")
	line, _ := bufio.NewReader(r).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "т", "так":
		return true
	}
	fmt.Fprintln(w)
	return false
}

// planReset перелічує файли вправи e (крім .md), що відрізняються
// від заготовки rev, і обирає для кожного ім'я копії з позначкою
// часу stamp.
func planReset(root, rev string, e Exercise, stamp string) (
	[]fileChange, error) {
	tracked, untracked, err := changedFiles(root, rev, e.Dir()+"/")
	if err != nil {
		return nil, err
	}
	var plan []fileChange
	add := func(list []string, extra bool) error {
		for _, p := range list {
			c := fileChange{Path: p, Extra: extra}
			_, err := os.Stat(filepath.Join(root, p))
			switch {
			case err == nil:
				c.Backup = backupName(root, p, stamp)
			case !errors.Is(err, fs.ErrNotExist):
				return err
			}
			if !extra && c.Backup != "" {
				c.Extra = !inRevision(root, rev, p)
			}
			plan = append(plan, c)
		}
		return nil
	}
	if err := add(tracked, false); err != nil {
		return nil, err
	}
	return plan, add(untracked, true)
}

// inRevision каже, чи є файл path у версії rev.
func inRevision(root, rev, path string) bool {
	_, err := git(root, "cat-file", "-e", rev+":"+path)
	return err == nil
}

// backupName — «main.go.mine-20261129-1530», а якщо такий уже є,
// то «…-2», «…-3».
func backupName(root, path, stamp string) string {
	name := path + ".mine-" + stamp
	for i := 2; ; i++ {
		_, err := os.Lstat(filepath.Join(root, name))
		if errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s.mine-%s-%d", path, stamp, i)
	}
}

// applyReset спершу копіює файли учня, а вже тоді пише заготовку:
// якщо копія не вдалася, нічого не перезаписано.
func applyReset(root, rev string, plan []fileChange) error {
	for _, c := range plan {
		if c.Backup == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, c.Path))
		if err != nil {
			return err
		}
		err = os.WriteFile(filepath.Join(root, c.Backup), data, 0o644)
		if err != nil {
			return err
		}
	}
	for _, c := range plan {
		path := filepath.Join(root, filepath.FromSlash(c.Path))
		if c.Extra {
			if err := os.Remove(path); err != nil {
				return err
			}
			continue
		}
		// --filters: з тими самими кінцями рядків, що дав би checkout.
		cmd := exec.Command("git", "cat-file", "--filters",
			rev+":"+c.Path)
		cmd.Dir = root
		data, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("git cat-file %s:%s: %w", rev, c.Path, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
