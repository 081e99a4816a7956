package facts

import (
	"testing"
	"testing/synctest"
	"time"

	"example.com/lesson27/internal/browser"
)

// testing/synctest: підроблений годинник для тестів, де минає час.

// Годинник бульбашки synctest починається опівночі 2000-01-01 UTC.
func TestSynctestClockStartsIn2000(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		browser.Want(t, "time.Now()", time.Now().UTC(), bubbleStart)
	})
}

// time.Sleep(31 * time.Minute) у бульбашці минає миттєво: годинник
// бульбашки переводиться, справжній — ні.
func TestSynctestSleepIsInstant(t *testing.T) {
	realStart := time.Now()
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(31 * time.Minute)
		browser.Want(t, "годинник бульбашки після Sleep", time.Now().UTC(),
			bubbleStart.Add(31*time.Minute))
	})
	if elapsed := time.Since(realStart); elapsed > 5*time.Second {
		t.Errorf("справжній час Sleep у бульбашці — отримали %v, очікували менше 5 с", elapsed)
	}
}
