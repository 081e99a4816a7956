package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const noNotes = "Нотаток немає."

// newBrowser повертає браузер і теку, де застосунок тримає сесії.
func newBrowser(t *testing.T) (*browser.Browser, string) {
	dir := t.TempDir()
	return browser.New(t, newHandler(newStore(dir, testKey))), dir
}

func addNote(b *browser.Browser, text string) *browser.Response {
	return b.PostForm("/notes", url.Values{"text": {text}})
}

// wantFiles перевіряє, скільки файлів сесій лежить у теці dir.
func wantFiles(t *testing.T, dir string, want int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "session_*"))
	browser.Want(t, "файлів сесій у теці newStore", len(files), want)
}

func TestNoNotes(t *testing.T) {
	b, _ := newBrowser(t)
	r := b.Get("/").WantStatus(http.StatusOK).WantBody(noNotes)
	browser.Want(t, "GET /: Content-Type", r.Header.Get("Content-Type"),
		"text/plain; charset=utf-8")
}

func TestAddNotes(t *testing.T) {
	b, dir := newBrowser(t)
	addNote(b, "купити хліб").
		WantRedirect(http.StatusSeeOther, "/").
		WantBody("1. купити хліб")
	addNote(b, "  подзвонити мамі  ").
		WantBody("1. купити хліб\n2. подзвонити мамі")
	b.Get("/").WantBody("1. купити хліб\n2. подзвонити мамі")
	// Дані — у файлі в теці, яку дали newStore.
	wantFiles(t, dir, 1)

	t.Run("інший браузер нотаток не бачить", func(t *testing.T) {
		h := newHandler(newStore(dir, testKey))
		browser.New(t, h).Get("/").WantBody(noNotes)
	})
}

func TestBadNotes(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"порожня", "", "Нотатка порожня."},
		{"лише пропуски", "   ", "Нотатка порожня."},
		{"1001 символ", strings.Repeat("я", maxNoteLen+1),
			"Нотатка задовга: щонайбільше 1000 символів."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newBrowser(t)
			addNote(b, tt.text).WantStatus(http.StatusBadRequest).WantBody(tt.want)
			b.Get("/").WantBody(noNotes)
		})
	}
}

// Десять нотаток по 1000 символів — це 20 КБ: у кукі (4 КБ) вони не
// влізуть, у файл — так, якщо зняти типову межу 4096 байтів.
func TestManyLongNotes(t *testing.T) {
	b, _ := newBrowser(t)
	var want []string
	for i := 1; i <= 10; i++ {
		note := strings.Repeat("я", maxNoteLen)
		want = append(want, fmt.Sprintf("%d. %s", i, note))
		addNote(b, note).WantStatus(http.StatusOK)
	}
	body := strings.TrimSpace(b.Get("/").Body)
	got := strings.Split(body, "\n")
	browser.Want(t, "GET /: рядків на сторінці", len(got), len(want))
	if body != strings.Join(want, "\n") {
		t.Errorf("GET /: текст сторінки — отримали інші нотатки, очікували 10 рядків «N. яяя…я» по 1000 літер")
	}

	t.Run("кукі несе лише ID сесії", func(t *testing.T) {
		c := b.Cookie(sessionName)
		if c == nil {
			t.Fatalf("кукі %q у браузері — отримали немає, очікували є", sessionName)
		}
		if len(c.Value) > 200 {
			t.Errorf("довжина кукі — %s", browser.GotWant(len(c.Value), "не більше 200"))
		}
	})
}

// Головне: очищення видаляє дані на сервері, тож і копія кукі, яку
// хтось зберіг раніше, більше нічого не показує.
func TestClearRevokesCopiedCookie(t *testing.T) {
	b, dir := newBrowser(t)
	addNote(b, "пароль від Wi-Fi: 12345")
	stolen := b.Cookie(sessionName)

	r := b.PostForm("/clear", nil).
		WantRedirect(http.StatusSeeOther, "/").
		WantBody(noNotes)
	browser.Want(t, "POST /clear: Max-Age кукі", r.WantSetCookie(sessionName).MaxAge, -1)
	wantFiles(t, dir, 0)

	b.SetCookie(stolen)
	b.Get("/").WantStatus(http.StatusOK).WantBody(noNotes)

	t.Run("після очищення нотатки додаються знову", func(t *testing.T) {
		addNote(b, "нова").WantStatus(http.StatusOK).WantBody("1. нова")
	})
	t.Run("очищення без нотаток нічого не ламає", func(t *testing.T) {
		b, _ := newBrowser(t)
		b.PostForm("/clear", nil).WantRedirect(http.StatusSeeOther, "/").
			WantBody(noNotes)
	})
}

func TestCookieAttributes(t *testing.T) {
	b, _ := newBrowser(t)
	c := addNote(b, "купити хліб").WantSetCookie(sessionName)
	browser.Want(t, "кукі: Max-Age", c.MaxAge, 1800)
	browser.Want(t, "кукі: HttpOnly", c.HttpOnly, true)
	browser.Want(t, "кукі: Secure", c.Secure, true)
	browser.Want(t, "кукі: SameSite", c.SameSite, http.SameSiteLaxMode)
	browser.Want(t, "кукі: Path", c.Path, "/")
}

func TestLifetime(t *testing.T) {
	t.Run("за 29 хвилин нотатки є", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b, _ := newBrowser(t)
			addNote(b, "купити хліб")
			time.Sleep(29 * time.Minute)
			b.Get("/").WantBody("1. купити хліб")
		})
	})
	t.Run("за 31 хвилину сервер не приймає навіть копію кукі", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			b, _ := newBrowser(t)
			addNote(b, "купити хліб")
			old := b.Cookie(sessionName)
			time.Sleep(31 * time.Minute)
			b.SetCookie(old)
			b.Get("/").WantStatus(http.StatusOK).WantBody(noNotes)
		})
	})
}

func TestTamperedCookie(t *testing.T) {
	b, _ := newBrowser(t)
	addNote(b, "купити хліб")
	b.TamperCookie(sessionName)
	b.Get("/").WantStatus(http.StatusOK).WantBody(noNotes)

	t.Run("задовга кукі — теж новий відвідувач", func(t *testing.T) {
		b, _ := newBrowser(t)
		b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", 5000), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody(noNotes)
	})
}

func TestCrossSiteRefused(t *testing.T) {
	b, _ := newBrowser(t)
	req, _ := http.NewRequest(http.MethodPost, browser.Origin+"/notes",
		strings.NewReader("text=spam"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	b.Do(req).WantStatus(http.StatusForbidden)
	b.Get("/").WantBody(noNotes)
}
