package auth

import (
	"context"
	"fmt"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

// testDB opens a fresh, migrated database for one test: SQLite, or
// PostgreSQL when SYNCLOUD_TEST_DATABASE_URL is set.
func testDB(t testing.TB) *store.DB {
	t.Helper()
	return storetest.Open(t)
}

// testUsers returns two user IDs that a session store accepts: real users
// in the database for DBSessions, any IDs for Redis.
func testUsers(t *testing.T, s SessionStore) [2]int64 {
	t.Helper()
	d, ok := s.(*DBSessions)
	if !ok {
		return [2]int64{101, 102}
	}
	var ids [2]int64
	for i := range ids {
		ids[i] = createTestAccount(t, d.db, fmt.Sprintf("user%d@example.com", i), "", store.RoleOwner).User.ID
	}
	return ids
}

// createTestAccount creates a user with passwordHash as owner of a new
// organization.
func createTestAccount(t testing.TB, db *store.DB, email, passwordHash, _ string) *store.NewAccount {
	t.Helper()
	a := &store.NewAccount{
		User: store.User{Email: email, Name: "Test " + email, PasswordHash: passwordHash},
		Org:  store.Organization{Name: "Org of " + email},
	}
	if err := db.CreateAccount(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}
