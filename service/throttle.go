package service

import (
	"strings"
	"sync"
	"time"
)

// LoginThrottle counts failed logins per account and per client IP within a
// window; past the limit, attempts are refused until the lockout ends.
// It lives in memory (one replica); a shared store can replace it.
type LoginThrottle struct {
	clock      Clock
	maxAccount int
	maxIP      int
	window     time.Duration
	lockout    time.Duration

	mu      sync.Mutex
	entries map[string]*failures
}

type failures struct {
	count       int
	windowStart time.Time
	lockedUntil time.Time
}

// NewLoginThrottle returns a throttle with the given limits.
func NewLoginThrottle(clock Clock, maxAccount, maxIP int, window, lockout time.Duration) *LoginThrottle {
	return &LoginThrottle{clock: clock, maxAccount: maxAccount, maxIP: maxIP, window: window, lockout: lockout, entries: map[string]*failures{}}
}

func accountKey(username string) string { return "a:" + strings.ToLower(username) }
func ipKey(ip string) string            { return "ip:" + ip }

// Blocked returns how long the account or IP must still wait (0: go ahead).
func (t *LoginThrottle) Blocked(username, ip string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.clock()
	var wait time.Duration
	for _, k := range []string{accountKey(username), ipKey(ip)} {
		if e := t.entries[k]; e != nil && now.Before(e.lockedUntil) {
			wait = max(wait, e.lockedUntil.Sub(now))
		}
	}
	return wait
}

// Fail records a failed attempt.
func (t *LoginThrottle) Fail(username, ip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.clock()
	t.bump(accountKey(username), t.maxAccount, now)
	t.bump(ipKey(ip), t.maxIP, now)
	if len(t.entries) > 100_000 {
		t.prune(now)
	}
}

func (t *LoginThrottle) bump(key string, limit int, now time.Time) {
	e := t.entries[key]
	if e == nil || now.Sub(e.windowStart) > t.window {
		e = &failures{windowStart: now}
		t.entries[key] = e
	}
	e.count++
	if e.count >= limit {
		e.lockedUntil = now.Add(t.lockout)
	}
}

// Succeed clears the account's failures (the IP's stay counted).
func (t *LoginThrottle) Succeed(username string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, accountKey(username))
}

func (t *LoginThrottle) prune(now time.Time) {
	for k, e := range t.entries {
		if now.Sub(e.windowStart) > t.window && now.After(e.lockedUntil) {
			delete(t.entries, k)
		}
	}
}
