package main

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

// Кеш результатів, що впали.
//
// go test кешує лише тести, які пройшли: вправу, що падає, він
// збирає і запускає щоразу, а вісім таких вправ — кілька секунд.
// Тести курсу детерміновані (без пауз, справжніх портів і змінних
// середовища), тож той самий код дає той самий вивід. Тому результат,
// що впав, зберігаємо з ключем — відбитком усього, від чого він
// залежить: файлів вправи, go.mod, go.sum, пакетів internal/, версії
// Go і змінних, що впливають на збирання. Змінився хоч байт — ключ
// інший, і тести запускаються знову.

// cacheEntry — останній результат однієї вправи, що впав.
type cacheEntry struct {
	Key    string
	Result *Result
}

// defaultCacheDir — тека кешу для курсу root у кеші користувача
// (як у Go), щоб не смітити в репозиторії. "" — кеш вимкнено.
func defaultCacheDir(root string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(dir, "lesson27-course",
		hex.EncodeToString(sum[:8]))
}

// resultKeys обчислює ключі кешу для вправ exs.
func resultKeys(root string, exs []Exercise) (map[string]string, error) {
	common := sha256.New()
	fmt.Fprintln(common, "v1", runtime.Version(), runtime.GOOS,
		runtime.GOARCH)
	for _, v := range []string{"GOFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN",
		"CGO_ENABLED", "GODEBUG"} {
		fmt.Fprintf(common, "%s=%s\n", v, os.Getenv(v))
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		err := hashFile(common, root, f)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if err := hashTree(common, root, "internal"); err != nil {
		return nil, err
	}
	keys := map[string]string{}
	for _, e := range exs {
		h := sha256.New()
		h.Write(common.Sum(nil))
		if err := hashTree(h, root, e.Dir()); err != nil {
			return nil, err
		}
		keys[e.Name] = hex.EncodeToString(h.Sum(nil))
	}
	return keys, nil
}

// hashTree додає до h імена і вміст файлів теки dir (з підтеками),
// крім текстів .md і копій .mine-….
func hashTree(h hash.Hash, root, dir string) error {
	var files []string
	err := filepath.WalkDir(filepath.Join(root, dir),
		func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() || strings.HasSuffix(name, ".md") ||
				strings.Contains(name, ".mine-") {
				return nil
			}
			rel, err := filepath.Rel(root, path)
			files = append(files, rel)
			return err
		})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := hashFile(h, root, f); err != nil {
			return err
		}
	}
	return nil
}

// hashFile додає до h ім'я, довжину і вміст файлу.
func hashFile(h hash.Hash, root, name string) error {
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(name), len(data))
	h.Write(data)
	return nil
}

// cached повертає збережений результат вправи, якщо ключ той самий.
func cached(dir, name, key string) *Result {
	if dir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err != nil {
		return nil
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil || e.Key != key || e.Result == nil {
		return nil
	}
	return e.Result
}

// remember зберігає результат, що впав; помилки запису не заважають
// учневі, тож їх не показуємо.
func remember(dir, name, key string, r *Result) {
	if dir == "" || r == nil || !r.Ran || r.Passed {
		return
	}
	data, err := json.Marshal(cacheEntry{key, r})
	if err != nil || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	path := filepath.Join(dir, name+".json")
	if os.WriteFile(path+".tmp", data, 0o644) == nil {
		os.Rename(path+".tmp", path)
	}
}
