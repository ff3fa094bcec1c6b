package terraform

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden renders each representative stack in both syntaxes and compares
// with testdata/<name>/main.tf and main.tf.json.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases() {
		for _, f := range []Format{HCL, JSON} {
			t.Run(c.name+"/"+f.String(), func(t *testing.T) {
				files, err := Render(c.stack, f, c.opts)
				if err != nil {
					t.Fatal(err)
				}
				got := files[f.FileName()]
				path := filepath.Join("testdata", c.name, f.FileName())
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), string(got)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", path, diff)
				}
			})
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	for _, f := range []Format{HCL, JSON} {
		a, err := Render(webStack(), f, networkOptions())
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			b, err := Render(webStack(), f, networkOptions())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(a, b); diff != "" {
				t.Fatalf("%s output changed between runs:\n%s", f, diff)
			}
		}
	}
}

func TestFormatFromString(t *testing.T) {
	tests := []struct {
		in      string
		want    Format
		wantErr bool
	}{
		{"hcl", HCL, false}, {"TF", HCL, false}, {" json ", JSON, false}, {"tf.json", JSON, false},
		{"yaml", 0, true}, {"", 0, true},
	}
	for _, tt := range tests {
		got, err := FormatFromString(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("FormatFromString(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// BenchmarkRender measures rendering the web stack in each syntax.
func BenchmarkRender(b *testing.B) {
	for _, f := range []Format{HCL, JSON} {
		b.Run(f.String(), func(b *testing.B) {
			s := webStack()
			for b.Loop() {
				if _, err := Render(s, f, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
