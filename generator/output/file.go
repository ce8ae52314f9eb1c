package output

// File is one file of the site, at a slash-separated path relative to the site root
// ("principles/ownership/index.html"): what the renderer, the search index and the
// theme's assets make, and what Write and a Publication write.
type File struct {
	Path string
	Data []byte
}
