package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strings"
	"time"
)

// Transport delivers one rendered message. SMTP is the real one; tests of
// the sender's rules use a small fake.
type Transport interface {
	Send(ctx context.Context, from string, to []string, msg []byte) error
}

// permanentError marks a delivery the server refused for good (SMTP 5xx):
// the sender does not retry it.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// isPermanent reports whether err should not be retried.
func isPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// SMTP delivers mail to one SMTP server: smtp://host:587 upgrades to TLS
// with STARTTLS when the server offers it; smtps://host:465 speaks TLS
// from the first byte. Credentials, when given, are sent only over TLS
// (or to localhost).
type SMTP struct {
	addr, host  string
	implicitTLS bool
	user, pass  string
	// TLS is the client TLS configuration; nil verifies the server's
	// certificate against the system roots for its host name.
	TLS *tls.Config
	// Timeout bounds one delivery (dial to QUIT); default 30 s.
	Timeout time.Duration
}

// ParseSMTPURL reads smtp://[user:pass@]host[:port] (port 587 by default)
// or smtps://... (port 465).
func ParseSMTPURL(raw string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("SMTP URL is not a URL") // the error would repeat the password
	}
	s := &SMTP{host: u.Hostname(), Timeout: 30 * time.Second}
	port := u.Port()
	switch strings.ToLower(u.Scheme) {
	case "smtp":
		port = cmpOr(port, "587")
	case "smtps":
		s.implicitTLS, port = true, cmpOr(port, "465")
	default:
		return nil, fmt.Errorf("SMTP URL scheme %q: want smtp or smtps", u.Scheme)
	}
	if s.host == "" {
		return nil, errors.New("SMTP URL has no host")
	}
	s.addr = net.JoinHostPort(s.host, port)
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	return s, nil
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// Addr is the server's host:port.
func (s *SMTP) Addr() string { return s.addr }

// Send delivers msg from from to each address of to in one SMTP session.
// A 5xx answer is permanent; anything else may be retried.
func (s *SMTP) Send(ctx context.Context, from string, to []string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	conn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", s.addr, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		conn.Close()
		return classify(s.addr, err)
	}
	defer c.Close()
	if err := s.session(c, from, to, msg); err != nil {
		return classify(s.addr, err)
	}
	return nil
}

func (s *SMTP) dial(ctx context.Context) (net.Conn, error) {
	if s.implicitTLS {
		d := tls.Dialer{Config: s.tlsConfig()}
		return d.DialContext(ctx, "tcp", s.addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, "tcp", s.addr)
}

func (s *SMTP) tlsConfig() *tls.Config {
	if s.TLS != nil {
		return s.TLS.Clone()
	}
	return &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
}

// session speaks SMTP on an open client: STARTTLS when offered, AUTH
// when configured, then one message.
func (s *SMTP) session(c *smtp.Client, from string, to []string, msg []byte) error {
	if ok, _ := c.Extension("STARTTLS"); ok && !s.implicitTLS {
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return err
		}
	}
	if s.user != "" {
		// PlainAuth refuses to send the password without TLS (but to localhost).
		if err := c.Auth(smtp.PlainAuth("", s.user, s.pass, s.host)); err != nil {
			return err
		}
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, addr := range to {
		if err := c.Rcpt(addr); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// classify wraps an SMTP error, marking 5xx answers permanent.
func classify(addr string, err error) error {
	err = fmt.Errorf("smtp %s: %w", addr, err)
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return &permanentError{err: err}
	}
	return err
}
