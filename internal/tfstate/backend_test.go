package tfstate_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// fixture is a backend over a real database with one workspace in each
// of two organizations.
type fixture struct {
	db         *store.DB
	b          *tfstate.Backend
	org, other int64
	ws         int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	c, err := tfstate.NewCipher(bytes.Repeat([]byte{7}, tfstate.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, b: &tfstate.Backend{DB: db, Cipher: c}}
	for _, id := range []*int64{&f.org, &f.other} {
		o := &store.Organization{Name: fmt.Sprintf("org %p", id)}
		if err := db.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
		*id = o.ID
	}
	ws := &store.Workspace{Name: "prod", Region: "us-east-1", ExecutionMode: "platform"}
	if err := db.CreateWorkspace(ctx, f.org, ws); err != nil {
		t.Fatal(err)
	}
	f.ws = ws.ID
	return f
}

func state(serial int, lineage, id string) []byte {
	return fmt.Appendf(nil, `{"version":4,"serial":%d,"lineage":%q,"resources":[{"mode":"managed",
		"type":"aws_vpc","name":"main","instances":[{"attributes":{"id":%q,"region":"us-east-1"}}]}]}`,
		serial, lineage, id)
}

// TestPutSerialAndLineage walks a sequence of writes and the answer each
// must get.
func TestPutSerialAndLineage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	steps := []struct {
		name     string
		body     []byte
		conflict bool
	}{
		{"first write starts the lineage", state(1, "L1", "vpc-1"), false},
		{"higher serial", state(3, "L1", "vpc-3"), false},
		{"same serial, same bytes is a no-op", state(3, "L1", "vpc-3"), false},
		{"same serial, other bytes", state(3, "L1", "vpc-x"), true},
		{"lower serial", state(2, "L1", "vpc-2"), true},
		{"other lineage", state(4, "L2", "vpc-4"), true},
		{"next serial", state(4, "L1", "vpc-4"), false},
	}
	for _, s := range steps {
		err := f.b.Put(ctx, f.org, f.ws, tfstate.Writer{}, s.body)
		if got := errors.Is(err, store.ErrConflict); got != s.conflict || (!s.conflict && err != nil) {
			t.Errorf("%s: err = %v, want conflict=%v", s.name, err, s.conflict)
		}
	}
	got, err := f.b.Get(ctx, f.org, f.ws)
	if err != nil || !bytes.Equal(got, state(4, "L1", "vpc-4")) {
		t.Errorf("Get = %s, %v; want serial 4", got, err)
	}
	old, err := f.b.Version(ctx, f.org, f.ws, 1)
	if err != nil || !bytes.Equal(old, state(1, "L1", "vpc-1")) {
		t.Errorf("Version(1) = %s, %v", old, err)
	}
	if err := f.b.Put(ctx, f.org, f.ws, tfstate.Writer{}, []byte(`{"resources":[]}`)); !errors.Is(err, tfstate.ErrInvalid) {
		t.Errorf("Put without serial: %v, want ErrInvalid", err)
	}
}

// TestEncryptedAtRest reads the stored rows around the backend and finds
// no resource ID in them, and a row moved to another serial fails to open.
func TestEncryptedAtRest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	secretID := "vpc-0a1b2c3d4e5f60718"
	if err := f.b.Put(ctx, f.org, f.ws, tfstate.Writer{}, state(1, "L1", secretID)); err != nil {
		t.Fatal(err)
	}
	rows, err := f.db.Raw().QueryContext(ctx, `SELECT data FROM state_versions`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			t.Fatal(err)
		}
		n++
		if bytes.Contains(data, []byte(secretID)) || bytes.Contains(data, []byte("aws_vpc")) {
			t.Errorf("stored state contains plaintext: %q", data)
		}
	}
	if n != 1 {
		t.Fatalf("%d stored versions, want 1", n)
	}
	if _, err := f.db.Raw().ExecContext(ctx, `UPDATE state_versions SET serial = 9`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.b.Version(ctx, f.org, f.ws, 9); !errors.Is(err, tfstate.ErrDecrypt) {
		t.Errorf("row moved to serial 9: err = %v, want ErrDecrypt", err)
	}
}

// TestOtherOrganization gets not found for everything on a workspace of
// another organization.
func TestOtherOrganization(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.b.Put(ctx, f.org, f.ws, tfstate.Writer{}, state(1, "L1", "vpc-1")); err != nil {
		t.Fatal(err)
	}
	checks := map[string]error{
		"get":    func() error { _, err := f.b.Get(ctx, f.other, f.ws); return err }(),
		"put":    f.b.Put(ctx, f.other, f.ws, tfstate.Writer{}, state(2, "L1", "vpc-2")),
		"lock":   f.b.Lock(ctx, f.other, f.ws, []byte(`{"ID":"x"}`)),
		"unlock": f.b.Unlock(ctx, f.other, f.ws, nil),
		"version": func() error {
			_, err := f.b.Version(ctx, f.other, f.ws, 1)
			return err
		}(),
	}
	for name, err := range checks {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s as another org: %v, want ErrNotFound", name, err)
		}
	}
}

// TestLockOneHolder races writers for the lock: exactly one wins, the
// others see its lock information; after unlock the next one can lock.
func TestLockOneHolder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f.b.Lock(ctx, f.org, f.ws, fmt.Appendf(nil, `{"ID":"lock-%d"}`, i))
		}()
	}
	wg.Wait()
	winners := 0
	var locked *tfstate.LockedError
	for _, err := range errs {
		switch {
		case err == nil:
			winners++
		case errors.As(err, &locked):
		default:
			t.Errorf("lock: %v", err)
		}
	}
	if winners != 1 {
		t.Fatalf("%d writers hold the lock, want 1", winners)
	}
	held, _ := f.db.StateLockOf(ctx, f.org, f.ws)
	if err := f.b.Unlock(ctx, f.org, f.ws, []byte(`{"ID":"not-mine"}`)); !errors.As(err, &locked) {
		t.Errorf("unlock with another ID: %v, want LockedError", err)
	}
	if err := f.b.Unlock(ctx, f.org, f.ws, []byte(held.Info)); err != nil {
		t.Errorf("unlock by the holder: %v", err)
	}
	if err := f.b.Lock(ctx, f.org, f.ws, []byte(`{"ID":"next"}`)); err != nil {
		t.Errorf("lock after unlock: %v", err)
	}
}

// TestFencing refuses a write from a run whose apply lease was taken over.
func TestFencing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := testTime()
	fence1, err := f.db.AcquireApplyLease(ctx, f.org, f.ws, 1, t0, t0.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	fence2, err := f.db.AcquireApplyLease(ctx, f.org, f.ws, 2, t0.Add(2*time.Second), t0.Add(100*time.Second))
	if err != nil {
		t.Fatalf("take over an expired lease: %v", err)
	}
	if err := f.b.Put(ctx, f.org, f.ws, tfstate.Writer{RunID: 1, Fence: fence1}, state(1, "L", "a")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("write with the stale fence: %v, want conflict", err)
	}
	if err := f.b.Put(ctx, f.org, f.ws, tfstate.Writer{RunID: 2, Fence: fence2}, state(1, "L", "a")); err != nil {
		t.Errorf("write with the current fence: %v", err)
	}
	if _, err := f.db.AcquireApplyLease(ctx, f.org, f.ws, 3, t0.Add(3*time.Second), t0.Add(100*time.Second)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second apply while the lease is held: %v, want conflict", err)
	}
}
