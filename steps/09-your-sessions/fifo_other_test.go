//go:build !unix

package main

import "testing"

// onUnix: поза Unix власника і права теки сесій не перевіряємо, а
// FIFO у файловій системі немає.
const onUnix = false

// mkfifo пропускає тест: FIFO тут не буває.
func mkfifo(t *testing.T, path string) error {
	t.Skip("FIFO у файловій системі цієї системи не буває")
	return nil
}
