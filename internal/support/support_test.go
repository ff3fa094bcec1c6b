package support

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

func TestSubmitValidates(t *testing.T) {
	s := &Service{DB: storetest.Open(t)}
	ok := Message{Name: "Ada", Email: "ada@example.com", Subject: "Hello", Body: "It works."}
	tests := []struct {
		name  string
		edit  func(*Message)
		field string
	}{
		{"valid", func(*Message) {}, ""},
		{"bad email", func(m *Message) { m.Email = "ada at example" }, "email"},
		{"empty name", func(m *Message) { m.Name = "  " }, "name"},
		{"long subject", func(m *Message) { m.Subject = strings.Repeat("s", MaxSubject+1) }, "subject"},
		{"empty body", func(m *Message) { m.Body = "" }, "body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := ok
			tc.edit(&m)
			_, err := s.Submit(context.Background(), m)
			var fe *FieldError
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("Submit: %v", err)
			case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field || !errors.Is(err, ErrInvalid)):
				t.Fatalf("Submit = %v, want a %s field error", err, tc.field)
			}
		})
	}
}

func TestListNewestFirst(t *testing.T) {
	s := &Service{DB: storetest.Open(t)}
	ctx := context.Background()
	for _, subj := range []string{"first", "second"} {
		if _, err := s.Submit(ctx, Message{Name: "Ada", Email: "ada@example.com", Subject: subj, Body: "b"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.List(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, m := range got {
		subjects = append(subjects, m.Subject)
	}
	if diff := cmp.Diff([]string{"second", "first"}, subjects); diff != "" {
		t.Errorf("subjects (-want +got):\n%s", diff)
	}
}
