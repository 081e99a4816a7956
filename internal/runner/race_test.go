package runner

import (
	"strings"
	"testing"
)

// Записаний вивід go test -race -json вправи зі змінною session на
// рівні пакета (звичка з Flask). Шляхи у звіті — /course/…, а код
// лежить у runnertest: його підставляє overlay, як у перевірці курсу.
func TestDataRace(t *testing.T) {
	r := parseFile(t, "race")
	if !r.DataRace() {
		t.Fatal("DataRace — отримали false, очікували true")
	}
	overlay := map[string]string{
		"/course/exercises/01-import/main.go": "runnertest/racy-main.go.txt",
	}
	f := r.FirstFailure(overlay)
	want := "спільний стан: змінна session на рівні пакета — отримали запис із двох горутин " +
		"одночасно, очікували, що одночасні запити не змінюють спільних даних без синхронізації"
	if f.Line != want {
		t.Errorf("перша помилка — отримали %q, очікували %q", f.Line, want)
	}
	if !f.SharedState {
		t.Error("SharedState — отримали false, очікували true")
	}
	if f.Where != "go test -race, TestVisitors" {
		t.Errorf("де — отримали %q, очікували «go test -race, TestVisitors»", f.Where)
	}
	more := strings.Join(f.More, "\n")
	for _, s := range []string{
		`запис: main.go:17  session, _ = store.Get(r, "session")`,
		`попередній запис: main.go:17`,
		`змінну session оголошено тут: main.go:14`,
	} {
		if !strings.Contains(more, s) {
			t.Errorf("подробиці — отримали:\n%s\nочікували рядок %q", more, s)
		}
	}

	t.Run("коду не прочитати", func(t *testing.T) {
		f := r.FirstFailure(nil)
		if !strings.HasPrefix(f.Line, "спільний стан: main.go:17 — отримали") {
			t.Errorf("перша помилка — отримали %q, очікували «спільний стан: main.go:17 — …»",
				f.Line)
		}
	})
	t.Run("без перегонів", func(t *testing.T) {
		if parseFile(t, "starter").DataRace() {
			t.Error("DataRace заготовки — отримали true, очікували false")
		}
	})
}

// Без -race той самий код упав на мапі, яку два запити змінювали
// одночасно: це теж спільний стан, а не збій тестів.
func TestMapCrash(t *testing.T) {
	r := parseFile(t, "mapcrash")
	if r.DataRace() || !r.SharedState() {
		t.Fatalf("DataRace, SharedState — отримали %v, %v, очікували false, true",
			r.DataRace(), r.SharedState())
	}
	overlay := map[string]string{
		"/course/exercises/01-import/main.go": "runnertest/racy-main.go.txt",
	}
	f := r.FirstFailure(overlay)
	want := "спільний стан: змінна session на рівні пакета — отримали запис у мапу і " +
		"читання її з двох горутин одночасно, очікували, що одночасні запити не " +
		"змінюють спільних даних без синхронізації"
	if f.Line != want || !f.SharedState {
		t.Errorf("перша помилка — отримали %q (SharedState %v), очікували %q", f.Line,
			f.SharedState, want)
	}
	more := strings.Join(f.More, "\n")
	if !strings.Contains(more, "читання: main.go:20  session.Save(r, w)") {
		t.Errorf("подробиці — отримали:\n%s\nочікували рядок «читання: main.go:20 …»", more)
	}
	if parseFile(t, "starter").SharedState() {
		t.Error("SharedState заготовки — отримали true, очікували false")
	}
}

// Змінна пакета після крапки — це поле чи метод, а не вона сама.
func TestPackageVar(t *testing.T) {
	src := source{overlay: map[string]string{"/c/main.go": "runnertest/racy-main.go.txt"}}
	for code, want := range map[string]string{
		`session.Values["n"] = 1`:         "session",
		`x.session = 1`:                   "",
		`n := store.Options.MaxAge`:       "store",
		`s, _ := other.Get(r, "session")`: "",
	} {
		if got, _ := src.packageVar("/c/main.go", code); got != want {
			t.Errorf("packageVar(%q) — отримали %q, очікували %q", code, got, want)
		}
	}
}
