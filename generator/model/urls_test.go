package model

import "testing"

// TestURLsEscape checks that URLs are escaped for an href and that FilePath maps them
// back to the files they are written to.
func TestURLsEscape(t *testing.T) {
	role := &Role{ID: "エンジニア"}
	junior := &Level{ID: "ジュニア", Role: role}
	senior := &Level{ID: "senior", Role: role, Index: 1}
	role.Levels = []*Level{junior, senior}
	tests := []struct{ url, file string }{
		{role.URL(), "roles/エンジニア/index.html"},
		{junior.URL(), "roles/エンジニア/ジュニア/index.html"},
		{junior.PromotionURL(), "roles/エンジニア/ジュニア-to-senior/index.html"},
		{PathURL("/we#ird? 100%/"), "we#ird? 100%/index.html"},
		{PathURL("/notes/a(b);c/"), "notes/a(b);c/index.html"},
		{"/404.html", "404.html"},
	}
	want := []string{
		"/roles/%E3%82%A8%E3%83%B3%E3%82%B8%E3%83%8B%E3%82%A2/",
		"/roles/%E3%82%A8%E3%83%B3%E3%82%B8%E3%83%8B%E3%82%A2/%E3%82%B8%E3%83%A5%E3%83%8B%E3%82%A2/",
		"/roles/%E3%82%A8%E3%83%B3%E3%82%B8%E3%83%8B%E3%82%A2/%E3%82%B8%E3%83%A5%E3%83%8B%E3%82%A2-to-senior/",
		"/we%23ird%3F%20100%25/",
		"/notes/a(b);c/",
		"/404.html",
	}
	for i, tt := range tests {
		if tt.url != want[i] {
			t.Errorf("URL %d = %s, want %s", i, tt.url, want[i])
		}
		if got := FilePath(tt.url); got != tt.file {
			t.Errorf("FilePath(%s) = %s, want %s", tt.url, got, tt.file)
		}
	}
}
