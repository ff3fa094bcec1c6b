package rules

import (
	"regexp"
	"strings"
)

var regionCodeRe = regexp.MustCompile(`^(us|eu|ap|sa|ca|me|af|il|mx)-(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d([a-f])?$`)

// places maps what people call a region to its code. Multi-word names are
// matched as phrases.
var places = []struct{ phrase, code string }{
	{"n. virginia", "us-east-1"}, {"n virginia", "us-east-1"}, {"north virginia", "us-east-1"},
	{"northern virginia", "us-east-1"}, {"virginia", "us-east-1"}, {"us east", "us-east-1"},
	{"ohio", "us-east-2"}, {"n. california", "us-west-1"}, {"northern california", "us-west-1"},
	{"california", "us-west-1"}, {"oregon", "us-west-2"}, {"ireland", "eu-west-1"},
	{"dublin", "eu-west-1"}, {"london", "eu-west-2"}, {"paris", "eu-west-3"},
	{"frankfurt", "eu-central-1"}, {"germany", "eu-central-1"}, {"zurich", "eu-central-2"},
	{"stockholm", "eu-north-1"}, {"milan", "eu-south-1"}, {"spain", "eu-south-2"},
	{"tokyo", "ap-northeast-1"}, {"seoul", "ap-northeast-2"}, {"osaka", "ap-northeast-3"},
	{"singapore", "ap-southeast-1"}, {"sydney", "ap-southeast-2"}, {"jakarta", "ap-southeast-3"},
	{"melbourne", "ap-southeast-4"}, {"mumbai", "ap-south-1"}, {"hyderabad", "ap-south-2"},
	{"hong kong", "ap-east-1"}, {"montreal", "ca-central-1"}, {"canada", "ca-central-1"},
	{"calgary", "ca-west-1"}, {"sao paulo", "sa-east-1"}, {"são paulo", "sa-east-1"},
	{"brazil", "sa-east-1"}, {"bahrain", "me-south-1"}, {"uae", "me-central-1"},
	{"cape town", "af-south-1"}, {"tel aviv", "il-central-1"}, {"mexico", "mx-central-1"},
}

// RegionMention is a region named in the text.
type RegionMention struct {
	At     int
	Len    int    // tokens used
	Code   string // e.g. "eu-central-1"
	Source string // what the user wrote
}

// Regions returns every region named in the text, by code or by place, in
// order.
func (t *Text) Regions() []RegionMention {
	var out []RegionMention
	for i := 0; i < t.Len(); i++ {
		if m := regionCodeRe.FindStringSubmatch(t.Norm(i)); m != nil {
			// An availability zone ("us-west-2b") names its region too.
			code := strings.TrimSuffix(t.Norm(i), m[3])
			out = append(out, RegionMention{At: i, Len: 1, Code: code, Source: t.Raw(i)})
			continue
		}
		for _, p := range places {
			if t.phraseExact(i, p.phrase) {
				n := len(splitFields(p.phrase))
				out = append(out, RegionMention{At: i, Len: n, Code: p.code, Source: t.span(i, i+n)})
				i += n - 1
				break
			}
		}
	}
	return out
}

// MainRegion picks the region the stack lives in: the first one named that is
// not a destination ("replicated to us-west-2") unless it is marked primary.
func (t *Text) MainRegion() (RegionMention, bool) {
	rs := t.Regions()
	for _, r := range rs {
		if t.Is(r.At-1, "primary") || t.Is(r.At-2, "primary") {
			return r, true
		}
	}
	for _, r := range rs {
		if !t.isDestination(r.At) {
			return r, true
		}
	}
	if len(rs) > 0 {
		return rs[0], true
	}
	return RegionMention{}, false
}

// isDestination reports whether the region at i is where something goes
// rather than where the stack is ("to us-west-2", "to us-west-2 and eu-west-1").
func (t *Text) isDestination(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch {
		case t.Is(k, "to", "into"):
			return true
		case t.Is(k, "in", "region", "primary"):
			return false
		case t.Toks[k].Break:
			return false
		}
	}
	return false
}

// phraseExact matches a phrase word for word, without typo tolerance (place
// names are short and a typo match would misfire), except that one-word
// places of six letters or more accept one typo ("oregn").
func (t *Text) phraseExact(i int, phrase string) bool {
	words := splitFields(phrase)
	if len(words) == 1 && len(words[0]) >= 6 {
		return t.Is(i, words[0])
	}
	for k, w := range words {
		if t.Norm(i+k) != w {
			return false
		}
	}
	return true
}

// arnRegion returns the region of the regional ARNs in the text ("rotated
// by arn:aws:lambda:eu-west-1:...") when they all agree, or "": a stack
// that points at a function, queue or topic lives in its region.
func arnRegion(t *Text) string {
	region := ""
	for _, a := range t.ARNs() {
		parts := strings.SplitN(a.Value, ":", 5)
		if len(parts) < 5 || parts[3] == "" {
			continue // global services (IAM, S3, CloudFront) have no region
		}
		if region != "" && parts[3] != region {
			return ""
		}
		region = parts[3]
	}
	if !regionCodeRe.MatchString(region) {
		return ""
	}
	return region
}
