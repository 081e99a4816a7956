package main

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"example.com/lesson27/internal/runner"
)

// Детектор перегонів.
//
// Тести вправ пускають кількох відвідувачів одночасно, а супутник
// запускає тести, що пройшли, ще раз під детектором перегонів (go test
// -race): змінна на рівні пакета, у якій лежить сесія (звичка з
// Flask), там падає з повідомленням «спільний стан: …». Поки тести
// падають, детектор не працює, тож правка → результат лишається
// швидким.
//
// Перше збирання з -race — це стандартна бібліотека, зібрана заново
// з детектором, а перед ним — звичайне перше збирання того, від чого
// залежать тести вправ: разом на двох ядрах близько хвилини (65 с з
// порожнім кешем Go, виміряно при навантаженні 1,5). Щоб учень не
// чекав на це тоді, коли вперше запустить тести чи коли вони вперше
// пройдуть, супутник збирає все одразу, при першому запуску будь-якої
// команди з тестами (зазвичай це go run ./cmd/course із «Швидкого
// старту»), і пам'ятає в .course-progress.json, що вже зібрано.

// raceStamp — для якої версії Go детектор уже зібрано.
func raceStamp() string {
	return runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// prepareRace збирає тести вправ і детектор перегонів, якщо для цієї
// версії Go їх ще не збирали. Не вдалося (немає компілятора C чи
// Ctrl+C) — нічого: тести однаково запустяться, а про детектор скаже
// результат.
func (a *app) prepareRace(ctx context.Context) {
	st, err := loadState(a.root)
	if err != nil || st.RaceReady == raceStamp() || a.warm == nil {
		return
	}
	fmt.Fprintln(a.out, "Готую тести вправ: Go збирає стандартну "+
		"бібліотеку і допоміжні пакети\nкурсу, звичайні й для детектора "+
		"перегонів (go test -race). Це лише\nпершого разу; на двох ядрах "+
		"— близько хвилини…")
	start := time.Now()
	if err := a.warm(ctx); err != nil {
		fmt.Fprintf(a.out, "Не вдалося: %s\n\n", firstLine(err.Error()))
		return
	}
	st, err = loadState(a.root)
	if err == nil {
		st.RaceReady = raceStamp()
		err = st.save(a.root)
	}
	if err == nil {
		fmt.Fprintf(a.out, "Готово за %d с.\n\n",
			int(time.Since(start).Round(time.Second).Seconds()))
	}
}

// warmRace — справжнє збирання: залежності тестів усіх вправ, без
// коду самих вправ (він може ще не компілюватися).
func (a *app) warmRace(ctx context.Context) error {
	return runner.Warm(ctx, a.root, []string{"./exercises/..."},
		func(pkg string) bool {
			return strings.HasPrefix(pkg, a.module+"/exercises/")
		})
}

// raceNote пояснює, чому тести не повторено під детектором перегонів.
func raceNote(reason string) string {
	note := "Детектор перегонів (go test -race) не запустився: " +
		firstLine(reason)
	if strings.Contains(reason, "cgo") {
		note += "\nУ Linux і Windows йому потрібен компілятор C; у Debian " +
			"і Ubuntu:\n  sudo apt-get install gcc"
	}
	return note
}

// firstLine — перший рядок тексту.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// sharedStateHelp — пояснення, коли детектор знайшов спільний стан, а
// файл підказок вправи цього рядка не пояснює.
const sharedStateHelp = "" +
	"Тести пустили кількох відвідувачів одночасно, і детектор\n" +
	"перегонів побачив, що їхні запити без синхронізації змінюють ті самі\n" +
	"дані. Змінна на рівні пакета одна на всю програму: сесія, покладена в\n" +
	"неї, стає сесією всіх відвідувачів одразу. У Flask session лише\n" +
	"виглядає глобальною: це проксі до сесії поточного запиту. У Go беріть\n" +
	"сесію в кожному обробнику, для кожного запиту свою: store.Get(r, …)."
