package auth

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisSessions keeps sessions in Redis so that many replicas share them.
// A session is a hash at "<prefix>session:<id>" that expires by itself
// after the absolute timeout; a set at "<prefix>user_sessions:<user id>"
// indexes a user's sessions.
type RedisSessions struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
}

// NewRedisSessions returns a Redis session store. Keys start with prefix
// ("syncloud:"); ttl is the sessions' absolute lifetime, after which Redis
// drops them.
func NewRedisSessions(rdb redis.UniversalClient, prefix string, ttl time.Duration) *RedisSessions {
	return &RedisSessions{rdb: rdb, prefix: prefix, ttl: ttl}
}

func (s *RedisSessions) key(id string) string { return s.prefix + "session:" + id }

func (s *RedisSessions) userKey(userID int64) string {
	return s.prefix + "user_sessions:" + strconv.FormatInt(userID, 10)
}

// Create saves a new session.
func (s *RedisSessions) Create(ctx context.Context, sess Session) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, s.key(sess.ID),
			"user_id", sess.UserID,
			"created_at", sess.CreatedAt.UnixMicro(),
			"last_seen_at", sess.LastSeenAt.UnixMicro(),
			"ip", sess.IP,
			"user_agent", sess.UserAgent)
		p.Expire(ctx, s.key(sess.ID), s.ttl)
		p.SAdd(ctx, s.userKey(sess.UserID), sess.ID)
		p.Expire(ctx, s.userKey(sess.UserID), s.ttl)
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis create session: %w", err)
	}
	return nil
}

// Get returns the session with id, or ErrNoSession.
func (s *RedisSessions) Get(ctx context.Context, id string) (Session, error) {
	m, err := s.rdb.HGetAll(ctx, s.key(id)).Result()
	if err != nil {
		return Session{}, fmt.Errorf("redis get session: %w", err)
	}
	if len(m) == 0 {
		return Session{}, ErrNoSession
	}
	return sessionFromHash(id, m)
}

func sessionFromHash(id string, m map[string]string) (Session, error) {
	uid, err1 := strconv.ParseInt(m["user_id"], 10, 64)
	created, err2 := strconv.ParseInt(m["created_at"], 10, 64)
	seen, err3 := strconv.ParseInt(m["last_seen_at"], 10, 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return Session{}, fmt.Errorf("redis session %s is corrupt: %w", id, err)
	}
	return Session{
		ID: id, UserID: uid,
		CreatedAt:  time.UnixMicro(created).UTC(),
		LastSeenAt: time.UnixMicro(seen).UTC(),
		IP:         m["ip"], UserAgent: m["user_agent"],
	}, nil
}

// touchScript sets last_seen_at only on a session that still exists, so a
// late touch cannot resurrect a deleted session as a half-empty hash.
var touchScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('HSET', KEYS[1], 'last_seen_at', ARGV[1])
end
return 0`)

// Touch records activity at t.
func (s *RedisSessions) Touch(ctx context.Context, id string, t time.Time) error {
	if err := touchScript.Run(ctx, s.rdb, []string{s.key(id)}, t.UnixMicro()).Err(); err != nil {
		return fmt.Errorf("redis touch session: %w", err)
	}
	return nil
}

// Delete removes one session.
func (s *RedisSessions) Delete(ctx context.Context, id string) error {
	uid, err := s.rdb.HGet(ctx, s.key(id), "user_id").Result()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("redis delete session: %w", err)
	}
	n, _ := strconv.ParseInt(uid, 10, 64)
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, s.key(id))
		p.SRem(ctx, s.userKey(n), id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis delete session: %w", err)
	}
	return nil
}

// ListForUser returns the user's sessions, newest first.
func (s *RedisSessions) ListForUser(ctx context.Context, userID int64) ([]Session, error) {
	ids, err := s.rdb.SMembers(ctx, s.userKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("redis list sessions: %w", err)
	}
	var out []Session
	for _, id := range ids {
		sess, err := s.Get(ctx, id)
		if errors.Is(err, ErrNoSession) {
			s.rdb.SRem(ctx, s.userKey(userID), id) // expired by TTL
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, sess)
	}
	sortNewestFirst(out)
	return out, nil
}

// DeleteAllForUser removes every session of the user.
func (s *RedisSessions) DeleteAllForUser(ctx context.Context, userID int64) error {
	ids, err := s.rdb.SMembers(ctx, s.userKey(userID)).Result()
	if err != nil {
		return fmt.Errorf("redis list sessions: %w", err)
	}
	keys := []string{s.userKey(userID)}
	for _, id := range ids {
		keys = append(keys, s.key(id))
	}
	if err := s.rdb.Del(ctx, keys...).Err(); err != nil {
		return fmt.Errorf("redis delete sessions of user %d: %w", userID, err)
	}
	return nil
}
