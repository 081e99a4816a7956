// Package device describes a browser in a few words for the page
// «ваші сесії»: «Firefox на Linux», «Safari на iPhone».
//
// A person recognises a device by its browser and system, so that is
// all a line of the list needs. The description is built only from the
// fixed words below: the User-Agent header is the visitor's own text,
// and echoing it would let anyone write whatever they like into the
// list of another device, « (цей пристрій)» included.
package device

import "strings"

// Unknown describes a browser the table below does not know.
const Unknown = "невідомий браузер"

// A sign is a piece of the User-Agent header and the word it stands for.
type sign struct{ token, name string }

// browsers are checked in order: Edge and Opera name Chrome too, and
// Chrome names Safari, so the more particular ones come first.
var browsers = []sign{
	{"Edg/", "Edge"}, {"EdgA/", "Edge"}, {"EdgiOS/", "Edge"},
	{"OPR/", "Opera"},
	{"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"},
	{"Chrome/", "Chrome"}, {"CriOS/", "Chrome"},
	{"Safari/", "Safari"},
	{"curl/", "curl"},
}

// systems are checked in order: an iPhone says «like Mac OS X», and
// Android says «Linux».
var systems = []sign{
	{"Android", "Android"},
	{"iPhone", "iPhone"}, {"iPad", "iPad"},
	{"Windows", "Windows"},
	{"CrOS", "ChromeOS"},
	{"Macintosh", "macOS"},
	{"Linux", "Linux"},
}

// Describe returns a short description of the browser that sent the
// User-Agent header ua: «Chrome на Windows», «curl», «невідомий
// браузер». It never contains a character of ua itself.
func Describe(ua string) string {
	browser := find(browsers, ua)
	if browser == "" {
		browser = Unknown
	}
	if system := find(systems, ua); system != "" {
		return browser + " на " + system
	}
	return browser
}

// find returns the word of the first sign found in ua, or "".
func find(signs []sign, ua string) string {
	for _, s := range signs {
		if strings.Contains(ua, s.token) {
			return s.name
		}
	}
	return ""
}
