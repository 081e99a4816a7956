//go:build unix

package main

import (
	"syscall"
	"testing"
)

// onUnix: тут перевіряємо власника і права теки сесій, і тут бувають
// FIFO.
const onUnix = true

// mkfifo створює FIFO (іменований канал) path.
func mkfifo(t *testing.T, path string) error {
	return syscall.Mkfifo(path, 0o600)
}
