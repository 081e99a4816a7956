package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Крок 09 — «ваші сесії»: список пристроїв, де людина увійшла, і
// «вийти на всіх інших пристроях». Тут два контексти одного браузера
// (у кожного свої кукі, як два різні браузери) входять як alice, і
// один завершує сесію другого.
const step09 = "09-your-sessions"

// endOthersButton — кнопка, якою людина завершує інші сесії.
const endOthersButton = `//form[@action="/sessions/end-others"]//button`

// loginAs входить через форму, як людина, і чекає на головну з іменем.
// Крок 09 спершу показує одноразове повідомлення про вхід, тож текст
// перевіряємо на «Logged in as NAME» у кінці.
func loginAs(t *testing.T, b *chromium, name string) {
	t.Helper()
	want(t, "GET /login: код відповіді", b.open(t, "/login").status, 200)
	b.do(t, "введення імені в "+usernameField,
		chromedp.SendKeys(chromedp.CSS(usernameField), name))
	p := submitLogin(t, b)
	want(t, "вхід як "+name+": код відповіді", p.status, 200)
	if !strings.HasSuffix(p.text, "Logged in as "+name) {
		t.Fatalf("вхід як %s: текст сторінки — отримали %q, очікували, що він "+
			"закінчується на %q", name, p.text, "Logged in as "+name)
	}
}

// sessionLines — непорожні рядки сторінки /sessions.
func sessionLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// wantSessions перевіряє сторінку /sessions: n рядків, рівно один з
// позначкою « (цей пристрій)».
func wantSessions(t *testing.T, what string, p page, n int) {
	t.Helper()
	want(t, what+": код відповіді", p.status, 200)
	lines := sessionLines(p.text)
	marked := 0
	for _, l := range lines {
		if strings.HasSuffix(l, " (цей пристрій)") {
			marked++
		}
	}
	if len(lines) != n || marked != 1 {
		t.Errorf("%s: список — отримали %q (%d рядків, з позначкою — %d), "+
			"очікували %d рядків, з позначкою — один", what, p.text,
			len(lines), marked, n)
	}
}

// Два контексти браузера — «ноутбук» і «телефон» — входять як alice.
// Ноутбук бачить обидві сесії, натискає «вийти на всіх інших
// пристроях», і телефон на наступній сторінці вже не в сесії, а
// ноутбук — у ній.
func TestEndOthersLogsOutOtherBrowser(t *testing.T) {
	chromiumPath := needChromium(t)
	t.Parallel()
	base := startStep(t, step09)
	laptop := openTab(t, chromiumPath, base)
	phone := openTab(t, chromiumPath, base)

	loginAs(t, laptop, "alice")
	loginAs(t, phone, "alice")
	wantSessions(t, "ноутбук: GET /sessions", laptop.open(t, "/sessions"), 2)
	wantSessions(t, "телефон: GET /sessions", phone.open(t, "/sessions"), 2)

	// Сторінка /sessions — простий текст, без кнопок. Кнопку кладемо на
	// неї самі: форма POST цього ж сайту, як на сторінці «Вийти».
	laptop.eval(t, `(() => {
		const f = document.createElement('form');
		f.method = 'post';
		f.action = '/sessions/end-others';
		const b = document.createElement('button');
		b.type = 'submit';
		b.textContent = 'Вийти на всіх інших пристроях';
		f.appendChild(b);
		document.body.appendChild(f);
		return 'ok';
	})()`)
	p := laptop.navigate(t, "клацання «Вийти на всіх інших пристроях»",
		chromedp.Click(endOthersButton))
	want(t, "після «завершити інші»: адреса", p.url, base+"/sessions")
	wantSessions(t, "після «завершити інші»", p, 1)

	wantPage(t, "телефон: GET / після «завершити інші» на ноутбуці",
		phone.open(t, "/"), 200, "You are not logged in")
	wantPage(t, "ноутбук: GET /", laptop.open(t, "/"), 200, "Logged in as alice")
}
