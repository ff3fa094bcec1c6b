package usage

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// RequestRecord is one request as the web layer reports it. ID is
// ignored; a zero CreatedAt means now.
type RequestRecord = store.RequestLog

// Options configure a Meter.
type Options struct {
	// FlushInterval is how often buffered records are written; 0 means
	// one second.
	FlushInterval time.Duration
	// FlushAt writes early once this many records are buffered; 0 means
	// 2000.
	FlushAt int
	// ChunkSize bounds the records of one transaction within a flush, so
	// that a flush never holds SQLite's single writer for long while audit
	// events wait; 0 means 250.
	ChunkSize int
	// MaxPending bounds the records kept while the database refuses
	// writes; beyond it the oldest are dropped and logged. 0 means 200000.
	MaxPending int
	Logger     *slog.Logger // nil means slog.Default()
}

// Meter buffers request records in memory and writes them in batches,
// each batch with its per-org daily counters aggregated in memory, in one
// transaction.
type Meter struct {
	db   *store.DB
	opts Options
	kick chan struct{}
	quit chan struct{}
	done chan struct{}

	mu      sync.Mutex
	pending []store.RequestLog
	closed  bool
	flushMu sync.Mutex // one flush at a time, so rows keep their order
}

// dayKey is an organization and a UTC day (days since 1970, cheaper to
// compute per record than its text).
type dayKey struct {
	org int64
	day int64
}

// New starts a meter on db. Call Close to flush and stop it.
func New(db *store.DB, opts Options) *Meter {
	if opts.FlushInterval <= 0 {
		opts.FlushInterval = time.Second
	}
	if opts.FlushAt <= 0 {
		opts.FlushAt = 2000
	}
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = 250
	}
	if opts.MaxPending <= 0 {
		opts.MaxPending = 200_000
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	m := &Meter{db: db, opts: opts, kick: make(chan struct{}, 1), quit: make(chan struct{}),
		done: make(chan struct{})}
	go m.run()
	return m
}

// Record buffers one request. It never blocks on the database.
func (m *Meter) Record(r RequestRecord) {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = time.Now()
	}
	r.CreatedAt = r.CreatedAt.UTC()
	m.mu.Lock()
	m.pending = append(m.pending, r)
	full := len(m.pending) >= m.opts.FlushAt
	m.mu.Unlock()
	if full {
		select {
		case m.kick <- struct{}{}:
		default:
		}
	}
}

// daily aggregates rows into per-org, per-UTC-day counters.
func daily(rows []store.RequestLog) []store.UsageDay {
	index := map[dayKey]int{}
	var out []store.UsageDay
	for _, r := range rows {
		k := dayKey{r.OrgID, r.CreatedAt.Unix() / 86400}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, store.UsageDay{OrgID: k.org, Day: r.CreatedAt.UTC().Format(time.DateOnly)})
		}
		out[i].Requests++
		if r.Success {
			out[i].Succeeded++
		} else {
			out[i].Failed++
		}
	}
	return out
}

// Pending reports how many records wait to be written.
func (m *Meter) Pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.pending)
}

func (m *Meter) run() {
	defer close(m.done)
	tick := time.NewTicker(m.opts.FlushInterval)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
		case <-m.kick:
		case <-m.quit:
			return
		}
		if err := m.Flush(context.Background()); err != nil {
			m.opts.Logger.Error("usage flush failed", slog.Any("error", err))
		}
	}
}

// Flush writes every buffered record now, ChunkSize records (and their
// daily counters) per transaction. On failure the records not yet written
// are kept for the next flush.
func (m *Meter) Flush(ctx context.Context) error {
	m.flushMu.Lock()
	defer m.flushMu.Unlock()
	m.mu.Lock()
	rows := m.pending
	m.pending = nil
	m.mu.Unlock()
	for start := 0; start < len(rows); start += m.opts.ChunkSize {
		chunk := rows[start:min(start+m.opts.ChunkSize, len(rows))]
		err := m.db.Transact(ctx, func(tx *store.Tx) error {
			if err := tx.InsertRequestLogs(ctx, chunk); err != nil {
				return err
			}
			return tx.AddUsageDays(ctx, daily(chunk))
		})
		if err != nil {
			m.putBack(rows[start:])
			return fmt.Errorf("flush %d usage records: %w", len(rows)-start, err)
		}
	}
	return nil
}

// putBack returns rows that failed to flush to the front of the buffer,
// dropping the oldest of them beyond MaxPending.
func (m *Meter) putBack(rows []store.RequestLog) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if over := len(rows) + len(m.pending) - m.opts.MaxPending; over > 0 {
		over = min(over, len(rows))
		m.opts.Logger.Error("usage buffer full: dropping oldest records", slog.Int("dropped", over))
		rows = rows[over:]
	}
	m.pending = append(slices.Clip(rows), m.pending...)
}

// Close stops the background flusher and writes everything still
// buffered, so a graceful shutdown loses no record. Call it after the
// last Record (after the HTTP server has drained).
func (m *Meter) Close(ctx context.Context) error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	m.mu.Unlock()
	close(m.quit)
	select {
	case <-m.done:
	case <-ctx.Done():
		return fmt.Errorf("close usage meter: %w", ctx.Err())
	}
	return m.Flush(ctx)
}

// PurgePrompts nulls prompt text older than each organization's
// retention_days; run it periodically (the server does, hourly).
func PurgePrompts(ctx context.Context, db *store.DB, now time.Time) (int64, error) {
	return db.PurgePrompts(ctx, now)
}
