//go:build unix

package e2e

import (
	"os/exec"
	"syscall"
	"time"
)

// ownProcessGroup запускає програму в її власній групі процесів, як
// термінал запускає команду. Тоді stopProcessGroup зупинить і її
// дочірні процеси (наприклад, програму, яку запустив `go run`).
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// stopProcessGroup робить те саме, що Ctrl+C у терміналі: надсилає
// SIGINT усій групі процесів. Якщо за 5 секунд група не завершилася —
// SIGKILL.
func stopProcessGroup(cmd *exec.Cmd, exited <-chan struct{}) {
	pgid := -cmd.Process.Pid
	syscall.Kill(pgid, syscall.SIGINT)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(pgid, syscall.SIGKILL)
		<-exited
	}
}
