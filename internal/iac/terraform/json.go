package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// object is a JSON object that keeps its members in the order added.
type object []member

type member struct {
	Key   string
	Value any
}

// MarshalJSON writes the members in order, each key and value through
// encoding/json.
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshal(m.Key, "")
		if err != nil {
			return nil, err
		}
		v, err := marshal(m.Value, "")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.Key, err)
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// group returns the member object under key, adding it if absent.
func (o *object) group(key string) *object {
	for _, m := range *o {
		if m.Key == key {
			return m.Value.(*object)
		}
	}
	g := &object{}
	*o = append(*o, member{key, g})
	return g
}

// renderJSON writes the JSON-syntax main.tf.json.
func renderJSON(s *spec.Stack, provs []providerConfig, opts Options) ([]byte, error) {
	tf, err := terraformJSON(opts)
	if err != nil {
		return nil, err
	}
	pl := make([]any, len(provs))
	for i, p := range provs {
		if pl[i], err = bodyJSON(&p.Body, nil); err != nil {
			return nil, fmt.Errorf("provider %q: %w", p.Alias, err)
		}
	}
	doc := object{{"terraform", tf}, {"provider", object{{"aws", pl}}}}
	data, res, err := resourcesJSON(s)
	if err != nil {
		return nil, err
	}
	if len(data) > 0 {
		doc = append(doc, member{"data", data})
	}
	if len(res) > 0 {
		doc = append(doc, member{"resource", res})
	}
	return marshal(doc, "  ")
}

// resourcesJSON groups data sources and resources by type, then name, in
// the stack's order.
func resourcesJSON(s *spec.Stack) (data, res object, err error) {
	for i := range s.Resources {
		r := &s.Resources[i]
		o, err := resourceJSON(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", r.Addr(), err)
		}
		kind := &res
		if r.Mode == spec.Data {
			kind = &data
		}
		g := kind.group(r.Type)
		*g = append(*g, member{r.Name, o})
	}
	return data, res, nil
}

// marshal encodes v without HTML escaping ("~> 5.0" stays readable),
// indented when indent is not empty, ending with a newline only then.
func marshal(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if indent == "" {
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
	}
	return buf.Bytes(), nil
}

func terraformJSON(opts Options) (object, error) {
	aws, err := jsonValue(opts.requiredProviders())
	if err != nil {
		return nil, err
	}
	tf := object{{"required_providers", object{{"aws", aws}}}}
	if opts.Backend != nil {
		body := opts.Backend.body()
		b, err := bodyJSON(&body, nil)
		if err != nil {
			return nil, fmt.Errorf("backend: %w", err)
		}
		tf = append(tf, member{"backend", object{{"http", b}}})
	}
	return tf, nil
}

func resourceJSON(r *spec.Resource) (object, error) {
	sch, _ := providerschema.Resource(r.Type)
	if r.Mode == spec.Data {
		sch, _ = providerschema.DataSource(r.Type)
	}
	var o object
	if r.Counted() {
		o = append(o, member{"count", r.Count})
	}
	if r.Provider != "" {
		if !identRe.MatchString(r.Provider) {
			return nil, fmt.Errorf("provider alias %s is not an identifier", strconv.Quote(r.Provider))
		}
		o = append(o, member{"provider", "aws." + r.Provider})
	}
	body, err := bodyJSON(&r.Body, sch)
	if err != nil {
		return nil, err
	}
	o = append(o, body...)
	if len(r.DependsOn) > 0 {
		deps := make([]string, len(r.DependsOn))
		for i, d := range r.DependsOn {
			t, err := addrTokens(d)
			if err != nil {
				return nil, fmt.Errorf("depends_on: %w", err)
			}
			deps[i] = string(t.Bytes())
		}
		o = append(o, member{"depends_on", deps})
	}
	return o, nil
}

// escapeTemplate keeps a literal a literal where JSON syntax reads every
// string as a template.
var escapeTemplate = strings.NewReplacer("${", "$${", "%{", "%%{").Replace
