package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// KMS keys. One customer managed key is declared when the prompt asks for
// one ("a new KMS key", "our own CMK", "KMS-encrypted with one new key");
// every family that encrypts with "a KMS key" refers to it through KMSKey,
// so a prompt naming one key gets one key.

func kmsFamily() family {
	return family{name: "kms key", stage: stageData, declare: declareKMS}
}

// kmsWords name a customer managed key on their own.
var kmsWords = []string{"kms", "cmk", "cmks", "kms-encrypted", "kms-key", "customer-managed-key"}

// wantsKMSKey reports whether the prompt asks for a customer managed key,
// and the token that says so. "SSE-KMS" alone and "AWS managed key" mean
// the AWS managed key, which needs no resource.
func wantsKMSKey(t *Text) (int, bool) {
	for i := 0; i < t.Len(); i++ {
		if t.Is(i, kmsWords...) && !t.Is(i-1, "aws", "aws-managed") && !t.Is(i+1, "managed") {
			return i, true
		}
		if (t.Is(i, "customer") && t.Is(i+1, "managed") || t.Is(i, "customer-managed")) && t.Near(i, 3, "key", "keys") >= 0 {
			return i, true
		}
		if t.Is(i, "encryption") && t.Is(i+1, "key") && t.Is(i-1, "own", "dedicated", "new", "custom", "fresh") {
			return i, true
		}
		if t.Is(i, "key", "keys") && t.Is(i-1, "new", "own", "dedicated", "custom", "single", "separate", "fresh") &&
			t.Near(i, 8, "sse-kms", "encrypted", "encryption", "encrypt", "encrypting") >= 0 {
			return i, true
		}
	}
	return -1, false
}

func declareKMS(c *Ctx) {
	at, ok := wantsKMSKey(c.T)
	if !ok {
		return
	}
	c.Claim(at, at+1)
	if c.T.Is(at+1, "key", "keys") {
		c.Claim(at+1, at+2)
	}
	key := c.KMSKey("data")
	r := c.Res(key)
	c.kmsRotation(r)
	c.kmsDeletionWindow(r)
	c.kmsDescription(r)
	if c.T.Has("multi-region") || c.T.HasPhrase("multi region key|keys") {
		r.Body.Set("multi_region", spec.Bool(true))
	}
	c.kmsKeySpec(r)
	c.kmsAlias(key, c.kmsName(at, c.Res(key)))
	c.moreKMSKeys(at, r)
}

var kmsSpecRe = regexp.MustCompile(`^(rsa|ecc_nist_p|ecc_secg_p|hmac)[-_]?(\d{3,4}k?1?)$`)

// kmsKeySpec reads an asymmetric or HMAC key ("an RSA_2048 key for signing",
// "RSA 4096", "an asymmetric signing key") and its usage. Such keys are
// never rotated.
func (c *Ctx) kmsKeySpec(r *spec.Resource) {
	keySpec := ""
	for i := 0; i < c.T.Len() && keySpec == ""; i++ {
		n := c.T.Norm(i)
		if c.T.Is(i, "rsa", "hmac") && c.T.isNumberish(i+1) {
			n += "_" + c.T.Norm(i+1)
		}
		if m := kmsSpecRe.FindStringSubmatch(n); m != nil {
			keySpec = strings.ToUpper(m[1]) + map[bool]string{true: "", false: "_"}[strings.HasSuffix(m[1], "_p")] + strings.ToUpper(m[2])
			c.Claim(i, i+1)
		}
	}
	signing := c.T.Has("sign", "signing", "signature", "signatures", "verify", "verifying")
	if keySpec == "" && c.T.Has("asymmetric") {
		keySpec = "RSA_2048"
		c.Assume(r.Addr().String()+".customer_master_key_spec", "no key spec named for an asymmetric key: RSA_2048")
	}
	if keySpec == "" {
		return
	}
	usage := "ENCRYPT_DECRYPT"
	switch {
	case strings.HasPrefix(keySpec, "HMAC"):
		usage = "GENERATE_VERIFY_MAC"
	case signing || strings.HasPrefix(keySpec, "ECC"):
		usage = "SIGN_VERIFY"
	}
	r.Body.Set("customer_master_key_spec", spec.String(keySpec))
	r.Body.Set("key_usage", spec.String(usage))
	r.Body.Unset("enable_key_rotation")
	c.Understand("%s key for %s", keySpec, strings.ToLower(strings.ReplaceAll(usage, "_", "/")))
}

// moreKMSKeys adds the further keys of "two KMS keys, one for logs and one
// for backups", each set up like the first and named for its purpose.
func (c *Ctx) moreKMSKeys(at int, first *spec.Resource) {
	k := at
	for k < at+3 && k+1 < c.T.Len() && !c.T.Is(k, "key", "keys", "cmk", "cmks") && !c.T.Toks[k].Break {
		k++ // "customer managed KMS keys"
	}
	n := c.T.smallCount(at, 3, 10)
	purposes := c.T.kmsPurposes(k)
	if !c.T.Is(k, "keys", "cmks") || max(n, len(purposes)) < 2 {
		return
	}
	for i := 1; i < max(n, len(purposes)); i++ {
		name := "data_" + strconv.Itoa(i+1)
		if i < len(purposes) {
			name = purposes[i]
		}
		r := spec.Resource{Type: "aws_kms_key", Name: name}
		r.Body.Set("description", spec.String("SynCloud customer managed key for "+name))
		for _, a := range []string{"enable_key_rotation", "rotation_period_in_days", "deletion_window_in_days", "multi_region",
			"customer_master_key_spec", "key_usage"} {
			if v, ok := first.Body.Get(a); ok {
				r.Body.Set(a, v)
			}
		}
		c.Add(r)
		c.Understand("KMS customer managed key %s", name)
	}
	if len(purposes) > 0 {
		first.Body.Set("description", spec.String("SynCloud customer managed key for "+purposes[0]))
	}
}

// kmsPurposes reads what each key is for: "one for logs and one for
// backups", "for logs and backups".
func (t *Text) kmsPurposes(k int) []string {
	var out []string
	for i := k + 1; i < t.Len() && i <= k+12; i++ {
		if t.Is(i, "for") && t.isListWord(i+1) && !t.Is(i+1, "encrypting", "encryption") {
			out = append(out, t.Norm(i+1))
			if t.Is(i+2, "and") && t.isListWord(i+3) && !t.Is(i+3, "one") {
				out = append(out, t.Norm(i+3))
			}
		}
		if t.Toks[i].Break && !t.Is(i+1, "one", "and") {
			break
		}
	}
	return out
}

// KMSKey returns the stack's customer managed key, adding one (for the
// given purpose, which names it) when there is none yet. Families that
// encrypt "with a KMS key" share it.
func (c *Ctx) KMSKey(purpose string) spec.Address {
	if r := c.First("aws_kms_key"); r != nil {
		return r.Addr()
	}
	k := spec.Resource{Type: "aws_kms_key", Name: purpose}
	k.Body.Set("description", spec.String("SynCloud customer managed key for "+purpose))
	addr := c.Add(k)
	c.Understand("KMS customer managed key")
	return addr
}

func (c *Ctx) kmsRotation(r *spec.Resource) {
	i := c.T.Find(0, "rotation", "rotate", "rotates", "rotating", "rotated")
	if i < 0 || c.T.Near(i, 8, "secret", "secrets", "password", "credentials", "creds") >= 0 {
		return
	}
	c.Claim(i, i+1)
	r.Body.Set("enable_key_rotation", spec.Bool(true))
	if d, _, ok := c.T.durationNear(i, 5); ok && Days(d) >= 90 && Days(d) <= 2560 {
		r.Body.Set("rotation_period_in_days", spec.Int(Days(d)))
	}
}

func (c *Ctx) kmsDeletionWindow(r *spec.Resource) {
	i := c.T.Phrase(0, "deletion|pending|waiting window|period")
	if i < 0 {
		i = c.T.Phrase(0, "window|wait before|of deletion")
	}
	if i < 0 {
		return
	}
	d, _, ok := c.T.durationNear(i, 4)
	if !ok {
		return
	}
	days := min(max(Days(d), 7), 30)
	if days != Days(d) {
		c.Assume(r.Addr().String()+".deletion_window_in_days", "KMS deletion windows are 7-30 days: using %d", days)
	}
	r.Body.Set("deletion_window_in_days", spec.Int(days))
}

// kmsDescription reads "described as 'backup key'" or "description
// Payments data key": a quoted run, or the words up to the clause's end.
func (c *Ctx) kmsDescription(r *spec.Resource) {
	i := c.T.Find(0, "described", "description", "describe")
	if i < 0 {
		return
	}
	from := i + 1
	if c.T.Is(from, "as", "of", "is", "=") {
		from++
	}
	to := from
	quoted := from < c.T.Len() && c.T.Toks[from].Quoted
	for to < c.T.Len() && to < from+12 && (!quoted || c.T.Toks[to].Quoted) {
		to++
		if c.T.Toks[to-1].Break {
			break
		}
	}
	if to == from {
		return
	}
	c.Claim(i, to)
	r.Body.Set("description", spec.String(c.T.Span(from, to)))
}

// kmsName turns "a KMS key named billing" into an alias and description.
func (c *Ctx) kmsName(at int, r *spec.Resource) string {
	k := at
	if c.T.Is(k+1, "key", "keys", "cmk") {
		k++
	}
	raw, n, ok := c.T.dataName(k, false)
	if !ok || strings.HasPrefix(strings.ToLower(raw), "alias/") {
		return ""
	}
	c.Claim(n, n+1)
	if !r.Body.Has("description") || strings.HasPrefix(stringOf(r.Body, "description"), "SynCloud") {
		r.Body.Set("description", spec.String(raw))
	}
	return "alias/" + aliasName(raw)
}

func stringOf(b spec.Body, attr string) string {
	v, _ := b.Get(attr)
	return v.Str
}

// kmsAlias reads "alias/app-data" or "alias app-data", else uses the
// alias derived from the key's name.
func (c *Ctx) kmsAlias(key spec.Address, fallback string) {
	name := ""
	for i := 0; i < c.T.Len() && name == ""; i++ {
		switch raw := c.T.Raw(i); {
		case strings.HasPrefix(strings.ToLower(raw), "alias/") && len(raw) > 6:
			name = "alias/" + aliasName(raw[6:])
			c.Claim(i-1, i+1)
		case c.T.Is(i, "alias") && c.T.aliasWord(i+1) && !strings.HasPrefix(c.T.Norm(i+1), "alias/"):
			name = "alias/" + aliasName(c.T.Raw(i+1))
			c.Claim(i, i+2)
		}
	}
	if name == "" {
		name = fallback
	}
	if name == "" {
		return
	}
	a := spec.Resource{Type: "aws_kms_alias", Name: key.Name}
	a.Body.Set("name", spec.String(name))
	a.Body.Set("target_key_id", spec.RefTo(key, "key_id"))
	c.Add(a)
	c.Understand("KMS alias %s", name)
}

// aliasWord reports whether the word after "alias" is the alias: a name,
// or any plain word that is not a filler ("with alias billing").
func (t *Text) aliasWord(k int) bool {
	if t.looksLikeName(k) {
		return true
	}
	return k < t.Len() && isWord(t.Raw(k)) && !t.Is(k, dataFillers...) && !t.Is(k, fillerWords...) &&
		!t.Is(k, "name", "named", "called", "key", "rotation", "deletion", "description")
}

// aliasName keeps the characters KMS alias names allow.
func aliasName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isLetterRune(r) || r >= '0' && r <= '9' || strings.ContainsRune("/_-", r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "syncloud"
	}
	return strings.TrimPrefix(b.String(), "aws")
}
