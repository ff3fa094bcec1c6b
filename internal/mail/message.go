package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// header is one header field of a message.
type header struct{ name, value string }

// compose renders a plain-text UTF-8 message. Header values come from
// parsed addresses, encoded words and constants, never raw input: a value
// holding CR or LF is refused. unsubscribe, when set, adds the RFC 8058
// one-click headers.
func compose(from *mail.Address, m store.OutboxMail, unsubscribe string, now time.Time) ([]byte, error) {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	hs := []header{
		{"From", from.String()},
		{"To", to.String()},
		{"Subject", mime.QEncoding.Encode("utf-8", oneLine(m.Subject))},
		{"Date", now.UTC().Format(time.RFC1123Z)},
		{"Message-ID", messageID(from.Address)},
		{"MIME-Version", "1.0"},
		{"Content-Type", "text/plain; charset=utf-8"},
		{"Content-Transfer-Encoding", "quoted-printable"},
	}
	if m.Category == string(Transactional) {
		hs = append(hs, header{"Auto-Submitted", "auto-generated"})
	}
	if unsubscribe != "" {
		hs = append(hs, header{"List-Unsubscribe", "<" + unsubscribe + ">"},
			header{"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"})
	}
	var buf bytes.Buffer
	for _, h := range hs {
		if strings.ContainsAny(h.value, "\r\n") {
			return nil, fmt.Errorf("header %s holds a line break", h.name)
		}
		fmt.Fprintf(&buf, "%s: %s\r\n", h.name, h.value)
	}
	buf.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&buf)
	if _, err := qp.Write([]byte(m.Body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// messageID is a random Message-ID in the sender's domain.
func messageID(from string) string {
	domain := "localhost"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		domain = d
	}
	var b [16]byte
	rand.Read(b[:])
	return "<" + hex.EncodeToString(b[:]) + "@" + domain + ">"
}
