package runner

import (
	"regexp"
	"strings"
)

// Failure — перша помилка, яку варто показати учневі.
type Failure struct {
	Line  string   // перший рядок повідомлення
	Where string   // «main_test.go:12, TestGreeting/перший_візит»
	More  []string // для збою збирання, паніки, перегонів — ще рядки
	// SharedState — помилку знайшов детектор перегонів або програма
	// впала на мапі: дві горутини (два одночасні запити) торкаються
	// тих самих даних.
	SharedState bool
}

// testLine — рядок t.Errorf: «    main_test.go:12: повідомлення».
var testLine = regexp.MustCompile(`^\s+(\w[\w.-]*_test\.go:\d+): (.+)$`)

// FirstFailure знаходить перший рядок, яким тести пояснюють збій.
// Перегони йдуть першими: тест, що впав поруч із ними, — здебільшого
// їхній наслідок. overlay — як у go test -overlay (шлях, під яким
// компілятор бачив файл → файл на диску), щоб прочитати рядки коду,
// на які вказує детектор; nil — файли лежать там, де їх бачив
// компілятор.
func (r *Result) FirstFailure(overlay map[string]string) Failure {
	if r.BuildFailed {
		var lines []string
		for _, l := range r.Build {
			l = strings.TrimRight(l, "\n")
			if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
				continue
			}
			lines = append(lines, l)
		}
		f := Failure{Line: "код не компілюється"}
		f.More = head(lines, 6)
		return f
	}
	if r.Explained != nil {
		return *r.Explained
	}
	if rep := r.dataRace(); rep != nil {
		return rep.failure(source{overlay})
	}
	if rep := r.mapCrash(); rep != nil {
		return rep.failure(source{overlay})
	}
	for _, l := range r.Lines {
		text := strings.TrimRight(l.Text, "\n")
		if m := testLine.FindStringSubmatch(text); m != nil {
			where := m[1]
			if l.Test != "" {
				where += ", " + l.Test
			}
			return Failure{Line: m[2], Where: where}
		}
	}
	for i, l := range r.Lines {
		if strings.HasPrefix(l.Text, "panic:") {
			f := Failure{Line: strings.TrimRight(l.Text, "\n"), Where: l.Test}
			for _, m := range r.Lines[i+1:] {
				f.More = append(f.More, strings.TrimRight(m.Text, "\n"))
			}
			f.More = head(f.More, 8)
			return f
		}
	}
	var rest []string
	for _, l := range r.Lines {
		if t := strings.TrimSpace(l.Text); t != "" {
			rest = append(rest, strings.TrimRight(l.Text, "\n"))
		}
	}
	if len(rest) > 6 {
		rest = rest[len(rest)-6:]
	}
	return Failure{Line: "тести впали", More: rest}
}

func head(lines []string, n int) []string {
	if len(lines) > n {
		return append(lines[:n:n], "…")
	}
	return lines
}
