package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// containerSpec is what a prompt says about the container to run.
type containerSpec struct {
	name   string
	image  string
	repo   *spec.Address // the ECR repository whose latest image runs, or nil
	port   int           // 0: none named
	cpu    int           // Fargate CPU units
	memory int           // MiB
}

var (
	imageRe   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*(:[0-9]+)?(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$|^[a-z0-9][a-z0-9._-]*:[A-Za-z0-9._-]+$`)
	vcpuRe    = regexp.MustCompile(`^(\d+(?:\.\d+)?)v?cpus?$`)
	knownApps = []string{"nginx", "httpd", "apache", "caddy", "traefik", "grafana", "prometheus", "wordpress",
		"ghost", "jenkins", "rabbitmq", "busybox", "tomcat", "keycloak", "httpbin"}
)

// ContainerImage finds the image a prompt names: a registry path
// ("ghcr.io/acme/api:1.4.2", "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:latest"),
// "name:tag", or a well-known image by name ("nginx"). It returns the image
// and its token, or false.
func (t *Text) ContainerImage() (string, int, bool) {
	for i, tok := range t.Toks {
		if strings.Contains(tok.Raw, "://") || strings.HasPrefix(tok.Raw, "/") {
			continue
		}
		if imageRe.MatchString(tok.Raw) && !isCIDRLike(tok.Raw) && !instanceTypeRe.MatchString(tok.Norm) && hasLetter(imageBaseName(tok.Raw)) {
			return tok.Raw, i, true
		}
	}
	for i := range t.Toks {
		if t.Is(i, knownApps...) && !t.Is(i+1, "lambda", "function", "runtime") && !isRuntimeWord(t, i) {
			img := t.Norm(i)
			if img == "apache" {
				img = "httpd"
			}
			return img + ":latest", i, true
		}
	}
	return "", -1, false
}

func isRuntimeWord(t *Text, i int) bool {
	return t.Is(i, "node", "python") && runtimeVerRe.MatchString(t.Norm(i+1))
}

func isCIDRLike(s string) bool {
	return strings.Count(s, ".") == 3 && strings.Contains(s, "/") && !strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz")
}

// imageBaseName is the last path element of an image without its tag:
// "ghcr.io/acme/api:1.4.2" → "api".
func imageBaseName(image string) string {
	if i := strings.LastIndex(image, "/"); i >= 0 {
		image = image[i+1:]
	}
	if i := strings.IndexAny(image, ":@"); i >= 0 {
		image = image[:i]
	}
	return image
}

// FargateCPU reads the task's CPU: "0.5 vCPU" → 512, "1 vCPU" → 1024,
// "256 CPU units" → 256. It returns 0 when none is named.
func (t *Text) FargateCPU() (int, int) {
	for i := 0; i < t.Len(); i++ {
		if m := vcpuRe.FindStringSubmatch(t.Norm(i)); m != nil {
			f, _ := strconv.ParseFloat(m[1], 64)
			return cpuUnits(f), i
		}
		if !t.Is(i, "vcpu", "vcpus", "cpu", "cpus", "core", "cores") || t.Is(i, "cpu") && t.Is(i+1, "utilization", "usage", "load") {
			continue
		}
		if f, ok := t.Number(i-1, true); ok {
			return cpuUnits(f), i - 1
		}
		if t.Is(i-2, "half", "quarter") && t.Is(i-1, "a", "of") || t.Is(i-1, "half", "quarter") {
			if t.Is(i-1, "quarter") || t.Is(i-2, "quarter") {
				return 256, i - 1
			}
			return 512, i - 1
		}
		if n := t.Norm(i - 1); len(n) > 1 && n[0] == '.' {
			if f, err := strconv.ParseFloat("0"+n, 64); err == nil {
				return cpuUnits(f), i - 1
			}
		}
	}
	return 0, -1
}

func cpuUnits(f float64) int {
	if f >= 128 {
		return int(f)
	}
	return int(f * 1024)
}

// fargateCPUs lists the Fargate CPU sizes with the memory (MiB) each
// allows: from, to and step.
var fargateCPUs = []struct{ cpu, from, to, step int }{
	{256, 512, 2048, 512}, {512, 1024, 4096, 1024}, {1024, 2048, 8192, 1024}, {2048, 4096, 16384, 1024},
	{4096, 8192, 30720, 1024}, {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192},
}

// FargateSize returns the smallest valid Fargate CPU and memory pair that
// gives at least the requested CPU units and memory (0 means no request).
func FargateSize(cpu, memory int) (int, int) {
	for _, f := range fargateCPUs {
		if f.cpu < cpu {
			continue
		}
		if memory <= 0 {
			return f.cpu, f.from
		}
		for m := f.from; m <= f.to; m += f.step {
			if m == 1536 {
				continue // 256 CPU units take 512, 1024 or 2048 MiB
			}
			if m >= memory {
				return f.cpu, m
			}
		}
	}
	last := fargateCPUs[len(fargateCPUs)-1]
	return last.cpu, last.to
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }) >= 0
}
