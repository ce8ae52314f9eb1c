package build

import (
	"errors"
	"net/url"
	"path"
	"strings"
)

// ParseBaseURL checks the URL a site is to be published at and returns it normalised,
// for Options.BaseURL: an absolute http or https URL with a host, without user
// information, query or fragment, its scheme and host in lower case, its path cleaned
// (no empty segments, no "." or "..") and ending in exactly one slash. "" stays "" (links
// are root-relative then). The error says what is wrong, for the command line to show.
func ParseBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, " \t\r\n\\") {
		return "", errors.New("it holds spaces or backslashes")
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", errors.New("it is not a URL")
	}
	switch {
	case u.Scheme == "":
		return "", errors.New("it is not absolute: give the scheme and host, as in https://handbook.example.com/")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("its scheme is " + u.Scheme + ": only http and https are published at")
	case u.Opaque != "" || u.Host == "":
		return "", errors.New("it has no host: write " + u.Scheme + "://host/")
	case u.Hostname() == "":
		return "", errors.New("it has a port but no host name")
	case u.User != nil:
		return "", errors.New("it holds a user name or password, which would be published in every link")
	case u.RawQuery != "" || u.ForceQuery:
		return "", errors.New("it has a query (?...), which links cannot be made under")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return "", errors.New("it has a fragment (#...), which links cannot be made under")
	}
	p := path.Clean("/" + u.EscapedPath())
	if p != "/" {
		p += "/"
	}
	return u.Scheme + "://" + strings.ToLower(u.Host) + p, nil
}
