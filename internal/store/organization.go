package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Organization is a tenant: everything a customer owns belongs to one.
type Organization struct {
	ID   int64
	Name string
	// Slug is the unique URL name; CreateOrganization derives one from
	// Name when it is empty.
	Slug string
	Plan string // billing plan; "free" when empty
	// RetentionDays is how long prompt text is kept in the request log.
	RetentionDays int
	CreatedAt     time.Time
}

// DefaultRetentionDays is an organization's prompt retention unless set.
const DefaultRetentionDays = 30

const orgColumns = `id, name, slug, plan, retention_days, created_at`

func scanOrganization(s rowScanner) (*Organization, error) {
	var o Organization
	if err := s.Scan(&o.ID, &o.Name, &o.Slug, &o.Plan, &o.RetentionDays, &o.CreatedAt); err != nil {
		return nil, mapError(err)
	}
	o.CreatedAt = o.CreatedAt.UTC()
	return &o, nil
}

// CreateOrganization inserts o and sets its ID, defaults and CreatedAt. An
// explicit Slug that is taken is ErrConflict; an empty one is derived from
// Name, with a numeric suffix if the plain form is taken.
func (q *Queries) CreateOrganization(ctx context.Context, o *Organization) error {
	if o.Plan == "" {
		o.Plan = "free"
	}
	if o.RetentionDays == 0 {
		o.RetentionDays = DefaultRetentionDays
	}
	o.CreatedAt = nowOr(o.CreatedAt)
	if o.Slug == "" {
		slug, err := q.freeSlug(ctx, Slugify(o.Name))
		if err != nil {
			return err
		}
		o.Slug = slug
	}
	return q.insertOrganization(ctx, o)
}

// freeSlug returns base, or base-N for the smallest N ≥ 2 not taken.
func (q *Queries) freeSlug(ctx context.Context, base string) (string, error) {
	rows, err := q.r.QueryContext(ctx,
		`SELECT slug FROM organizations WHERE slug = $1 OR slug LIKE $2`, base, base+"-%")
	if err != nil {
		return "", wrap(err, "find free slug")
	}
	defer rows.Close()
	taken := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", wrap(err, "find free slug")
		}
		taken[s] = true
	}
	if err := rows.Err(); err != nil {
		return "", wrap(err, "find free slug")
	}
	slug := base
	for i := 2; taken[slug]; i++ {
		slug = fmt.Sprintf("%s-%d", base, i)
	}
	return slug, nil
}

func (q *Queries) insertOrganization(ctx context.Context, o *Organization) error {
	err := q.w.QueryRowContext(ctx, `INSERT INTO organizations (name, slug, plan, retention_days, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		o.Name, o.Slug, o.Plan, o.RetentionDays, o.CreatedAt).Scan(&o.ID)
	return wrap(err, "create organization %q", o.Slug)
}

// Organization returns the organization orgID.
func (q *Queries) Organization(ctx context.Context, orgID int64) (*Organization, error) {
	o, err := scanOrganization(q.r.QueryRowContext(ctx,
		`SELECT `+orgColumns+` FROM organizations WHERE id = $1`, orgID))
	return o, wrap(err, "get organization %d", orgID)
}

// OrganizationBySlug returns the organization with that slug.
func (q *Queries) OrganizationBySlug(ctx context.Context, slug string) (*Organization, error) {
	o, err := scanOrganization(q.r.QueryRowContext(ctx,
		`SELECT `+orgColumns+` FROM organizations WHERE slug = $1`, slug))
	return o, wrap(err, "get organization %q", slug)
}

// Organizations lists every organization, oldest first, for the Admin
// Console.
func (q *Queries) Organizations(ctx context.Context, limit, offset int) ([]Organization, error) {
	rows, err := q.r.QueryContext(ctx,
		`SELECT `+orgColumns+` FROM organizations ORDER BY id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, wrap(err, "list organizations")
	}
	defer rows.Close()
	var out []Organization
	for rows.Next() {
		o, err := scanOrganization(rows)
		if err != nil {
			return nil, wrap(err, "list organizations")
		}
		out = append(out, *o)
	}
	return out, wrap(rows.Err(), "list organizations")
}

// UpdateOrganization saves the name, plan and retention of o.
func (q *Queries) UpdateOrganization(ctx context.Context, orgID int64, name, plan string, retentionDays int) error {
	err := affected(q.w.ExecContext(ctx,
		`UPDATE organizations SET name = $2, plan = $3, retention_days = $4 WHERE id = $1`,
		orgID, name, plan, retentionDays))
	return wrap(err, "update organization %d", orgID)
}

// Slugify turns a name into a URL slug: lower-case letters and digits
// joined by single hyphens, at most 48 characters, "org" if nothing is
// left.
func Slugify(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		ok := r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
		switch {
		case ok:
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		default:
			hyphen = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	if b.Len() == 0 {
		return "org"
	}
	return b.String()
}

// DeleteOrganization deletes an organization with its memberships,
// invitations, keys (by cascade), request log and usage counters, in one
// transaction. Its audit chain stays: the log is append-only.
func (db *DB) DeleteOrganization(ctx context.Context, orgID int64) error {
	return db.Transact(ctx, func(tx *Tx) error {
		for _, table := range []string{"request_log", "usage_daily"} { // constant names
			if _, err := tx.w.ExecContext(ctx, `DELETE FROM `+table+` WHERE org_id = $1`, orgID); err != nil {
				return wrap(err, "delete %s of org %d", table, orgID)
			}
		}
		err := affected(tx.w.ExecContext(ctx, `DELETE FROM organizations WHERE id = $1`, orgID))
		return wrap(err, "delete organization %d", orgID)
	})
}
