// Package tfcli writes the Terraform CLI configuration that the
// platform's workers and the Local Agent run Terraform with.
package tfcli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// WriteConfig writes workDir/terraform.rc and returns its path: providers
// are cached in workDir/plugin-cache and, when mirror is not "", installed
// only from that filesystem mirror (otherwise from the registry).
func WriteConfig(workDir, mirror string) (string, error) {
	cache := filepath.Join(workDir, "plugin-cache")
	if err := os.MkdirAll(cache, 0o700); err != nil {
		return "", fmt.Errorf("terraform plugin cache: %w", err)
	}
	f := hclwrite.NewEmptyFile()
	f.Body().SetAttributeValue("plugin_cache_dir", cty.StringVal(filepath.ToSlash(cache)))
	if mirror != "" {
		pi := f.Body().AppendNewBlock("provider_installation", nil)
		pi.Body().AppendNewBlock("filesystem_mirror", nil).Body().
			SetAttributeValue("path", cty.StringVal(filepath.ToSlash(mirror)))
	}
	path := filepath.Join(workDir, "terraform.rc")
	if err := os.WriteFile(path, f.Bytes(), 0o600); err != nil {
		return "", fmt.Errorf("terraform CLI config: %w", err)
	}
	return path, nil
}
