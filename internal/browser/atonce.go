package browser

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// AtOnce checks that n visitors can use the app at the same time, as
// on a real server, where net/http serves every request in its own
// goroutine. visit(t, i) is what visitor i does and checks; it makes
// its own Browser with New(t, …), since a Browser is one person and is
// not safe for use by two goroutines at once.
//
// The visits run twice. First one after another: if the test has
// failed by then, the app is wrong whatever the others do, and AtOnce
// stops there with the ordinary messages. Then all at the same time, each in its
// own goroutine: a visit that passed alone and fails now was changed
// by the others, so its messages start with «спільний стан», as the
// race detector's do in go run ./cmd/course:
//
//	спільний стан (відвідувач 3 з 8, усі одночасно): GET /: текст сторінки — отримали …
//
// A correct app passes every time: each request reads its own session
// from its own cookie, whatever the other requests do. State shared by
// all requests — the session in a package-level variable, as Flask's
// session looks — the race detector (go test -race) sees almost every
// time, because it watches which goroutine touched the memory, not
// when. Without it, a visitor gets another's page only when two
// requests happen to run the wrong lines at the same instant, and two
// requests that change one Go map at once crash the test program
// («fatal error: concurrent map writes»), which internal/runner also
// names as shared state.
//
// How the exercises measure it: go test -race -count=1000 -run
// TestVisitorsAtOnce, with GORACE="suppress_equal_stacks=0
// suppress_equal_addresses=0", since by default the race detector
// reports a race only the first time in a process; and plain go test
// -count=1000 for the runs without it.
func AtOnce(t testing.TB, n int, visit func(t testing.TB, i int)) {
	t.Helper()
	for i := range n {
		visit(t, i)
	}
	if t.Failed() {
		return
	}
	var ready, done sync.WaitGroup
	ready.Add(n)
	start := make(chan struct{})
	for i := range n {
		done.Go(func() {
			ready.Done()
			<-start
			visit(&shared{TB: t, i: i, n: n}, i)
		})
	}
	ready.Wait()
	close(start)
	done.Wait()
}

// shared is the testing.TB of a visit made at the same time as others:
// its messages say so.
type shared struct {
	testing.TB
	i, n int // visitor i of n
}

func (s *shared) prefix() string {
	return fmt.Sprintf("спільний стан (відвідувач %d з %d, усі одночасно): ",
		s.i+1, s.n)
}

func (s *shared) Errorf(format string, args ...any) {
	s.TB.Helper()
	s.TB.Errorf(s.prefix()+format, args...)
}

func (s *shared) Fatalf(format string, args ...any) {
	s.TB.Helper()
	s.TB.Errorf(s.prefix()+format, args...)
	runtime.Goexit()
}

func (s *shared) Error(args ...any) {
	s.TB.Helper()
	s.TB.Error(append([]any{s.prefix()}, args...)...)
}

func (s *shared) Fatal(args ...any) {
	s.TB.Helper()
	s.TB.Error(append([]any{s.prefix()}, args...)...)
	runtime.Goexit()
}
