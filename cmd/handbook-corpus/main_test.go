package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/corpus"
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

// TestShapeFlags: -shape names a shape, the shape flags given change its fields and
// only those, and each flag reaches the corpus.
func TestShapeFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want corpus.Shape
	}{
		{nil, corpus.Shape{}},
		{[]string{"-shape", "default"}, corpus.Shape{}},
		{[]string{"-shape", "realistic"}, corpus.Realistic()},
		{[]string{"-shape", "realistic", "-principles", "20", "-shared", "0.5"},
			corpus.Shape{Principles: 20, Questions: 0.7, Levels: 8, Rows: 10, Families: 4, Shared: 0.5}},
		{[]string{"-principles", "50", "-questions", "0.7", "-levels", "8", "-rows", "10", "-families", "4", "-shared", "0.25"},
			corpus.Shape{Principles: 50, Questions: 0.7, Levels: 8, Rows: 10, Families: 4, Shared: 0.25}},
	} {
		dir := filepath.Join(t.TempDir(), "site")
		var out, errs bytes.Buffer
		if code := run(append([]string{"-pages", "1000", "-out", dir}, tc.args...), &out, &errs); code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errs.String())
		}
		want, err := corpus.Write(t.TempDir(), corpus.Options{Pages: 1000, Seed: 1, Shape: tc.want})
		if err != nil {
			t.Fatal(err)
		}
		if out.String() != want.String() {
			t.Errorf("%v: wrote\n%s\nwant the corpus of %+v:\n%s", tc.args, out.String(), tc.want, want)
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{"-pages", "300", "-out", t.TempDir(), "-shape", "huge"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "unknown corpus shape") {
		t.Errorf("-shape huge: exit %d, %s", code, errs.String())
	}
	errs.Reset()
	if code := run([]string{"-pages", "300", "-out", t.TempDir(), "-shared", "1.5"}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "shared rows") {
		t.Errorf("-shared 1.5: exit %d, %s", code, errs.String())
	}
}
