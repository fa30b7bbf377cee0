package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadDefaults(t *testing.T) {
	cfg, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTP.Addr != ":8080" || cfg.DB.Driver != DriverSQLite || cfg.Mode != ModeDevelopment {
		t.Fatalf("unexpected defaults: %+v", cfg)
	}
	if !cfg.DemoEnabled() {
		t.Fatal("demo must default to on for embedded sqlite in development")
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("defaults must validate: %v", err)
	}
}

func TestLoadFileThenEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	yaml := "mode: development\nhttp:\n  addr: \":9000\"\n  read_header_timeout: 7s\ndb:\n  driver: mysql\n  dsn: from-file\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path, []string{
		"INCUBATOR_DB_DSN=root@tcp(127.0.0.1:3306)/x",
		"INCUBATOR_DATA_DIR=/tmp/d",
		"INCUBATOR_DEMO=false",
		"INCUBATOR_HTTP_TRUSTED_PROXIES=10.0.0.1, 10.0.0.2",
		"INCUBATOR_AUTH_ALLOW_REGISTRATION=false",
		"OTHER=ignored",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTP.Addr != ":9000" || cfg.HTTP.ReadHeaderTimeout != 7*time.Second {
		t.Errorf("file values not applied: %+v", cfg.HTTP)
	}
	if cfg.DB.Driver != DriverMySQL || cfg.DB.DSN != "root@tcp(127.0.0.1:3306)/x" {
		t.Errorf("env must override file: %+v", cfg.DB)
	}
	if cfg.DataDir != "/tmp/d" {
		t.Errorf("INCUBATOR_DATA_DIR → data_dir, got %q", cfg.DataDir)
	}
	if cfg.DemoEnabled() {
		t.Error("INCUBATOR_DEMO=false must disable demo")
	}
	if len(cfg.HTTP.TrustedProxies) != 2 || cfg.HTTP.TrustedProxies[1] != "10.0.0.2" {
		t.Errorf("list from env: %#v", cfg.HTTP.TrustedProxies)
	}
	if cfg.Auth.AllowRegistration {
		t.Error("nested auth key from env not applied")
	}
	if cfg.DemoEnabled() {
		t.Error("demo must be off")
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load("/nonexistent/c.yaml", nil); err == nil {
		t.Fatal("want an error for a missing file")
	}
}

func TestValidate(t *testing.T) {
	strong := strings.Repeat("k", 32)
	yes := true
	tests := []struct {
		name    string
		mutate  func(*Config)
		wantErr string
	}{
		{"OK development without secret", func(c *Config) {}, ""},
		{"OK production with secret", func(c *Config) { c.Mode = ModeProduction; c.JWT.Secret = strong }, ""},
		{"ErrProductionNoSecret", func(c *Config) { c.Mode = ModeProduction }, "jwt.secret"},
		{"ErrProductionShortSecret", func(c *Config) { c.Mode = ModeProduction; c.JWT.Secret = "short" }, "at least 32 bytes"},
		{"ErrWeakSecret", func(c *Config) { c.JWT.Secret = "0123456789abcdef0123456789abcdef" }, "published sample"},
		{"ErrProductionDemo", func(c *Config) { c.Mode = ModeProduction; c.JWT.Secret = strong; c.Demo = &yes }, "never seeded in production"},
		{"ErrMode", func(c *Config) { c.Mode = "staging" }, "INCUBATOR_MODE"},
		{"ErrDriver", func(c *Config) { c.DB.Driver = "postgres" }, "INCUBATOR_DB_DRIVER"},
		{"ErrMySQLNoDSN", func(c *Config) { c.DB.Driver = DriverMySQL }, "INCUBATOR_DB_DSN"},
		{"ErrConnLifetime", func(c *Config) { c.DB.ConnMaxLifetime = 10 * time.Minute }, "conn_max_lifetime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Default()
			tt.mutate(&cfg)
			err := cfg.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("want OK, got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("want error containing %q, got %v", tt.wantErr, err)
			}
		})
	}
}

func TestProductionNeverDemoByDefault(t *testing.T) {
	cfg := Default()
	cfg.Mode = ModeProduction
	if cfg.DemoEnabled() {
		t.Fatal("production must not seed demo data by default")
	}
	cfg.Mode = ModeDevelopment
	cfg.DB.Driver = DriverMySQL
	if cfg.DemoEnabled() {
		t.Fatal("demo defaults to on only for the embedded sqlite default")
	}
}
