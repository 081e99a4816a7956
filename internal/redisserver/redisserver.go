// Package redisserver запускає для тестів справжній redis-server.
//
// Кожен виклик Start запускає власний сервер: на вільному порту
// loopback, з тимчасовою текою і без збереження на диск. Коли тест
// закінчується, сервер зупиняють. Тож ні .ci/run, ні вам не треба
// запускати Redis самим — лише встановити його:
//
//	sudo apt-get install redis-server
//
// Без redis-server тест пропускається з цією порадою, а в CI (змінна
// CI не порожня) — падає: там .ci/run ставить Redis сам, і пропуск
// сховав би поломку.
//
// Пакет обходиться стандартною бібліотекою: клієнта Redis кожен модуль
// додає сам (redis/internal/redistest — go-redis,
// scs/internal/redistest — redigo), а кореневий go.mod лишається без
// нових залежностей.
package redisserver

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// StartTimeout — скільки чекати, доки сервер скаже, що готовий.
const StartTimeout = 10 * time.Second

// Server — запущений redis-server.
type Server struct {
	// Addr — адреса сервера, "127.0.0.1:порт".
	Addr string

	stop func()
}

// Stop зупиняє сервер раніше, ніж закінчиться тест: так тест
// перевіряє, що буде, коли Redis недоступний.
func (s *Server) Stop() { s.stop() }

// Start запускає redis-server і повертає його адресу. Сервер зупиниться
// сам наприкінці тесту (tb.Cleanup).
func Start(tb testing.TB) *Server {
	tb.Helper()
	path := lookPath(tb)
	var lastErr error
	// Вільний порт міг хтось зайняти між перевіркою і запуском: тоді
	// пробуємо інший.
	for range 3 {
		srv, err := start(tb, path)
		if err == nil {
			return srv
		}
		lastErr = err
	}
	tb.Fatalf("redis-server не запустився: %v", lastErr)
	return nil
}

// lookPath шукає redis-server або пропускає (поза CI) тест.
func lookPath(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("redis-server")
	if err == nil {
		return path
	}
	const msg = "не знайдено redis-server у PATH"
	if os.Getenv("CI") != "" {
		tb.Fatalf(msg + ": у CI тести з Redis обов'язкові, " +
			"встановіть його: apt-get install redis-server")
	}
	tb.Skip(msg + ": тести з Redis пропущено. " +
		"Встановіть його: sudo apt-get install redis-server")
	return ""
}

func start(tb testing.TB, path string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path,
		"--port", strconv.Itoa(port),
		"--bind", "127.0.0.1",
		"--save", "",
		"--appendonly", "no",
		"--dir", tb.TempDir(),
	)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var stopOnce sync.Once
	stop := func() {
		stopOnce.Do(func() {
			cmd.Process.Kill()
			cmd.Wait()
		})
	}

	// Чекаємо рядка "Ready to accept connections" або кінця виводу
	// (сервер завершився). Увесь вивід зберігаємо для повідомлення
	// про помилку.
	var (
		mu   sync.Mutex
		log  bytes.Buffer
		once sync.Once
	)
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			mu.Lock()
			log.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if strings.Contains(sc.Text(), "Ready to accept connections") {
				once.Do(func() { ready <- true })
			}
		}
		once.Do(func() { ready <- false })
	}()
	output := func() string {
		mu.Lock()
		defer mu.Unlock()
		return log.String()
	}

	select {
	case ok := <-ready:
		if !ok {
			stop()
			return nil, fmt.Errorf("сервер завершився:\n%s", output())
		}
	case <-time.After(StartTimeout):
		stop()
		return nil, fmt.Errorf("за %s сервер не став готовим:\n%s",
			StartTimeout, output())
	}

	srv := &Server{
		Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		stop: stop,
	}
	if err := ping(srv.Addr); err != nil {
		stop()
		return nil, fmt.Errorf("PING: %v\n%s", err, output())
	}
	tb.Cleanup(stop)
	return srv, nil
}

// ping надсилає серверу PING мовою RESP і чекає відповіді +PONG: так
// видно, що на порту відповідає саме наш Redis.
func ping(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, StartTimeout)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(StartTimeout)); err != nil {
		return err
	}
	if _, err := conn.Write([]byte("*1\r\n$4\r\nPING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if line != "+PONG\r\n" {
		return fmt.Errorf("відповідь %q, очікували +PONG", line)
	}
	return nil
}

// freePort просить систему про вільний порт на loopback.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
