package browser

import "sync"

// AtOnce runs visit(0), …, visit(n-1) at the same time, each in its
// own goroutine, as n visitors of one server, and returns when all are
// done. The goroutines wait for one another before they start, so that
// their requests overlap as much as the machine lets them.
//
// Give each visitor its own Browser: a Browser is one person and is
// not safe for use by two goroutines at once.
func AtOnce(n int, visit func(i int)) {
	var ready, done sync.WaitGroup
	ready.Add(n)
	start := make(chan struct{})
	for i := range n {
		done.Go(func() {
			ready.Done()
			<-start
			visit(i)
		})
	}
	ready.Wait()
	close(start)
	done.Wait()
}
