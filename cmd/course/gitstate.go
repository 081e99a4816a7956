package main

import "example.com/lesson27/internal/runner"

// Git, заготовка і змінені файли — у спільному запускачі
// (internal/runner): супутник і перевірка курсу вирішують однаково,
// що учень змінив.
var (
	git             = runner.Git
	starterRevision = runner.StarterRevision
	changedFiles    = runner.ChangedFiles
)

// Result — що go test сказав про вправу (див. runner.Result).
type Result = runner.Result
