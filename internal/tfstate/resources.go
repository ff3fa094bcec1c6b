package tfstate

import (
	"encoding/json"
	"fmt"
)

// Resource is one managed resource instance found in a state: what the
// audit log records after an apply.
type Resource struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	ID      string `json:"id"`
	Region  string `json:"region,omitempty"`
}

type stateFile struct {
	Resources []struct {
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			IndexKey   any            `json:"index_key"`
			Attributes map[string]any `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

// Resources lists the managed resource instances of a Terraform state,
// keyed by address ("aws_vpc.main", "aws_subnet.private[0]").
func Resources(state []byte) (map[string]Resource, error) {
	var sf stateFile
	if err := json.Unmarshal(state, &sf); err != nil {
		return nil, fmt.Errorf("read state resources: %w", err)
	}
	out := map[string]Resource{}
	for _, r := range sf.Resources {
		if r.Mode != "managed" {
			continue
		}
		for _, in := range r.Instances {
			addr := r.Type + "." + r.Name
			if in.IndexKey != nil {
				k, _ := json.Marshal(in.IndexKey)
				addr += "[" + string(k) + "]"
			}
			id, _ := in.Attributes["id"].(string)
			region, _ := in.Attributes["region"].(string)
			out[addr] = Resource{Address: addr, Type: r.Type, Name: r.Name, ID: id, Region: region}
		}
	}
	return out, nil
}
