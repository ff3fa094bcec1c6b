package iac

import (
	"github.com/syncloud/syncloud/internal/iac/cloudformation"
	"github.com/syncloud/syncloud/internal/spec"
)

// CFNFile is the name of the CloudFormation template file.
const CFNFile = "template.json"

func renderCFN(s *spec.Stack) (map[string][]byte, error) {
	b, err := cloudformation.Render(s)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{CFNFile: b}, nil
}
