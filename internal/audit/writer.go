package audit

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("audit writer is closed")

// Options configure a Writer.
type Options struct {
	// SigningKey signs checkpoints. Required.
	SigningKey ed25519.PrivateKey
	// CheckpointInterval is how often chain heads are checkpointed; 0
	// means DefaultCheckpointInterval.
	CheckpointInterval time.Duration
	// MaxBatch bounds the events of one transaction; 0 means 1024.
	MaxBatch int
	Logger   *slog.Logger // nil means slog.Default()
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// DefaultCheckpointInterval is how often checkpoints are written unless
// configured.
const DefaultCheckpointInterval = time.Minute

// conflictRetries bounds how often a batch is retried when another writer
// (a replica) took the sequence numbers first.
const conflictRetries = 8

// Writer appends events with group commit: one goroutine takes every
// event queued by concurrent callers, writes them in one transaction and
// then wakes all of those callers. It also writes signed checkpoints.
type Writer struct {
	db    *store.DB
	opts  Options
	keyID string
	queue chan *pending
	quit  chan struct{}
	done  chan struct{}

	mu     sync.RWMutex // guards closed against sends on queue
	closed bool

	events, batches atomic.Int64
}

// Stats returns how many events were committed in how many transactions,
// for metrics: their ratio is the group-commit batch size.
func (w *Writer) Stats() (events, batches int64) {
	return w.events.Load(), w.batches.Load()
}

type pending struct {
	ev   Event
	at   time.Time // stamped by Append: callers cannot backdate events
	rec  Record
	err  error
	done chan struct{}
}

// NewWriter starts a writer on db. Call Close to stop it.
func NewWriter(db *store.DB, opts Options) (*Writer, error) {
	if len(opts.SigningKey) != ed25519.PrivateKeySize {
		return nil, errors.New("audit: a signing key is required")
	}
	if opts.CheckpointInterval <= 0 {
		opts.CheckpointInterval = DefaultCheckpointInterval
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 1024
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	w := &Writer{
		db: db, opts: opts,
		keyID: KeyID(opts.SigningKey.Public().(ed25519.PublicKey)),
		queue: make(chan *pending, 4*opts.MaxBatch),
		quit:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	go w.run()
	return w, nil
}

// Append records an event and returns once it is committed to the
// database, with its place in the chain. If ctx ends first, Append returns
// ctx's error and the event may or may not have been recorded.
func (w *Writer) Append(ctx context.Context, ev Event) (Record, error) {
	p := &pending{ev: ev, at: w.opts.Now(), done: make(chan struct{})}
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return Record{}, ErrClosed
	}
	select {
	case w.queue <- p:
		w.mu.RUnlock()
	case <-ctx.Done():
		w.mu.RUnlock()
		return Record{}, ctx.Err()
	}
	select {
	case <-p.done:
		return p.rec, p.err
	case <-ctx.Done():
		return Record{}, ctx.Err()
	}
}

// Close commits every queued event, writes a final checkpoint and stops
// the writer. Appends after Close fail with ErrClosed.
func (w *Writer) Close(ctx context.Context) error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	close(w.quit)
	select {
	case <-w.done:
	case <-ctx.Done():
		return fmt.Errorf("close audit writer: %w", ctx.Err())
	}
	return w.Checkpoint(ctx)
}

func (w *Writer) run() {
	defer close(w.done)
	tick := time.NewTicker(w.opts.CheckpointInterval)
	defer tick.Stop()
	for {
		select {
		case p := <-w.queue:
			w.commit(w.collect(p))
		case <-tick.C:
			if err := w.Checkpoint(context.Background()); err != nil {
				w.opts.Logger.Error("audit checkpoint failed", slog.Any("error", err))
			}
		case <-w.quit:
			for {
				select {
				case p := <-w.queue:
					w.commit(w.collect(p))
				default:
					return
				}
			}
		}
	}
}

// collect takes first and whatever else is already queued, up to
// MaxBatch.
func (w *Writer) collect(first *pending) []*pending {
	batch := []*pending{first}
	for len(batch) < w.opts.MaxBatch {
		select {
		case p := <-w.queue:
			batch = append(batch, p)
		default:
			return batch
		}
	}
	return batch
}

// commit writes a batch in one transaction and wakes its callers.
func (w *Writer) commit(batch []*pending) {
	var err error
	for attempt := 0; attempt < conflictRetries; attempt++ {
		err = w.db.Transact(context.Background(), func(tx *store.Tx) error {
			return writeBatch(context.Background(), tx, batch)
		})
		if !errors.Is(err, store.ErrConflict) {
			break
		}
	}
	if err == nil {
		w.events.Add(int64(len(batch)))
		w.batches.Add(1)
	}
	if err != nil {
		w.opts.Logger.Error("audit append failed", slog.Int("events", len(batch)), slog.Any("error", err))
	}
	for _, p := range batch {
		if err != nil {
			p.rec, p.err = Record{}, fmt.Errorf("append audit event: %w", err)
		}
		close(p.done)
	}
}

// writeBatch chains the batch's events onto their chains' heads, reading
// each chain's head once, and inserts them.
func writeBatch(ctx context.Context, tx *store.Tx, batch []*pending) error {
	chains := make([]int64, len(batch))
	for i, p := range batch {
		chains[i] = p.ev.OrgID
	}
	if err := tx.LockAuditChains(ctx, chains); err != nil {
		return err
	}
	heads := map[int64]*store.AuditEvent{}
	rows := make([]store.AuditEvent, 0, len(batch))
	for _, p := range batch {
		head, ok := heads[p.ev.OrgID]
		if !ok {
			var err error
			if head, err = chainHead(ctx, tx, p.ev.OrgID); err != nil {
				return err
			}
		}
		row, err := link(p.ev, p.at, head)
		if err != nil {
			p.err = err // a bad event fails alone, not its batch
			continue
		}
		rows = append(rows, row)
		heads[p.ev.OrgID] = &rows[len(rows)-1]
		p.rec = toRecord(&rows[len(rows)-1])
	}
	if err := tx.InsertAuditEvents(ctx, rows); err != nil {
		return err
	}
	moved := make([]store.AuditChainHead, 0, len(heads))
	for org, h := range heads {
		if h.Seq > 0 {
			moved = append(moved, store.AuditChainHead{OrgID: org, Seq: h.Seq, Hash: h.Hash})
		}
	}
	return tx.SetAuditHeads(ctx, moved)
}

// chainHead returns a chain's last event, or a zero event (seq 0, genesis
// hash) for an empty chain.
func chainHead(ctx context.Context, tx *store.Tx, orgID int64) (*store.AuditEvent, error) {
	head, err := tx.AuditHead(ctx, orgID)
	if errors.Is(err, store.ErrNotFound) {
		return &store.AuditEvent{OrgID: orgID, Hash: genesis}, nil
	}
	return head, err
}

// link makes the stored form of ev as the successor of head.
func link(ev Event, at time.Time, head *store.AuditEvent) (store.AuditEvent, error) {
	details, err := Canonical(ev.Details)
	if err != nil {
		return store.AuditEvent{}, err
	}
	row := store.AuditEvent{
		OrgID: ev.OrgID, Seq: head.Seq + 1,
		CreatedAt: at.UTC().Truncate(time.Microsecond),
		ActorType: clean(ev.Actor.Type), ActorID: clean(ev.Actor.ID), ActorLabel: clean(ev.Actor.Label),
		Action:     clean(ev.Action),
		TargetType: clean(ev.Target.Type), TargetID: clean(ev.Target.ID),
		Details:  string(details),
		PrevHash: head.Hash,
	}
	row.Hash, err = eventHash(&row)
	return row, err
}
