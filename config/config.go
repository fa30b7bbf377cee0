package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/env/v2"
	"github.com/knadh/koanf/providers/file"
	"github.com/knadh/koanf/providers/structs"
	"github.com/knadh/koanf/v2"
)

// Modes of operation.
const (
	ModeDevelopment = "development"
	ModeProduction  = "production"
)

// Database drivers.
const (
	DriverSQLite = "sqlite"
	DriverMySQL  = "mysql"
)

// Config is the whole configuration of the service. Every key can be set in
// the YAML file and overridden by an INCUBATOR_* environment variable.
type Config struct {
	Mode    string `koanf:"mode"`
	DataDir string `koanf:"data_dir"`
	// Demo seeds demo data on an empty database. Nil means "decide by
	// mode and driver" (see DemoEnabled).
	Demo      *bool     `koanf:"demo"`
	HTTP      HTTP      `koanf:"http"`
	DB        DB        `koanf:"db"`
	JWT       JWT       `koanf:"jwt"`
	Auth      Auth      `koanf:"auth"`
	Redis     Redis     `koanf:"redis"`
	Log       Log       `koanf:"log"`
	Residency Residency `koanf:"residency"`
	Uploads   Uploads   `koanf:"uploads"`
}

// Uploads limits competition materials by kind (bytes).
type Uploads struct {
	MaxPlanBytes  int64 `koanf:"max_plan_bytes"`
	MaxDeckBytes  int64 `koanf:"max_deck_bytes"`
	MaxVideoBytes int64 `koanf:"max_video_bytes"`
}

// Residency configures incubation terms.
type Residency struct {
	// MaxTermMonths is the longest stay of a resident (48 by the 2018
	// national incubator rules; 60 in some fields).
	MaxTermMonths int `koanf:"max_term_months"`
	// WarnDays flags residencies whose agreement or maximum term ends
	// within this many days.
	WarnDays int `koanf:"warn_days"`
}

// HTTP configures the listener and request handling.
type HTTP struct {
	Addr              string        `koanf:"addr"`
	ReadHeaderTimeout time.Duration `koanf:"read_header_timeout"`
	ReadTimeout       time.Duration `koanf:"read_timeout"`
	WriteTimeout      time.Duration `koanf:"write_timeout"`
	IdleTimeout       time.Duration `koanf:"idle_timeout"`
	ShutdownTimeout   time.Duration `koanf:"shutdown_timeout"`
	// TransferTimeout bounds material uploads, downloads and exports.
	TransferTimeout time.Duration `koanf:"transfer_timeout"`
	// MaxBodyBytes caps JSON request bodies.
	MaxBodyBytes int64 `koanf:"max_body_bytes"`
	// TrustedProxies lists the proxies whose X-Forwarded-For is believed.
	// Empty means none: the client IP is the socket peer.
	TrustedProxies []string `koanf:"trusted_proxies"`
	// CORSOrigins lists origins allowed to call the API from a browser.
	// Empty means same-origin only.
	CORSOrigins []string `koanf:"cors_origins"`
}

// DB configures the database connection.
type DB struct {
	Driver          string        `koanf:"driver"`
	DSN             string        `koanf:"dsn"`
	MaxOpenConns    int           `koanf:"max_open_conns"`
	MaxIdleConns    int           `koanf:"max_idle_conns"`
	ConnMaxLifetime time.Duration `koanf:"conn_max_lifetime"`
	ConnMaxIdleTime time.Duration `koanf:"conn_max_idle_time"`
	SlowQuery       time.Duration `koanf:"slow_query"`
}

// JWT configures access tokens and refresh tokens.
type JWT struct {
	Secret     string        `koanf:"secret"`
	Issuer     string        `koanf:"issuer"`
	Audience   string        `koanf:"audience"`
	AccessTTL  time.Duration `koanf:"access_ttl"`
	RefreshTTL time.Duration `koanf:"refresh_ttl"`
}

// Auth configures passwords, registration and login throttling.
type Auth struct {
	AllowRegistration bool `koanf:"allow_registration"`
	// MaxConcurrentHashes bounds concurrent password hashing (CPU heavy).
	MaxConcurrentHashes int `koanf:"max_concurrent_hashes"`
	// HashWait is how long a request waits for a hashing slot before 429.
	HashWait time.Duration `koanf:"hash_wait"`
	// Argon2id cost; the defaults follow the OWASP recommendation.
	Argon2MemoryKiB uint32 `koanf:"argon2_memory_kib"`
	Argon2Time      uint32 `koanf:"argon2_time"`
	// Failed logins allowed per account and per client IP within the
	// window before further attempts are refused for LockoutFor.
	MaxFailuresPerAccount int           `koanf:"max_failures_per_account"`
	MaxFailuresPerIP      int           `koanf:"max_failures_per_ip"`
	FailureWindow         time.Duration `koanf:"failure_window"`
	LockoutFor            time.Duration `koanf:"lockout_for"`
}

// Redis configures the optional Redis server (cross-replica signals).
type Redis struct {
	Addr string `koanf:"addr"`
}

// Log configures structured logging.
type Log struct {
	Level string `koanf:"level"`
}

// Default returns the configuration of the embedded default: SQLite under
// ./data, development mode, port 8080.
func Default() Config {
	return Config{
		Mode:    ModeDevelopment,
		DataDir: "./data",
		HTTP: HTTP{
			Addr:              ":8080",
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      60 * time.Second,
			IdleTimeout:       120 * time.Second,
			ShutdownTimeout:   20 * time.Second,
			TransferTimeout:   30 * time.Minute,
			MaxBodyBytes:      1 << 20,
		},
		DB: DB{
			Driver:          DriverSQLite,
			MaxOpenConns:    50,
			MaxIdleConns:    25,
			ConnMaxLifetime: 3 * time.Minute,
			ConnMaxIdleTime: time.Minute,
			SlowQuery:       200 * time.Millisecond,
		},
		JWT: JWT{
			Issuer:     "incubator",
			Audience:   "incubator-api",
			AccessTTL:  15 * time.Minute,
			RefreshTTL: 14 * 24 * time.Hour,
		},
		Auth: Auth{
			AllowRegistration:     true,
			MaxConcurrentHashes:   4,
			HashWait:              2 * time.Second,
			Argon2MemoryKiB:       19 * 1024,
			Argon2Time:            2,
			MaxFailuresPerAccount: 5,
			MaxFailuresPerIP:      30,
			FailureWindow:         15 * time.Minute,
			LockoutFor:            15 * time.Minute,
		},
		Log:       Log{Level: "info"},
		Residency: Residency{MaxTermMonths: 48, WarnDays: 30},
		Uploads:   Uploads{MaxPlanBytes: 20 << 20, MaxDeckBytes: 50 << 20, MaxVideoBytes: 200 << 20},
	}
}

// Load builds the configuration: defaults, then the YAML file at path (if
// path is not empty), then INCUBATOR_* variables from environ (as returned by
// os.Environ). It does not validate; call Validate.
func Load(path string, environ []string) (Config, error) {
	k := koanf.New(".")
	if err := k.Load(structs.Provider(Default(), "koanf"), nil); err != nil {
		return Config{}, fmt.Errorf("config defaults: %w", err)
	}
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return Config{}, fmt.Errorf("config file %q: %w", path, err)
		}
		if err := k.Load(file.Provider(path), yaml.Parser()); err != nil {
			return Config{}, fmt.Errorf("config file %q: %w", path, err)
		}
	}
	if err := k.Load(envProvider(environ), nil); err != nil {
		return Config{}, fmt.Errorf("environment: %w", err)
	}
	var cfg Config
	if err := k.UnmarshalWithConf("", &cfg, koanf.UnmarshalConf{Tag: "koanf"}); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

// sections are the nested keys; INCUBATOR_<SECTION>_<KEY> maps to
// section.key, anything else to a top-level key (INCUBATOR_DATA_DIR → data_dir).
var sections = []string{"http", "db", "jwt", "auth", "redis", "log", "residency", "uploads"}

// listKeys are split on commas when they come from the environment.
var listKeys = map[string]bool{"http.trusted_proxies": true, "http.cors_origins": true}

func envProvider(environ []string) *env.Env {
	return env.Provider(".", env.Opt{
		Prefix:      "INCUBATOR_",
		EnvironFunc: func() []string { return environ },
		TransformFunc: func(k, v string) (string, any) {
			key := strings.ToLower(strings.TrimPrefix(k, "INCUBATOR_"))
			if key == "config" {
				return "", nil // the file path itself, handled by the caller
			}
			for _, s := range sections {
				if strings.HasPrefix(key, s+"_") {
					key = s + "." + strings.TrimPrefix(key, s+"_")
					break
				}
			}
			if listKeys[key] {
				var items []string
				for _, item := range strings.Split(v, ",") {
					if item = strings.TrimSpace(item); item != "" {
						items = append(items, item)
					}
				}
				return key, items
			}
			return key, v
		},
	})
}

// DemoEnabled reports whether demo data is seeded into an empty database:
// the explicit setting if there is one, else true only for the embedded
// SQLite default in development mode.
func (c Config) DemoEnabled() bool {
	if c.Demo != nil {
		return *c.Demo
	}
	return c.Mode == ModeDevelopment && c.DB.Driver == DriverSQLite
}

// SQLitePath is the database file of the sqlite driver.
func (c Config) SQLitePath() string {
	if c.DB.DSN != "" {
		return c.DB.DSN
	}
	return strings.TrimSuffix(c.DataDir, "/") + "/incubator.db"
}

// MinSecretBytes is the shortest JWT secret accepted in production.
const MinSecretBytes = 32

// knownWeakSecrets are secrets published in sample configs; never accepted.
var knownWeakSecrets = []string{"secret", "changeme", "change-me", "your-secret-key", "qmPlus", "0123456789abcdef0123456789abcdef"}

// Validate checks the configuration and returns every problem at once.
func (c Config) Validate() error {
	var errs []error
	add := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{key}, args...)...))
	}
	switch c.Mode {
	case ModeDevelopment, ModeProduction:
	default:
		add("mode (INCUBATOR_MODE)", "must be %q or %q, got %q", ModeDevelopment, ModeProduction, c.Mode)
	}
	switch c.DB.Driver {
	case DriverSQLite:
	case DriverMySQL:
		if c.DB.DSN == "" {
			add("db.dsn (INCUBATOR_DB_DSN)", "is required for the mysql driver, e.g. user:pass@tcp(127.0.0.1:3306)/incubator")
		}
	default:
		add("db.driver (INCUBATOR_DB_DRIVER)", "must be %q or %q, got %q", DriverSQLite, DriverMySQL, c.DB.Driver)
	}
	if c.HTTP.Addr == "" {
		add("http.addr (INCUBATOR_HTTP_ADDR)", "is required")
	}
	if c.DataDir == "" {
		add("data_dir (INCUBATOR_DATA_DIR)", "is required")
	}
	if c.DB.ConnMaxLifetime <= 0 || c.DB.ConnMaxLifetime >= 5*time.Minute {
		add("db.conn_max_lifetime", "must be between 0 and 5m (servers close idle connections), got %s", c.DB.ConnMaxLifetime)
	}
	if c.DB.MaxOpenConns < 1 {
		add("db.max_open_conns", "must be at least 1")
	}
	if c.HTTP.MaxBodyBytes < 1024 {
		add("http.max_body_bytes", "must be at least 1024")
	}
	if c.HTTP.ReadHeaderTimeout <= 0 {
		add("http.read_header_timeout", "must be positive")
	}
	if c.JWT.AccessTTL < time.Minute || c.JWT.AccessTTL > time.Hour {
		add("jwt.access_ttl", "must be between 1m and 1h, got %s", c.JWT.AccessTTL)
	}
	if c.JWT.RefreshTTL < c.JWT.AccessTTL {
		add("jwt.refresh_ttl", "must not be shorter than jwt.access_ttl")
	}
	if c.JWT.Issuer == "" || c.JWT.Audience == "" {
		add("jwt.issuer/jwt.audience", "are required")
	}
	if c.JWT.Secret != "" || c.Mode == ModeProduction {
		if len(c.JWT.Secret) < MinSecretBytes {
			add("jwt.secret (INCUBATOR_JWT_SECRET)", "must be at least %d bytes (generate one with: openssl rand -base64 48)", MinSecretBytes)
		}
		for _, weak := range knownWeakSecrets {
			if strings.EqualFold(c.JWT.Secret, weak) {
				add("jwt.secret (INCUBATOR_JWT_SECRET)", "is a published sample value; generate your own")
			}
		}
	}
	if c.Mode == ModeProduction && c.Demo != nil && *c.Demo {
		add("demo (INCUBATOR_DEMO)", "demo data (with its known passwords) is never seeded in production mode")
	}
	if c.Auth.MaxConcurrentHashes < 1 {
		add("auth.max_concurrent_hashes", "must be at least 1")
	}
	if c.Auth.Argon2MemoryKiB < 1024 || c.Auth.Argon2Time < 1 {
		add("auth.argon2_*", "argon2 memory must be ≥ 1024 KiB and time ≥ 1")
	}
	if c.Auth.MaxFailuresPerAccount < 1 || c.Auth.MaxFailuresPerIP < 1 || c.Auth.FailureWindow <= 0 || c.Auth.LockoutFor <= 0 {
		add("auth.max_failures_*", "login throttling limits and durations must be positive")
	}
	if c.Residency.MaxTermMonths < 1 || c.Residency.MaxTermMonths > 120 {
		add("residency.max_term_months", "must be between 1 and 120")
	}
	if c.Uploads.MaxPlanBytes < 1024 || c.Uploads.MaxDeckBytes < 1024 || c.Uploads.MaxVideoBytes < 1024 {
		add("uploads.max_*_bytes", "upload limits must be at least 1024 bytes")
	}
	if c.Residency.WarnDays < 0 || c.Residency.WarnDays > 365 {
		add("residency.warn_days", "must be between 0 and 365")
	}
	return errors.Join(errs...)
}
