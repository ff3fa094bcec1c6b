package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/syncloud/syncloud/internal/config"
	"github.com/syncloud/syncloud/internal/store"
)

// runMigrate applies the embedded database migrations and exits: 0 when the
// schema is current, 1 on failure, 2 on bad flags.
func runMigrate(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	cfg, _, err := config.Load("migrate", args, os.Getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "syncloud migrate: %v\n", err)
		return 2
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "syncloud migrate: %v\n", err)
		return 1
	}
	defer db.Close()
	fmt.Fprintf(stdout, "migrated %s database\n", db.Dialect())
	return 0
}

// openDB opens the configured database and brings its schema up to date;
// serve, admin and migrate all start with it.
func openDB(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	db, err := store.Open(ctx, store.Config{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	return db, nil
}

// newLogger returns the JSON logger all commands write to stderr with.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}
