// Package support takes messages from the portal's contact form and lists
// them for platform administrators. A message is stored before the sender
// is told it was received; nothing is mailed.
package support

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/syncloud/syncloud/internal/store"
)

// Limits of a message's fields, in characters.
const (
	MaxName    = 200
	MaxSubject = 200
	MaxBody    = 10000
)

// ErrInvalid wraps a FieldError: a message the sender must correct.
var ErrInvalid = errors.New("invalid support message")

// FieldError names the field a message is rejected for.
type FieldError struct {
	Field, Msg string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Unwrap makes every FieldError match ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Message is what a sender writes; UserID is set when they are signed in.
type Message struct {
	UserID                     int64
	Name, Email, Subject, Body string
}

// Service stores and lists support messages.
type Service struct {
	DB *store.DB
}

// Submit validates m and stores it.
func (s *Service) Submit(ctx context.Context, m Message) (*store.SupportMessage, error) {
	if err := validate(&m); err != nil {
		return nil, err
	}
	row := &store.SupportMessage{UserID: m.UserID, Name: m.Name, Email: m.Email, Subject: m.Subject, Body: m.Body}
	if err := s.DB.CreateSupportMessage(ctx, row); err != nil {
		return nil, fmt.Errorf("submit support message: %w", err)
	}
	return row, nil
}

// List returns the newest limit messages, newest first.
func (s *Service) List(ctx context.Context, limit int) ([]store.SupportMessage, error) {
	return s.DB.SupportMessages(ctx, limit)
}

// validate trims the fields and checks them, first problem first.
func validate(m *Message) error {
	m.Name, m.Email, m.Subject = strings.TrimSpace(m.Name), strings.TrimSpace(m.Email), strings.TrimSpace(m.Subject)
	m.Body = strings.TrimSpace(m.Body)
	if a, err := mail.ParseAddress(m.Email); err != nil || a.Address != m.Email {
		return &FieldError{"email", "Enter a valid email address so that we can answer."}
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"name", m.Name, MaxName}, {"subject", m.Subject, MaxSubject}, {"body", m.Body, MaxBody}} {
		if n := utf8.RuneCountInString(f.v); n == 0 || n > f.max || !utf8.ValidString(f.v) {
			return &FieldError{f.name, fmt.Sprintf("Write 1 to %d characters.", f.max)}
		}
	}
	return nil
}
