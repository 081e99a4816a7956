// Package devserver starts a step program's web server on this computer.
//
// Every step and solution of the course starts the same way, so that code
// lives here once: the port comes from the -port flag or the PORT
// environment variable (8080 if neither is given), the server listens on
// localhost only, and the address is printed in Ukrainian for the person
// who runs the program.
package devserver

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"
)

// DefaultPort is used when neither -port nor PORT is given.
const DefaultPort = 8080

// Run serves h on http://localhost:PORT until the program is stopped.
// It never returns: on an error it prints it and exits with status 1.
func Run(h http.Handler) {
	port, err := Port(os.Args[1:], os.Getenv("PORT"))
	if err != nil {
		log.Fatalf("помилка: %v", err)
	}
	// Тільки localhost: сервер навчальний, з інших комп'ютерів його
	// не видно.
	ln, err := net.Listen("tcp",
		net.JoinHostPort("localhost", strconv.Itoa(port)))
	if err != nil {
		log.Fatalf("не вдалося зайняти порт %d: %v "+
			"(спробуйте інший: -port 8081)", port, err)
	}
	fmt.Printf("Сервер працює: http://localhost:%d/ (зупинити: Ctrl+C)\n",
		port)
	err = Server(h).Serve(ln)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("сервер зупинився: %v", err)
	}
}

// Server returns the http.Server that Run starts for h, with limits on
// how long and how much a client may send.
func Server(h http.Handler) *http.Server {
	return &http.Server{
		Handler: h,
		// Скільки чекати на заголовки запиту і на весь запит: клієнт,
		// що надсилає байт за байтом, не триматиме з'єднання вічно.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// Скільки може тривати відповідь — із запасом для навчальних
		// сторінок, навіть під зневаджувачем.
		WriteTimeout: 2 * time.Minute,
		// Скільки тримати відкритим з'єднання між запитами.
		IdleTimeout: 2 * time.Minute,
		// Заголовки запиту разом: кукі сесії не більша за 4 КіБ, тож
		// 64 КіБ вистачить із запасом (типово net/http дозволяє 1 МіБ).
		MaxHeaderBytes: 64 << 10,
	}
}

// Port chooses the port from the command-line arguments (-port N) or,
// when there is no flag, from the PORT environment variable.
func Port(args []string, env string) (int, error) {
	fs := flag.NewFlagSet("step", flag.ContinueOnError)
	port := fs.Int("port", 0,
		"порт, на якому слухає сервер (типово PORT або 8080)")
	if err := fs.Parse(args); err != nil {
		return 0, err
	}
	switch {
	case *port != 0:
	case env != "":
		p, err := strconv.Atoi(env)
		if err != nil {
			return 0, fmt.Errorf("PORT=%q — це не число", env)
		}
		*port = p
	default:
		*port = DefaultPort
	}
	if *port < 1 || *port > 65535 {
		return 0, fmt.Errorf("порт %d поза межами 1–65535", *port)
	}
	return *port, nil
}
