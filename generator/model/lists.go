package model

import "strconv"

// The lengths of lists on pages. A page about one item shows at most Shown items of
// each list of other items it links to, the most relevant first in the order the list
// documents, so that no such page grows with the handbook; a longer list ends in a link
// to the one place that holds it all. Those places (a principle's questions and its
// rows, the interview page) hold PerPage items, or GroupsPerPage question groups, a
// page and continue on further pages, each at PageURL.
const (
	Shown         = 12
	PerPage       = 100
	GroupsPerPage = 25
)

// PageCount is how many pages a list of n items takes at per a page: at least one.
func PageCount(n, per int) int { return max(1, (n+per-1)/per) }

// PageURL is the URL of page number n (from 1) of the list at base: base itself for
// the first, base + "page/N/" for the others.
func PageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// QuestionCount is how many questions probe the principle.
func (p *Principle) QuestionCount() int { return len(p.MainQuestions) + len(p.AlsoQuestions) }

// HasQuestionList reports whether the principle's questions have a page of their own
// (QuestionsURL): its page shows at most Shown of its main questions and Shown of the
// others.
func (p *Principle) HasQuestionList() bool {
	return len(p.MainQuestions) > Shown || len(p.AlsoQuestions) > Shown
}

// HasRowList reports whether the rows naming the principle have a page of their own
// (RowsURL): its page shows at most Shown of them.
func (p *Principle) HasRowList() bool { return len(p.Rows) > Shown }

// QuestionsURL is the first page of the principle's questions list.
func (p *Principle) QuestionsURL() string { return p.URL() + "questions/" }

// RowsURL is the first page of the list of the rows naming the principle.
func (p *Principle) RowsURL() string { return p.URL() + "rows/" }

// AllQuestionsURL is where all the principle's questions are listed: their own list
// when its page cannot show them all, else its page's questions.
func (p *Principle) AllQuestionsURL() string {
	if p.HasQuestionList() {
		return p.QuestionsURL()
	}
	return p.URL() + "#q-h"
}

// AllRowsURL is where all the rows naming the principle are listed: their own list
// when its page cannot show them all, else its page's rows.
func (p *Principle) AllRowsURL() string {
	if p.HasRowList() {
		return p.RowsURL()
	}
	return p.URL() + "#rows-h"
}
