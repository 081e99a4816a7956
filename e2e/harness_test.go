package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testTimeout обмежує кожен тест: браузер і всі дії разом мають
// вкластися в цей час, інакше тест падає, а не зависає. На вільній
// двоядерній машині тест триває кілька секунд; найдовший (два запуски
// браузера) на машині, зайнятій іншими процесами, — до 50 секунд.
const testTimeout = 90 * time.Second

// startTimeout — скільки чекати, поки програма кроку надрукує адресу.
const startTimeout = 30 * time.Second

// bins — тека, куди тести збирають програми кроків.
var bins string

func TestMain(m *testing.M) {
	dir, temporary, err := binDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(2)
	}
	bins = dir
	// Спільний браузер запускається, поки тести збирають кроки: ці
	// дві найдовші справи йдуть одночасно.
	if path := findChromium(); path != "" {
		go sharedBrowser(path)
	}
	code := m.Run()
	closeSharedBrowser()
	if temporary {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// binDir — тека для програм кроків: своя для кожної копії курсу, у
// кеші користувача (поруч із кешем Go). Вона лишається між прогонами:
// go build, чия програма вже лежить там і зібрана з тих самих файлів,
// не компонує її знову (це секунда на крок). Без кешу користувача —
// тимчасова тека, яку TestMain потім видаляє.
func binDir() (dir string, temporary bool, err error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false, err
	}
	if cache, err := os.UserCacheDir(); err == nil {
		sum := sha256.Sum256([]byte(filepath.Dir(wd)))
		dir = filepath.Join(cache, "lesson27-e2e", hex.EncodeToString(sum[:8]))
		if os.MkdirAll(dir, 0o755) == nil {
			return dir, false, nil
		}
	}
	dir, err = os.MkdirTemp("", "lesson27-e2e-bin-*")
	return dir, true, err
}

// testContext повертає контекст тесту з обмеженням testTimeout.
// Він не походить від t.Context(): той скасовується ще до t.Cleanup,
// а в Cleanup ми закриваємо браузер і сервер, і їм потрібен живий
// контекст.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// chromiumNames — як називається Chromium (або Chrome) у PATH на
// різних системах.
var chromiumNames = []string{
	"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
}

// findChromium — шлях до Chromium у PATH або "".
func findChromium() string {
	for _, name := range chromiumNames {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

// needChromium шукає браузер. Без нього тест пропускається з порадою,
// як його встановити, а в CI (змінна CI не порожня) — падає: там
// .ci/run ставить Chromium сам, і пропуск сховав би поломку.
func needChromium(t *testing.T) string {
	t.Helper()
	if path := findChromium(); path != "" {
		return path
	}
	const msg = "не знайдено Chromium (шукали %s у PATH)"
	names := strings.Join(chromiumNames, ", ")
	if os.Getenv("CI") != "" {
		t.Fatalf(msg+": у CI (змінна CI=%s) ці тести обов'язкові, "+
			"а .ci/run мав установити браузер: apt-get install chromium",
			names, os.Getenv("CI"))
	}
	t.Skipf(msg+": тести в браузері пропущено. "+
		"Встановіть його: sudo apt-get install chromium", names)
	return ""
}

// Програми кроків запускаються так, як їх запускаєте ви:
// `go run ./steps/NN-topic` з кореня репозиторію, з PORT і SESSION_KEY у
// середовищі. `go run` — це `go build` у тимчасову теку і запуск
// результату. Ми робимо ці два кроки окремо: збираємо кожен крок
// один раз на весь прогін тестів (у теку binDir, де незмінений крок
// не компонується і наступного прогону), а запускаємо стільки разів,
// скільки треба. Так не витрачаємо секунду на компонування при
// кожному запуску, а програма — це один процес, без дочірнього
// процесу `go run`, який треба не забути зупинити. Різні кроки
// збираються одночасно: тести, яким потрібен крок 01, не чекають на
// крок 06.
var (
	buildMu sync.Mutex
	builds  = map[string]*stepBuild{}
)

// stepBuild — збирання одного кроку: раз на прогін.
type stepBuild struct {
	once sync.Once
	bin  string
	err  error
}

// stepBinary збирає ./steps/<step> (раз на прогін) і повертає шлях.
func stepBinary(t *testing.T, step string) string {
	t.Helper()
	buildMu.Lock()
	b := builds[step]
	if b == nil {
		b = &stepBuild{}
		builds[step] = b
	}
	buildMu.Unlock()
	root := repoRoot(t)
	b.once.Do(func() {
		if _, err := os.Stat(filepath.Join(root, "steps", step)); err != nil {
			b.err = fmt.Errorf("крок %s: тека steps/%s — отримали помилку %v, "+
				"очікували теку з програмою", step, step, err)
			return
		}
		bin := filepath.Join(bins, step)
		if runtime.GOOS == "windows" {
			bin += ".exe"
		}
		cmd := exec.Command("go", "build", "-o", bin, "./steps/"+step)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build ./steps/%s — отримали помилку %v, "+
				"очікували зібрану програму\n%s", step, err, out)
			return
		}
		b.bin = bin
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.bin
}

// repoRoot — корінь курсу: батьківська тека e2e/ (go test запускає
// тести з теки пакета).
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(wd)
}

// freePort просить у системи вільний порт і одразу його звільняє.
// Між цим і запуском програми порт теоретично може зайняти хтось
// інший; тоді програма скаже «не вдалося зайняти порт», і тест упаде
// з цим повідомленням.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("вільний порт — отримали помилку %v, очікували порт", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// newSessionKey — випадковий ключ підпису в hex, як друкує
// `go run ./cmd/newkey`.
func newSessionKey() string {
	key := make([]byte, 32)
	rand.Read(key) // з Go 1.24 не повертає помилок
	return hex.EncodeToString(key)
}

// startStep запускає програму кроку на вільному порту і чекає, поки
// вона надрукує адресу. Повертає адресу сервера без скісної риски в
// кінці: http://localhost:PORT. Після тесту програма зупиняється.
//
// Збирання (перший раз для кроку) не входить в обмеження часу тесту:
// на завантаженій машині воно буває довгим, а обмеження стереже
// браузер і сервер. Тож викликайте startStep до testContext.
func startStep(t *testing.T, step string) string {
	t.Helper()
	bin := stepBinary(t, step)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	port := freePort(t)

	cmd := exec.Command(bin)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(),
		"PORT="+strconv.Itoa(port),
		"SESSION_KEY="+newSessionKey(),
	)
	// Рядок, який друкує internal/devserver, коли сервер уже слухає.
	ready := fmt.Sprintf("Сервер працює: http://localhost:%d/", port)
	stdout := newWatcher(ready)
	var stderr syncBuffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	ownProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("запуск steps/%s — отримали помилку %v, очікували працюючу програму",
			step, err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		stopProcessGroup(cmd, exited)
	})

	select {
	case <-stdout.found:
	case <-exited:
		t.Fatalf("steps/%s: програма завершилася, не надрукувавши %q\nвивід:\n%s%s",
			step, ready, stdout.String(), stderr.String())
	case <-ctx.Done():
		t.Fatalf("steps/%s: за %v програма не надрукувала %q\nвивід:\n%s%s",
			step, startTimeout, ready, stdout.String(), stderr.String())
	}
	return fmt.Sprintf("http://localhost:%d", port)
}

// watcher збирає вивід програми й закриває found, щойно в ньому
// з'являється рядок want.
type watcher struct {
	syncBuffer
	want  string
	found chan struct{}
	once  sync.Once
}

func newWatcher(want string) *watcher {
	return &watcher{want: want, found: make(chan struct{})}
}

func (w *watcher) Write(p []byte) (int, error) {
	n, err := w.syncBuffer.Write(p)
	if strings.Contains(w.String(), w.want) {
		w.once.Do(func() { close(w.found) })
	}
	return n, err
}

// syncBuffer — bytes.Buffer, у який можна писати з іншої горутини.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
