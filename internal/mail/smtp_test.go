package mail

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/mail/mailtest"
	"github.com/syncloud/syncloud/internal/store"
)

func TestParseSMTPURL(t *testing.T) {
	tests := []struct {
		raw, addr string
		tls       bool
		user      string
		bad       bool
	}{
		{raw: "smtp://mail.example", addr: "mail.example:587"},
		{raw: "smtp://u:p%40ss@mail.example:2525", addr: "mail.example:2525", user: "u"},
		{raw: "smtps://mail.example", addr: "mail.example:465", tls: true},
		{raw: "SMTPS://[::1]:1465", addr: "[::1]:1465", tls: true},
		{raw: "http://mail.example", bad: true},
		{raw: "smtp://", bad: true},
		{raw: "smtp://u:secret@host:bad port", bad: true},
	}
	for _, tt := range tests {
		s, err := ParseSMTPURL(tt.raw)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseSMTPURL(%q) accepted", tt.raw)
			} else if strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseSMTPURL error leaks the password: %v", err)
			}
			continue
		}
		if err != nil || s.addr != tt.addr || s.implicitTLS != tt.tls || s.user != tt.user {
			t.Errorf("ParseSMTPURL(%q) = %+v, %v", tt.raw, s, err)
		}
	}
	if s, _ := ParseSMTPURL("smtp://u:p%40ss@h"); s.pass != "p@ss" {
		t.Errorf("password = %q, want it unescaped", s.pass)
	}
}

// TestSenderDeliversToMailpit sends through a real SMTP server (with
// AUTH): transactional mail arrives, marketing mail arrives only for the
// user who still opts in and carries the one-click headers.
func TestSenderDeliversToMailpit(t *testing.T) {
	mp := mailtest.Start(t, mailtest.Options{})
	f := newFixture(t, true)
	ctx := context.Background()
	smtp, err := ParseSMTPURL("smtp://mailer:secret@" + mp.SMTP)
	if err != nil {
		t.Fatal(err)
	}
	sender, err := NewSender(f.db, smtp, SenderOptions{From: "SynCloud <no-reply@syncloud.example>", Unsubscribes: f.unsub, Now: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	noConsent := &store.NewAccount{User: store.User{Email: "bob@example.com", Name: "Bob"}, Org: store.Organization{Name: "Bob Org"}}
	if err := f.db.CreateAccount(ctx, noConsent); err != nil {
		t.Fatal(err)
	}
	if err := f.outbox.Enqueue(ctx, auth.Mail{To: "carol@example.com", Subject: "You are invited", Body: "Accept: https://x/a?token=1\n"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.outbox.Marketing(ctx, f.user.ID, "Product news", "News for Ada.\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.outbox.Marketing(ctx, noConsent.User.ID, "Product news", "News for Bob.\n"); err != ErrNoConsent {
		t.Fatalf("marketing to Bob = %v, want ErrNoConsent", err)
	}
	if err := sender.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	msgs := mp.Messages(t)
	var to []string
	for _, m := range msgs {
		to = append(to, m.To[0].Address)
	}
	slices.Sort(to)
	if diff := cmp.Diff([]string{"ada@example.com", "carol@example.com"}, to); diff != "" {
		t.Fatalf("delivered to (-want +got):\n%s", diff)
	}
	ada := mp.WaitFor(t, time.Second, mailtest.To("ada@example.com"))
	if got := ada.Headers["List-Unsubscribe-Post"]; len(got) != 1 || got[0] != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %v", got)
	}
	if got := ada.Headers["List-Unsubscribe"]; len(got) != 1 || got[0] != "<"+f.unsub.URL(f.user.ID)+">" {
		t.Errorf("List-Unsubscribe = %v", got)
	}
	carol := mp.WaitFor(t, time.Second, mailtest.To("carol@example.com"))
	if carol.Subject != "You are invited" || !strings.Contains(carol.Text, "https://x/a?token=1") || carol.From.Address != "no-reply@syncloud.example" {
		t.Errorf("invitation = %+v", carol)
	}
	if len(carol.Headers["List-Unsubscribe"]) != 0 {
		t.Error("transactional mail carries List-Unsubscribe")
	}
}

// TestSMTPStartTLS delivers to a server that requires STARTTLS, checking
// its certificate.
func TestSMTPStartTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	mp := mailtest.Start(t, mailtest.Options{CertFile: certFile, KeyFile: keyFile, RequireSTARTTLS: true})
	s, err := ParseSMTPURL("smtp://user:pass@" + mp.SMTP)
	if err != nil {
		t.Fatal(err)
	}
	s.TLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	msg := []byte("From: a@example.com\r\nTo: b@example.com\r\nSubject: tls\r\n\r\nhello\r\n")
	if err := s.Send(context.Background(), "a@example.com", []string{"b@example.com"}, msg); err != nil {
		t.Fatal(err)
	}
	mp.WaitFor(t, time.Second, mailtest.To("b@example.com"))

	s.TLS = &tls.Config{ServerName: "127.0.0.1"} // system roots: the self-signed certificate is refused
	if err := s.Send(context.Background(), "a@example.com", []string{"b@example.com"}, msg); err == nil {
		t.Error("delivered over TLS to an untrusted certificate")
	}
}

func TestSMTPUnreachableIsTemporary(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s, _ := ParseSMTPURL("smtp://" + addr)
	err = s.Send(context.Background(), "a@example.com", []string{"b@example.com"}, []byte("x"))
	if err == nil || isPermanent(err) {
		t.Errorf("Send to a closed port = %v, want a temporary error", err)
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// a pool trusting it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	return certFile, keyFile, pool
}
