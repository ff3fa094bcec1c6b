package auth

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var resetLink = regexp.MustCompile(`https://portal\.test/login/reset/([A-Za-z0-9_-]{43})\b`)

// resetToken asks for a reset of email and returns the token of the
// mailed link.
func (f *fixture) resetToken(t *testing.T, email string) string {
	t.Helper()
	before := len(f.mail.mail)
	if err := f.svc.PasswordResets.Request(context.Background(), email, "203.0.113.9"); err != nil {
		t.Fatal(err)
	}
	if len(f.mail.mail) != before+1 {
		t.Fatalf("%d mails after the request, want %d", len(f.mail.mail), before+1)
	}
	m := f.mail.mail[len(f.mail.mail)-1]
	link := resetLink.FindStringSubmatch(m.Body)
	if link == nil {
		t.Fatalf("no reset link in %q", m.Body)
	}
	return link[1]
}

func TestPasswordResetFlow(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	ctx := context.Background()
	u, _ := f.register(t, "ann@example.com", goodPassword)
	if _, err := f.login("ann@example.com", goodPassword, "1.1.1.1"); err != nil {
		t.Fatal(err)
	}
	token := f.resetToken(t, "ANN@example.com ")
	if f.mail.mail[0].To != "ann@example.com" {
		t.Errorf("mail to %q", f.mail.mail[0].To)
	}
	if _, err := f.svc.PasswordResets.Confirm(ctx, token, "short", "1.1.1.1"); !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("weak password: %v, want ErrInvalidInput", err)
	}
	const newPassword = "a much better passphrase 42"
	got, err := f.svc.PasswordResets.Confirm(ctx, token, newPassword, "1.1.1.1")
	if err != nil || got.ID != u.ID {
		t.Fatalf("Confirm = %v, %v", got, err)
	}
	if ss, err := f.svc.Sessions.List(ctx, u.ID); err != nil || len(ss) != 0 {
		t.Errorf("sessions after reset = %d, %v; want none", len(ss), err)
	}
	if _, err := f.login("ann@example.com", goodPassword, "1.1.1.1"); !errors.Is(err, ErrInvalidLogin) {
		t.Errorf("old password still works: %v", err)
	}
	if _, err := f.login("ann@example.com", newPassword, "1.1.1.1"); err != nil {
		t.Errorf("new password: %v", err)
	}
	if _, err := f.svc.PasswordResets.Confirm(ctx, token, "yet another passphrase 7", "1.1.1.1"); !errors.Is(err, ErrResetInvalid) {
		t.Errorf("second use: %v, want ErrResetInvalid", err)
	}
	want := []string{"account.register", "auth.login", "account.password_reset_request", "account.password_reset", "auth.login_failed", "auth.login"}
	if diff := cmp.Diff(want, f.audit.actions()); diff != "" {
		t.Errorf("audit (-want +got):\n%s", diff)
	}
}

func TestPasswordResetLooksTheSameForUnknownEmail(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	f.register(t, "ann@example.com", goodPassword)
	for _, email := range []string{"nobody@example.com", "ann@example.com"} {
		if err := f.svc.PasswordResets.Request(context.Background(), email, "203.0.113.9"); err != nil {
			t.Errorf("Request(%s) = %v, want nil", email, err)
		}
	}
	if len(f.mail.mail) != 1 {
		t.Errorf("%d mails, want one (to the existing account only)", len(f.mail.mail))
	}
	if err := f.svc.PasswordResets.Request(context.Background(), "not an email", "x"); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("malformed address: %v, want ErrInvalidInput", err)
	}
}

func TestPasswordResetExpiresAfterAnHour(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	f.register(t, "ann@example.com", goodPassword)
	token := f.resetToken(t, "ann@example.com")
	f.clock.Advance(PasswordResetTTL - time.Second)
	if err := f.svc.PasswordResets.Check(context.Background(), token); err != nil {
		t.Fatalf("just before expiry: %v", err)
	}
	f.clock.Advance(time.Second)
	if _, err := f.svc.PasswordResets.Confirm(context.Background(), token, "a much better passphrase 42", ""); !errors.Is(err, ErrResetInvalid) {
		t.Errorf("after an hour: %v, want ErrResetInvalid", err)
	}
	if err := f.svc.PasswordResets.Check(context.Background(), "made-up"); !errors.Is(err, ErrResetInvalid) {
		t.Errorf("unknown token: %v, want ErrResetInvalid", err)
	}
}

func TestPasswordResetRateLimitedPerAccount(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	f.register(t, "ann@example.com", goodPassword)
	for range PasswordResetsPerHour + 2 {
		if err := f.svc.PasswordResets.Request(context.Background(), "ann@example.com", "203.0.113.9"); err != nil {
			t.Fatal(err)
		}
	}
	if len(f.mail.mail) != PasswordResetsPerHour {
		t.Errorf("%d mails, want %d", len(f.mail.mail), PasswordResetsPerHour)
	}
	f.clock.Advance(time.Hour + time.Second)
	f.resetToken(t, "ann@example.com") // an hour later, a new mail
	if n := f.audit.count("account.password_reset_request"); n != PasswordResetsPerHour+3 {
		t.Errorf("%d request events, want every request audited (%d)", n, PasswordResetsPerHour+3)
	}
}

func TestPasswordResetRefusesDisabledAccount(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	u, _ := f.register(t, "ann@example.com", goodPassword)
	token := f.resetToken(t, "ann@example.com")
	if err := f.svc.Accounts.DisableUser(context.Background(), Principal{UserID: 1}, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PasswordResets.Confirm(context.Background(), token, "a much better passphrase 42", ""); !errors.Is(err, ErrResetInvalid) {
		t.Errorf("disabled account: %v, want ErrResetInvalid", err)
	}
	before := len(f.mail.mail)
	if err := f.svc.PasswordResets.Request(context.Background(), "ann@example.com", ""); err != nil || len(f.mail.mail) != before {
		t.Errorf("request for a disabled account: %v, %d new mails; want nil and none", err, len(f.mail.mail)-before)
	}
}
