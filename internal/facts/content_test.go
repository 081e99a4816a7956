package facts

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

// Що Go робить із відповіддю без Content-Type і як не дати імені
// користувача стати HTML.

// writeBody повертає обробник, що пише body, не задаючи Content-Type.
func writeBody(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(body))
	})
}

// Без Content-Type Go вгадує тип за початком тіла: "Logged in as
// <script>…" стає text/plain, бо не починається з тегу.
func TestSniffLoggedInAsScriptIsPlainText(t *testing.T) {
	resp := serve(writeBody("Logged in as <script>alert(1)</script>"), "GET", "/")
	browser.Want(t, "Content-Type", resp.Header.Get("Content-Type"), "text/plain; charset=utf-8")
}

// Тіло, що починається з <script> чи <b>, Go без Content-Type
// позначає як text/html.
func TestSniffLeadingTagIsHTML(t *testing.T) {
	for _, body := range []string{"<script>alert(1)</script>", "<b>alice</b>"} {
		resp := serve(writeBody(body), "GET", "/")
		browser.Want(t, body+": Content-Type", resp.Header.Get("Content-Type"),
			"text/html; charset=utf-8")
	}
}

// Якщо обробник сам задав Content-Type, Go його не змінює, хоч би що
// було в тілі.
func TestDeclaredContentTypeIsNotSniffed(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write([]byte("<script>alert(1)</script>"))
	})
	resp := serve(h, "GET", "/")
	browser.Want(t, "Content-Type", resp.Header.Get("Content-Type"), "text/plain; charset=utf-8")
	browser.Want(t, "X-Content-Type-Options", resp.Header.Get("X-Content-Type-Options"), "nosniff")
}

// html.EscapeString і html/template перетворюють ім'я
// <script>…</script> на безпечний текст.
func TestUsernameIsEscaped(t *testing.T) {
	const name = "<script>alert(1)</script>"
	const want = "&lt;script&gt;alert(1)&lt;/script&gt;"
	browser.Want(t, "html.EscapeString", html.EscapeString(name), want)

	tmpl := template.Must(template.New("page").Parse(`<p>Logged in as {{.}}</p>`))
	var sb strings.Builder
	if err := tmpl.Execute(&sb, name); err != nil {
		t.Fatal(err)
	}
	browser.Want(t, "html/template", sb.String(), "<p>Logged in as "+want+"</p>")
}

// r.PostFormValue повертає "" і для порожнього, і для відсутнього
// поля: перевіряти треба самому (Flask у цьому разі сам дає 400).
func TestPostFormValueMissingIsEmpty(t *testing.T) {
	for _, form := range []url.Values{{}, {"username": {""}}} {
		r, _ := http.NewRequest("POST", "http://example.com/login", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		v := r.PostFormValue("username")
		browser.Want(t, "форма «"+form.Encode()+"»: PostFormValue", v, "")
	}
}
