package mailtest

import (
	"context"
	"net/url"
	"testing"
	"time"
)

// Address is a mailbox as mailpit reports it.
type Address struct {
	Name, Address string
}

// Message is one delivered message: mailpit's summary, its text body and
// its headers.
type Message struct {
	ID      string
	From    Address
	To      []Address
	Subject string
	Text    string
	Headers map[string][]string
}

type messageList struct {
	Total    int
	Messages []Message
}

// Messages returns every delivered message, newest first, with its text
// and headers.
func (m *Mailpit) Messages(t testing.TB) []Message {
	t.Helper()
	ctx := context.Background()
	var list messageList
	if err := m.get(ctx, "/api/v1/messages?limit=500", &list); err != nil {
		t.Fatal(err)
	}
	for i := range list.Messages {
		msg := &list.Messages[i]
		var full Message
		if err := m.get(ctx, "/api/v1/message/"+url.PathEscape(msg.ID), &full); err != nil {
			t.Fatal(err)
		}
		msg.Text = full.Text
		if err := m.get(ctx, "/api/v1/message/"+url.PathEscape(msg.ID)+"/headers", &msg.Headers); err != nil {
			t.Fatal(err)
		}
	}
	return list.Messages
}

// WaitFor polls until a delivered message matches, or fails the test
// after timeout.
func (m *Mailpit) WaitFor(t testing.TB, timeout time.Duration, match func(Message) bool) Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		for _, msg := range m.Messages(t) {
			if match(msg) {
				return msg
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no matching message in mailpit after %s", timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// To matches messages to addr.
func To(addr string) func(Message) bool {
	return func(msg Message) bool {
		for _, a := range msg.To {
			if a.Address == addr {
				return true
			}
		}
		return false
	}
}
