package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A verdictCache remembers what go test said about an exercise variant
// (a starter, a solution, a wrong answer), keyed by everything that
// variant's test run depends on. Go's own test cache keeps only passing
// results, and starters and wrong answers fail by design: without this
// cache each check would link and run them all again, about 140 test
// programs, even when nothing changed.
//
// The key covers: the Go version and the build settings from the
// environment, go.mod and go.sum, every file under internal/ (the test
// helpers and the check itself), and every file the variant is built
// from (its program, the exercise's tests and assets). A change to any
// of them means a fresh run. -fresh turns the cache off.
type verdictCache struct {
	dir  string // where the verdicts live; "" when the cache is off
	base string // the hash of what every variant shares
}

func (c *checker) newVerdictCache() *verdictCache {
	if *fresh {
		return &verdictCache{}
	}
	userCache, err := os.UserCacheDir()
	if err != nil {
		return &verdictCache{}
	}
	h := sha256.New()
	env, err := c.command("go", "env", "GOVERSION", "GOOS", "GOARCH",
		"GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GODEBUG")
	if err != nil {
		return &verdictCache{}
	}
	h.Write([]byte(env))
	files := []string{filepath.Join(c.root, "go.mod"), filepath.Join(c.root, "go.sum")}
	filepath.WalkDir(filepath.Join(c.root, "internal"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		hashFile(h, f, f)
	}
	return &verdictCache{
		dir:  filepath.Join(userCache, "lesson27-check"),
		base: hex.EncodeToString(h.Sum(nil)),
	}
}

// hashFile adds a file's name and contents to h.
func hashFile(h interface{ Write([]byte) (int, error) }, name, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		data = []byte("\x00missing")
	}
	sum := sha256.Sum256(data)
	h.Write([]byte(name + "\x00" + hex.EncodeToString(sum[:]) + "\n"))
}

// key returns the cache key of a variant built from files (name in the
// package → the file that backs it), or "" when the cache is off.
func (vc *verdictCache) key(files map[string]string) string {
	if vc.dir == "" {
		return ""
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	h.Write([]byte(vc.base + "\n"))
	for _, name := range names {
		hashFile(h, name, files[name])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cachedResult is testResult in a form encoding/json can write.
type cachedResult struct {
	Status      string
	BuildFailed bool
	Output      string
	Tests       map[string]string
}

func (vc *verdictCache) get(key string) (testResult, bool) {
	if key == "" {
		return testResult{}, false
	}
	data, err := os.ReadFile(filepath.Join(vc.dir, key+".json"))
	if err != nil {
		return testResult{}, false
	}
	var r cachedResult
	if json.Unmarshal(data, &r) != nil || r.Status == "" {
		return testResult{}, false
	}
	return testResult{r.Status, r.BuildFailed, r.Output, r.Tests}, true
}

// put remembers a verdict. A run that gave no verdict (go test did not
// get to the package), a build that failed and a test that timed out
// are not remembered: they may come from the machine (no network for a
// module, a busy processor) rather than from the files in the key.
func (vc *verdictCache) put(key string, r testResult) {
	if key == "" || r.status == "" || r.status == "no test files" ||
		r.buildFailed || strings.Contains(r.output, "panic: test timed out") {
		return
	}
	data, err := json.Marshal(cachedResult{r.status, r.buildFailed, r.output, r.tests})
	if err != nil || os.MkdirAll(vc.dir, 0o755) != nil {
		return
	}
	tmp := filepath.Join(vc.dir, fmt.Sprintf("%s.%d.tmp", key, os.Getpid()))
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, filepath.Join(vc.dir, key+".json"))
	}
}
