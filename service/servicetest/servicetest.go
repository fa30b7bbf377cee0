// Package servicetest builds the real services over a real, migrated test
// database (SQLite, or MySQL with TEST_DB=mysql) for tests of service and
// api. Password hashing is made cheap; everything else is as in production.
package servicetest

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"incubator/config"
	"incubator/model"
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
// On SQLite the seeded database is built once per test binary and copied
// for each test (the seed is deterministic for the fixed start of the
// clock); otherwise, and for a custom clock, each test migrates and seeds.
func NewWith(t testing.TB, o service.Options) *service.Services {
	t.Helper()
	if testdb.Driver() == config.DriverSQLite && o.Clock != nil && o.Clock().Equal(NewClock().Now()) {
		return fromTemplate(t, o)
	}
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

// template is a migrated, demo-seeded SQLite database and its blobs.
type template struct {
	dir, db, blobs string
	err            error
}

var (
	templateOnce sync.Once
	tmpl         template
)

func buildTemplate() template {
	ctx := context.Background()
	removeStaleTemplates()
	dir, err := os.MkdirTemp("", templatePrefix)
	if err != nil {
		return template{err: err}
	}
	tp := template{dir: dir, db: filepath.Join(dir, "template.db"), blobs: filepath.Join(dir, "blobs")}
	cfg := config.Default().DB
	cfg.DSN = tp.db
	db, err := model.Open(ctx, cfg, dir, nil)
	if err != nil {
		return template{err: err}
	}
	defer model.Close(db)
	if err := model.Migrate(ctx, db); err != nil {
		return template{err: err}
	}
	o := Options(NewClock())
	o.Blobs = blob.NewLocal(tp.blobs)
	svc, err := service.New(db, o)
	if err != nil {
		return template{err: err}
	}
	if _, err := svc.SeedDemo(ctx); err != nil {
		return template{err: err}
	}
	// Fold the WAL into the main file so a plain copy is complete.
	if err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		return template{err: err}
	}
	return tp
}

const templatePrefix = "incubator-servicetest-"

// removeStaleTemplates deletes templates that earlier test binaries left
// behind (a binary cannot remove its own: no hook runs after the last test).
func removeStaleTemplates() {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), templatePrefix+"*"))
	for _, dir := range old {
		if st, err := os.Stat(dir); err == nil && time.Since(st.ModTime()) > 2*time.Hour {
			_ = os.RemoveAll(dir)
		}
	}
}

func fromTemplate(t testing.TB, o service.Options) *service.Services {
	t.Helper()
	templateOnce.Do(func() { tmpl = buildTemplate() })
	if tmpl.err != nil {
		t.Fatalf("build the seeded template database: %v", tmpl.err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "test.db")
	if err := copyFile(tmpl.db, path); err != nil {
		t.Fatal(err)
	}
	blobDir := filepath.Join(dir, "blobs")
	if err := os.CopyFS(blobDir, os.DirFS(tmpl.blobs)); err != nil {
		t.Fatal(err)
	}
	if o.Blobs == nil {
		o.Blobs = blob.NewLocal(blobDir)
	} else if l, ok := o.Blobs.(*blob.Local); ok && l.Dir != blobDir {
		// The demo materials must be where the test's store looks.
		if err := os.CopyFS(l.Dir, os.DirFS(tmpl.blobs)); err != nil && !errors.Is(err, fs.ErrExist) {
			t.Fatal(err)
		}
	}
	cfg := config.Default().DB
	cfg.DSN = path
	db, err := model.Open(context.Background(), cfg, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = model.Close(db) })
	svc, err := service.New(db, o)
	if err != nil {
		t.Fatalf("services: %v", err)
	}
	return svc
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
