//go:build !unix

package e2e

import "os/exec"

// ownProcessGroup: поза Unix груп процесів немає. Програма кроку
// зібрана заздалегідь і не має дочірніх процесів, тож досить зупинити
// її саму.
func ownProcessGroup(cmd *exec.Cmd) {}

// stopProcessGroup зупиняє програму кроку.
func stopProcessGroup(cmd *exec.Cmd, exited <-chan struct{}) {
	cmd.Process.Kill()
	<-exited
}
