package rules

import (
	"strings"
)

// LocalName turns any words into a Terraform local name: lower case letters,
// digits and underscores, starting with a letter, at most 48 characters.
func LocalName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" {
		return "main"
	}
	if out[0] >= '0' && out[0] <= '9' {
		out = "r_" + out
	}
	if len(out) > 48 {
		out = strings.TrimRight(out[:48], "_")
	}
	return out
}

// BucketName turns words into a valid S3 bucket name: 3–63 lower-case
// letters, digits, dots and hyphens, starting and ending with a letter or
// digit.
func BucketName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-.")
	for len(out) < 3 {
		out += "-bucket"
		out = strings.Trim(out, "-")
	}
	if len(out) > 63 {
		out = strings.Trim(out[:63], "-.")
	}
	return out
}

// ResourceName turns words into a name most AWS services accept: letters,
// digits, hyphens and underscores, at most max characters.
func ResourceName(s string, maxLen int) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		case r == '-' || r == ' ' || r == '.' || r == '/':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		out = "syncloud"
	}
	if maxLen > 0 && len(out) > maxLen {
		out = strings.Trim(out[:maxLen], "-")
	}
	return out
}
