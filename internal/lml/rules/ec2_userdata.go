package rules

import (
	"strings"
)

// userDataTriggers are words that start a description of what an instance
// does at boot.
var userDataTriggers = []string{"userdata", "user-data", "bootstrap", "bootstraps", "cloud-init", "install",
	"installs", "installed", "installing", "runs", "run", "script"}

// ec2Packages maps what people call software to Debian and RPM package names
// and, for daemons, the systemd unit that starts them.
var ec2Packages = map[string]struct{ deb, rpm, unit string }{
	"nginx":      {"nginx", "nginx", "nginx"},
	"apache":     {"apache2", "httpd", "httpd"},
	"apache2":    {"apache2", "httpd", "httpd"},
	"httpd":      {"apache2", "httpd", "httpd"},
	"docker":     {"docker.io", "docker", "docker"},
	"git":        {"git", "git", ""},
	"nodejs":     {"nodejs", "nodejs", ""},
	"node":       {"nodejs", "nodejs", ""},
	"python":     {"python3", "python3", ""},
	"python3":    {"python3", "python3", ""},
	"java":       {"default-jre-headless", "java-17-amazon-corretto-headless", ""},
	"redis":      {"redis-server", "redis6", "redis-server"},
	"php":        {"php", "php", ""},
	"htop":       {"htop", "htop", ""},
	"curl":       {"curl", "curl", ""},
	"wget":       {"wget", "wget", ""},
	"postgresql": {"postgresql-client", "postgresql15", ""},
	"mysql":      {"mysql-client", "mariadb105", ""},
	"tomcat":     {"tomcat10", "tomcat9", "tomcat"},
	"haproxy":    {"haproxy", "haproxy", "haproxy"},
	"iis":        {"", "", ""}, // Windows only: installed as a Windows feature
}

// userData builds a boot script from the prompt's words: a quoted command
// ("runs 'yum install -y httpd'") or the packages it names ("installs nginx
// and starts it on boot"). Only known package names become script text.
func userData(c *Ctx, from, to int, os ec2OS) (string, bool) {
	t := c.T
	k := -1
	for j := from; j < to && k < 0; j++ {
		if t.Is(j, userDataTriggers...) || (t.Is(j, "user") && t.Is(j+1, "data")) ||
			(t.Is(j, "startup", "boot", "init") && t.Is(j+1, "script")) {
			k = j
		}
		if t.Is(j, "running", "with", "serving", "serves", "runs") && knownPackage(t, j+1) {
			k = j // "a t3.small running nginx"
		}
	}
	if k < 0 {
		return "", false
	}
	if cmd, ok := quotedAfter(c, k, min(to, k+12)); ok {
		c.Claim(k, k+2)
		if os.family == "windows" {
			return "<powershell>\n" + cmd + "\n</powershell>\n", true
		}
		return "#!/bin/bash\nset -euo pipefail\n" + cmd + "\n", true
	}
	var pkgs []string
	for j := k; j < to && j < t.Len(); j++ {
		if (t.Norm(j) == "iis") != (os.family == "windows") {
			continue // IIS is Windows's; Windows gets IIS only
		}
		if _, ok := ec2Packages[t.Norm(j)]; ok && !netHasString(pkgs, t.Norm(j)) {
			pkgs = append(pkgs, t.Norm(j))
			c.Claim(j, j+1)
		}
	}
	if len(pkgs) == 0 {
		return "", false
	}
	c.Claim(k, k+2)
	return installScript(pkgs, os), true
}

// knownPackage reports whether token j names software the script can
// install ("nginx", "apache").
func knownPackage(t *Text, j int) bool {
	_, ok := ec2Packages[t.Norm(j)]
	return ok && !t.Is(j+1, "on") // "redis on ElastiCache" is not a package
}

// installScript installs packages with the OS's package manager and starts
// their services on every boot.
func installScript(pkgs []string, os ec2OS) string {
	var names, units []string
	for _, p := range pkgs {
		e := ec2Packages[p]
		name := e.rpm
		if os.family == "deb" {
			name = e.deb
		}
		names = append(names, name)
		if e.unit != "" {
			unit := e.unit
			if os.family == "deb" && p != "nginx" && (e.unit == "httpd") {
				unit = "apache2"
			}
			units = append(units, unit)
		}
	}
	var b strings.Builder
	b.WriteString("#!/bin/bash\nset -euo pipefail\n")
	switch os.family {
	case "deb":
		b.WriteString("export DEBIAN_FRONTEND=noninteractive\napt-get update -y\napt-get install -y " + strings.Join(names, " ") + "\n")
	case "yum":
		b.WriteString("yum install -y " + strings.Join(names, " ") + "\n")
	case "windows":
		return "<powershell>\nInstall-WindowsFeature -Name Web-Server -IncludeManagementTools\n</powershell>\n"
	default:
		b.WriteString("dnf install -y " + strings.Join(names, " ") + "\n")
	}
	for _, u := range units {
		b.WriteString("systemctl enable --now " + u + "\n")
	}
	return b.String()
}

// quotedAfter returns the text of the first quoted phrase that starts at a
// token in [from, to).
func quotedAfter(c *Ctx, from, to int) (string, bool) {
	t := c.T
	for j := from; j < to && j < t.Len(); j++ {
		if !t.Toks[j].Quoted {
			continue
		}
		for _, q := range quotedPhrases(t.Prompt) {
			if strings.HasPrefix(q, t.Raw(j)) {
				for k := j; k < t.Len() && k < j+len(strings.Fields(q)); k++ {
					c.Claim(k, k+1)
				}
				return q, true
			}
		}
	}
	return "", false
}

// quotePairs maps opening quotes to their closing ones.
var quotePairs = map[rune]rune{'\'': '\'', '"': '"', '`': '`', '“': '”', '‘': '’'}

// quotedPhrases returns the phrases of a prompt written between matching
// quotes ('...', "...", `...`, “...”), ignoring apostrophes inside words.
func quotedPhrases(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		open := rs[i]
		closeR, ok := quotePairs[open]
		if !ok || (i > 0 && !strings.ContainsRune(" \t\n([{:", rs[i-1])) {
			continue
		}
		for j := i + 1; j < len(rs); j++ {
			if rs[j] == closeR && (j+1 == len(rs) || strings.ContainsRune(" \t\n.,;:!?)]}", rs[j+1])) {
				if j > i+1 {
					out = append(out, string(rs[i+1:j]))
				}
				i = j
				break
			}
		}
	}
	return out
}
