package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// loadBalancer drops invalid HTTP header fields on application load
// balancers (CKV_AWS_131), against request smuggling.
func loadBalancer(c *check, r *spec.Resource) {
	if typ := stringAttr(&r.Body, "load_balancer_type"); typ != "" && typ != "application" {
		return
	}
	c.enforce(&r.Body, setting{id: "CKV_AWS_131", sev: Medium, attr: "drop_invalid_header_fields",
		want: spec.Bool(true), safe: notFalse, reason: "dropping invalid HTTP headers"})
}

// listener reports plain-HTTP listeners that serve traffic rather than
// redirect it to HTTPS (CKV_AWS_2). No default can add a certificate, so the
// listener is kept as requested.
func listener(c *check, r *spec.Resource) {
	if stringAttr(&r.Body, "protocol") != "HTTP" {
		return
	}
	for _, a := range r.Body.BlocksOf("default_action") {
		if stringAttr(a, "type") == "redirect" {
			if rd := a.Block("redirect"); rd != nil && stringAttr(rd, "protocol") == "HTTPS" {
				return
			}
		}
	}
	c.requested("CKV_AWS_2", Medium, "protocol", "the listener serves plain HTTP; add a certificate and HTTPS, or redirect to HTTPS")
}
