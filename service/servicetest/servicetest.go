// Package servicetest builds the real services over a real, migrated test
// database (SQLite, or MySQL with TEST_DB=mysql) for tests of service and
// api. Password hashing is made cheap; everything else is as in production.
package servicetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"incubator/config"
	"incubator/model/blob"
	"incubator/model/testdb"
	"incubator/service"
)

// Clock is a settable clock for tests.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts at a fixed instant.
func NewClock() *Clock { return &Clock{now: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Options returns service options for tests: a fixed secret, cheap argon2.
func Options(clock *Clock) service.Options {
	return service.Options{
		Clock: clock.Now, RBACModel: config.RBACModel,
		JWTSecret: []byte("test-secret-test-secret-test-secret!"), JWTIssuer: "incubator", JWTAudience: "incubator-api",
		AccessTTL: 15 * time.Minute, RefreshTTL: 24 * time.Hour, AllowRegistration: true,
		Argon2MemoryKiB: 1024, Argon2Time: 1, MaxConcurrentHashes: 4, HashWait: 5 * time.Second,
		MaxFailuresPerAccount: 5, MaxFailuresPerIP: 20, FailureWindow: 15 * time.Minute, LockoutFor: 15 * time.Minute,
		UploadPlanBytes: 20 << 20, UploadDeckBytes: 50 << 20, UploadVideoBytes: 200 << 20,
	}
}

// New returns services over a fresh database seeded with the demo data.
func New(t testing.TB) (*service.Services, *Clock) {
	t.Helper()
	clock := NewClock()
	return NewWith(t, Options(clock)), clock
}

// NewWith returns services with custom options, seeded with demo data.
func NewWith(t testing.TB, o service.Options) *service.Services {
	t.Helper()
	db := testdb.Open(t)
	if o.Blobs == nil {
		o.Blobs = blob.NewLocal(t.TempDir())
	}
	svc, err := service.New(db, o)
	if err != nil {
		t.Fatalf("services: %v", err)
	}
	if _, err := svc.SeedDemo(context.Background()); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	return svc
}
