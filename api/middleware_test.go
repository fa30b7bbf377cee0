package api

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gin-gonic/gin"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestRequestID(t *testing.T) {
	ts := newTestServer(t)

	t.Run("Echoed", func(t *testing.T) {
		rec := ts.send(t, request{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"X-Request-ID": "client-req.42:a_b"}})
		if got := rec.Header().Get("X-Request-ID"); got != "client-req.42:a_b" {
			t.Fatalf("X-Request-ID = %q", got)
		}
		p := expectProblem(t, rec, http.StatusUnauthorized, "unauthenticated")
		if p.RequestID != "client-req.42:a_b" || p.Instance != "/api/v1/me" {
			t.Fatalf("problem request_id %q instance %q", p.RequestID, p.Instance)
		}
	})

	t.Run("GeneratedWhenAbsent", func(t *testing.T) {
		a := ts.do(t, "GET", "/healthz", "", nil).Header().Get("X-Request-ID")
		b := ts.do(t, "GET", "/healthz", "", nil).Header().Get("X-Request-ID")
		if !uuidPattern.MatchString(a) || !uuidPattern.MatchString(b) || a == b {
			t.Fatalf("generated ids %q, %q", a, b)
		}
	})

	t.Run("ReplacedWhenMalformed", func(t *testing.T) {
		for _, bad := range []string{"has space", strings.Repeat("x", 65), "<script>", "a\tb", "id;drop", "数字"} {
			rec := ts.send(t, request{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-ID": bad}})
			if got := rec.Header().Get("X-Request-ID"); got == bad || !uuidPattern.MatchString(got) {
				t.Errorf("X-Request-ID %q answered with %q", bad, got)
			}
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.login(t, "student01").AccessToken
	for name, rec := range map[string]*httpRecorder{
		"json":     ts.do(t, "GET", "/api/v1/me", tok, nil),
		"problem":  ts.do(t, "GET", "/api/v1/users", tok, nil),
		"notFound": ts.do(t, "GET", "/api/v1/nothing", "", nil),
		"spa":      ts.do(t, "GET", "/some/page", "", nil),
		"docs":     ts.do(t, "GET", "/api/docs", "", nil),
	} {
		t.Run(name, func(t *testing.T) {
			h := rec.Header()
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", h.Get("X-Content-Type-Options"))
			}
			if h.Get("X-Frame-Options") != "DENY" {
				t.Errorf("X-Frame-Options = %q", h.Get("X-Frame-Options"))
			}
			csp := h.Get("Content-Security-Policy")
			if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			if h.Get("Referrer-Policy") == "" {
				t.Error("no Referrer-Policy")
			}
		})
	}
	t.Run("APINotCached", func(t *testing.T) {
		if cc := ts.do(t, "GET", "/api/v1/me", tok, nil).Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control = %q", cc)
		}
	})
}

func TestRecovery(t *testing.T) {
	ts := newTestServer(t)
	const secret = "secret-panic-detail-db-password=hunter2"
	ts.srv.engine.GET("/api/v1/test-panic", func(*gin.Context) { panic(secret) })
	ts.srv.engine.GET("/api/v1/test-panic-error", func(*gin.Context) { panic(errors.New(secret)) })

	for _, path := range []string{"/api/v1/test-panic", "/api/v1/test-panic-error"} {
		rec := ts.send(t, request{Method: "GET", Path: path, Header: map[string]string{"X-Request-ID": "panic-req-1"}})
		p := expectProblem(t, rec, http.StatusInternalServerError, "internal")
		if strings.Contains(rec.Body.String(), "hunter2") || strings.Contains(rec.Body.String(), "secret-panic") {
			t.Errorf("the 500 body leaks the panic: %s", rec.Body)
		}
		if p.RequestID != "panic-req-1" || rec.Header().Get("X-Request-ID") != "panic-req-1" {
			t.Errorf("request id %q / %q", p.RequestID, rec.Header().Get("X-Request-ID"))
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Error("500 without security headers")
		}
	}
	if logs := ts.log.String(); !strings.Contains(logs, "hunter2") || !strings.Contains(logs, "panic-req-1") {
		t.Errorf("the panic is not logged with its request id:\n%s", logs)
	}
	// The server keeps serving, and the panics are counted as 500s.
	admin := ts.login(t, "admin").AccessToken
	rec := ts.do(t, "GET", "/metrics", admin, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics after panic: %d", rec.Code)
	}
	if !metricLine(rec.Body.String(), "http_requests_total", `route="/api/v1/test-panic"`, `status="500"`) {
		t.Errorf("panicking requests are not counted as 500")
	}
	if !strings.Contains(rec.Body.String(), "\nhttp_requests_in_flight 1\n") {
		t.Errorf("in-flight gauge did not come back down after panics")
	}
}

// metricLine reports whether text has a sample of name carrying every label.
func metricLine(text, name string, labels ...string) bool {
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, name+"{") {
			continue
		}
		all := true
		for _, l := range labels {
			all = all && strings.Contains(line, l)
		}
		if all {
			return true
		}
	}
	return false
}

func TestReadiness(t *testing.T) {
	var down atomic.Bool
	ts := newTestServer(t, serverConfig{http: func(o *Options) {
		o.Ready = func(context.Context) error {
			if down.Load() {
				return errors.New("dial tcp 10.0.0.5:3306: connection refused")
			}
			return nil
		}
	}})

	t.Run("OK", func(t *testing.T) {
		h := expectJSON[healthResponse](t, ts.do(t, "GET", "/readyz", "", nil), http.StatusOK)
		if h.Status != "ready" || h.Version != "test" {
			t.Fatalf("readyz = %+v", h)
		}
		if h := expectJSON[healthResponse](t, ts.do(t, "GET", "/healthz", "", nil), http.StatusOK); h.Status != "ok" {
			t.Fatalf("healthz = %+v", h)
		}
	})

	t.Run("ErrUnavailable", func(t *testing.T) {
		down.Store(true)
		defer down.Store(false)
		rec := ts.do(t, "GET", "/readyz", "", nil)
		expectProblem(t, rec, http.StatusServiceUnavailable, "unavailable")
		if strings.Contains(rec.Body.String(), "10.0.0.5") {
			t.Errorf("readyz leaks the cause: %s", rec.Body)
		}
		if rec.Header().Get("Retry-After") == "" {
			t.Error("no Retry-After")
		}
		// Liveness does not depend on the database.
		expectJSON[healthResponse](t, ts.do(t, "GET", "/healthz", "", nil), http.StatusOK)
	})

	t.Run("Recovers", func(t *testing.T) {
		expectJSON[healthResponse](t, ts.do(t, "GET", "/readyz", "", nil), http.StatusOK)
	})
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	expectJSON[map[string]any](t, ts.do(t, "GET", "/api/v1/colleges/3", admin, nil), http.StatusOK)
	expectProblem(t, ts.do(t, "GET", "/api/v1/colleges/777", admin, nil), http.StatusNotFound, "not_found")
	expectProblem(t, ts.do(t, "GET", "/api/v1/no/such/route/12345", admin, nil), http.StatusNotFound, "not_found")

	t.Run("OK", func(t *testing.T) {
		rec := ts.do(t, "GET", "/metrics", admin, nil)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
			t.Fatalf("metrics: %d %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		text := rec.Body.String()
		if !metricLine(text, "http_requests_total", `route="/api/v1/colleges/:id"`, `method="GET"`, `status="200"`) ||
			!metricLine(text, "http_requests_total", `route="/api/v1/colleges/:id"`, `status="404"`) {
			t.Errorf("no http_requests_total for the route template /api/v1/colleges/:id:\n%s", grep(text, "http_requests_total"))
		}
		if strings.Contains(text, "/api/v1/colleges/3") || strings.Contains(text, "/api/v1/colleges/777") || strings.Contains(text, "12345") {
			t.Errorf("raw paths used as labels:\n%s", grep(text, "http_requests_total"))
		}
		if !metricLine(text, "http_requests_total", `route="unmatched"`, `status="404"`) {
			t.Errorf("unknown paths are not counted under one label:\n%s", grep(text, "http_requests_total"))
		}
		for _, name := range []string{"http_request_duration_seconds_bucket", "go_goroutines", "http_requests_in_flight"} {
			if !strings.Contains(text, name) {
				t.Errorf("no %s", name)
			}
		}
	})

	t.Run("ErrUnauthenticated", func(t *testing.T) {
		expectProblem(t, ts.do(t, "GET", "/metrics", "", nil), http.StatusUnauthorized, "unauthenticated")
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		manager := ts.login(t, "manager_gdpt").AccessToken
		expectProblem(t, ts.do(t, "GET", "/metrics", manager, nil), http.StatusForbidden, "forbidden")
	})
}

func grep(text, prefix string) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
