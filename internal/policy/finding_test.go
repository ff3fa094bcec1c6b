package policy

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSeverityText(t *testing.T) {
	for _, tc := range []struct {
		sev  Severity
		json string
	}{{Low, `"LOW"`}, {Medium, `"MEDIUM"`}, {High, `"HIGH"`}, {Critical, `"CRITICAL"`}} {
		b, err := json.Marshal(tc.sev)
		if err != nil || string(b) != tc.json {
			t.Errorf("Marshal(%d) = %s, %v; want %s", tc.sev, b, err, tc.json)
		}
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != tc.sev {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", b, back, err, tc.sev)
		}
	}
	if _, err := json.Marshal(Severity(0)); err == nil {
		t.Error("Marshal of the zero severity succeeded; want an error")
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"SEVERE"`), &s); err == nil {
		t.Error(`Unmarshal("SEVERE") succeeded; want an error`)
	}
}

func TestFindingJSON(t *testing.T) {
	f := Finding{RuleID: "CKV_AWS_79", Severity: High, Resource: "aws_instance.web",
		Attribute: "metadata_options.http_tokens", Message: "m", Fixed: true}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"rule_id":"CKV_AWS_79","severity":"HIGH","resource":"aws_instance.web",` +
		`"attribute":"metadata_options.http_tokens","message":"m","fixed":true,"requested":false}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant  %s", b, want)
	}
}

func TestAbove(t *testing.T) {
	fs := Findings{
		{RuleID: "low", Severity: Low, Requested: true},
		{RuleID: "high-fixed", Severity: High, Fixed: true},
		{RuleID: "high", Severity: High, Requested: true},
		{RuleID: "medium", Severity: Medium},
		{RuleID: "critical", Severity: Critical, Requested: true},
	}
	ids := func(fs Findings) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.RuleID)
		}
		return out
	}
	for _, tc := range []struct {
		sev  Severity
		want []string
	}{
		{Low, []string{"low", "high", "medium", "critical"}},
		{Medium, []string{"high", "medium", "critical"}},
		{High, []string{"high", "critical"}},
		{Critical, []string{"critical"}},
	} {
		if diff := cmp.Diff(tc.want, ids(fs.Above(tc.sev))); diff != "" {
			t.Errorf("Above(%s) (-want +got):\n%s", tc.sev, diff)
		}
	}
}
