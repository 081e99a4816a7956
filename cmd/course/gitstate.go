package main

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
)

// git запускає git у корені курсу і повертає його вивід.
func git(root string, args ...string) (string, error) {
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

// starterRevision — версія курсу, у якій лежать заготовки.
//
// Якщо учень комітить свою роботу, HEAD уже не заготовка. Тому,
// коли гілка відстежує гілку курсу (origin/main після git clone),
// заготовкою вважаємо спільного предка HEAD і тієї гілки: останню
// версію курсу, яку учень має у себе, без його комітів. Без такої
// гілки лишається HEAD. Друге значення пояснює вибір учневі.
func starterRevision(root string) (rev, about string, err error) {
	if _, err := git(root, "rev-parse", "--verify", "-q", "HEAD"); err != nil {
		return "", "", errors.New("тут немає git-репозиторію курсу " +
			"(завантажте курс через git clone)")
	}
	up, err := git(root, "rev-parse", "--abbrev-ref", "@{upstream}")
	if err == nil {
		base, err := git(root, "merge-base", "HEAD", "@{upstream}")
		if err == nil {
			up = strings.TrimSpace(up)
			return strings.TrimSpace(base),
				"найновіша версія " + up + ", яку вже містить " +
					"ваша гілка, без ваших комітів", nil
		}
	}
	return "HEAD", "останній коміт (HEAD)", nil
}

// changedExercises повертає назви вправ (як «03-store»), файли яких
// відрізняються від заготовки rev: змінені, додані чи видалені, у
// комітах учня чи лише на диску. Не враховуються файли з .gitignore
// (як копії main.go.mine-…) і тексти .md.
func changedExercises(root, rev string) (map[string]bool, error) {
	tracked, untracked, err := changedFiles(root, rev, "exercises/")
	if err != nil {
		return nil, err
	}
	changed := map[string]bool{}
	for _, p := range append(tracked, untracked...) {
		if parts := strings.Split(p, "/"); len(parts) >= 3 {
			changed[parts[1]] = true
		}
	}
	return changed, nil
}

// changedFiles повертає файли теки dir, що відрізняються від
// заготовки rev: відстежувані git (змінені чи видалені, у комітах учня
// чи лише на диску) і нові, яких git не знає. Файли з .gitignore (як
// копії main.go.mine-…) і тексти .md (README і підказки тестів не
// змінюють) не враховуються.
func changedFiles(root, rev, dir string) (tracked, untracked []string,
	err error) {
	diff, err := git(root, "diff", "-z", "--name-only", "--no-renames",
		rev, "--", dir)
	if err != nil {
		return nil, nil, err
	}
	others, err := git(root, "ls-files", "-z", "--others",
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
