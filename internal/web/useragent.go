package web

import "strings"

// UserAgent is a User-Agent header reduced to what the usage records keep.
type UserAgent struct {
	Browser string // "Chrome", "Firefox", "curl", "syncloud-agent", ... or "Other"
	Version string // major version, "" when unknown
	OS      string // "Windows", "macOS", "iOS", "Android", "Linux", "ChromeOS" or "Other"
}

// browserTokens are checked in order: Edge and Opera also claim Chrome, and
// Chrome also claims Safari, so the more specific token must come first.
var browserTokens = []struct{ token, name string }{
	{"syncloud-agent/", "syncloud-agent"},
	{"Edg/", "Edge"},
	{"EdgA/", "Edge"},
	{"EdgiOS/", "Edge"},
	{"OPR/", "Opera"},
	{"SamsungBrowser/", "Samsung Internet"},
	{"Firefox/", "Firefox"},
	{"FxiOS/", "Firefox"},
	{"CriOS/", "Chrome"},
	{"Chrome/", "Chrome"},
	{"Version/", "Safari"}, // Safari puts its version after "Version/"
	{"curl/", "curl"},
	{"Wget/", "Wget"},
	{"Go-http-client/", "Go-http-client"},
	{"python-requests/", "python-requests"},
	{"PostmanRuntime/", "Postman"},
	{"HeadlessChrome/", "HeadlessChrome"},
}

// osTokens are checked in order, for the same reason: Android also says
// Linux, and iOS browsers say "like Mac OS X".
var osTokens = []struct{ token, name string }{
	{"Windows", "Windows"},
	{"iPhone", "iOS"},
	{"iPad", "iOS"},
	{"Android", "Android"},
	{"CrOS", "ChromeOS"},
	{"Mac OS X", "macOS"},
	{"Macintosh", "macOS"},
	{"darwin", "macOS"},
	{"Linux", "Linux"},
	{"linux", "Linux"},
	{"windows", "Windows"},
}

// ParseUserAgent extracts browser, major version and operating system from a
// User-Agent header. It never fails: what it does not recognise is "Other".
func ParseUserAgent(ua string) UserAgent {
	out := UserAgent{Browser: "Other", OS: "Other"}
	if strings.Contains(ua, "HeadlessChrome/") {
		out.Browser, out.Version = "HeadlessChrome", majorAfter(ua, "HeadlessChrome/")
	} else {
		for _, b := range browserTokens {
			if strings.Contains(ua, b.token) {
				if b.name == "Safari" && !strings.Contains(ua, "Safari/") {
					continue
				}
				out.Browser, out.Version = b.name, majorAfter(ua, b.token)
				break
			}
		}
	}
	for _, o := range osTokens {
		if strings.Contains(ua, o.token) {
			out.OS = o.name
			break
		}
	}
	return out
}

// majorAfter returns the digits that follow token in ua.
func majorAfter(ua, token string) string {
	i := strings.Index(ua, token)
	if i < 0 {
		return ""
	}
	rest := ua[i+len(token):]
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	return rest[:end]
}
