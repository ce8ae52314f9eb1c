package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// The vocabulary of the synthetic text: the professional register of the seed documents
// (leveling matrices, leadership principles, interview notes, delivery guidance), cut into
// parts that are recombined into sentences. Everything is picked through one seeded
// generator, so the same seed gives the same text.

var (
	verbs3 = []string{
		"Leads", "Drives", "Delivers", "Owns", "Guides", "Builds", "Establishes", "Influences",
		"Designs", "Coaches", "Mentors", "Manages", "Defines", "Shapes", "Reviews", "Anticipates",
		"Identifies", "Scales", "Improves", "Aligns", "Champions", "Sponsors", "Negotiates",
		"Communicates", "Simplifies", "Measures", "Prioritizes", "Orchestrates", "Raises the bar on",
		"Invests in", "Partners on", "Advocates for", "Collaborates on", "Contributes to", "Applies",
		"Generates", "Publishes", "Evaluates", "Balances", "Resolves", "Inspects", "Validates",
		"Plans", "Executes", "Streamlines", "Automates", "Documents", "Teaches", "Represents",
		"Secures", "Accelerates", "Modernizes", "Facilitates", "Escalates", "Audits", "Quantifies",
	}
	verbsPast = []string{
		"led", "drove", "delivered", "owned", "guided", "built", "established", "influenced",
		"designed", "coached", "managed", "defined", "reshaped", "reviewed", "anticipated",
		"identified", "scaled", "improved", "aligned", "championed", "negotiated", "simplified",
		"measured", "prioritized", "orchestrated", "rescued", "launched", "migrated", "redesigned",
		"challenged", "escalated", "automated", "documented", "stabilized", "renegotiated",
		"restructured", "shipped", "turned around", "unblocked", "consolidated", "retired",
	}
	gerunds = []string{
		"Deciding", "Earning", "Building", "Delivering", "Owning", "Simplifying", "Disagreeing about",
		"Scaling", "Rescuing", "Negotiating", "Prioritizing", "Measuring", "Hiring for", "Coaching",
		"Inventing", "Learning from", "Committing to", "Challenging", "Recovering", "Growing",
		"Raising the bar on", "Protecting", "Influencing", "Balancing", "Leading", "Modernizing",
		"Untangling", "Shipping", "Planning", "Escalating", "Funding", "Inspecting",
	}
	adverbs = []string{
		"consistently", "proactively", "independently", "regularly", "deliberately", "effectively",
		"routinely", "visibly", "pragmatically", "carefully", "openly", "quickly", "personally",
		"directly", "broadly", "thoughtfully",
	}
	adjectives = []string{
		"complex", "cross-functional", "strategic", "customer-facing", "reusable", "measurable",
		"scalable", "high-quality", "long-term", "multi-year", "enterprise", "critical", "ambiguous",
		"regional", "global", "technical", "operational", "commercial", "repeatable", "secure",
		"data-driven", "end-to-end", "shared", "high-risk", "time-sensitive", "new", "existing",
		"distributed", "regulated", "partner-led", "executive", "customer-specific", "open-source",
		"legacy", "mission-critical", "well-scoped", "cost-effective", "resilient", "large-scale",
	}
	nouns = []string{
		"initiatives", "engagements", "roadmaps", "architectures", "deliverables", "work streams",
		"stakeholder relationships", "partner programs", "business outcomes", "mechanisms",
		"best practices", "operating plans", "technical designs", "service offerings", "budgets",
		"teams", "design reviews", "decisions", "priorities", "risks", "metrics", "migrations",
		"platforms", "proposals", "playbooks", "runbooks", "escalations", "estimates", "contracts",
		"customer references", "reference architectures", "proofs of concept", "launch plans",
		"hiring plans", "career paths", "quality gates", "service levels", "incident reviews",
		"forecasts", "pricing models", "governance models", "delivery methods", "data pipelines",
		"security controls", "cost models", "training programs", "feedback loops", "release plans",
	}
	nounsSingular = []string{
		"initiative", "engagement", "roadmap", "architecture", "deliverable", "work stream",
		"partner program", "business outcome", "mechanism", "operating plan", "technical design",
		"service offering", "budget", "team", "design review", "decision", "migration", "platform",
		"proposal", "playbook", "runbook", "escalation", "estimate", "contract", "proof of concept",
		"launch plan", "hiring plan", "quality gate", "service level", "incident review", "forecast",
		"pricing model", "governance model", "delivery method", "data pipeline", "cost model",
		"training program", "feedback loop", "release plan", "customer commitment", "product bet",
		"pilot", "program", "backlog", "reorganization", "vendor selection", "renewal",
	}
	modifiers = []string{
		"across multiple teams", "on behalf of the customer", "within the organization",
		"for the broader business", "in ambiguous situations", "with minimal guidance",
		"at the executive level", "through others", "over multiple quarters",
		"while maintaining quality", "across regions and time zones", "under tight deadlines",
		"with partners and customers", "within the agreed budget", "for the wider community",
		"across the portfolio", "at every stage of the engagement", "for new and existing customers",
		"across product and delivery teams", "in line with the operating plan",
		"without compromising security", "with clear ownership", "across several business units",
		"from scoping through close", "for the most demanding customers", "as the business grows",
	}
	clauses = []string{
		"that accelerate adoption of new services", "and shares lessons learned broadly",
		"to ensure alignment with business goals", "that other teams reuse",
		"and holds the team accountable for results", "so that customers see value early",
		"and removes blockers before they escalate", "that raise the bar for quality",
		"and communicates trade-offs clearly", "to reduce risk and rework",
		"that scale beyond a single engagement", "and earns the trust of senior stakeholders",
		"and measures the impact with data", "to turn ambiguity into clear plans",
		"and invests in the growth of others", "that stand up to scrutiny",
		"and keeps commitments visible to everyone involved", "to simplify how work gets done",
	}
	subjects = []string{
		"the customer", "the team", "our partner", "the program", "the account team",
		"my manager", "the executive sponsor", "the delivery team", "the product group",
		"the finance team", "a key stakeholder", "the engineering lead", "the steering committee",
	}
	resultsPhrases = []string{
		"customer satisfaction scores", "the conversion rate", "delivery predictability",
		"time to first value", "the renewal rate", "on-time delivery", "utilization",
		"incident volume", "the cost per engagement", "partner-sourced revenue",
		"the net promoter score", "onboarding time", "the defect rate", "margin",
	}
	followUps = []string{
		"What did you do?", "What path did you take?", "What alternatives did you consider?",
		"What were the trade-offs of each?", "Did the decision turn out to be the correct one?",
		"How did you mitigate risk?", "How did you measure success?", "Who did you involve, and why?",
		"What would you do differently today?", "How did you communicate the decision?",
		"What data did you have, and what was missing?", "How did the customer react?",
		"What did you learn about yourself?", "How did you handle the disagreement?",
		"What was the impact on the team?", "How long did it take, and why?",
		"What was your specific contribution?", "What feedback did you receive?",
	}
	openers = []string{
		"Tell me about a time when you", "Describe a situation where you", "Give me an example of how you",
		"Walk me through a time you", "Share an example of when you", "Tell me about the last time you",
		"Describe a time you", "Tell me about a decision where you", "Give an example of when you",
	}
	contexts = []string{
		"without complete data", "against a tight deadline", "despite strong disagreement",
		"with a skeptical customer", "after a failed launch", "with a new team",
		"across several time zones", "with a shrinking budget", "under executive scrutiny",
		"while the scope kept changing", "with a difficult partner", "for a regulated customer",
		"when nobody owned the problem", "on your first engagement", "with conflicting priorities",
		"after a missed commitment", "with no clear precedent", "in front of senior leaders",
		"during a reorganization", "when the data disagreed with the anecdotes",
	}
	titleNouns = []string{
		"Action", "Results", "Trust", "Standards", "Ownership", "Customers", "Curiosity", "Clarity",
		"Frugality", "Judgment", "Backbone", "Candor", "Craft", "Focus", "Impact", "Learning",
		"Simplicity", "Scale", "Quality", "Speed", "Teams", "Talent", "Courage", "Detail",
		"Invention", "Integrity", "Inclusion", "Resilience", "Accountability", "Evidence",
		"Partnership", "Stewardship", "Humility", "Consistency", "Mechanisms", "Outcomes",
	}
	titleVerbs = []string{
		"Invent", "Simplify", "Learn", "Deliver", "Earn", "Dive", "Insist", "Think", "Hire",
		"Develop", "Disagree", "Commit", "Own", "Measure", "Decide", "Build", "Listen", "Inspect",
		"Teach", "Question", "Experiment", "Persist", "Adapt", "Explain", "Focus", "Scale",
		"Protect", "Share", "Serve", "Start", "Finish", "Improve", "Challenge", "Support",
	}
	titleAdjs = []string{
		"Highest", "Deep", "Bold", "Clear", "Simple", "Honest", "Lasting", "Shared", "Careful",
		"Open", "Frugal", "Curious", "Humble", "Steady", "Fast", "Right", "Measured", "Practical",
		"Inclusive", "Rigorous", "Long-Term", "Customer", "Candid", "Calm", "Fearless", "Patient",
	}
	domains = []string{
		"Cloud", "Data", "Security", "Network", "Platform", "Analytics", "Machine Learning",
		"Infrastructure", "Application", "Integration", "Identity", "Storage", "Database",
		"Edge", "Mobile", "Payments", "Observability", "Migration", "Developer Tools", "Media",
		"IoT", "Quantum", "Compliance", "Billing", "Search", "Messaging", "Support", "Finance",
		"Supply Chain", "Marketing",
	}
	specialties = []string{
		"Solutions", "Delivery", "Operations", "Reliability", "Architecture", "Engineering",
		"Advisory", "Strategy", "Optimization", "Enablement", "Research", "Product", "Program",
		"Partner", "Customer Success", "Quality", "Automation", "Governance", "Training",
	}
	functions = []string{
		"Consultant", "Architect", "Engineer", "Specialist", "Manager", "Analyst", "Lead",
		"Advisor", "Scientist", "Designer",
	}
	// icFunctions are the functions an individual contributor's title ends with.
	icFunctions = []string{
		"Consultant", "Architect", "Engineer", "Specialist", "Analyst", "Advisor", "Scientist", "Designer",
	}
	regions = []string{
		"", "EMEA", "APJ", "Americas", "Public Sector", "Enterprise", "Startups", "Global Accounts",
		"Greater China", "LATAM", "Nordics", "Benelux", "ANZ", "Japan", "India", "Canada",
	}
	personaGroups = []string{
		"Sales", "Delivery", "Managers", "Leadership", "Architects", "Partners", "Support",
		"Finance", "Operations", "Product", "Security", "Enablement", "Procurement", "Legal",
	}
	jobTitles = []string{
		"PM", "CPM", "ESM", "CDA", "APM", "EM", "Engagement Lead", "Consultants", "DPM", "Sr PM",
		"Area Lead", "VP", "Director", "TAM", "SA", "CSM", "Account Manager", "Architects",
	}
	headings = []string{
		"Objectives", "Entry criteria", "Exit criteria", "Key activities", "Artifacts",
		"Roles and responsibilities", "Risks to watch", "Quality checks", "Communication plan",
		"Success measures", "Common pitfalls", "Tools and templates",
	}
	codeLangs = []string{"yaml", "csv", "markdown", "go", "json"}
)

// text generates the corpus's prose from one seeded source.
type text struct {
	r *rand.Rand
}

func (t *text) pick(list []string) string { return list[t.r.IntN(len(list))] }

// between returns a number in [lo, hi].
func (t *text) between(lo, hi int) int { return lo + t.r.IntN(hi-lo+1) }

// chance reports true with probability p.
func (t *text) chance(p float64) bool { return t.r.Float64() < p }

// expectation is one third-person sentence of a matrix cell.
func (t *text) expectation() string {
	var b strings.Builder
	b.WriteString(t.pick(verbs3))
	if t.chance(0.35) {
		// "Leads consistently ..." reads badly: put the adverb first instead.
		s := b.String()
		b.Reset()
		a := t.pick(adverbs)
		b.WriteString(strings.ToUpper(a[:1]) + a[1:] + " " + strings.ToLower(s[:1]) + s[1:])
	}
	b.WriteString(" " + t.pick(adjectives) + " " + t.pick(nouns))
	if t.chance(0.8) {
		b.WriteString(" " + t.pick(modifiers))
	}
	if t.chance(0.6) {
		b.WriteString(" " + t.pick(clauses))
	}
	b.WriteString(".")
	return b.String()
}

// firstPerson is one sentence of an example answer.
func (t *text) firstPerson() string {
	switch t.r.IntN(5) {
	case 0:
		return "I " + t.pick(verbsPast) + " the " + t.pick(adjectives) + " " + t.pick(nounsSingular) + " " + t.pick(modifiers) + "."
	case 1:
		return capital(t.pick(subjects)) + " needed " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(modifiers) + ", and I " + t.pick(verbsPast) + " them " + t.pick(clauses) + "."
	case 2:
		return "As a result, " + t.pick(resultsPhrases) + " improved by " + itoa(t.between(3, 60)) + "% within " + itoa(t.between(2, 12)) + " months."
	case 3:
		return "My role was to " + strings.ToLower(plural(t.pick(verbs3))) + " " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(modifiers) + "."
	default:
		return "Working with " + t.pick(subjects) + ", I " + t.pick(verbsPast) + " " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(clauses) + "."
	}
}

// paragraph joins sentences from gen until it holds at least lo words (at most about hi).
func (t *text) paragraph(lo, hi int, gen func() string) string {
	want := t.between(lo, hi)
	var b strings.Builder
	words := 0
	for words < want {
		s := gen()
		n := strings.Count(s, " ") + 1
		if words > 0 && words+n > hi {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		words += n
	}
	return b.String()
}

// emphasize wraps one phrase of a paragraph in *emphasis* or **strong** emphasis.
func (t *text) emphasize(p string) string {
	words := strings.Fields(p)
	if len(words) < 6 {
		return p
	}
	i := t.between(1, len(words)-4)
	n := t.between(1, 3)
	mark := "*"
	if t.chance(0.4) {
		mark = "**"
	}
	// Keep punctuation outside the emphasis, as authors write it.
	last := words[i+n-1]
	trail := strings.TrimRight(last, ".,;:")
	words[i] = mark + words[i]
	words[i+n-1] = trail + mark + last[len(trail):]
	if n == 1 {
		words[i] = mark + trail + mark + last[len(trail):]
	}
	return strings.Join(words, " ")
}

// listItems is a markdown list of n short expectations; ordered lists are numbered.
func (t *text) listItems(n int, ordered bool) string {
	var b strings.Builder
	for i := range n {
		if ordered {
			b.WriteString(itoa(i+1) + ". ")
		} else {
			b.WriteString("- ")
		}
		b.WriteString(t.pick(verbs3) + " " + t.pick(adjectives) + " " + t.pick(nouns))
		if t.chance(0.5) {
			b.WriteString(" " + t.pick(modifiers))
		}
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// question is the text of one interview question.
func (t *text) question() string {
	s := t.pick(openers) + " " + t.pick(verbsPast) + " " + t.pick([]string{"a", "the", "an unpopular", "a risky", "a stalled", "a late"}) + " " +
		t.pick(adjectives) + " " + t.pick(nounsSingular) + " " + t.pick(contexts)
	if t.chance(0.3) {
		s += " " + t.pick(modifiers)
	}
	if t.chance(0.7) {
		return s + "."
	}
	return s + "?"
}

// followUp is one follow-up question.
func (t *text) followUp() string {
	if t.chance(0.6) {
		return t.pick(followUps)
	}
	return "How did you " + strings.ToLower(t.pick(titleVerbs)) + " the " + t.pick(adjectives) + " " + t.pick(nounsSingular) + " " + t.pick(modifiers) + "?"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func itoa(n int) string { return strconv.Itoa(n) }

// plural turns a third-person verb phrase ("Identifies", "Raises the bar on") into the
// plural form ("Identify", "Raise the bar on").
func plural(v string) string {
	word, rest, _ := strings.Cut(v, " ")
	switch {
	case strings.HasSuffix(word, "ies"):
		word = strings.TrimSuffix(word, "ies") + "y"
	case strings.HasSuffix(word, "ches"), strings.HasSuffix(word, "shes"), strings.HasSuffix(word, "sses"), strings.HasSuffix(word, "xes"):
		word = strings.TrimSuffix(word, "es")
	default:
		word = strings.TrimSuffix(word, "s")
	}
	if rest != "" {
		return word + " " + rest
	}
	return word
}
