package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// newAccount creates a user owning a fresh organization.
func newAccount(t *testing.T, db *store.DB, email, org string) (*store.User, *store.Organization) {
	t.Helper()
	a := &store.NewAccount{
		User: store.User{Email: email, Name: "N " + email, PasswordHash: "$argon2id$x"},
		Org:  store.Organization{Name: org},
	}
	if err := db.CreateAccount(context.Background(), a); err != nil {
		t.Fatalf("CreateAccount(%s): %v", email, err)
	}
	return &a.User, &a.Org
}

func TestMigrateIsIdempotent(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	var n int
	if err := db.Raw().QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if want := migrationCount(t, db); n != want {
		t.Errorf("schema_migrations has %d rows, want %d (one per file)", n, want)
	}
}

func TestCreateAccount(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	u, org := newAccount(t, db, "Ada@Example.com", "Acme Corp!")
	if org.Slug != "acme-corp" || org.Plan != "free" || org.RetentionDays != store.DefaultRetentionDays {
		t.Errorf("org = %+v, want slug acme-corp, plan free, default retention", org)
	}
	got, err := db.UserByEmail(ctx, "ada@EXAMPLE.com")
	if err != nil || got.ID != u.ID {
		t.Fatalf("UserByEmail ignoring case = %v, %v", got, err)
	}
	m, err := db.Membership(ctx, org.ID, u.ID)
	if err != nil || m.Role != store.RoleOwner {
		t.Fatalf("Membership = %+v, %v; want owner", m, err)
	}
	// Same email in another case: conflict, and the org is not left behind.
	dup := &store.NewAccount{User: store.User{Email: "ADA@example.com", Name: "x"}, Org: store.Organization{Name: "Other"}}
	if err := db.CreateAccount(ctx, dup); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate email: err = %v, want ErrConflict", err)
	}
	if _, err := db.OrganizationBySlug(ctx, "other"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rolled-back org exists: err = %v", err)
	}
	_, org2 := newAccount(t, db, "bob@example.com", "ACME corp")
	if org2.Slug != "acme-corp-2" {
		t.Errorf("second slug = %q, want acme-corp-2", org2.Slug)
	}
	ms, err := db.UserMemberships(ctx, u.ID)
	if err != nil || len(ms) != 1 || ms[0].OrgSlug != "acme-corp" {
		t.Errorf("UserMemberships = %+v, %v", ms, err)
	}
}

func TestTransactRollsBack(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Transact(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrganization(ctx, &store.Organization{Name: "err"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Transact err = %v, want boom", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("panic was swallowed")
			}
		}()
		db.Transact(ctx, func(tx *store.Tx) error {
			tx.CreateOrganization(ctx, &store.Organization{Name: "panic"})
			panic("oops")
		})
	}()
	for _, slug := range []string{"err", "panic"} {
		if _, err := db.OrganizationBySlug(ctx, slug); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("org %q survived rollback: %v", slug, err)
		}
	}
	// The single write connection is usable after the panic.
	if err := db.CreateOrganization(ctx, &store.Organization{Name: "after"}); err != nil {
		t.Fatalf("write after panic: %v", err)
	}
}

func TestMembershipsAreScoped(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ada, acme := newAccount(t, db, "ada@example.com", "Acme")
	bob, _ := newAccount(t, db, "bob@example.com", "Bobco")
	if err := db.AddMembership(ctx, acme.ID, bob.ID, store.RoleViewer); err != nil {
		t.Fatal(err)
	}
	if err := db.AddMembership(ctx, acme.ID, bob.ID, store.RoleMember); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second membership: err = %v, want ErrConflict", err)
	}
	if err := db.AddMembership(ctx, 9999, bob.ID, store.RoleMember); !errors.Is(err, store.ErrReference) {
		t.Errorf("membership of missing org: err = %v, want ErrReference", err)
	}
	if err := db.SetMemberRole(ctx, acme.ID, bob.ID, store.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	members, err := db.Members(ctx, acme.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range members {
		got = append(got, m.Email+":"+m.Role)
	}
	if diff := cmp.Diff([]string{"ada@example.com:owner", "bob@example.com:admin"}, got); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if n, err := db.CountOwners(ctx, acme.ID); err != nil || n != 1 {
		t.Errorf("CountOwners = %d, %v", n, err)
	}
	if err := db.RemoveMembership(ctx, acme.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Membership(ctx, acme.ID, bob.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed membership: err = %v", err)
	}
	_ = ada
}

// migrationCount counts the migration files of db's dialect.
func migrationCount(t *testing.T, db *store.DB) int {
	t.Helper()
	files, err := os.ReadDir("migrations/" + db.Dialect().String())
	if err != nil {
		t.Fatal(err)
	}
	return len(files)
}
