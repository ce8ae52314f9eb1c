package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-pages", "150"}, &out, &errs); code != 2 {
		t.Errorf("no -out: exit %d, want 2", code)
	}
	if code := run([]string{"-pages", "150", "-out", t.TempDir(), "extra"}, &out, &errs); code != 2 {
		t.Errorf("extra argument: exit %d, want 2", code)
	}
	dir := filepath.Join(t.TempDir(), "site")
	out.Reset()
	if code := run([]string{"-pages", "150", "-out", dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "handbook pages: 150") || !strings.Contains(out.String(), "questions") {
		t.Errorf("no breakdown printed:\n%s", out.String())
	}
	errs.Reset()
	if code := run([]string{"-pages", "150", "-out", dir}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "not empty") {
		t.Errorf("second run into the same folder: exit %d, %s", code, errs.String())
	}
	if code := run([]string{"-pages", "150", "-out", dir, "-force"}, &out, &errs); code != 0 {
		t.Errorf("-force: exit %d: %s", code, errs.String())
	}
	out.Reset()
	if code := run([]string{"-pages", "300", "-out", dir, "-force", "-principles", "14", "-questions", "0.7"}, &out, &errs); code != 0 || !strings.Contains(out.String(), "principles        14") {
		t.Errorf("shape flags: exit %d, %s%s", code, out.String(), errs.String())
	}
	errs.Reset()
	if code := run([]string{"-pages", "300", "-out", dir, "-force", "-questions", "2"}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "share of question pages") {
		t.Errorf("a share of 2: exit %d, %s", code, errs.String())
	}
}
