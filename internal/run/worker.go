package run

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfrun"
)

// Worker executes queued platform-mode runs: it claims one at a time with
// a lease, plans or applies it with Terraform, and keeps the lease alive
// while Terraform works.
type Worker struct {
	Service   *Service
	Terraform *tfrun.Terraform
	Resolver  awsconn.Resolver
	// ServerURL is this server's base URL as Terraform reaches it, for the
	// HTTP state backend.
	ServerURL string
	// Name identifies the worker in runs and logs, unique per process.
	Name string
	// Poll is the pause between claims when the queue is empty.
	Poll time.Duration
	// Lease is how long a claim lasts without renewal; 0 means DefaultLease.
	Lease time.Duration
	// Timeout bounds one plan or apply, Terraform included: when it
	// passes, Terraform is interrupted (it saves its state) and the run
	// ends errored. 0 means DefaultTimeout.
	Timeout time.Duration
	Log     *slog.Logger
}

// DefaultTimeout is how long one plan or apply may take when the worker
// sets no Timeout.
const DefaultTimeout = time.Hour

func (w *Worker) timeout() time.Duration {
	if w.Timeout > 0 {
		return w.Timeout
	}
	return DefaultTimeout
}

func (w *Worker) lease() time.Duration {
	if w.Lease > 0 {
		return w.Lease
	}
	return DefaultLease
}

// Serve claims and executes runs until ctx ends.
func (w *Worker) Serve(ctx context.Context) {
	for ctx.Err() == nil {
		did, err := w.Once(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Error("run worker", "worker", w.Name, "error", err)
		}
		if !did {
			select {
			case <-ctx.Done():
			case <-time.After(w.Poll):
			}
		}
	}
}

// NewToken returns a state-backend password and the hash stored for it.
func NewToken() (token string, hash []byte) {
	var b [32]byte
	rand.Read(b[:])
	token = base64.RawURLEncoding.EncodeToString(b[:])
	sum := sha256.Sum256([]byte(token))
	return token, sum[:]
}

// Once claims one queued run and executes it, reporting whether there was
// one. The run's own failure is recorded on the run, not returned.
func (w *Worker) Once(ctx context.Context) (bool, error) {
	token, hash := NewToken()
	now := w.Service.now()
	r, err := w.Service.DB.ClaimRun(ctx, store.RunClaim{Mode: string(ModePlatform), Worker: w.Name,
		Now: now, Until: now.Add(w.lease()), TokenHash: hash})
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	w.execute(ctx, r, token)
	return true, nil
}

func (w *Worker) execute(ctx context.Context, r *store.Run, token string) {
	tctx, cancel := context.WithTimeoutCause(ctx, w.timeout(), ErrTimedOut)
	defer cancel()
	rctx, stop := context.WithCancelCause(tctx)
	defer stop(nil)
	go w.keepLease(rctx, r, stop)
	logw := NewLogWriter(w.Service.DB, r.OrgID, r.ID)
	var err error
	if Status(r.Status) == Planning {
		err = w.plan(rctx, r, token, logw)
	} else {
		err = w.apply(rctx, r, token, logw)
	}
	if err != nil {
		err = w.explain(rctx, r, err)
		logw.Line("Error: " + err.Error())
	}
	if lerr := logw.Close(); lerr != nil {
		w.Log.Warn("run log", "run", r.ID, "error", lerr)
	}
	if err != nil {
		if ferr := w.Service.fail(context.WithoutCancel(ctx), r, err); ferr != nil {
			w.Log.Error("record run failure", "run", r.ID, "error", ferr)
		}
	}
}

// keepLease renews the run's lease (and, applying, the workspace's apply
// lease) at a third of its length; losing it cancels the run.
func (w *Worker) keepLease(ctx context.Context, r *store.Run, cancel context.CancelCauseFunc) {
	t := time.NewTicker(w.lease() / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		until := w.Service.now().Add(w.lease())
		err := w.Service.DB.RenewRunLease(ctx, r.OrgID, r.ID, w.Name, until)
		if err == nil && Status(r.Status) == Applying {
			err = w.Service.DB.RenewApplyLease(ctx, r.OrgID, r.WorkspaceID, r.ID, r.Fence, until)
		}
		if err != nil && ctx.Err() == nil {
			w.Log.Error("run lease lost; stopping terraform", "run", r.ID, "error", err)
			cancel(fmt.Errorf("%w: %w", errLeaseLost, err))
			return
		}
	}
}

// env resolves the workspace's AWS connection into Terraform's
// environment, with the run's state-backend password.
func (w *Worker) env(ctx context.Context, r *store.Run, ws *store.Workspace, token string) (awsconn.Env, error) {
	var conn *store.AWSConnection
	if ws.ConnectionID != 0 {
		c, err := w.Service.DB.AWSConnectionByID(ctx, r.OrgID, ws.ConnectionID)
		if err != nil {
			return awsconn.Env{}, fmt.Errorf("aws connection: %w", err)
		}
		conn = c
	}
	env, err := w.Resolver.Resolve(ctx, conn, awsconn.SessionName(r.OrgID, r.ID))
	if err != nil {
		return env, err
	}
	env.Vars["TF_HTTP_PASSWORD"] = token
	return env, nil
}
