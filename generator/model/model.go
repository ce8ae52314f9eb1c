// Package model defines the handbook's typed model: the site and its principles, roles,
// levels, rows, cells, question groups, questions, phases, personas and free pages. The
// source package fills it from content files, keeping every value's source position; the
// graph package resolves its references into the fields tagged `graph:"set"` and so
// links every item to everything that relates to it, both ways.
package model

import (
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
)

// Ref is a reference to another item as the author wrote it: an ID or an exact title.
type Ref struct {
	Text string
	Pos  diag.Pos
	// Sep is what split it from the reference before it in the same list, when a title
	// may hold it too: ";" in a matrix's Principles cell, "," in a front matter list.
	Sep string
}

// Source is where an item was written.
type Source struct {
	Path string   // slash-separated, relative to the site folder: "content/principles/ownership.md"
	Pos  diag.Pos // the item's own place within Path

	// Aliases are the former URL paths of the item's page (aliases: in its front
	// matter), which redirect to it: "/principles/old-name/".
	Aliases []Ref
}

// Site is the whole handbook.
type Site struct {
	Source
	Title       string
	Description string
	EditURL     string // prefix for "edit this page" links; empty for none
	Theme       string // theme folder under themes/; "" or "default" for the embedded theme
	NoIndex     bool   // keep search engines out (the default)
	Language    string // the handbook's BCP 47 language tag, in canonical case: "en" unless set
	Releases    string // the git tags that are releases, a glob such as "v*"; "" for the default
	Home        markdown.Part

	PrinciplesIntro *Section
	Principles      []*Principle
	Roles           []*Role
	InterviewIntro  *Section
	Groups          []*QuestionGroup
	Questions       []*Question // every question, in group order
	Delivery        *Section
	Personas        []*Persona
	Phases          []*Phase
	Pages           []*Page

	Dimensions []*Dimension `graph:"set"` // rows grouped by ID across roles
	// Interview is every question group in the order the interview page lists them
	// (set by graph): by main principle, in the principles' order, then those with none.
	Interview []*QuestionGroup `graph:"set"`

	ThemePos diag.Pos // where theme: was written, for the errors about it
}

// Section is the introduction of one part of the handbook (an _index.md file).
type Section struct {
	Source
	Title string
	Draft bool
	Body  markdown.Part
}

// Principle is one leadership principle.
type Principle struct {
	Source
	ID    string
	Title string
	Order int
	Draft bool
	Body  markdown.Part

	MainQuestions []*Question `graph:"set"` // questions whose main principle this is
	AlsoQuestions []*Question `graph:"set"` // questions that also probe it
	Rows          []*Row      `graph:"set"` // rows that name it, in role order
	Phases        []*Phase    `graph:"set"`
}

// Questions returns the questions that probe the principle, main ones first.
func (p *Principle) Questions() []*Question {
	return append(append([]*Question(nil), p.MainQuestions...), p.AlsoQuestions...)
}

// Role is one role family with its leveling matrix.
type Role struct {
	Source
	ID        string
	Title     string
	Track     string
	Order     int
	Draft     bool
	Intro     markdown.Part
	Corner    string // the header of the matrix's first column
	Levels    []*Level
	Rows      []*Row
	CSVPath   string // the matrix source, offered as a download
	CSV       []byte
	LevelRefs []LevelRef // the levels: front matter, matched to the CSV header by title
	FormerIDs []Ref      // former_ids: the IDs (folder names) it had, whose pages redirect to its own

	Personas []*Persona `graph:"set"` // personas who hold this role
}

// LevelRef gives a level an ID of the author's choosing.
type LevelRef struct {
	Title     string
	ID        string
	FormerIDs []Ref // former_ids: the IDs it had, whose pages redirect to its own
	Pos       diag.Pos
}

// Level is one column of a role's matrix.
type Level struct {
	Source
	ID    string
	Title string
	Index int // 0-based position among the role's levels
	Role  *Role
	Cells []*Cell // one per row, in row order

	FormerIDs []Ref // the IDs it had (levels: former_ids), whose pages redirect to its own
}

// Next returns the following level of the same role, or nil.
func (l *Level) Next() *Level {
	if l.Index+1 < len(l.Role.Levels) {
		return l.Role.Levels[l.Index+1]
	}
	return nil
}

// Prev returns the preceding level of the same role, or nil.
func (l *Level) Prev() *Level {
	if l.Index > 0 {
		return l.Role.Levels[l.Index-1]
	}
	return nil
}

// Row is one dimension of a role's matrix.
type Row struct {
	Source
	ID            string
	Title         string
	Index         int
	Role          *Role
	Cells         []*Cell // one per level, in level order
	PrincipleRefs []Ref
	FormerIDs     []Ref // the IDs it had (the Former IDs column), whose dimension pages redirect to its own

	Principles []*Principle `graph:"set"`
	Dimension  *Dimension   `graph:"set"`
}

// Cell is one row's expectation at one level.
type Cell struct {
	Source
	Row   *Row
	Level *Level
	Text  string // as written in the CSV
	Body  markdown.Part
	// Blank is set when the cell holds nothing but white space: the row has no
	// expectation at this level, as a spreadsheet holds a row that starts at a later
	// level. It is shape, not content (see SameShape): a save that blanks or fills a
	// cell changes which pages list the row.
	Blank bool
}

// Anchor returns the cell's fragment ID on its role's matrix page.
func (c *Cell) Anchor() string { return c.Row.ID + "--" + c.Level.ID }

// Dimension is a row ID shared by one or more roles: the same expectation seen across
// every level of every role that has it.
type Dimension struct {
	ID    string
	Title string
	Rows  []*Row // in role order

	Principles []*Principle `graph:"set"` // the union of its rows' principles
	// Questions are the questions a dimension's page shows (set by graph): at most
	// Shown of those probing one of its principles, those whose main principle it is
	// first, each in site order. MoreQuestions says whether there are others; each
	// principle's page leads to all of its own.
	Questions     []*Question `graph:"set"`
	MoreQuestions bool        `graph:"set"`
}

// QuestionGroup is one file of interview questions.
type QuestionGroup struct {
	Source
	ID            string
	Title         string
	Order         int
	Draft         bool
	PrincipleRefs []Ref
	Intro         markdown.Part
	Questions     []*Question
	FollowUps     markdown.Part
	Answer        []AnswerPart
	Coaching      markdown.Part
	Other         []markdown.Part // any other section, shown as written

	Principles []*Principle `graph:"set"` // the main principle first
	// Rows are the rows its questions probe that a question's page shows (set by
	// graph): at most Shown of the rows naming one of its principles, those naming its
	// main principle first, each principle's in role order. MoreRows says whether there
	// are others; each principle's page leads to all of its own.
	Rows     []*Row `graph:"set"`
	MoreRows bool   `graph:"set"`
	Page     int    `graph:"set"` // the page of the interview page that lists it, from 1
}

// Main returns the group's main principle, or nil.
func (g *QuestionGroup) Main() *Principle {
	if len(g.Principles) == 0 {
		return nil
	}
	return g.Principles[0]
}

// AnswerPart is one part of an example answer: Situation, Task, Action or Result.
type AnswerPart struct {
	Label string
	Body  markdown.Part
}

// Question is one interview question.
type Question struct {
	Source
	ID    string
	Text  string
	Index int // 0-based position within its group
	Group *QuestionGroup
	Body  markdown.Part

	Rows []*Row `graph:"set"` // its group's Rows
}

// RowsByDimension returns rows grouped by their dimension, in the order of the rows: a
// compact list when many roles share a dimension.
func RowsByDimension(rows []*Row) []DimensionRows {
	var out []DimensionRows
	at := map[*Dimension]int{}
	for _, r := range rows {
		i, ok := at[r.Dimension]
		if !ok {
			i = len(out)
			at[r.Dimension] = i
			out = append(out, DimensionRows{Dimension: r.Dimension})
		}
		out[i].Rows = append(out[i].Rows, r)
	}
	return out
}

// DimensionRows is a dimension and some of its rows.
type DimensionRows struct {
	Dimension *Dimension
	Rows      []*Row
}

// Siblings returns the other questions of the question's group.
func (q *Question) Siblings() []*Question {
	out := make([]*Question, 0, len(q.Group.Questions)-1)
	for _, s := range q.Group.Questions {
		if s != q {
			out = append(out, s)
		}
	}
	return out
}

// Persona is one role people play in an engagement.
type Persona struct {
	Source
	ID          string
	Title       string
	Roles       []string // the job titles it stands for, as written
	Description string
	RoleRef     Ref

	Role   *Role    `graph:"set"` // the role family, if named
	Phases []*Phase `graph:"set"`
}

// Phase is one phase of an engagement.
type Phase struct {
	Source
	ID            string
	Title         string
	Order         int
	Draft         bool
	PersonaRefs   []Ref
	PrincipleRefs []Ref
	Mechanisms    []Mechanism
	Body          markdown.Part

	Personas   []*Persona   `graph:"set"`
	Principles []*Principle `graph:"set"`
}

// Mechanism is a named practice a phase uses.
type Mechanism struct {
	Name  string
	Short string
	When  string
	Pos   diag.Pos
}

// Page is a free prose page.
type Page struct {
	Source
	URL         string // "/contributing/", escaped (see PathURL)
	Title       string
	Description string
	Draft       bool
	Body        markdown.Part
	Params      map[string]any // every key of its front matter, for themes, read as typed fields are
}

// ChangesFolder is where the build publishes what changed, from git history: the
// changelog, a page per release and the feed. No page or alias may be there, with
// history or without, so that a site that passes check builds in any checkout.
const ChangesFolder = "/changes/"
