package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"net/http"
	"strings"
	"time"
)

// DeviceCookie names the cookie that marks a browser which has signed in
// to an account before (OWASP's "device cookie"): it lets the real user in
// while the account is closed to new devices by the brute-force limits.
const DeviceCookie = "__Host-syncloud_device"

const devDeviceCookie = "syncloud_device"

// DeviceCookies issues and checks device cookies: the user ID and the time
// of issue, signed with HMAC-SHA256 under a server key.
type DeviceCookies struct {
	key      []byte
	lifetime time.Duration
	insecure bool
}

// NewDeviceCookies returns a device-cookie signer with key (at least 32
// bytes, shared by replicas); a cookie is honoured for lifetime after the
// sign-in that issued it. insecure allows plain-HTTP development.
func NewDeviceCookies(key []byte, lifetime time.Duration, insecure bool) (*DeviceCookies, error) {
	if len(key) < 32 {
		return nil, errors.New("device cookie key must have at least 32 bytes")
	}
	return &DeviceCookies{key: key, lifetime: lifetime, insecure: insecure}, nil
}

func (d *DeviceCookies) name() string {
	if d.insecure {
		return devDeviceCookie
	}
	return DeviceCookie
}

// Value returns a signed device token for userID issued at t.
func (d *DeviceCookies) Value(userID int64, t time.Time) string {
	var msg [16]byte
	binary.BigEndian.PutUint64(msg[:8], uint64(userID))
	binary.BigEndian.PutUint64(msg[8:], uint64(t.Unix()))
	b64 := base64.RawURLEncoding
	return b64.EncodeToString(msg[:]) + "." + b64.EncodeToString(d.mac(msg[:]))
}

func (d *DeviceCookies) mac(msg []byte) []byte {
	m := hmac.New(sha256.New, d.key)
	m.Write([]byte("syncloud device\x00"))
	m.Write(msg)
	return m.Sum(nil)
}

// Trusted reports whether value is a device token for userID, correctly
// signed and not older than the lifetime at now.
func (d *DeviceCookies) Trusted(value string, userID int64, now time.Time) bool {
	msgPart, macPart, ok := strings.Cut(value, ".")
	b64 := base64.RawURLEncoding
	msg, err1 := b64.DecodeString(msgPart)
	mac, err2 := b64.DecodeString(macPart)
	if !ok || err1 != nil || err2 != nil || len(msg) != 16 || !hmac.Equal(mac, d.mac(msg)) {
		return false
	}
	uid := int64(binary.BigEndian.Uint64(msg[:8]))
	issued := time.Unix(int64(binary.BigEndian.Uint64(msg[8:])), 0)
	return uid == userID && now.Before(issued.Add(d.lifetime))
}

// Set writes the device cookie for userID after a successful sign-in.
func (d *DeviceCookies) Set(w http.ResponseWriter, userID int64, now time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: d.name(), Value: d.Value(userID, now), Path: "/",
		MaxAge: int(d.lifetime / time.Second), Secure: !d.insecure,
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

// FromRequest returns the device token a request carries, or "".
func (d *DeviceCookies) FromRequest(r *http.Request) string {
	ck, err := r.Cookie(d.name())
	if err != nil {
		return ""
	}
	return ck.Value
}
