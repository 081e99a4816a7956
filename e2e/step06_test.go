package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Крок 06 — повний застосунок заняття: вхід, головна, профіль, вихід і
// «запам'ятати мене». Тут його перевіряє справжній браузер.
const step06 = "06-permanent"

// Елементи сторінок login.html і logout.html кроку 06.
const (
	usernameField = `input[name=username]`
	rememberBox   = `input[name=remember]`
	loginButton   = `form[action="/login"] button[type=submit]`
	// Кнопку виходу шукаємо за написом, як людина (XPath).
	logoutButton = `//form[@action="/logout"]//button[normalize-space()="Вийти"]`
)

// sessionLifetime — строк «запам'ятати мене» у кроці 06.
const sessionLifetime = 30 * time.Minute

// startApp запускає крок 06 і відкриває вкладку з порожніми кукі в
// спільному браузері.
func startApp(t *testing.T) *chromium {
	t.Helper()
	chromiumPath := needChromium(t)
	base := startStep(t, step06)
	return openTab(t, chromiumPath, base)
}

// fillLogin відкриває /login і заповнює форму, як людина: вводить ім'я
// з клавіатури і, якщо треба, ставить прапорець «Запам'ятати мене».
func fillLogin(t *testing.T, b *chromium, name string, remember bool) {
	t.Helper()
	p := b.open(t, "/login")
	want(t, "GET /login: код відповіді", p.status, 200)
	b.do(t, "введення імені в "+usernameField,
		chromedp.SendKeys(chromedp.CSS(usernameField), name))
	want(t, "поле "+usernameField+" після введення: значення",
		b.eval(t, `document.querySelector('`+usernameField+`').value`), name)
	if remember {
		b.do(t, "клацання "+rememberBox, chromedp.Click(chromedp.CSS(rememberBox)))
		want(t, "прапорець "+rememberBox+" після клацання: checked",
			b.eval(t, `String(document.querySelector('`+rememberBox+`').checked)`), "true")
	}
}

// submitLogin клацає «Увійти» і повертає сторінку, на яку привело
// переспрямування.
func submitLogin(t *testing.T, b *chromium) page {
	t.Helper()
	return b.navigate(t, "клацання «Увійти»", chromedp.Click(chromedp.CSS(loginButton)))
}

// login — вхід через форму від початку до кінця.
func login(t *testing.T, b *chromium, name string, remember bool) {
	t.Helper()
	fillLogin(t, b, name, remember)
	wantPage(t, "вхід як "+name, submitLogin(t, b), 200, "Logged in as "+name)
}

// sessionCookie — кукі сесії в браузері; тест падає, якщо її немає.
func sessionCookie(t *testing.T, b *chromium) *network.Cookie {
	t.Helper()
	k := b.cookie(t, "session")
	if k == nil {
		t.Fatalf("кукі session у браузері — отримали «немає», очікували кукі")
	}
	return k
}

// Людина відкриває форму, вводить ім'я, клацає «Увійти», дивиться
// головну і профіль, потім виходить кнопкою «Вийти». Кроки йдуть по
// черзі в одному браузері; якщо крок не вдався, наступні не мають
// сенсу і не запускаються.
func TestLoginFlow(t *testing.T) {
	t.Parallel()
	b := startApp(t)

	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"людина заповнює форму входу", func(t *testing.T) {
			fillLogin(t, b, "alice", false)
			shot := b.screenshot(t, "1-login-form.png")
			publishScreenshot(t, shot, "login-flow.png")
		}},
		{"«Увійти» веде на головну з ім'ям", func(t *testing.T) {
			p := submitLogin(t, b)
			wantPage(t, "після входу", p, 200, "Logged in as alice")
			want(t, "після входу: адреса", p.url, b.base+"/")
			b.screenshot(t, "2-logged-in.png")
		}},
		{"кукі сесії має обрані атрибути", func(t *testing.T) {
			k := sessionCookie(t, b)
			want(t, "кукі session: Path", k.Path, "/")
			want(t, "кукі session: HttpOnly", k.HTTPOnly, true)
			want(t, "кукі session: Secure", k.Secure, true)
			want(t, "кукі session: SameSite", k.SameSite, network.CookieSameSiteLax)
			want(t, "кукі session: живе до закриття браузера (Session)", k.Session, true)
		}},
		{"профіль показує ім'я", func(t *testing.T) {
			wantPage(t, "GET /profile", b.open(t, "/profile"), 200, "User: alice")
		}},
		{"кнопка «Вийти» завершує вхід", func(t *testing.T) {
			want(t, "GET /logout: код відповіді", b.open(t, "/logout").status, 200)
			p := b.navigate(t, "клацання «Вийти»", chromedp.Click(logoutButton))
			wantPage(t, "після виходу", p, 200, "You are not logged in")
			want(t, "після виходу: адреса", p.url, b.base+"/")
			wantPage(t, "GET /profile після виходу", b.open(t, "/profile"),
				200, "Not logged in")
		}},
	}
	for _, step := range steps {
		if !t.Run(step.name, step.run) {
			break
		}
	}
}

// Обіцянка заняття: звичайна сесія живе, доки відкрито браузер, а
// сесія «запам'ятати мене» переживає його закриття. Браузер тут
// справді закривається (процес завершується і записує кукі на диск) і
// запускається знову з тим самим профілем.
func TestBrowserRestart(t *testing.T) {
	chromiumPath := needChromium(t)
	t.Parallel()
	base := startStep(t, step06)

	// Кожен випадок — зі своїм профілем і своїм обмеженням часу: він
	// може чекати на вільне місце серед паралельних тестів.
	t.Run("звичайна сесія зникає після закриття браузера", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		b := openChromium(t, ctx, chromiumPath, t.TempDir(), base)
		login(t, b, "alice", false)
		want(t, "кукі session: живе до закриття браузера (Session)",
			sessionCookie(t, b).Session, true)
		// Контрольна кукі зі строком: якщо після перезапуску зникне і
		// вона, браузер не прочитав збережений профіль (інша тека,
		// порожній профіль), і перевірка нижче нічого не доводить.
		b.setCookie(t, network.SetCookieParams{
			Name: "control", Value: "kept", URL: b.base + "/",
			Expires: cdp.TimeSinceEpoch(time.Now().Add(time.Hour).Unix()),
		})

		b = b.restart(t, ctx)
		if b.cookie(t, "control") == nil {
			t.Fatalf("контрольна кукі зі строком після перезапуску — " +
				"отримали «немає», очікували кукі: профіль не збережено")
		}
		wantPage(t, "GET / після перезапуску браузера", b.open(t, "/"),
			200, "You are not logged in")
		if k := b.cookie(t, "session"); k != nil {
			t.Errorf("кукі session після перезапуску — отримали %q, очікували «немає»", k.Value)
		}
	})
	t.Run("сесія «запам'ятати мене» переживає закриття браузера", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		b := openChromium(t, ctx, chromiumPath, t.TempDir(), base)
		login(t, b, "alice", true)
		k := sessionCookie(t, b)
		want(t, "кукі session: живе до закриття браузера (Session)", k.Session, false)
		// Строк кукі — 30 хвилин від входу (з запасом на час тесту).
		left := time.Until(time.Unix(int64(k.Expires), 0)).Round(time.Minute)
		want(t, "кукі session: лишилося жити", left, sessionLifetime)

		b = b.restart(t, ctx)
		wantPage(t, "GET / після перезапуску браузера", b.open(t, "/"),
			200, "Logged in as alice")
		wantPage(t, "GET /profile після перезапуску браузера", b.open(t, "/profile"),
			200, "User: alice")
	})
}

// Кукі сесії має атрибут HttpOnly: браузер надсилає її серверу, але
// JavaScript сторінки її не бачить. Скрипт, який упровадив зловмисник,
// не вкраде сесію.
func TestSessionCookieIsHttpOnly(t *testing.T) {
	t.Parallel()
	b := startApp(t)
	login(t, b, "alice", false)
	sessionCookie(t, b) // кукі є, інакше перевірка нижче нічого не варта

	t.Run("document.cookie не показує кукі сесії", func(t *testing.T) {
		// Для порівняння сторінка ставить свою кукі без HttpOnly:
		// document.cookie працює, але бачить лише її.
		got := b.eval(t, `document.cookie = "probe=visible; path=/"; document.cookie`)
		want(t, "document.cookie на головній", got, "probe=visible")
	})
	t.Run("сервер і далі бачить сесію", func(t *testing.T) {
		wantPage(t, "GET /", b.open(t, "/"), 200, "Logged in as alice")
	})
}

// Кукі підписано ключем сервера. Змінена в браузері кукі не проходить
// перевірку підпису, і сервер вважає відвідувача анонімним — без
// помилки 500.
func TestTamperedCookie(t *testing.T) {
	t.Parallel()
	b := startApp(t)
	login(t, b, "alice", false)
	k := sessionCookie(t, b)

	// Міняємо один символ посередині значення, решту атрибутів кукі
	// лишаємо як були. Адреса (URL) замість Domain — щоб кукі лишилася
	// «лише для цього хоста» і замінила стару, а не стала другою.
	tampered := []byte(k.Value)
	i := len(tampered) / 2
	if tampered[i] == 'A' {
		tampered[i] = 'B'
	} else {
		tampered[i] = 'A'
	}
	set := network.SetCookieParams{
		Name:     k.Name,
		Value:    string(tampered),
		URL:      b.base + k.Path,
		Path:     k.Path,
		Secure:   &k.Secure,
		HTTPOnly: &k.HTTPOnly,
		SameSite: k.SameSite,
	}
	if !k.Session {
		set.Expires = cdp.TimeSinceEpoch(k.Expires)
	}
	b.setCookie(t, set)
	var values []string
	for _, c := range b.cookies(t, b.base+"/") {
		if c.Name == "session" {
			values = append(values, c.Value)
		}
	}
	if len(values) != 1 || values[0] != string(tampered) {
		t.Fatalf("кукі session після підміни — отримали %q, очікували [%q]",
			values, tampered)
	}

	t.Run("головна: відвідувач анонімний", func(t *testing.T) {
		wantPage(t, "GET / з підробленою кукі", b.open(t, "/"), 200, "You are not logged in")
	})
	t.Run("профіль: відвідувач анонімний", func(t *testing.T) {
		wantPage(t, "GET /profile з підробленою кукі", b.open(t, "/profile"), 200, "Not logged in")
	})
	t.Run("новий вхід замінює підроблену кукі", func(t *testing.T) {
		login(t, b, "alice", false)
	})
}

// Ім'я з HTML усередині сервер показує як текст: відповідь має тип
// text/plain і заголовок nosniff, тож браузер не виконує розмітку.
func TestHTMLInUsernameIsText(t *testing.T) {
	t.Parallel()
	b := startApp(t)
	// Якби браузер розібрав це як HTML, картинка не завантажилася б і
	// onerror змінив би заголовок сторінки.
	const name = `<img src=x onerror="document.title='pwned'">`

	// Заголовок головної до входу: сторінка text/plain, заголовок дає
	// сам браузер. Після входу він має лишитися таким самим.
	b.open(t, "/")
	title := b.eval(t, `document.title`)

	fillLogin(t, b, name, false)
	p := submitLogin(t, b)

	t.Run("головна показує ім'я буквально", func(t *testing.T) {
		wantPage(t, "після входу", p, 200, "Logged in as "+name)
	})
	t.Run("розмітка з імені не виконалася", func(t *testing.T) {
		want(t, "головна: document.title", b.eval(t, `document.title`), title)
		want(t, "головна: скільки <img> на сторінці",
			b.eval(t, `String(document.images.length)`), "0")
	})
	t.Run("профіль теж показує текст", func(t *testing.T) {
		wantPage(t, "GET /profile", b.open(t, "/profile"), 200, "User: "+name)
		if got := b.eval(t, `document.title`); got == "pwned" {
			t.Errorf("профіль: document.title — отримали %q, очікували будь-що, крім \"pwned\"", got)
		}
		want(t, "профіль: скільки <img> на сторінці",
			b.eval(t, `String(document.images.length)`), "0")
	})
}
