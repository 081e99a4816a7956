package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

const noMessages = "Нових повідомлень немає."

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

// subscribe надсилає форму з прапорцями topic, як браузер.
func subscribe(b *browser.Browser, topics ...string) *browser.Response {
	return b.PostForm("/subscribe", url.Values{"topic": topics})
}

func TestNoMessages(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantStatus(http.StatusOK).WantBody(noMessages)
	r := b.Get("/")
	browser.Want(t, "GET /: Content-Type", r.Header.Get("Content-Type"),
		"text/plain; charset=utf-8")
}

func TestSubscribe(t *testing.T) {
	tests := []struct {
		name   string
		topics []string
		want   string
	}{
		{"одна розсилка", []string{"новини"},
			"Ви підписалися: новини"},
		{"дві розсилки — два рядки в тому ж порядку", []string{"знижки", "події"},
			"Ви підписалися: знижки\nВи підписалися: події"},
		{"жодної розсилки", nil,
			"Помилка: оберіть хоча б одну розсилку."},
		{"невідома розсилка", []string{"спам"},
			"Помилка: невідома розсилка «спам»."},
		{"помилки показано першими", []string{"новини", "спам"},
			"Помилка: невідома розсилка «спам».\nВи підписалися: новини"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t)
			subscribe(b, tt.topics...).
				WantRedirect(http.StatusSeeOther, "/").
				WantStatus(http.StatusOK).
				WantBody(tt.want)
		})
	}
}

func TestMessagesShownOnce(t *testing.T) {
	b := newBrowser(t)
	subscribe(b, "новини").WantBody("Ви підписалися: новини")
	b.Get("/").WantBody(noMessages)
	b.Get("/").WantBody(noMessages)

	t.Run("помилки теж показано один раз", func(t *testing.T) {
		subscribe(b, "спам").WantBody("Помилка: невідома розсилка «спам».")
		b.Get("/").WantBody(noMessages)
	})
	t.Run("нова підписка — нові повідомлення", func(t *testing.T) {
		subscribe(b, "події").WantBody("Ви підписалися: події")
		b.Get("/").WantBody(noMessages)
	})
}

func TestEveryTopic(t *testing.T) {
	for _, topic := range topics {
		t.Run(topic, func(t *testing.T) {
			subscribe(newBrowser(t), topic).
				WantBody("Ви підписалися: " + topic)
		})
	}
}

func TestTamperedCookie(t *testing.T) {
	b := newBrowser(t)
	subscribe(b, "новини")
	b.TamperCookie(sessionName)
	b.Get("/").WantStatus(http.StatusOK).WantBody(noMessages)

	t.Run("задовга кукі — теж новий відвідувач", func(t *testing.T) {
		b := newBrowser(t)
		b.SetCookie(&http.Cookie{Name: sessionName, Value: strings.Repeat("A", 5000), Path: "/"})
		b.Get("/").WantStatus(http.StatusOK).WantBody(noMessages)
	})
}

func TestCrossSiteRefused(t *testing.T) {
	b := newBrowser(t)
	req, _ := http.NewRequest(http.MethodPost, browser.Origin+"/subscribe",
		strings.NewReader("topic=новини"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	b.Do(req).WantStatus(http.StatusForbidden)
	b.Get("/").WantBody(noMessages)
}
