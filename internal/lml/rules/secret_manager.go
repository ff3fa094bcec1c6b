package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Secrets Manager secrets: name, recovery window, a customer managed key,
// and rotation by a Lambda function every N days. A secret's value never
// enters the configuration: it is set outside Terraform.

// secretState carries a rotation that waits for a Lambda in the stack.
type secretState struct {
	secret spec.Address
	days   int
	wants  bool
}

func secretFamily() family {
	st := &secretState{}
	return family{name: "secrets manager", stage: stageData, declare: st.declare, link: st.link}
}

// secretAt returns the token asking for a secret, or -1.
func secretAt(t *Text) int {
	for i := 0; i < t.Len(); i++ {
		if t.Is(i, "secret", "secrets", "secretsmanager") && !t.Is(i-1, "client", "shared", "no", "jwt") && !t.Is(i+1, "key", "access") {
			if t.Is(i, "secrets") && t.Is(i+1, "manager") && t.Is(i+2, "secret") {
				continue
			}
			return i
		}
	}
	return -1
}

func (st *secretState) declare(c *Ctx) {
	*st = secretState{}
	at := secretAt(c.T)
	if at < 0 {
		return
	}
	c.Claim(at, at+1)
	if c.T.Is(at+1, "manager") {
		c.Claim(at+1, at+2)
	}
	name, k, named := c.T.dataName(at, true)
	if !named {
		name, k, named = c.T.secretPathName(at)
	}
	if named {
		c.Claim(k, k+1)
	} else if c.rdsManagedSecret() {
		return
	}
	s := spec.Resource{Type: "aws_secretsmanager_secret", Name: "secret"}
	if named {
		s.Name = name
		s.Body.Set("name", spec.String(secretName(name)))
	} else {
		s.Body.Set("name_prefix", spec.String("app-secret-"))
		c.Assume("aws_secretsmanager_secret.name_prefix", "no secret name given: %q plus a unique suffix", "app-secret-")
	}
	c.secretOptions(&s.Body)
	st.secret = c.Add(s)
	c.Understand("Secrets Manager secret %s", st.secret)
	c.Assume(st.secret.String(), "the secret's value is never written into configuration: set it with the console, CLI or API")
	for _, more := range c.T.moreSecretNames(at, k) {
		r := spec.Resource{Type: "aws_secretsmanager_secret", Name: c.T.Raw(more)}
		r.Body.Set("name", spec.String(secretName(c.T.Raw(more))))
		c.secretOptions(&r.Body)
		c.Claim(more, more+1)
		c.Understand("Secrets Manager secret %s", c.Add(r))
	}
	st.rotation(c)
}

// moreSecretNames reads the other names of a list of secrets whose first
// name is at token first: "two secrets: app/db-password and app/api-token".
func (t *Text) moreSecretNames(at, first int) []int {
	if first < 0 || !t.Is(at, "secrets") {
		return nil
	}
	ks := t.enumerationFrom(first)
	if len(ks) < 2 {
		return nil
	}
	var out []int
	for _, k := range ks[1:] {
		if t.looksLikeName(k) {
			out = append(out, k)
		}
	}
	return out
}

// secretPathName reads a name given as a path after the secret's mention:
// "in Secrets Manager as payments/stripe", "stored under prod/api-key",
// "secrets: app/db-password".
func (t *Text) secretPathName(at int) (string, int, bool) {
	for k := at + 1; k < t.Len() && k <= at+5; k++ {
		after := t.Is(k-1, "as", "under", "at") || t.Toks[k-1].Break // "Secrets Manager: app/db-password"
		if after && strings.Contains(t.Raw(k), "/") && t.looksLikeName(k) {
			return t.Raw(k), k, true
		}
		if t.Toks[k].Break && !strings.Contains(t.Raw(k+1), "/") {
			break
		}
	}
	for k := at + 1; k < t.Len(); k++ {
		if t.Is(k-1, "name", "named", "called") && strings.Contains(t.Raw(k), "/") && t.looksLikeName(k) {
			return t.Raw(k), k, true // "..., name legacy/pg-admin"
		}
	}
	return "", -1, false
}

// rdsManagedSecret reports "the master password in Secrets Manager" next
// to a database: RDS creates, keeps and rotates that secret itself.
func (c *Ctx) rdsManagedSecret() bool {
	if relationalAt(c.T) < 0 && !c.T.Has("aurora") {
		return false
	}
	c.Understand("the database's master password in an RDS-managed Secrets Manager secret")
	c.Assume("manage_master_user_password", "RDS creates, keeps and rotates the master password's secret itself")
	if i := c.T.Find(0, "rotate", "rotates", "rotation", "rotating", "rotated"); i >= 0 {
		c.Claim(i, i+1)
	}
	return true
}

// secretName keeps the characters secret names allow.
func secretName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isLetterRune(r) || r >= '0' && r <= '9' || strings.ContainsRune("/_+=.@-", r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "app-secret"
	}
	return b.String()
}

func (c *Ctx) secretOptions(b *spec.Body) {
	if i := c.T.Find(0, "recovery", "recover", "recoverable", "restorable"); i >= 0 {
		if d, _, ok := c.T.durationNear(i, 4); ok {
			days := Days(d)
			if days != 0 && (days < 7 || days > 30) {
				days = min(max(days, 7), 30)
				c.Assume("recovery_window_in_days", "recovery windows are 7-30 days: using %d", days)
			}
			b.Set("recovery_window_in_days", spec.Int(days))
			c.Claim(i, i+1)
		}
	}
	if _, ok := wantsKMSKey(c.T); ok {
		b.Set("kms_key_id", spec.RefTo(c.KMSKey("secrets"), "arn"))
	}
	if k := c.T.Find(0, "replicated", "replicate", "replicas", "replica"); k >= 0 && c.T.Near(k, 8, "secret", "secrets") >= 0 {
		for _, r := range c.T.Regions() {
			if r.At > k && r.At <= k+8 && r.Code != c.Region() { // "replicated to eu-central-1"
				b.AddBlock("replica").Set("region", spec.String(r.Code))
				c.Claim(r.At, r.At+r.Len)
			}
		}
	}
}

// rotation reads "rotates every 30 days using the lambda arn:...".
func (st *secretState) rotation(c *Ctx) {
	i := c.T.Find(0, "rotate", "rotates", "rotation", "rotating", "rotated")
	if i < 0 {
		return
	}
	c.Claim(i, i+1)
	st.wants, st.days = true, 30
	if d, k, ok := c.T.durationNear(i, 6); ok && Days(d) >= 1 {
		st.days = min(Days(d), 1000)
		c.Claim(k, k+1)
	} else {
		c.Assume("rotation_rules", "no rotation interval named: every 30 days")
	}
}

func (st *secretState) link(c *Ctx) {
	if !st.wants {
		return
	}
	var fn spec.Value
	for _, a := range c.T.ARNs() {
		if strings.Contains(a.Value, ":lambda:") {
			fn = spec.String(a.Value)
			c.Claim(a.At, a.At+1)
			break
		}
	}
	if fn.Kind == spec.KindNull {
		l := c.First("aws_lambda_function")
		if l == nil {
			c.Unplaced("secret rotation (no rotation Lambda function named)")
			return
		}
		fn = spec.RefTo(l.Addr(), "arn")
	}
	r := spec.Resource{Type: "aws_secretsmanager_secret_rotation", Name: st.secret.Name}
	r.Body.Set("secret_id", spec.RefTo(st.secret, "id"))
	r.Body.Set("rotation_lambda_arn", fn)
	r.Body.AddBlock("rotation_rules").Set("automatically_after_days", spec.Int(st.days))
	c.Add(r)
	c.Understand("rotation of %s every %d days", st.secret, st.days)
}
