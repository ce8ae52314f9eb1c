package source

import (
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

// The sections of a question group, by their H2 title in lower case.
const (
	sectionQuestions = "questions"
	sectionFollowUps = "follow-up questions"
	sectionAnswer    = "example answer"
	sectionCoaching  = "coaching notes"
)

// starLabels maps the short and long labels of an example answer to their names.
var starLabels = map[string]string{
	"s": "Situation", "situation": "Situation",
	"t": "Task", "task": "Task",
	"a": "Action", "action": "Action",
	"r": "Result", "result": "Result",
}

func (l *loader) addGroup(f *file, id string) {
	g := &model.QuestionGroup{
		Source:        source(f),
		ID:            id,
		Title:         l.title(f),
		Order:         f.meta.Int("order"),
		PrincipleRefs: refs(f.meta.Strings("principles")),
	}
	var ok bool
	g.Draft, ok = l.included(f)
	f.meta.Done("a question group")
	intro, sections := f.doc.Whole().Sections(2)
	g.Intro = intro
	seen := map[string]diag.Pos{}
	for _, sec := range sections {
		name := strings.ToLower(strings.TrimSpace(sec.Title))
		if prev, dup := seen[name]; dup && name != "" {
			l.diags.Errorf(sec.Pos, "section %q appears twice (first at line %d)", sec.Title, prev.Line)
			continue
		}
		seen[name] = sec.Pos
		switch name {
		case sectionQuestions:
			g.Questions = l.questions(g, sec)
		case sectionFollowUps, "follow-ups", "follow up questions":
			g.FollowUps = sec
		case sectionAnswer:
			g.Answer = answer(sec)
		case sectionCoaching:
			g.Coaching = sec
		default:
			g.Other = append(g.Other, sec)
		}
	}
	if len(g.Questions) == 0 {
		l.diags.Errorf(g.Pos, "question group %q has no questions: add a \"## Questions\" section holding a numbered list", g.Title)
	}
	if ok {
		l.site.Groups = append(l.site.Groups, g)
	}
}

func (l *loader) questions(g *model.QuestionGroup, sec markdown.Part) []*model.Question {
	items, ok := sec.Items()
	if !ok {
		l.diags.Errorf(sec.Pos, "the Questions section must hold one list, one question per item, and nothing else")
		return nil
	}
	var qs []*model.Question
	for i, it := range items {
		q := &model.Question{
			Source: model.Source{Path: g.Path, Pos: it.Pos},
			ID:     model.Slug(it.Title),
			Text:   it.Title,
			Index:  i,
			Group:  g,
			Body:   it,
		}
		switch {
		case strings.TrimSpace(it.Title) == "":
			l.diags.Errorf(it.Pos, "empty question")
			continue
		case q.ID == "":
			l.diags.Errorf(it.Pos, "question %q has no letters or digits to make its URL of; write it in words", it.Title)
			continue
		}
		qs = append(qs, q)
	}
	return qs
}

// answer splits an example answer into its labelled parts.
func answer(sec markdown.Part) []model.AnswerPart {
	var parts []model.AnswerPart
	for _, p := range sec.Labelled(2) {
		label := p.Title
		if name, ok := starLabels[strings.ToLower(label)]; ok {
			label = name
		}
		parts = append(parts, model.AnswerPart{Label: label, Body: p})
	}
	return parts
}
