package render

import (
	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

// Data is what a page template sees. Kind names the template; the item fields that kind
// uses are set, the others are nil.
type Data struct {
	Site        *model.Site
	Kind        string
	URL         string
	Title       string
	Description string
	Crumbs      []Link // from the home page down to, not including, this page
	Source      string // the content file, for "edit this page"
	Draft       bool
	formerAt    diag.Pos // for a redirect page, where its former address was written

	Section   *model.Section
	Principle *model.Principle
	Role      *model.Role
	Level     *model.Level
	Next      *model.Level // the promotion view's upper level
	Dimension *model.Dimension
	Question  *model.Question
	Phase     *model.Phase
	Page      *model.Page
	List      *List // a page of a long list: a principle's questions or rows, the interview page

	RedirectTo string // a redirect page's: the URL of the page the former address leads to

	History *changes.Log     // the changelog and a release's page: every release
	Release *changes.Release // a release's page
}

// List is one page of a list that does not fit on one (see model.PerPage): the part of
// it the page shows, and the page's place among the list's pages.
type List struct {
	Main, Also []*model.Question      // a principle's questions: its main ones, then the others
	Rows       []*model.Row           // the rows naming a principle, in role order
	Groups     []*model.QuestionGroup // the interview page's question groups
	Number     int                    // the page's number, from 1
	Count      int                    // how many pages the list has
	Label      string                 // the list's name, for the pager between its pages
	base       string                 // the URL of its first page
}

// Link is a titled link, such as a breadcrumb.
type Link struct {
	Title string
	URL   string
}

// pageMaker makes a page's Data of a kind at url with a title, and crumbs from the
// home page through those given.
type pageMaker func(kind, url, title string, crumbs ...Link) *Data

// pageMaker returns the site's pageMaker.
func (r *renderer) pageMaker() pageMaker {
	home := Link{r.strings.Text("title.home"), "/"}
	return func(kind, url, title string, crumbs ...Link) *Data {
		return &Data{Site: r.site, Kind: kind, URL: url, Title: title, Crumbs: append([]Link{home}, crumbs...)}
	}
}

// listPages lists every HTML page of the site.
func (r *renderer) listPages() []*Data {
	s := r.site
	text := r.strings.Text
	crumbInterview := Link{text("title.interview"), "/interview/"}
	crumbDelivery := Link{text("title.delivery"), "/delivery/"}
	crumbDimension := Link{text("title.dimensions"), "/dimensions/"}
	page := r.pageMaker()
	homePage := page("home", "/", s.Title)
	homePage.Crumbs, homePage.Description, homePage.Source = nil, s.Description, s.Path
	out := []*Data{
		homePage,
		page("roles", "/roles/", text("title.roles")),
		page("compare", "/compare/", text("title.compare")),
		page("dimensions", "/dimensions/", text("title.dimensions")),
		page("search", "/search/", text("title.search")),
		page("404", "/404.html", text("title.notfound")),
	}
	principles := page("principles", "/principles/", text("title.principles"))
	if sec := s.PrinciplesIntro; sec != nil {
		principles.Title, principles.Section, principles.Source = sec.Title, sec, sec.Path
	}
	interviewTitle, interviewSource := text("title.interview"), ""
	if sec := s.InterviewIntro; sec != nil {
		interviewTitle, interviewSource = sec.Title, sec.Path
	}
	interview := r.paginate("/interview/", interviewTitle, len(s.Interview), model.GroupsPerPage, func(url, title string, l *List, from, to int) *Data {
		d := page("interview", url, title)
		l.Groups, d.Source = s.Interview[from:to], interviewSource
		if l.Number == 1 {
			d.Section = s.InterviewIntro
		} else {
			d.Crumbs = append(d.Crumbs, crumbInterview)
		}
		return d
	})
	delivery := page("delivery", "/delivery/", text("title.delivery"))
	if sec := s.Delivery; sec != nil {
		delivery.Title, delivery.Section, delivery.Source = sec.Title, sec, sec.Path
	}
	out = append(out, principles)
	out = append(out, interview...)
	out = append(out, delivery)

	for _, p := range s.Principles {
		out = append(out, r.principlePages(p, page)...)
	}
	for _, role := range s.Roles {
		out = append(out, r.rolePages(role, page)...)
	}
	for _, dim := range s.Dimensions {
		d := page("dimension", dim.URL(), dim.Title, crumbDimension)
		d.Dimension = dim
		out = append(out, d)
	}
	for _, q := range s.Questions {
		d := page("question", q.URL(), q.Text, crumbInterview, Link{q.Group.Title, q.Group.URL()})
		d.Question, d.Source, d.Draft = q, q.Path, q.Group.Draft
		out = append(out, d)
	}
	for _, ph := range s.Phases {
		d := page("phase", ph.URL(), ph.Title, crumbDelivery)
		d.Phase, d.Source, d.Draft = ph, ph.Path, ph.Draft
		out = append(out, d)
	}
	out = append(out, r.changePages(page)...)
	for _, pg := range s.Pages {
		d := page("page", pg.URL, pg.Title)
		d.Page, d.Source, d.Draft, d.Description = pg, pg.Path, pg.Draft, pg.Description
		out = append(out, d)
	}
	return out
}

// principlePages lists a principle's pages: its own, then those of its questions and
// of the rows naming it, each when the principle's page cannot show them all. They
// are the only pages whose listing names the principle's title (see Rendered.Next).
func (r *renderer) principlePages(p *model.Principle, page pageMaker) []*Data {
	crumbs := []Link{{r.strings.Text("title.principles"), "/principles/"}}
	item := func(kind, url, title string) *Data {
		d := page(kind, url, title, crumbs...)
		d.Principle, d.Source, d.Draft = p, p.Path, p.Draft
		return d
	}
	out := []*Data{item("principle", p.URL(), p.Title)}
	crumbs = append(crumbs, Link{p.Title, p.URL()})
	if p.HasQuestionList() {
		main, also := p.MainQuestions, p.AlsoQuestions
		out = append(out, r.paginate(p.QuestionsURL(), r.strings.Text("list.questions", p.Title), len(main)+len(also), model.PerPage, func(url, title string, l *List, from, to int) *Data {
			l.Main, l.Also = part(main, from, to), part(also, from-len(main), to-len(main))
			return item("principle-questions", url, title)
		})...)
	}
	if p.HasRowList() {
		out = append(out, r.paginate(p.RowsURL(), r.strings.Text("list.rows", p.Title), len(p.Rows), model.PerPage, func(url, title string, l *List, from, to int) *Data {
			l.Rows = p.Rows[from:to]
			return item("principle-rows", url, title)
		})...)
	}
	return out
}

// paginate makes the pages of a list of n items named title whose first page is at
// base, per items a page: page makes the page of the items [from, to) at url, titled
// with the list's title and the page's number after the first, and fills its part of
// l, the page's List.
func (r *renderer) paginate(base, title string, n, per int, page func(url, title string, l *List, from, to int) *Data) []*Data {
	count := model.PageCount(n, per)
	out := make([]*Data, count)
	for i := range count {
		l := &List{Number: i + 1, Count: count, Label: title, base: base}
		t := title
		if i > 0 {
			t = r.strings.Text("list.pagetitle", title, i+1, count)
		}
		d := page(model.PageURL(base, i+1), t, l, i*per, min(n, (i+1)*per))
		d.List = l
		out[i] = d
	}
	return out
}

// part returns list[from:to], each bound kept within the list.
func part[T any](list []T, from, to int) []T {
	return list[min(max(from, 0), len(list)):min(max(to, 0), len(list))]
}

func (r *renderer) rolePages(role *model.Role, page pageMaker) []*Data {
	roleCrumb := Link{role.Title, role.URL()}
	crumbRoles := Link{r.strings.Text("title.roles"), "/roles/"}
	d := page("role", role.URL(), role.Title, crumbRoles)
	d.Role, d.Source, d.Draft = role, role.Path, role.Draft
	out := []*Data{d}
	for _, lv := range role.Levels {
		d := page("level", lv.URL(), lv.Title, crumbRoles, roleCrumb)
		d.Role, d.Level, d.Source, d.Draft = role, lv, role.CSVPath, role.Draft
		out = append(out, d)
		if next := lv.Next(); next != nil {
			d := page("promotion", lv.PromotionURL(), r.strings.Text("promotion.title", lv.Title, next.Title), crumbRoles, roleCrumb)
			d.Role, d.Level, d.Next, d.Source, d.Draft = role, lv, next, role.CSVPath, role.Draft
			out = append(out, d)
		}
	}
	return out
}
