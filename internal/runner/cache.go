package runner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// Кеш вердиктів.
//
// go test кешує лише тести, що пройшли, а заготовки й неправильні
// розв'язки падають за задумом: без свого кешу перевірка курсу щоразу
// збирала б і запускала їх усі (близько 140 тестових програм), а
// супутник — кожну вправу, над якою учень працює. Тести курсу
// детерміновані (без пауз, справжніх портів і змінних середовища),
// тож той самий код дає той самий вердикт. Тому вердикт зберігаємо з
// ключем — відбитком усього, від чого він залежить: версії Go і
// змінних, що впливають на збирання, go.mod, go.sum, кожного файлу в
// internal/ (допоміжні пакети тестів; без testdata і текстів .md),
// прапорців go test і кожного файлу, з якого зібрано пакет. Змінився
// хоч байт — ключ інший, і тести запускаються знову.

// Cache — вердикти тестів на диску, у кеші користувача (поруч із
// кешем Go), а не в репозиторії.
type Cache struct {
	root string // корінь курсу
	dir  string // "" — кеш вимкнено
	base string // відбиток того, що спільне для всіх пакетів
}

// cacheVersion змінюється, коли змінюється формат запису.
const cacheVersion = "runner-v2"

// OpenCache відкриває кеш курсу з коренем root. Якщо кешу
// користувача немає, повертає вимкнений кеш: усе запускається.
func OpenCache(root string) *Cache {
	userCache, err := os.UserCacheDir()
	if err != nil {
		return &Cache{}
	}
	sum := sha256.Sum256([]byte(root))
	dir := filepath.Join(userCache, "lesson27",
		hex.EncodeToString(sum[:8]))
	return openCacheAt(root, dir)
}

// openCacheAt — кеш курсу root у теці dir.
func openCacheAt(root, dir string) *Cache {
	c := &Cache{root: root, dir: dir}
	c.refresh()
	return c
}

// refresh заново обчислює відбиток спільного: між запусками тестів
// (watch працює годинами) міг змінитися go.mod чи internal/.
func (c *Cache) refresh() {
	if c == nil || c.dir == "" {
		return
	}
	root := c.root
	h := sha256.New()
	fmt.Fprintln(h, cacheVersion, runtime.Version(), runtime.GOOS,
		runtime.GOARCH)
	for _, v := range []string{"GOFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN",
		"CGO_ENABLED", "GODEBUG", "GOAMD64", "GOARM64"} {
		fmt.Fprintf(h, "%s=%s\n", v, os.Getenv(v))
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		hashFile(h, f, filepath.Join(root, f))
	}
	files, err := treeFiles(filepath.Join(root, "internal"), true)
	if err != nil {
		c.dir = "" // не знаємо, від чого залежать тести: без кешу
		return
	}
	for _, name := range sortedKeys(files) {
		hashFile(h, "internal/"+name, files[name])
	}
	c.base = hex.EncodeToString(h.Sum(nil))
}

// Off — вимкнений кеш: нічого не бере і не пам'ятає.
func Off() *Cache { return &Cache{} }

// TreeFiles перелічує файли теки dir з підтеками (шлях через «/»
// відносно dir → шлях на диску), крім текстів .md і копій учня
// .mine-… (їх Go не збирає).
func TreeFiles(dir string) (map[string]string, error) {
	return treeFiles(dir, false)
}

// treeFiles — TreeFiles, що з noTestdata пропускає теки testdata
// (у internal/check/testdata перевірка курсу кладе свої тимчасові
// пакети, а тести вправ testdata інших пакетів не читають).
func treeFiles(dir string, noTestdata bool) (map[string]string, error) {
	files := map[string]string{}
	err := filepath.WalkDir(dir,
		func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if noTestdata && name == "testdata" && path != dir {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(name, ".md") ||
				strings.Contains(name, ".mine-") {
				return nil
			}
			rel, err := filepath.Rel(dir, path)
			files[filepath.ToSlash(rel)] = path
			return err
		})
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	return files, err
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hashFile додає до h ім'я і відбиток вмісту файлу path.
func hashFile(h hash.Hash, name, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		data = []byte("\x00немає")
	}
	sum := sha256.Sum256(data)
	fmt.Fprintf(h, "%s\x00%s\n", name, hex.EncodeToString(sum[:]))
}

// Key — ключ вердикту пакета, зібраного з файлів files (ім'я в
// пакеті → файл на диску) і перевіреного з прапорцями flags; "" —
// кеш вимкнено. Шлях -overlay до ключа не входить: файл overlay
// щоразу новий, а те, що він підставляє, уже є у files.
func (c *Cache) Key(files map[string]string, flags []string) string {
	if c == nil || c.dir == "" || files == nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintln(h, c.base)
	for _, f := range flags {
		if !strings.HasPrefix(f, "-overlay") {
			fmt.Fprintln(h, f)
		}
	}
	for _, name := range sortedKeys(files) {
		hashFile(h, name, files[name])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// entry — запис кешу: ключ і вердикт.
type entry struct {
	Key    string
	Result *Result
}

// slotFile — файл місця slot: одне місце на пакет, тож кеш не росте
// з кожною правкою учня.
func (c *Cache) slotFile(slot string) string {
	slot = strings.NewReplacer("/", "_", "\\", "_", " ", "_").Replace(slot)
	return filepath.Join(c.dir, slot+".json")
}

// Get повертає вердикт з місця slot, якщо його ключ key, інакше nil.
func (c *Cache) Get(slot, key string) *Result {
	if key == "" {
		return nil
	}
	data, err := os.ReadFile(c.slotFile(slot))
	if err != nil {
		return nil
	}
	var e entry
	if json.Unmarshal(data, &e) != nil || e.Key != key || e.Result == nil {
		return nil
	}
	e.Result.Cached = true
	return e.Result
}

// Put зберігає вердикт r у місце slot з ключем key. Не зберігає
// пакет без вердикту, збій збирання і тести, що перевищили -timeout:
// вони бувають від машини (немає мережі для модуля, зайнятий
// процесор), а не від файлів у ключі. Помилки запису не заважають
// роботі, тож їх не показуємо.
func (c *Cache) Put(slot, key string, r *Result) {
	if key == "" || r == nil || !r.Ran || r.BuildFailed || r.TimedOut() {
		return
	}
	data, err := json.Marshal(entry{key, r})
	if err != nil || os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	path := c.slotFile(slot)
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, path)
	}
}
