// Package usertext is the course's one rule for text that a visitor
// types and the app keeps and shows back: a user name (Name) or a note
// (Note). Every step, exercise and app that takes a name or a note
// calls it, so the rule and its messages are the same everywhere.
//
// Which characters are allowed is not decided here by hand. It is the
// FreeformClass of PRECIS (RFC 8264), the IETF's rules for preparing
// Unicode text, as implemented by golang.org/x/text/secure/precis. The
// class refuses control characters (tab, new line, NUL), every
// Default_Ignorable_Code_Point — invisible characters such as U+200B
// ZERO WIDTH SPACE, the direction marks U+202E and U+2066, the Hangul
// fillers U+115F, U+3164 and U+FFA0 — private-use and unassigned code
// points, and a zero-width joiner or non-joiner (U+200D, U+200C)
// outside the scripts that need one: «علی‌رضا» keeps its ZWNJ,
// «alice» followed by U+200C is refused. The price: an emoji with the
// variation selector U+FE0F («❤️») or a family of emoji joined by
// U+200D is refused too.
//
// A name is prepared by the Nickname profile (RFC 8266): every kind of
// space becomes an ordinary space, spaces at the ends go, runs of spaces
// become one, and the text is normalised to NFKC, so «ａｌｉｃｅ» (full
// width) is stored and shown as «alice». A note is prepared more gently:
// spaces become ordinary spaces and the text is normalised to NFC, so
// «½» stays «½». Leading and trailing white space (tabs and new lines
// too) is trimmed from both before the rule is applied.
//
// Three small rules are added on top of PRECIS:
//
//   - U+2800 BRAILLE PATTERN BLANK, U+1D159 MUSICAL SYMBOL NULL NOTEHEAD
//     and U+16FE4 KHITAN SMALL SCRIPT FILLER are refused: PRECIS allows
//     them, yet they draw nothing, so a name made of them would look
//     empty and «alice» followed by one would look like «alice».
//   - A combining mark (an accent, a vowel sign) must follow a letter:
//     not at the start, not after a space. Alone it would sit on the
//     text before it on the page. IDNA has the same rule for domain
//     names (RFC 5891, section 5.4).
//   - At most 4 nonspacing marks in a row, none of them twice: Unicode
//     Technical Standard #39, section 5.4. Real words need fewer
//     (Vietnamese «ệ» has two); dozens stacked on one letter spill over
//     the lines around it.
//
// The length limit is counted in characters (runes) of the prepared
// text, which is what the app stores.
//
// The result is still plain text: the apps show it as text/plain or
// through html/template, which escape it.
package usertext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/secure/precis"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// MaxMarks is the longest run of nonspacing marks allowed (UTS #39,
// section 5.4).
const MaxMarks = 4

// blanks are the characters that PRECIS allows but that draw nothing.
var blanks = runes.In(&unicode.RangeTable{
	R16: []unicode.Range16{{Lo: 0x2800, Hi: 0x2800, Stride: 1}},
	R32: []unicode.Range32{
		{Lo: 0x16FE4, Hi: 0x16FE4, Stride: 1},
		{Lo: 0x1D159, Hi: 0x1D159, Stride: 1},
	},
})

// nameProfile is RFC 8266 Nickname without the blanks.
var nameProfile = precis.NewRestrictedProfile(precis.Nickname, blanks)

// noteProfile is the FreeformClass with every space mapped to U+0020
// and NFC, as the OpaqueString profile of RFC 8265 does, without the
// blanks.
var noteProfile = precis.NewRestrictedProfile(precis.NewFreeform(
	precis.AdditionalMapping(func() transform.Transformer {
		return runes.Map(func(r rune) rune {
			if unicode.Is(unicode.Zs, r) {
				return ' '
			}
			return r
		})
	}),
	precis.Norm(norm.NFC),
	precis.DisallowEmpty,
), blanks)

// field is one kind of text: its profile and the words of its messages.
type field struct {
	profile *precis.Profile
	noun    string // starts the messages about characters: «Ім'я містить …»
	empty   string
	notUTF8 string
	tooLong string // with %d and the word «символ» in the right form
}

var name = field{
	profile: nameProfile,
	noun:    "Ім'я",
	empty:   "Вкажіть ім'я користувача.",
	notUTF8: "Ім'я має бути текстом у кодуванні UTF-8.",
	tooLong: "Ім'я задовге: щонайбільше %d %s.",
}

var note = field{
	profile: noteProfile,
	noun:    "Нотатка",
	empty:   "Нотатка порожня.",
	notUTF8: "Нотатка має бути текстом у кодуванні UTF-8.",
	tooLong: "Нотатка задовга: щонайбільше %d %s.",
}

// An Error says what is wrong with the text, in Ukrainian: a whole
// sentence for the visitor, the text of a 400 response.
type Error struct {
	Text string
}

func (e *Error) Error() string { return e.Text }

// refuse makes an Error from a format and its arguments.
func refuse(format string, args ...any) error {
	return &Error{Text: fmt.Sprintf(format, args...)}
}

// Name prepares a user name and checks it against the rule. It returns
// the name to store and show, or an *Error that says what is wrong.
func Name(s string, maxRunes int) (string, error) {
	return name.clean(s, maxRunes)
}

// Note prepares a note and checks it against the rule, as Name does.
func Note(s string, maxRunes int) (string, error) {
	return note.clean(s, maxRunes)
}

func (f field) clean(s string, maxRunes int) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", &Error{Text: f.empty}
	case !utf8.ValidString(s):
		return "", &Error{Text: f.notUTF8}
	}
	// Marks are counted before PRECIS: to keep its output stream-safe,
	// NFKC puts U+034F (itself refused) into a run of more than 30 marks,
	// and the message would name a character the visitor never typed.
	if tooManyMarks(s) {
		return "", refuse("%s містить забагато діакритичних знаків на "+
			"одній літері: щонайбільше %d різні.", f.noun, MaxMarks)
	}
	out, err := f.profile.String(s)
	if err != nil {
		return "", f.refused(s)
	}
	if r, ok := loneMark(out); ok {
		return "", refuse("%s містить діакритичний знак %U без літери "+
			"перед ним — приберіть його.", f.noun, r)
	}
	if n := utf8.RuneCountInString(out); n > maxRunes {
		return "", refuse(f.tooLong, maxRunes, characters(maxRunes))
	}
	return out, nil
}

// refused names the first character of s that the profile refuses.
func (f field) refused(s string) error {
	allowed := f.profile.Allowed()
	bad := firstRefused(allowed, s, true)
	if bad < 0 {
		bad = firstRefused(allowed, norm.NFC.String(s), false)
	}
	switch {
	case bad < 0:
		return refuse("%s містить недозволені символи — приберіть їх.",
			f.noun)
	case invisible(bad):
		return refuse("%s містить невидимий чи керівний символ %U — "+
			"приберіть його.", f.noun, bad)
	case unassigned(bad):
		return refuse("%s містить символ %U без значення в Unicode — "+
			"приберіть його.", f.noun, bad)
	}
	return refuse("%s містить недозволений символ %U — приберіть його.",
		f.noun, bad)
}

// firstRefused returns the first character of s that allowed lacks, or
// -1. U+200C and U+200D count only if nothing else is wrong: they are
// allowed where a script needs them. With skipJamo, Hangul conjoining
// jamo are skipped too: normalisation joins them into syllables, which
// are allowed.
func firstRefused(allowed runes.Set, s string, skipJamo bool) rune {
	bad := rune(-1)
	for _, r := range s {
		switch {
		case allowed.Contains(r):
		case r == '\u200c' || r == '\u200d':
			if bad < 0 {
				bad = r
			}
		case skipJamo && jamo(r):
		default:
			return r
		}
	}
	return bad
}

// jamo reports whether r is a Hangul conjoining jamo.
func jamo(r rune) bool {
	return 0x1100 <= r && r <= 0x11FF || 0xA960 <= r && r <= 0xA97F ||
		0xD7B0 <= r && r <= 0xD7FF
}

// invisible reports whether r draws nothing or controls the text
// around it: a control or format character, a line or paragraph
// separator, a default-ignorable character, a variation selector or one
// of the blanks.
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp,
		unicode.Other_Default_Ignorable_Code_Point,
		unicode.Variation_Selector) || blanks.Contains(r)
}

// unassigned reports whether r is a private-use character or has no
// meaning in Unicode (not assigned yet, or a noncharacter).
func unassigned(r rune) bool {
	return unicode.In(r, unicode.Co, unicode.Cn)
}

// loneMark returns the first combining mark that starts s or follows a
// space.
func loneMark(s string) (rune, bool) {
	prev := ' '
	for _, r := range s {
		if unicode.Is(unicode.M, r) && prev == ' ' {
			return r, true
		}
		prev = r
	}
	return 0, false
}

// tooManyMarks reports whether s, decomposed (NFD), has more than
// MaxMarks nonspacing marks (Mn, Me) in a row or the same one twice in
// a row of them.
func tooManyMarks(s string) bool {
	var run []rune
	for _, r := range norm.NFD.String(s) {
		if !unicode.In(r, unicode.Mn, unicode.Me) {
			run = run[:0]
			continue
		}
		for _, m := range run {
			if m == r {
				return true
			}
		}
		run = append(run, r)
		if len(run) > MaxMarks {
			return true
		}
	}
	return false
}

// characters is the word «символ» in the form that goes after n.
func characters(n int) string {
	switch {
	case n%10 == 1 && n%100 != 11:
		return "символ"
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return "символи"
	}
	return "символів"
}
