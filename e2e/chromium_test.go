package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Розмір вікна браузера, а отже й знімків екрана.
const (
	windowWidth  = 800
	windowHeight = 500
)

// otherSite — ім'я, яке браузер веде на 127.0.0.1, хоча це не
// localhost. Для браузера це звичайний сайт на http, не безпечне
// джерело (див. step01_test.go).
const otherSite = "site.test"

// chromium — вкладка браузера: у спільному Chromium (openTab) або у
// власному процесі з профілем на диску (openChromium).
type chromium struct {
	path    string // виконуваний файл Chromium
	profile string // тека профілю (--user-data-dir); "" — спільний браузер
	base    string // адреса сервера кроку, http://localhost:PORT

	tab         context.Context
	cancelAlloc context.CancelFunc
	closed      bool
}

// browserOptions — як запускати Chromium, що живе в path.
func browserOptions(path string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.WindowSize(windowWidth, windowHeight),
		// Без вікна, без пісочниці (тести можуть іти від root), без
		// GPU і без фонових запитів до серверів Google: мережі може не
		// бути, і браузер не має на неї чекати.
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Вкладки спільного браузера працюють паралельно, і жодна з них
		// не на передньому плані: без цих прапорців Chromium пригальмовує
		// таймери і малювання «фонових» вкладок.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		// Кукі на диску Chromium шифрує ключем зі сховища паролів.
		// «basic» — сталий ключ без системного keyring, тож профіль
		// читається і після перезапуску браузера.
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("host-resolver-rules", "MAP "+otherSite+" 127.0.0.1"),
	}
}

// Спільний браузер.
//
// Запуск Chromium — найдовша частина тесту: на двох ядрах кілька
// секунд. Тож тести, яким не треба закривати браузер, працюють в
// одному процесі на весь прогін, кожен у своєму контексті браузера
// (BrowserContext, як вікно інкогніто): свої кукі, свій кеш, нічого
// спільного з іншими тестами. Власний процес із профілем на диску
// запускає лише TestBrowserRestart: він закриває браузер і відкриває
// знову.
var shared struct {
	once   sync.Once
	ctx    context.Context // перша вкладка браузера
	cancel context.CancelFunc
	err    error
}

// sharedBrowser запускає спільний Chromium (раз на прогін) і повертає
// контекст його першої вкладки.
func sharedBrowser(path string) (context.Context, error) {
	shared.once.Do(func() {
		alloc, cancelAlloc := chromedp.NewExecAllocator(
			context.Background(), browserOptions(path)...)
		ctx, cancel := chromedp.NewContext(alloc)
		shared.ctx = ctx
		shared.cancel = func() {
			closeCtx, stop := context.WithTimeout(ctx, 15*time.Second)
			chromedp.Cancel(closeCtx)
			stop()
			cancel()
			cancelAlloc()
		}
		// Перший Do запускає браузер. Він живе до кінця прогону, тож
		// обмеження часу тут своє, а не тесту, що прийшов першим.
		started := make(chan error, 1)
		go func() { started <- chromedp.Do(ctx) }()
		select {
		case shared.err = <-started:
		case <-time.After(startTimeout):
			shared.err = fmt.Errorf("за %v браузер не запустився", startTimeout)
		}
	})
	return shared.ctx, shared.err
}

// closeSharedBrowser закриває спільний браузер після всіх тестів
// (спершу дочекавшись запуску, якщо той ще йде).
func closeSharedBrowser() {
	shared.once.Do(func() {})
	if shared.cancel != nil {
		shared.cancel()
	}
}

// openTab відкриває вкладку в новому контексті спільного браузера:
// порожні кукі, як у щойно запущеному браузері. Вкладка відкриває
// сторінки сервера base; її дії обмежено часом testTimeout. Після
// тесту вкладка і її контекст закриваються.
func openTab(t *testing.T, path, base string) *chromium {
	t.Helper()
	browser, err := sharedBrowser(path)
	if err != nil {
		t.Fatalf("запуск Chromium — отримали помилку %v, очікували браузер", err)
	}
	tab, cancelTab := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	limited, cancel := context.WithTimeout(tab, testTimeout)
	c := &chromium{path: path, base: base, tab: limited,
		cancelAlloc: func() { cancel(); cancelTab() }}
	t.Cleanup(c.kill)
	if err := chromedp.Do(limited,
		chromedp.EmulateViewport(windowWidth, windowHeight)); err != nil {
		t.Fatalf("нова вкладка Chromium — отримали помилку %v, очікували вкладку", err)
	}
	return c
}

// openChromium запускає власний процес Chromium з профілем profile і
// повертає вкладку, що відкриває сторінки сервера base. Після тесту
// браузер зупиняється, якщо тест не закрив його сам.
func openChromium(t *testing.T, ctx context.Context, path, profile, base string) *chromium {
	t.Helper()
	opts := append(browserOptions(path), chromedp.UserDataDir(profile))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, _ := chromedp.NewContext(allocCtx)
	c := &chromium{
		path: path, profile: profile, base: base,
		tab: tab, cancelAlloc: cancelAlloc,
	}
	t.Cleanup(c.kill)
	// Перший Do запускає браузер і відкриває вкладку. Розмір вікна
	// headless Chromium включає невидиму рамку, тож розмір сторінки (і
	// знімків) задаємо окремо.
	if err := chromedp.Do(tab,
		chromedp.EmulateViewport(windowWidth, windowHeight)); err != nil {
		t.Fatalf("запуск Chromium — отримали помилку %v, очікували браузер", err)
	}
	return c
}

// pid — номер процесу браузера.
func (c *chromium) pid() int {
	return chromedp.FromContext(c.tab).Browser.Process().Pid
}

// close закриває браузер так, як це робить людина. chromedp.Cancel
// надсилає команду Browser.close: Chromium завершується сам і перед
// цим записує кукі у профіль на диску. Простий kill процесу цього не
// гарантує — постійні кукі могли б загубитися.
func (c *chromium) close(t *testing.T) {
	t.Helper()
	proc := chromedp.FromContext(c.tab).Browser.Process()
	// Cancel чекає, поки процес браузера завершиться, але не довше
	// за 15 секунд.
	ctx, cancel := context.WithTimeout(c.tab, 15*time.Second)
	defer cancel()
	err := chromedp.Cancel(ctx)
	c.cancelAlloc()
	c.closed = true
	if err != nil {
		t.Fatalf("закриття Chromium — отримали помилку %v, очікували nil", err)
	}
	// Процес справді завершився: сигнал 0 нічого не надсилає, лише
	// перевіряє, чи процес ще є.
	if err := proc.Signal(syscall.Signal(0)); !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("закриття Chromium: процес %d — отримали %v, очікували %v",
			proc.Pid, err, os.ErrProcessDone)
	}
}

// restart закриває браузер і запускає новий процес з тим самим
// профілем: людина закрила браузер і відкрила його знову.
func (c *chromium) restart(t *testing.T, ctx context.Context) *chromium {
	t.Helper()
	old := c.pid()
	c.close(t)
	n := openChromium(t, ctx, c.path, c.profile, c.base)
	if pid := n.pid(); pid == old {
		t.Fatalf("перезапуск Chromium: номер процесу — отримали %d, очікували новий процес, не %d",
			pid, old)
	}
	return n
}

// kill зупиняє браузер (чи закриває вкладку спільного), якщо тест не
// закрив його сам (наприклад, після t.Fatal).
func (c *chromium) kill() {
	if !c.closed {
		c.cancelAlloc()
		c.closed = true
	}
}

// page — відкрита сторінка: код відповіді, адреса і текст, як його
// бачить людина.
type page struct {
	status int64
	url    string
	text   string
}

// open відкриває сторінку path сервера і чекає, поки вона завантажиться.
func (c *chromium) open(t *testing.T, path string) page {
	t.Helper()
	return c.openURL(t, c.base+path)
}

// openURL відкриває повну адресу.
func (c *chromium) openURL(t *testing.T, url string) page {
	t.Helper()
	return c.navigate(t, "GET "+url, chromedp.Navigate(url))
}

// navigate виконує дії, що ведуть на нову сторінку (перехід, клацання
// кнопки форми), чекає на неї і читає її текст. what — для повідомлень.
func (c *chromium) navigate(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) page {
	t.Helper()
	resp, err := chromedp.RunResponse(c.tab, steps...)
	if err != nil {
		t.Fatalf("%s — отримали помилку %v, очікували сторінку", what, err)
	}
	return page{status: resp.Status, url: resp.URL, text: c.text(t)}
}

// text — видимий текст сторінки. Відповідь text/plain Chromium
// показує як <pre> усередині <body>.
func (c *chromium) text(t *testing.T) string {
	t.Helper()
	return strings.TrimSpace(c.eval(t, `document.body ? document.body.innerText : ""`))
}

// do виконує дії на поточній сторінці.
func (c *chromium) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(c.tab, steps...); err != nil {
		t.Fatalf("%s — отримали помилку %v, очікували успіх", what, err)
	}
}

// eval виконує JavaScript на сторінці, як код самої сторінки, і
// повертає результат рядком.
func (c *chromium) eval(t *testing.T, js string) string {
	t.Helper()
	s, err := chromedp.Run(c.tab, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("JavaScript %s — отримали помилку %v, очікували рядок", js, err)
	}
	return s
}

// cookies — кукі, які браузер зберігає для адреси url, з усіма
// атрибутами. Їх читаємо через протокол DevTools, а не JavaScript:
// так видно і кукі HttpOnly.
func (c *chromium) cookies(t *testing.T, url string) []*network.Cookie {
	t.Helper()
	res, err := chromedp.Call(c.tab, network.GetCookies,
		network.GetCookiesParams{URLs: []string{url}})
	if err != nil {
		t.Fatalf("кукі браузера — отримали помилку %v, очікували список", err)
	}
	return res.Cookies
}

// setCookie ставить кукі в браузер через протокол DevTools, в обхід
// сервера: так людина могла б змінити кукі в інструментах розробника.
func (c *chromium) setCookie(t *testing.T, k network.SetCookieParams) {
	t.Helper()
	if _, err := chromedp.Call(c.tab, network.SetCookie, k); err != nil {
		t.Fatalf("network.SetCookie %s — отримали помилку %v, очікували nil", k.Name, err)
	}
}

// cookie — кукі name для сервера кроку або nil, якщо її немає.
func (c *chromium) cookie(t *testing.T, name string) *network.Cookie {
	t.Helper()
	return c.cookieAt(t, c.base+"/", name)
}

// cookieAt — кукі name для адреси url або nil, якщо її немає.
func (c *chromium) cookieAt(t *testing.T, url, name string) *network.Cookie {
	t.Helper()
	for _, k := range c.cookies(t, url) {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// screenshot знімає видиму частину сторінки в PNG, кладе файл name у
// теку знімків і повертає його шлях.
func (c *chromium) screenshot(t *testing.T, name string) string {
	t.Helper()
	png, err := chromedp.Run(c.tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("знімок %s — отримали помилку %v, очікували PNG", name, err)
	}
	path := filepath.Join(screenshotDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("знімок %s — отримали помилку %v, очікували файл", name, err)
	}
	t.Logf("знімок екрана: %s", path)
	return path
}

// screenshotDir — тимчасова тека для знімків одного прогону тестів.
// Її не видаляємо: шлях надруковано, щоб ви могли подивитися знімки.
func screenshotDir(t *testing.T) string {
	t.Helper()
	shots.once.Do(func() {
		shots.dir, shots.err = os.MkdirTemp("", "lesson27-e2e-screenshots-*")
		if shots.err == nil {
			fmt.Printf("Знімки екрана: %s\n", shots.dir)
		}
	})
	if shots.err != nil {
		t.Fatalf("тека для знімків — отримали помилку %v, очікували теку", shots.err)
	}
	return shots.dir
}

var shots struct {
	once sync.Once
	dir  string
	err  error
}

// publishScreenshot копіює знімок у теку з E2E_SCREENSHOT_DIR під
// іменем name. Без цієї змінної нічого не робить: картинку в
// репозиторії оновлюють свідомо, а не кожним прогоном тестів.
func publishScreenshot(t *testing.T, src, name string) {
	t.Helper()
	dir := os.Getenv("E2E_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	data, err := os.ReadFile(src)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	dst := filepath.Join(dir, name)
	if err == nil {
		err = os.WriteFile(dst, data, 0o644)
	}
	if err != nil {
		t.Fatalf("E2E_SCREENSHOT_DIR=%s — отримали помилку %v, очікували файл %s",
			dir, err, name)
	}
	t.Logf("знімок скопійовано: %s", dst)
}

// want порівнює отримане з очікуваним і повідомляє у форматі курсу:
// «що перевіряли: що саме — отримали X, очікували Y».
func want[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s — отримали %s, очікували %s", what, show(got), show(want))
	}
}

// wantPage перевіряє код відповіді і текст сторінки.
func wantPage(t *testing.T, what string, p page, status int64, text string) {
	t.Helper()
	want(t, what+": код відповіді", p.status, status)
	want(t, what+": текст сторінки", p.text, text)
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}
