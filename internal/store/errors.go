package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors every table method returns, wrapped, on both databases.
var (
	// ErrNotFound means no row matched (in the caller's organization).
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique constraint refused the write: the slug,
	// email, key hash or sequence number is taken.
	ErrConflict = errors.New("conflict")
	// ErrReference means a foreign key refused the write: the row it
	// points to does not exist.
	ErrReference = errors.New("referenced row does not exist")
)

// PostgreSQL SQLSTATE codes mapped to sentinels.
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
)

// mapError translates driver errors into the sentinels, keeping the
// original in the chain for logs.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case pgUniqueViolation:
			return fmt.Errorf("%w: %s", ErrConflict, pgErr.ConstraintName)
		case pgForeignKeyViolation:
			return fmt.Errorf("%w: %s", ErrReference, pgErr.ConstraintName)
		}
		return err
	}
	var sqlErr *sqlite.Error
	if errors.As(err, &sqlErr) {
		switch sqlErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %v", ErrConflict, sqlErr)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%w: %v", ErrReference, sqlErr)
		}
	}
	return err
}

// wrap maps err and adds what was being done; nil stays nil.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, mapError(err))...)
}
