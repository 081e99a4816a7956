package runner

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
)

// Які вправи змінив учень.
//
// Одне правило для супутника і перевірки курсу: вправа змінена, якщо
// її код (файли .go, крім тестів) відрізняється від заготовки —
// змінений, доданий чи видалений, у комітах учня чи лише на диску.
// Тести, умова, підказки й сторінки вправи — це курс, а не робота
// учня: автор курсу, що правив їх, однаково отримує перевірку
// заготовки. Файли з .gitignore (як копії main.go.mine-…) не
// враховуються.
//
// Заготовка — версія курсу з StarterRevision.

// Git запускає git у корені курсу і повертає його вивід.
func Git(root string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && stderr.Len() > 0 {
		err = errors.New(strings.TrimSpace(stderr.String()))
	}
	return string(out), err
}

// StarterRevision — версія курсу, у якій лежать заготовки.
//
// Якщо учень комітить свою роботу, HEAD уже не заготовка. Тому,
// коли гілка відстежує гілку курсу (origin/main після git clone),
// заготовкою вважаємо спільного предка HEAD і тієї гілки: останню
// версію курсу, яку учень має у себе, без його комітів. Без такої
// гілки лишається HEAD (так і в CI, і в робочій копії автора курсу
// без upstream). Друге значення пояснює вибір учневі.
func StarterRevision(root string) (rev, about string, err error) {
	if _, err := Git(root, "rev-parse", "--verify", "-q", "HEAD"); err != nil {
		return "", "", errors.New("тут немає git-репозиторію курсу " +
			"(завантажте курс через git clone)")
	}
	up, err := Git(root, "rev-parse", "--abbrev-ref", "@{upstream}")
	if err == nil {
		base, err := Git(root, "merge-base", "HEAD", "@{upstream}")
		if err == nil {
			up = strings.TrimSpace(up)
			return strings.TrimSpace(base),
				"з останньої версії курсу з " + up +
					", яка є у вашій гілці (без ваших комітів)", nil
		}
	}
	return "HEAD", "з останнього коміту (HEAD)", nil
}

// ChangedExercises повертає назви вправ (як «03-store»), код яких
// відрізняється від заготовки rev (див. правило вище).
func ChangedExercises(root, rev string) (map[string]bool, error) {
	tracked, untracked, err := ChangedFiles(root, rev, "exercises/")
	if err != nil {
		return nil, err
	}
	changed := map[string]bool{}
	for _, p := range append(tracked, untracked...) {
		parts := strings.Split(p, "/")
		if len(parts) >= 3 && LearnerFile(p) {
			changed[parts[1]] = true
		}
	}
	return changed, nil
}

// LearnerFile каже, чи файл вправи — код учня: файл .go, що не тест.
func LearnerFile(path string) bool {
	return strings.HasSuffix(path, ".go") &&
		!strings.HasSuffix(path, "_test.go")
}

// ChangedFiles повертає файли теки dir, що відрізняються від
// заготовки rev: відстежувані git (змінені чи видалені, у комітах учня
// чи лише на диску) і нові, яких git не знає. Файли з .gitignore і
// тексти .md не враховуються.
func ChangedFiles(root, rev, dir string) (tracked, untracked []string,
	err error) {
	// -z: шляхи як є, без лапок (кириличну назву git узяв би в лапки).
	diff, err := Git(root, "diff", "-z", "--name-only", "--no-renames",
		rev, "--", dir)
	if err != nil {
		return nil, nil, err
	}
	others, err := Git(root, "ls-files", "-z", "--others",
		"--exclude-standard", "--", dir)
	if err != nil {
		return nil, nil, err
	}
	keep := func(list string) []string {
		var files []string
		for _, p := range strings.Split(list, "\x00") {
			if p != "" && !strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
		}
		return files
	}
	return keep(diff), keep(others), nil
}
