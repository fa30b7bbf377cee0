// Command incubator runs the incubator operations platform: the HTTP API
// and the embedded UI (serve), schema migrations (migrate), demo data
// (seed --demo), the first administrator (admin create) and its version.
//
// main only wires: config → database → services → router → http.Server.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"
	"gorm.io/gorm"

	"incubator/api"
	"incubator/config"
	"incubator/frontend"
	"incubator/model"
	"incubator/model/blob"
	"incubator/service"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Environ()); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// run is the whole program, callable from tests: it parses args, loads the
// configuration from environ and runs the chosen command until ctx ends.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, environ []string) error {
	var configPath string
	load := func() (config.Config, *slog.Logger, error) {
		path := configPath
		if path == "" {
			path = lookup(environ, "INCUBATOR_CONFIG")
		}
		cfg, err := config.Load(path, environ)
		if err != nil {
			return cfg, nil, err
		}
		if err := cfg.Validate(); err != nil {
			return cfg, nil, fmt.Errorf("invalid configuration:\n%w", err)
		}
		return cfg, newLogger(stderr, cfg.Log.Level), nil
	}
	root := &cobra.Command{
		Use:           "incubator",
		Short:         "Operations platform for a high-tech zone's incubation bases",
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := load()
			if err != nil {
				return err
			}
			return serve(cmd.Context(), cfg, log)
		},
	}
	root.PersistentFlags().StringVar(&configPath, "config", "", "YAML configuration file (or INCUBATOR_CONFIG)")
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)

	root.AddCommand(&cobra.Command{
		Use: "serve", Short: "Serve the API and UI (the default command)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := load()
			if err != nil {
				return err
			}
			return serve(cmd.Context(), cfg, log)
		},
	})
	root.AddCommand(&cobra.Command{
		Use: "migrate", Short: "Apply database migrations and exit",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := load()
			if err != nil {
				return err
			}
			db, err := model.Open(cmd.Context(), cfg.DB, cfg.DataDir, log)
			if err != nil {
				return err
			}
			defer model.Close(db)
			if err := model.Migrate(cmd.Context(), db); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "migrations applied")
			return nil
		},
	})
	var demo bool
	seed := &cobra.Command{
		Use: "seed", Short: "Seed data into an empty database (--demo: the demo accounts and colleges)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !demo {
				return errors.New("say what to seed: --demo")
			}
			cfg, log, err := load()
			if err != nil {
				return err
			}
			if cfg.Mode == config.ModeProduction {
				return errors.New("demo data (with its published password) is never seeded in production mode")
			}
			return withServices(cmd.Context(), cfg, log, func(svc *service.Services) error {
				seeded, err := svc.SeedDemo(cmd.Context())
				if err != nil {
					return err
				}
				if seeded {
					fmt.Fprintln(cmd.OutOrStdout(), "demo data seeded; every demo account's password is", service.DemoPassword)
				} else {
					fmt.Fprintln(cmd.OutOrStdout(), "the database already has users; nothing seeded")
				}
				return nil
			})
		},
	}
	seed.Flags().BoolVar(&demo, "demo", false, "seed the demo colleges and accounts")
	root.AddCommand(seed)
	root.AddCommand(adminCommand(load))
	root.AddCommand(auditCommand(load))
	root.AddCommand(&cobra.Command{
		Use: "version", Short: "Print the version",
		Run: func(cmd *cobra.Command, _ []string) { fmt.Fprintln(cmd.OutOrStdout(), "incubator", version) },
	})
	return root.ExecuteContext(ctx)
}

type loader func() (config.Config, *slog.Logger, error)

func adminCommand(load loader) *cobra.Command {
	var username string
	var passwordStdin bool
	create := &cobra.Command{
		Use: "create", Short: "Create an administrator (password read from standard input)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !passwordStdin {
				return errors.New("--password-stdin is required: pipe the password in, never put it on the command line")
			}
			raw, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), 4096))
			if err != nil {
				return err
			}
			password := strings.TrimRight(string(raw), "\r\n")
			cfg, log, err := load()
			if err != nil {
				return err
			}
			return withServices(cmd.Context(), cfg, log, func(svc *service.Services) error {
				u, err := svc.Users.CreateAdmin(cmd.Context(), username, password)
				if err != nil {
					return describe(err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "administrator %q created (id %d)\n", u.Username, u.ID)
				return nil
			})
		},
	}
	create.Flags().StringVar(&username, "username", "", "login name of the administrator")
	create.Flags().BoolVar(&passwordStdin, "password-stdin", false, "read the password from standard input")
	_ = create.MarkFlagRequired("username")
	admin := &cobra.Command{Use: "admin", Short: "Manage administrators"}
	admin.AddCommand(create)
	return admin
}

func auditCommand(load loader) *cobra.Command {
	verify := &cobra.Command{
		Use: "verify", Short: "Verify the audit log's hash chain (exit 1 if broken)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := load()
			if err != nil {
				return err
			}
			return withServices(cmd.Context(), cfg, log, func(svc *service.Services) error {
				v, err := svc.Audit.Verify(cmd.Context())
				if err != nil {
					return err
				}
				if !v.OK {
					at := "-"
					if v.BrokenAtID != nil {
						at = fmt.Sprint(*v.BrokenAtID)
					}
					return fmt.Errorf("audit chain broken after %d good records at record %s: %s", v.Checked, at, v.Reason)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "audit chain intact: %d records\n", v.Checked)
				return nil
			})
		},
	}
	audit := &cobra.Command{Use: "audit", Short: "Audit log tools"}
	audit.AddCommand(verify)
	return audit
}

// describe adds field errors to a service error for the terminal.
func describe(err error) error {
	e := model.AsError(err)
	if len(e.Fields) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Message)
	}
	return errors.New(b.String())
}

func lookup(environ []string, key string) string {
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

// serviceOptions maps the configuration to the services' settings.
func serviceOptions(cfg config.Config, log *slog.Logger) service.Options {
	secret := []byte(cfg.JWT.Secret)
	if len(secret) == 0 {
		// Development without a secret: a random one per process. Tokens
		// die on restart; production refuses to start instead.
		secret = make([]byte, 32)
		_, _ = rand.Read(secret)
		if log != nil {
			log.Warn("no INCUBATOR_JWT_SECRET: using a random secret for this process (development only)")
		}
	}
	a := cfg.Auth
	return service.Options{
		RBACModel: config.RBACModel, JWTSecret: secret, JWTIssuer: cfg.JWT.Issuer, JWTAudience: cfg.JWT.Audience,
		AccessTTL: cfg.JWT.AccessTTL, RefreshTTL: cfg.JWT.RefreshTTL, AllowRegistration: a.AllowRegistration,
		Argon2MemoryKiB: a.Argon2MemoryKiB, Argon2Time: a.Argon2Time, MaxConcurrentHashes: a.MaxConcurrentHashes, HashWait: a.HashWait,
		MaxFailuresPerAccount: a.MaxFailuresPerAccount, MaxFailuresPerIP: a.MaxFailuresPerIP, FailureWindow: a.FailureWindow, LockoutFor: a.LockoutFor,
		ResidencyMaxTermMonths: cfg.Residency.MaxTermMonths, ResidencyWarnDays: cfg.Residency.WarnDays,
		Blobs:           blob.NewLocal(filepath.Join(cfg.DataDir, "uploads")),
		UploadPlanBytes: cfg.Uploads.MaxPlanBytes, UploadDeckBytes: cfg.Uploads.MaxDeckBytes, UploadVideoBytes: cfg.Uploads.MaxVideoBytes,
	}
}

// withServices opens and migrates the database, builds the services and
// runs fn (for one-shot commands).
func withServices(ctx context.Context, cfg config.Config, log *slog.Logger, fn func(*service.Services) error) error {
	db, err := model.Open(ctx, cfg.DB, cfg.DataDir, log)
	if err != nil {
		return err
	}
	defer model.Close(db)
	if err := model.Migrate(ctx, db); err != nil {
		return err
	}
	svc, err := service.New(db, serviceOptions(cfg, nil))
	if err != nil {
		return err
	}
	return fn(svc)
}

// serve listens at once (healthz answers, readyz says 503), connects to the
// database with retries, migrates, seeds demo data when enabled, then swaps
// in the real handler. It drains in-flight requests when ctx ends.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	start := time.Now()
	var handler atomic.Pointer[http.Handler]
	var boot http.Handler = http.HandlerFunc(bootHandler)
	handler.Store(&boot)
	srv := &http.Server{
		Addr:              cfg.HTTP.Addr,
		Handler:           http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*handler.Load()).ServeHTTP(w, r) }),
		ReadHeaderTimeout: cfg.HTTP.ReadHeaderTimeout,
		ReadTimeout:       cfg.HTTP.ReadTimeout,
		WriteTimeout:      cfg.HTTP.WriteTimeout,
		IdleTimeout:       cfg.HTTP.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTP.Addr, err)
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "mode", cfg.Mode, "db", cfg.DB.Driver, "version", version)

	db, err := openWithRetry(ctx, cfg, log)
	if err == nil {
		defer model.Close(db)
		var h http.Handler
		h, err = buildHandler(ctx, cfg, log, db)
		if err == nil {
			handler.Store(&h)
			log.Info("ready", "startup_ms", time.Since(start).Milliseconds(), "url", "http://"+displayAddr(ln.Addr()))
		}
	}
	if err != nil && ctx.Err() == nil {
		_ = srv.Close()
		return err
	}
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		return err
	}
	log.Info("shutting down: draining in-flight requests", "timeout", cfg.HTTP.ShutdownTimeout.String())
	shutCtx, cancel := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

func displayAddr(a net.Addr) string {
	s := a.String()
	if strings.HasPrefix(s, "[::]:") {
		return "localhost:" + strings.TrimPrefix(s, "[::]:")
	}
	return s
}

// bootHandler answers while the database is not ready.
func bootHandler(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/healthz" {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"ok"}`)
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = io.WriteString(w, `{"type":"urn:incubator:problem:unavailable","title":"Service Unavailable","status":503,"detail":"starting: waiting for the database and migrations","code":"unavailable","errors":[]}`)
}

func openWithRetry(ctx context.Context, cfg config.Config, log *slog.Logger) (*gorm.DB, error) {
	delay := 500 * time.Millisecond
	for {
		db, err := model.Open(ctx, cfg.DB, cfg.DataDir, log)
		if err == nil {
			return db, nil
		}
		log.Warn("database not reachable yet; retrying", "error", err, "in", delay.String())
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(delay*2, 10*time.Second)
	}
}

func buildHandler(ctx context.Context, cfg config.Config, log *slog.Logger, db *gorm.DB) (http.Handler, error) {
	if err := model.Migrate(ctx, db); err != nil {
		return nil, err
	}
	svc, err := service.New(db, serviceOptions(cfg, log))
	if err != nil {
		return nil, err
	}
	if cfg.DemoEnabled() {
		seeded, err := svc.SeedDemo(ctx)
		if err != nil {
			return nil, fmt.Errorf("seed demo data: %w", err)
		}
		if seeded {
			log.Info("demo data seeded", "password", service.DemoPassword)
		}
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	server, err := api.New(svc, api.Options{
		Log: log, MaxBodyBytes: cfg.HTTP.MaxBodyBytes, TrustedProxies: cfg.HTTP.TrustedProxies, CORSOrigins: cfg.HTTP.CORSOrigins,
		TransferTimeout: cfg.HTTP.TransferTimeout,
		UI:              frontend.Dist(), Version: version,
		Collectors: []prometheus.Collector{collectors.NewDBStatsCollector(sqlDB, cfg.DB.Driver)},
		Ready: func(ctx context.Context) error {
			if err := model.Ping(ctx, db); err != nil {
				return err
			}
			if done, err := model.MigrationsDone(ctx, db); err != nil || !done {
				return errors.Join(errors.New("migrations pending"), err)
			}
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	return server.Handler(), nil
}
