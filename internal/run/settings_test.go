package run

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSettingsFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    Settings
		wantErr bool
	}{
		{"defaults", nil, Settings{Lease: DefaultLease, Timeout: DefaultTimeout, ReapInterval: DefaultReapInterval}, false},
		{"all set", map[string]string{EnvLease: "45s", EnvTimeout: "20m", EnvReapInterval: "5s"},
			Settings{Lease: 45 * time.Second, Timeout: 20 * time.Minute, ReapInterval: 5 * time.Second}, false},
		{"not a duration", map[string]string{EnvTimeout: "20"}, Settings{}, true},
		{"negative", map[string]string{EnvReapInterval: "-1s"}, Settings{}, true},
		{"lease too short to renew", map[string]string{EnvLease: "1s"}, Settings{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SettingsFromEnv(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("settings (-want +got):\n%s", diff)
				}
			}
		})
	}
}
