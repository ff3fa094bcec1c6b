package iac

import (
	"errors"

	"github.com/syncloud/syncloud/internal/spec"
)

func renderCFN(*spec.Stack) (map[string][]byte, error) {
	return nil, errors.New("CloudFormation output is not available yet")
}
