package store

import "context"

// NewAccount is what registration (or `syncloud admin create-user`)
// creates: a user, an organization, and the user's owner membership.
type NewAccount struct {
	User User
	// Org is the organization to create; its Slug may be empty.
	Org Organization
}

// CreateAccount creates the user, the organization and the owner
// membership in one transaction, filling in their IDs. A taken email or
// slug is ErrConflict and leaves nothing behind.
func (db *DB) CreateAccount(ctx context.Context, a *NewAccount) error {
	return db.Transact(ctx, func(tx *Tx) error {
		if err := tx.CreateUser(ctx, &a.User); err != nil {
			return err
		}
		if err := tx.CreateOrganization(ctx, &a.Org); err != nil {
			return err
		}
		return tx.AddMembership(ctx, a.Org.ID, a.User.ID, RoleOwner)
	})
}
