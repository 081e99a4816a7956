package main

import (
	"bytes"
	"net/http"
	"testing"

	"example.com/lesson27/internal/apptest"
	"example.com/lesson27/internal/browser"
)

var testKey = bytes.Repeat([]byte("k"), 32)

func newBrowser(t *testing.T) *browser.Browser {
	return browser.New(t, newHandler(newStore(testKey)))
}

func TestLoginFlow(t *testing.T) {
	b := newBrowser(t)
	b.Get("/").WantBody("You are not logged in")
	b.Get("/profile").WantBody("Not logged in")
	b.Get("/login").WantStatus(http.StatusOK).
		WantBodyContains(`name="username"`).WantBodyContains(`name="remember"`)

	apptest.Login(b, "alice", false).
		WantRedirect(http.StatusSeeOther, "/").WantBody("Logged in as alice")
	b.Get("/profile").WantBody("User: alice")
}

// Решта поведінки застосунку спільна для кроків 06 і 07: ці тести
// живуть у internal/apptest, а тут лише викликають їх для цього кроку.
func lessonApp() http.Handler { return newHandler(newStore(testKey)) }

func TestLoginRejectsBadNames(t *testing.T) { apptest.LoginRejectsBadNames(t, lessonApp) }

func TestOutputIsNotHTML(t *testing.T) { apptest.OutputIsNotHTML(t, lessonApp) }

func TestLogoutKeepsOtherValues(t *testing.T) { apptest.LogoutKeepsOtherValues(t, lessonApp) }

func TestForgetDeletesCookie(t *testing.T) { apptest.ForgetDeletesCookie(t, lessonApp) }

func TestCrossSiteLoginRefused(t *testing.T) { apptest.CrossSiteLoginRefused(t, lessonApp) }

func TestTamperedCookieIsAnonymous(t *testing.T) { apptest.TamperedCookieIsAnonymous(t, lessonApp) }

func TestCookieAttributes(t *testing.T) { apptest.CookieAttributes(t, lessonApp) }

func TestLifetime(t *testing.T) { apptest.Lifetime(t, lessonApp) }

func TestOversizedCookieIsAnonymous(t *testing.T) { apptest.OversizedCookieIsAnonymous(t, lessonApp) }

func TestLogoutKeepsRemember(t *testing.T) { apptest.LogoutKeepsRemember(t, lessonApp) }
