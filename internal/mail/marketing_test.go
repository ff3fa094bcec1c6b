package mail

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/url"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

func TestMarketingNeedsOptIn(t *testing.T) {
	f := newFixture(t, false)
	_, err := f.outbox.Marketing(context.Background(), f.user.ID, "News", "body")
	if !errors.Is(err, ErrNoConsent) {
		t.Fatalf("Marketing to a user who did not opt in = %v, want ErrNoConsent", err)
	}
	if list, _ := f.db.OutboxMails(context.Background(), 10); len(list) != 0 {
		t.Errorf("outbox = %d messages, want none", len(list))
	}
}

func TestMarketingCarriesOneClickUnsubscribe(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	id, err := f.outbox.Marketing(ctx, f.user.ID, "Ünïcode news", "Hello,\nnews.\n")
	if err != nil {
		t.Fatal(err)
	}
	f.tick(t)
	if m := f.mail(t, id); m.Status != StatusSent || len(f.tr.sent) != 1 {
		t.Fatalf("status %s, %d sent; want sent once", m.Status, len(f.tr.sent))
	}
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(f.tr.sent[0])))
	if err != nil {
		t.Fatal(err)
	}
	if got := msg.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", got)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if subject != "Ünïcode news" || string(body) != "Hello,\r\nnews.\r\n" {
		t.Errorf("subject %q body %q", subject, body)
	}
	link := msg.Header.Get("List-Unsubscribe")
	u, err := url.Parse(link[1 : len(link)-1])
	if err != nil || u.Host != "syncloud.example" || u.Path != UnsubscribePath {
		t.Fatalf("List-Unsubscribe = %q", link)
	}
	if err := f.unsub.Unsubscribe(ctx, u.Query().Get("token")); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.db.User(ctx, f.user.ID); got.MarketingOptIn {
		t.Error("still opted in after the one-click link")
	}
	if len(f.audit.events) != 1 || f.audit.events[0].Action != "account.marketing_unsubscribe" {
		t.Errorf("audit = %+v, want one unsubscribe event", f.audit.events)
	}
	if _, err := f.outbox.Marketing(ctx, f.user.ID, "More", "b"); !errors.Is(err, ErrNoConsent) {
		t.Errorf("Marketing after unsubscribe = %v, want ErrNoConsent", err)
	}
}

func TestMarketingOptOutBeforeDeliveryIsNotSent(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	id, err := f.outbox.Marketing(ctx, f.user.ID, "News", "b")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.SetMarketingOptIn(ctx, f.user.ID, false); err != nil {
		t.Fatal(err)
	}
	f.tick(t)
	if m := f.mail(t, id); m.Status != StatusFailed || len(f.tr.sent) != 0 {
		t.Errorf("status %s, %d sent; want failed and nothing sent", m.Status, len(f.tr.sent))
	}
}

func TestUnsubscribeTokens(t *testing.T) {
	f := newFixture(t, true)
	good := f.unsub.Token(f.user.ID)
	other, _ := NewUnsubscribes(f.db, bytes.Repeat([]byte{1}, 32), "https://x", f.audit)
	tests := []struct {
		name, token string
		ok          bool
	}{
		{"good", good, true},
		{"other key", other.Token(f.user.ID), false},
		{"altered", good[:len(good)-2] + "AA", false},
		{"short", good[:10], false},
		{"not base64", "***", false},
	}
	for _, tt := range tests {
		id, err := f.unsub.UserID(tt.token)
		if tt.ok != (err == nil) || (tt.ok && id != f.user.ID) {
			t.Errorf("%s: UserID = %d, %v", tt.name, id, err)
		}
	}
	if _, err := f.unsub.Recipient(context.Background(), f.unsub.Token(999)); !errors.Is(err, ErrBadUnsubscribeToken) {
		t.Errorf("token of a deleted user = %v, want ErrBadUnsubscribeToken", err)
	}
}

func TestComposeRefusesHeaderInjection(t *testing.T) {
	from := &mail.Address{Name: "S", Address: "s@example.com"}
	_, err := compose(from, store.OutboxMail{To: "a@example.com", Subject: "s"}, "https://x/u?token=a\r\nBcc: e@evil", t0)
	if err == nil {
		t.Error("compose accepted a header value with a line break")
	}
}
