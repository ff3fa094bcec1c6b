package run

import (
	"fmt"
	"time"
)

// The environment variables an operator tunes the run workers with.
const (
	// EnvLease is how long a worker's or agent's claim of a run lasts
	// without renewal (a Go duration, e.g. "2m"): after a crash the run is
	// reaped once it has passed.
	EnvLease = "SYNCLOUD_RUN_LEASE"
	// EnvTimeout bounds one plan or apply (e.g. "1h").
	EnvTimeout = "SYNCLOUD_RUN_TIMEOUT"
	// EnvReapInterval is how often the reaper looks for runs whose lease
	// expired (e.g. "30s").
	EnvReapInterval = "SYNCLOUD_RUN_REAP_INTERVAL"
)

// DefaultReapInterval is how often the reaper runs when not configured.
const DefaultReapInterval = 30 * time.Second

// Settings are the run workers' timings, read from the environment.
type Settings struct {
	Lease        time.Duration
	Timeout      time.Duration
	ReapInterval time.Duration
}

// SettingsFromEnv reads the run workers' timings; an unset variable keeps
// its default (DefaultLease, DefaultTimeout, DefaultReapInterval).
func SettingsFromEnv(getenv func(string) string) (Settings, error) {
	s := Settings{Lease: DefaultLease, Timeout: DefaultTimeout, ReapInterval: DefaultReapInterval}
	for _, v := range []struct {
		name string
		to   *time.Duration
	}{{EnvLease, &s.Lease}, {EnvTimeout, &s.Timeout}, {EnvReapInterval, &s.ReapInterval}} {
		raw := getenv(v.name)
		if raw == "" {
			continue
		}
		d, err := time.ParseDuration(raw)
		if err != nil || d <= 0 {
			return s, fmt.Errorf("%s: want a positive duration such as 90s or 2m, got %q", v.name, raw)
		}
		*v.to = d
	}
	if s.Lease < 3*time.Second {
		return s, fmt.Errorf("%s: %s is too short to renew (at least 3s)", EnvLease, s.Lease)
	}
	return s, nil
}
