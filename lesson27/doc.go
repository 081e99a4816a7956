// Package lesson27 holds the lesson text of the course: README.uk.md
// (the Go version of the Flask lesson about sessions, section by
// section, with the traps a Flask developer meets in gorilla/sessions)
// and the files it links for the parts beyond the Flask lesson:
// flash.uk.md, server-side.uk.md, scs.uk.md, the Flask → Go table
// flask-go.uk.md and the glossary glossary.uk.md.
//
// The package has no code, only tests that keep the text honest. They
// run over every lesson27/*.md file:
//
//   - every ```go fragment is real code: the line
//     <!-- з файлу: steps/03-store/main.go --> right above it names the
//     file (from the root of the repository) where the fragment must
//     occur, line by line, after indentation and blank lines are
//     dropped; a line "// …" inside a fragment stands for skipped code;
//     a fragment marked <!-- неправильно --> (a deliberately wrong
//     example) is not checked; ```python fragments are Flask's and are
//     not checked either;
//   - every relative link (of these files, ../README.uk.md and
//     ../README.md) points to a file or folder that exists, every
//     #anchor to a heading that exists, and a link whose text is a test
//     name (`TestSomething`) to a _test.go file that defines that test;
//   - links to tests stand only in a paragraph that begins
//     «**Перевірено тестами**», never inside the prose;
//   - every link from any .md file of the repository to a section of
//     the lesson (lesson27/NAME.md#anchor) finds its heading, so
//     renaming a heading shows who links to it;
//   - the texts avoid the calques listed in calques, and the lesson's
//     prose uses one name per concept (otherNames);
//   - no learner-facing file (*.uk.md, *.go, the wrong answers in
//     solutions/*/testdata/wrong) uses a name that the glossary's
//     column «Не вживаємо» rejects, or a calque (glossary_test.go);
//   - README.uk.md is at most maxLessonWords words long (as wc -w
//     counts them).
//
// Run: go test ./lesson27/
package lesson27
