// Package testdb opens a real, migrated database for tests: SQLite in the
// test's temporary folder by default, or a fresh MySQL/MariaDB database
// (created, then dropped) when TEST_DB=mysql. The same suites run on both.
//
// With TEST_DB=mysql and no server reachable, tests are skipped loudly —
// except under CI=true, where that is a failure.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"incubator/config"
	"incubator/model"
)

// DefaultMySQLDSN is the server used when TEST_MYSQL_DSN is not set.
const DefaultMySQLDSN = "root@tcp(127.0.0.1:3306)/"

// Driver is the engine the tests run on: "sqlite" or "mysql".
func Driver() string {
	if os.Getenv("TEST_DB") == config.DriverMySQL {
		return config.DriverMySQL
	}
	return config.DriverSQLite
}

// Config returns a database configuration for a new, empty test database,
// registering its removal with t.Cleanup.
func Config(t testing.TB) config.DB {
	t.Helper()
	cfg := config.Default().DB
	if Driver() == config.DriverSQLite {
		cfg.DSN = filepath.Join(t.TempDir(), "test.db")
		return cfg
	}
	cfg.Driver = config.DriverMySQL
	cfg.DSN = createMySQLDatabase(t)
	return cfg
}

// Open returns a migrated database for the test.
func Open(t testing.TB) *gorm.DB {
	t.Helper()
	cfg := Config(t)
	ctx := context.Background()
	db, err := model.Open(ctx, cfg, t.TempDir(), nil)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = model.Close(db) })
	if err := model.Migrate(ctx, db); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db
}

func createMySQLDatabase(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_MYSQL_DSN")
	if base == "" {
		base = DefaultMySQLDSN
	}
	admin, err := sql.Open("mysql", base)
	if err == nil {
		err = admin.Ping()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("TEST_DB=mysql but MySQL at %q is unreachable under CI: %v", base, err)
		}
		fmt.Fprintf(os.Stderr, "\n!!!!! MYSQL SUITE SKIPPED: MySQL at %q unreachable: %v !!!!!\n\n", base, err)
		t.Skipf("MySQL unreachable (%v); skipped outside CI", err)
	}
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	name := "incubator_test_" + hex.EncodeToString(buf)
	if _, err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP DATABASE IF EXISTS `" + name + "`")
		_ = admin.Close()
	})
	mc, err := gomysql.ParseDSN(base)
	if err != nil {
		t.Fatalf("TEST_MYSQL_DSN: %v", err)
	}
	mc.DBName = name
	return mc.FormatDSN()
}
