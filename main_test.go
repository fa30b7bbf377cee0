package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"incubator/model/testdb"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	ch chan []byte
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.ch <- append([]byte(nil), p...)
	return len(p), nil
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// TestServeEndToEnd starts the real program (run) on the test database
// engine, waits for readiness, signs in as the demo admin, then cancels
// the context and expects a clean, graceful shutdown.
func TestServeEndToEnd(t *testing.T) {
	dbcfg := testdb.Config(t)
	addr := freeAddr(t)
	env := []string{
		"INCUBATOR_HTTP_ADDR=" + addr,
		"INCUBATOR_DB_DRIVER=" + dbcfg.Driver,
		"INCUBATOR_DB_DSN=" + dbcfg.DSN,
		"INCUBATOR_DATA_DIR=" + t.TempDir(),
		"INCUBATOR_DEMO=true",
		"INCUBATOR_AUTH_ARGON2_MEMORY_KIB=1024",
	}
	logs := &syncBuffer{ch: make(chan []byte, 10000)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, strings.NewReader(""), os.Stdout, logs, env) }()

	// Wait for the "ready" log line: synchronization on an event, bounded.
	deadline := time.After(60 * time.Second)
	for ready := false; !ready; {
		select {
		case line := <-logs.ch:
			ready = bytes.Contains(line, []byte(`"msg":"ready"`))
		case err := <-done:
			t.Fatalf("server exited early: %v", err)
		case <-deadline:
			t.Fatal("server not ready within 60s")
		}
	}
	go func() {
		for range logs.ch { // keep draining
		}
	}()
	base := "http://" + addr
	resp, err := http.Get(base + "/readyz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	body := strings.NewReader(`{"username":"admin","password":"Demo@2024"}`)
	resp, err = http.Post(base+"/api/v1/auth/login", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&sess)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || sess.AccessToken == "" {
		t.Fatalf("login: status %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+sess.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("me: %v %v", resp, err)
	}
	resp.Body.Close()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("graceful shutdown returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop within 30s")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("server still answering after shutdown")
	}
}

func TestProductionRefusesWithoutSecret(t *testing.T) {
	err := run(context.Background(), []string{"serve"}, strings.NewReader(""), os.Stdout, os.Stderr,
		[]string{"INCUBATOR_MODE=production", "INCUBATOR_DB_DSN=" + filepath.Join(t.TempDir(), "x.db")})
	if err == nil || !strings.Contains(err.Error(), "INCUBATOR_JWT_SECRET") {
		t.Fatalf("want a refusal naming INCUBATOR_JWT_SECRET, got %v", err)
	}
}

func TestSeedDemoRefusedInProduction(t *testing.T) {
	err := run(context.Background(), []string{"seed", "--demo"}, strings.NewReader(""), os.Stdout, os.Stderr,
		[]string{"INCUBATOR_MODE=production", "INCUBATOR_JWT_SECRET=" + strings.Repeat("s", 40), "INCUBATOR_DB_DSN=" + filepath.Join(t.TempDir(), "x.db")})
	if err == nil || !strings.Contains(err.Error(), "never seeded in production") {
		t.Fatalf("want a refusal, got %v", err)
	}
}

func TestAdminCreateFromStdin(t *testing.T) {
	dbcfg := testdb.Config(t)
	env := []string{"INCUBATOR_DB_DRIVER=" + dbcfg.Driver, "INCUBATOR_DB_DSN=" + dbcfg.DSN, "INCUBATOR_AUTH_ARGON2_MEMORY_KIB=1024"}
	var out bytes.Buffer
	err := run(context.Background(), []string{"admin", "create", "--username", "root", "--password-stdin"}, strings.NewReader("Sup3rSecret!\n"), &out, &out, env)
	if err != nil || !strings.Contains(out.String(), `administrator "root" created`) {
		t.Fatalf("admin create: %v %s", err, out.String())
	}
	err = run(context.Background(), []string{"admin", "create", "--username", "root", "--password-stdin"}, strings.NewReader("Sup3rSecret!\n"), &out, &out, env)
	if err == nil {
		t.Fatal("creating the same administrator twice must fail")
	}
	err = run(context.Background(), []string{"admin", "create", "--username", "weak", "--password-stdin"}, strings.NewReader("short\n"), &out, &out, env)
	if err == nil || !strings.Contains(err.Error(), "password") {
		t.Fatalf("a weak password must be refused, got %v", err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"audit", "verify"}, strings.NewReader(""), &out, &out, env); err != nil || !strings.Contains(out.String(), "intact") {
		t.Fatalf("audit verify: %v %s", err, out.String())
	}
}
