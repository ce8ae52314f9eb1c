package output

import (
	"strings"
)

// Header is one HTTP response header.
type Header struct {
	Name, Value string
}

// HeaderRule is the headers a host sends for the paths For matches ("/*", "/assets/*").
type HeaderRule struct {
	For     string
	Headers []Header
}

// HeaderPolicy is the one policy the site is published with: the Content-Security-Policy
// it is built to run under and the security headers for every path, and a year's
// caching for fingerprinted assets, whose names change with their content. netlify.toml
// sends it (a test keeps the two equal) and the build writes it as _headers for the
// hosts that read that file. Pages keep the host's default caching, which revalidates:
// a rule for "/*" would add its Cache-Control to the assets' too on hosts that merge
// the rules that match.
func HeaderPolicy() []HeaderRule {
	return []HeaderRule{
		{For: "/*", Headers: []Header{
			{"Content-Security-Policy", CSP},
			{"X-Content-Type-Options", "nosniff"},
			{"Referrer-Policy", "same-origin"},
		}},
		{For: "/assets/*", Headers: []Header{
			{"Cache-Control", ImmutableCache},
		}},
	}
}

// ImmutableCache is the Cache-Control of fingerprinted assets.
const ImmutableCache = "public, max-age=31536000, immutable"

// HeadersFile is the path of the host's headers file in the published site (Netlify's and
// Cloudflare Pages' _headers).
const HeadersFile = "_headers"

// Headers returns the policy in the _headers format of Netlify and Cloudflare Pages:
// each path pattern on a line, its headers indented below it. The patterns are paths
// as the site is served, under basePath ("/", "/handbook/"), as the lines of
// _redirects are: a host serving the site under a sub-path matches them there.
func Headers(rules []HeaderRule, basePath string) []byte {
	base := strings.TrimSuffix(basePath, "/")
	var b strings.Builder
	b.WriteString("# Sent by Netlify and Cloudflare Pages; written by handbook build from its header policy.\n")
	for _, r := range rules {
		b.WriteString(base + r.For + "\n")
		for _, h := range r.Headers {
			b.WriteString("  " + h.Name + ": " + h.Value + "\n")
		}
	}
	return []byte(b.String())
}
