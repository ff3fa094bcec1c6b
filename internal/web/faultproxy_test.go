package web

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fault is what the proxy does with one AWS API call.
type fault struct {
	// Delay holds the call this long before passing it on; a negative
	// Delay holds it until the client gives up (it never reaches the
	// emulator).
	Delay time.Duration
	// Status, when set, answers the call with it and Body instead of
	// passing it on.
	Status int
	Body   string
}

// faultProxy sits between Terraform and the emulator and injects faults
// into the AWS API calls named in its rules ("ec2:CreateSubnet",
// "dynamodb:CreateTable", "s3:PUT /bucket", "sns:CreateTopic"); others
// pass through untouched.
type faultProxy struct {
	URL   string
	mu    sync.Mutex
	rules map[string]fault
	seen  map[string]int
}

func startFaultProxy(t *testing.T, target string) *faultProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{rules: map[string]fault{}, seen: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.serve(w, r, rp)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// set replaces the rules; nil lets everything through.
func (p *faultProxy) set(rules map[string]fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = rules
}

// count is how many calls of op the proxy has seen.
func (p *faultProxy) count(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seen[op]
}

func (p *faultProxy) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	op := operation(r, body)
	p.mu.Lock()
	p.seen[op]++
	f, ok := p.rules[op]
	p.mu.Unlock()
	if !ok {
		next.ServeHTTP(w, r)
		return
	}
	if f.Delay != 0 {
		var wait <-chan time.Time
		if f.Delay > 0 {
			wait = time.After(f.Delay)
		}
		select {
		case <-r.Context().Done():
			return // the client went away: the call never reaches the emulator
		case <-wait:
		}
	}
	if f.Status != 0 {
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		if strings.HasPrefix(f.Body, "<") {
			w.Header().Set("Content-Type", "application/xml")
		}
		w.WriteHeader(f.Status)
		io.WriteString(w, f.Body)
		return
	}
	next.ServeHTTP(w, r)
}

// operation names an AWS API call: service:Action for the query and JSON
// protocols, s3:METHOD /bucket for a bucket-level S3 call.
func operation(r *http.Request, body []byte) string {
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		_, action, _ := strings.Cut(target, ".")
		return strings.ToLower(service(r)) + ":" + action
	}
	if r.Method == http.MethodPost {
		if v, err := url.ParseQuery(string(body)); err == nil && v.Get("Action") != "" {
			return service(r) + ":" + v.Get("Action")
		}
	}
	path := strings.Trim(r.URL.Path, "/")
	if path != "" && !strings.Contains(path, "/") && r.URL.RawQuery == "" {
		return "s3:" + r.Method + " /bucket"
	}
	return service(r) + ":" + r.Method + " " + r.URL.Path
}

// service is the signing service in the request's Authorization header
// (Credential=AKID/date/region/service/aws4_request).
func service(r *http.Request) string {
	a := r.Header.Get("Authorization")
	_, cred, ok := strings.Cut(a, "Credential=")
	if !ok {
		return "unknown"
	}
	parts := strings.Split(cred, "/")
	if len(parts) < 4 {
		return "unknown"
	}
	return parts[3]
}
