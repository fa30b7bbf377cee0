package model

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"incubator/config"
)

// Open connects to the configured database (pure-Go SQLite or MySQL) with
// the settings the service relies on: SQLite with WAL, foreign keys, a busy
// timeout and immediate write transactions; MySQL with utf8mb4, parseTime,
// UTC, interpolated parameters and bounded pools. It pings before returning.
func Open(ctx context.Context, cfg config.DB, dataDir string, log *slog.Logger) (*gorm.DB, error) {
	gcfg := &gorm.Config{
		NowFunc:                func() time.Time { return time.Now().UTC() },
		Logger:                 newGormLogger(log, cfg.SlowQuery),
		SkipDefaultTransaction: true,
		TranslateError:         true,
	}
	var dialector gorm.Dialector
	switch cfg.Driver {
	case config.DriverSQLite:
		path := cfg.DSN
		if path == "" {
			path = filepath.Join(dataDir, "incubator.db")
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create database folder: %w", err)
			}
		}
		dialector = sqlite.Open(sqliteDSN(path))
		gcfg.PrepareStmt = true
	case config.DriverMySQL:
		dsn, err := mysqlDSN(cfg.DSN)
		if err != nil {
			return nil, err
		}
		dialector = mysql.New(mysql.Config{DSN: dsn, DefaultStringSize: 191})
	default:
		return nil, fmt.Errorf("unknown database driver %q", cfg.Driver)
	}
	db, err := gorm.Open(dialector, gcfg)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", cfg.Driver, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(cfg.MaxOpenConns)
	sqlDB.SetMaxIdleConns(cfg.MaxIdleConns)
	sqlDB.SetConnMaxLifetime(cfg.ConnMaxLifetime)
	sqlDB.SetConnMaxIdleTime(cfg.ConnMaxIdleTime)
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("ping %s database: %w", cfg.Driver, err)
	}
	return db, nil
}

func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	if strings.Contains(path, "?") {
		return path + "&" + q.Encode()
	}
	return path + "?" + q.Encode()
}

// mysqlDSN forces the connection settings the service depends on, whatever
// the operator's DSN says.
func mysqlDSN(dsn string) (string, error) {
	mc, err := gomysql.ParseDSN(dsn)
	if err != nil {
		return "", fmt.Errorf("INCUBATOR_DB_DSN is not a valid MySQL DSN: %w", err)
	}
	mc.ParseTime = true
	mc.Loc = time.UTC
	mc.InterpolateParams = true
	mc.Collation = "utf8mb4_unicode_ci"
	if mc.Params == nil {
		mc.Params = map[string]string{}
	}
	mc.Params["time_zone"] = "'+00:00'"
	mc.Params["charset"] = "utf8mb4"
	if mc.Timeout == 0 {
		mc.Timeout = 5 * time.Second
	}
	return mc.FormatDSN(), nil
}

// Ping checks that the database answers.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the connection pool.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// newGormLogger reports slow queries and errors through slog; record-not-
// found is an expected outcome, not an error.
func newGormLogger(log *slog.Logger, slow time.Duration) logger.Interface {
	if log == nil {
		return logger.Discard
	}
	return logger.NewSlogLogger(log, logger.Config{
		SlowThreshold:             slow,
		LogLevel:                  logger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})
}

// Transaction runs fn in a transaction, retrying a bounded number of times
// when the engine reports a deadlock or lock timeout.
func Transaction(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	const attempts = 3
	var err error
	for i := 0; i < attempts; i++ {
		err = db.WithContext(ctx).Transaction(fn)
		if err == nil || !IsRetryable(err) {
			return err
		}
		time.Sleep(time.Duration(i+1) * 20 * time.Millisecond) // back-off between retries, not synchronization
	}
	return err
}
