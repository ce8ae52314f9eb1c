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

	RedirectTo string // a redirect page's: the URL of the page the former address leads to

	History *changes.Log     // the changelog and a release's page: every release
	Release *changes.Release // a release's page
}

// Link is a titled link, such as a breadcrumb.
type Link struct {
	Title string
	URL   string
}

// listPages lists every HTML page of the site.
func (r *renderer) listPages() []*Data {
	s := r.site
	text := r.strings.Text
	home := Link{text("title.home"), "/"}
	crumbPrinciple := Link{text("title.principles"), "/principles/"}
	crumbInterview := Link{text("title.interview"), "/interview/"}
	crumbDelivery := Link{text("title.delivery"), "/delivery/"}
	crumbDimension := Link{text("title.dimensions"), "/dimensions/"}
	page := func(kind, url, title string, crumbs ...Link) *Data {
		return &Data{Site: s, Kind: kind, URL: url, Title: title, Crumbs: append([]Link{home}, crumbs...)}
	}
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
	interview := page("interview", "/interview/", text("title.interview"))
	if sec := s.InterviewIntro; sec != nil {
		interview.Title, interview.Section, interview.Source = sec.Title, sec, sec.Path
	}
	delivery := page("delivery", "/delivery/", text("title.delivery"))
	if sec := s.Delivery; sec != nil {
		delivery.Title, delivery.Section, delivery.Source = sec.Title, sec, sec.Path
	}
	out = append(out, principles, interview, delivery)

	for _, p := range s.Principles {
		d := page("principle", p.URL(), p.Title, crumbPrinciple)
		d.Principle, d.Source, d.Draft = p, p.Path, p.Draft
		out = append(out, d)
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

func (r *renderer) rolePages(role *model.Role, page func(string, string, string, ...Link) *Data) []*Data {
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
