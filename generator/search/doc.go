// Package search builds the site's full-text index at build time, from the typed model,
// for the theme's own script (themes/default/assets/search.js) to search in the
// browser: no server, no WebAssembly, no eval, no workers. It runs after the graph
// package has linked the model; the build package publishes its files.
//
// # Documents
//
// One document per principle, interview question, dimension (a row ID, merged across
// the roles that share it), non-empty cell (a row at a level, on its role's matrix),
// delivery phase and section of prose: each H2 of a free page and of the section
// introductions (the delivery overview included, with the heading's anchor in the URL),
// each role's introduction, each level's page and each question group. A document has
// a type, a title, a URL, a role and a level where it has them, the principles it
// carries (a question: its group's; a cell or a row: its row's), a line saying where
// it lives, and three indexed fields: its title, its keys (secondary titles such as a
// phase's mechanisms, "Opportunity Quality Review (OQR)", a question's group, the
// titles of a question's or a row's principles, so that a principle's name finds what
// probes it, and the form of a question's example answer, "STAR") and its body. A
// cell is indexed under its row's title but shown as "Row · Level (Role)", and leads
// to its row on the level's page. A body keeps its blocks apart: a list item or a
// heading that ends no sentence is followed by " · ", so excerpts do not run a list's
// items together. Documents are numbered by type, then role, then site order, so a type is
// a range of numbers and one row's cells sit side by side.
//
// # Text
//
// Tokens finds words (letters, digits, combining marks; apostrophes join), lower-cases
// them, folds accented Latin letters to ASCII, drops single letters, and in an English
// handbook drops stop words (StopWords) and stems each word with Porter2 (Stem); the
// Analysis of the site's language (ForLanguage) decides, and the manifest tells the
// script its stop words and stemmer. In every language a run of a script written
// without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) is indexed as each of its
// characters and each pair of neighbours, so a word of any length is found as the
// characters and pairs it holds. search.js repeats this exactly; TestTokensMatchScript
// runs both on testdata/words.txt (every word of the handbook and the stemmer's hard
// cases) and on texts of several scripts, in three languages, and wants the same tokens.
//
// # Ranking
//
// Each term's postings hold, per document, an impact: the document's BM25F score for
// the term (k1 1.2; the title weighs 4, 3 for sections and 1.5 for cells, whose title
// is their row's; keys 1.5; body 1), times a prior per type that puts the thing a
// reader named (a principle, a dimension, a phase, a role's or level's page) before the
// places that mention it, quantised to 1..255 against the index's highest score. The
// script adds impacts: for each query word the best of its matching terms, weighted
// by how the term matched (exactly 1, a completion of the word being typed 0.8, a
// completion of an earlier word that is no term 0.7, one edit away 0.6, a misspelled
// word whose start is one edit from a stem 0.5). Documents matching every word come
// first; when none does, those matching the most words are shown, and said to be.
// Among them, those matching more of the words by their very term come first, whatever
// the impacts: a word outranks the longer words it starts. A query of no words with a
// filter lists every document the filters keep, in document order.
//
// # Files
//
// All under search/ (not assets/, whose changes make the dev server reload every page):
//
//	index.json          the manifest: stop words, types and their document ranges,
//	                    and one hash and the keys of each family below (~1 KB real,
//	                    ~2 KB gzipped at 10,000 pages). Its name is stable, so pages
//	                    do not change when only the index does; it is revalidated
//	                    like a page.
//	i.<n>.<hash>.json   term shards: sorted terms cut into files of ~16 KB (before
//	                    compression); the key of shard n is the shortest prefix of
//	                    its first term that sorts after the last term of shard n-1,
//	                    so a term, or a prefix's range of terms, is found by binary
//	                    search over the keys. {"t": terms, "p": per term [doc delta,
//	                    impact, ...]}.
//	d.<n>.<hash>.json   the document store: [title, url, type, where] per document,
//	                    ~6 KB files; what the header box shows.
//	x.<n>.<hash>.json   each document's text for excerpts (at most 320 characters),
//	                    which only the search page loads.
//	f.<hash>.json       facets for the search page's filters: roles, levels and
//	                    principles, each document's role (as runs) and level.
//	p.<hash>.json       each principle's documents, loaded once the principle filter
//	                    is used.
//
// A family's hash is that of all its files, so the manifest names a family with one
// hash rather than one per file (at 10,000 pages that is the difference between a 2 KB
// and a 50 KB manifest); every name changes when any content of its family does, and
// all can be cached forever. The same site gives the same bytes: terms and documents
// are sorted, JSON is written from slices only, and what the cores share of the work
// is put together in a fixed order.
//
// # Updating
//
// The preview makes an index after every save. Update makes it from the index of the
// version before, to the same bytes Build writes, reading again only what changed:
// the text of a part of the model is taken from the earlier index when the part is
// the same (a content patch keeps the parsed documents of the files it did not
// change), a document's terms when its title, keys and body are, its entries in the
// document and text chunks when they are, and a shard's bytes when its terms and
// postings are. What any edit may change is computed again every time: the terms'
// weights (a document's length changes the average every score is normalised by) and
// the families' hashes. Gather reads the model and Sources.Build makes the files from
// what it read, so that the model may change meanwhile. TestUpdate edits a synthetic
// handbook (a cell, a principle's text and title, a question, a group removed and
// added back) and compares each updated index with a full build.
//
// # Queries in the browser
//
// The last word is a prefix while it is being typed. A word fetches its own shard; a
// prefix also the shards of its range when they are at most three; a word of five
// letters or more also the shards of its first two letters (at most three), where the
// terms one edit away (optimal string alignment: transpositions count as one edit)
// are looked for. Limits, by design: a typo in the first two letters is found only
// among the shards already fetched (on the real handbook, which has four shards, that
// is most of them; on a large site it is not), and a prefix of one letter, or one whose
// range spans more than three shards, completes nothing until the next letter.
//
// # Sizes
//
// TestRealIndexSize keeps the real handbook's whole index under 40 KB gzipped (about
// 32 KB); TestFirstQueryBytes builds a 10,000-page handbook with handbook-corpus and
// keeps what a first query fetches (manifest, shards, chunks, script) under 100 KB
// gzipped, for the header box (about 47 KB at worst) and the search page with its
// filters and excerpts (about 96 KB at worst). BENCHMARKS.md records them beside
// Pagefind's.
package search
