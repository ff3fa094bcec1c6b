package web

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseUserAgent(t *testing.T) {
	tests := []struct {
		ua   string
		want UserAgent
	}{
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", UserAgent{"Chrome", "131", "Windows"}},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", UserAgent{"Edge", "131", "Windows"}},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", UserAgent{"Safari", "18", "macOS"}},
		{"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", UserAgent{"Firefox", "133", "Linux"}},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", UserAgent{"Safari", "18", "iOS"}},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", UserAgent{"Chrome", "131", "iOS"}},
		{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36", UserAgent{"Chrome", "131", "Android"}},
		{"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", UserAgent{"Chrome", "130", "ChromeOS"}},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0", UserAgent{"Opera", "115", "Windows"}},
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.85 Safari/537.36", UserAgent{"HeadlessChrome", "131", "Linux"}},
		{"curl/8.5.0", UserAgent{"curl", "8", "Other"}},
		{"Go-http-client/1.1", UserAgent{"Go-http-client", "1", "Other"}},
		{"syncloud-agent/0.3.1 (darwin; arm64)", UserAgent{"syncloud-agent", "0", "macOS"}},
		{"syncloud-agent/2.0 (windows; amd64)", UserAgent{"syncloud-agent", "2", "Windows"}},
		{"", UserAgent{"Other", "", "Other"}},
		{"something/strange", UserAgent{"Other", "", "Other"}},
	}
	for _, tt := range tests {
		t.Run(tt.ua, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ParseUserAgent(tt.ua)); diff != "" {
				t.Errorf("ParseUserAgent (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkParseUserAgent(b *testing.B) {
	ua := "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"
	for b.Loop() {
		ParseUserAgent(ua)
	}
}
