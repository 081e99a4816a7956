package main

import (
	"context"
	"fmt"
	"strings"
)

// parseArgs відділяє прапорці (з allowed: «-y», «--y») від решти.
func parseArgs(args []string, allowed ...string) (
	pos []string, flags map[string]bool, err error) {
	flags = map[string]bool{}
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			pos = append(pos, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		ok := false
		for _, f := range allowed {
			ok = ok || f == name
		}
		if !ok {
			return nil, nil, usageError(
				fmt.Sprintf("невідомий прапорець %s", a))
		}
		flags[name] = true
	}
	return pos, flags, nil
}

// exercise знаходить вправу з аргументу; без аргументу, якщо
// optional, — першу нерозв'язану (p — її поступ, інакше nil).
// Усе розв'язано — повертає nil і поступ.
func (a *app) exercise(ctx context.Context, pos []string,
	optional bool) (*Exercise, *Progress, error) {
	switch {
	case len(pos) > 1:
		return nil, nil, usageError("забагато аргументів: " +
			strings.Join(pos, " "))
	case len(pos) == 1:
		e, ok := pick(a.exercises, pos[0])
		if !ok {
			return nil, nil, usageError(fmt.Sprintf(
				"немає вправи %q; є %s–%s", pos[0],
				a.exercises[0].Num, a.exercises[len(a.exercises)-1].Num))
		}
		return &e, nil, nil
	case !optional:
		return nil, nil, usageError("вкажіть номер вправи, " +
			"наприклад 01")
	}
	p, err := a.progress(ctx)
	if err != nil {
		return nil, nil, err
	}
	i := p.Next()
	if i < 0 {
		return nil, p, nil
	}
	return &p.Exercises[i], p, nil
}
