package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"incubator/service"
	"incubator/service/servicetest"
)

// demoPassword is the password of every demo account.
const demoPassword = service.DemoPassword

// testServer is the real router over real services and a real database.
type testServer struct {
	srv   *Server
	svc   *service.Services
	clock *servicetest.Clock
	sopt  service.Options
	log   *syncBuffer
}

// testUI is the stand-in for the built frontend.
var testUI = fstest.MapFS{
	"index.html":    {Data: []byte("<!doctype html><title>incubator-spa</title>")},
	"assets/app.js": {Data: []byte("console.log('app')")},
}

// serverConfig lets a test change the service and HTTP options.
type serverConfig struct {
	svc  func(*service.Options)
	http func(*Options)
}

// newTestServer builds services over a fresh, demo-seeded database (SQLite,
// or MySQL with TEST_DB=mysql) and the router over them.
func newTestServer(t *testing.T, cfg ...serverConfig) *testServer {
	t.Helper()
	clock := servicetest.NewClock()
	sopt := servicetest.Options(clock)
	for _, c := range cfg {
		if c.svc != nil {
			c.svc(&sopt)
		}
	}
	svc := servicetest.NewWith(t, sopt)
	logs := &syncBuffer{}
	opt := Options{
		Log:          slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
		MaxBodyBytes: 64 << 10,
		UI:           testUI,
		Version:      "test",
	}
	for _, c := range cfg {
		if c.http != nil {
			c.http(&opt)
		}
	}
	srv, err := New(svc, opt)
	if err != nil {
		t.Fatalf("api.New: %v", err)
	}
	return &testServer{srv: srv, svc: svc, clock: clock, sopt: sopt, log: logs}
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// request is one HTTP request to the test server.
type request struct {
	Method, Path string
	Token        string
	// Body is sent as is when it is a string or []byte (raw bytes), else
	// marshalled to JSON; nil sends no body.
	Body       any
	Header     map[string]string
	RemoteAddr string
}

// send runs r through the router and returns the recorded answer.
func (ts *testServer) send(t *testing.T, r request) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	case io.Reader:
		body = b
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("marshal body: %v", err)
		}
		body = bytes.NewReader(data)
	}
	req := httptest.NewRequest(r.Method, r.Path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	if r.RemoteAddr != "" {
		req.RemoteAddr = r.RemoteAddr
	}
	rec := httptest.NewRecorder()
	ts.srv.Handler().ServeHTTP(rec, req)
	return rec
}

// do sends a JSON request with an optional bearer token.
func (ts *testServer) do(t *testing.T, method, path, token string, body any) *httptest.ResponseRecorder {
	t.Helper()
	return ts.send(t, request{Method: method, Path: path, Token: token, Body: body})
}

// session is what a login or refresh answers.
type session = service.Session

// login signs in as username with password (the demo password when
// empty) and fails the test unless it answers 200.
func (ts *testServer) login(t *testing.T, username string, password ...string) session {
	t.Helper()
	pw := demoPassword
	if len(password) > 0 {
		pw = password[0]
	}
	rec := ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": username, "password": pw},
		RemoteAddr: "198.51.100.200:1234"})
	if rec.Code != http.StatusOK {
		t.Fatalf("login %s: status %d: %s", username, rec.Code, rec.Body)
	}
	s := decode[session](t, rec)
	if s.AccessToken == "" || s.RefreshToken == "" {
		t.Fatalf("login %s: no tokens in %s", username, rec.Body)
	}
	return s
}

// decode reads a JSON body into T.
func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T from %q: %v", v, rec.Body.String(), err)
	}
	return v
}

// expectJSON fails the test unless rec has the status; it returns the
// body decoded into T.
func expectJSON[T any](t *testing.T, rec *httptest.ResponseRecorder, status int) T {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d; body: %s", rec.Code, status, rec.Body)
	}
	return decode[T](t, rec)
}

// expectProblem checks that rec is an application/problem+json answer with
// status and code, and returns it.
func expectProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) Problem {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d; body: %s", rec.Code, status, rec.Body)
	}
	p, err := problemOf(rec)
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Code) != code {
		t.Fatalf("code = %q, want %q; body: %s", p.Code, code, rec.Body)
	}
	return p
}

// problemOf decodes a problem+json body.
func problemOf(rec *httptest.ResponseRecorder) (Problem, error) {
	var p Problem
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		return p, fmt.Errorf("Content-Type = %q, want application/problem+json; body: %s", ct, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		return p, fmt.Errorf("decode problem %q: %v", rec.Body.String(), err)
	}
	if p.Status != rec.Code || p.Type == "" || p.Title == "" || p.Code == "" || p.Errors == nil {
		return p, fmt.Errorf("incomplete problem (status %d): %s", rec.Code, rec.Body)
	}
	return p, nil
}

// hasField reports whether p names field among its field errors.
func hasField(p Problem, field string) bool {
	for _, f := range p.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}

// list is the list envelope.
type list[T any] struct {
	Items    []T   `json:"items"`
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
}

// total returns the total of a list endpoint as seen by token.
func (ts *testServer) total(t *testing.T, token, path string) int64 {
	t.Helper()
	return expectJSON[list[json.RawMessage]](t, ts.do(t, "GET", path, token, nil), http.StatusOK).Total
}

// userID returns the id of a user, looked up as admin.
func (ts *testServer) userID(t *testing.T, adminToken, username string) uint {
	t.Helper()
	l := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?q="+username+"&page_size=100", adminToken, nil), http.StatusOK)
	for _, u := range l.Items {
		if u.Username == username {
			return u.ID
		}
	}
	t.Fatalf("no user %q", username)
	return 0
}

// createUser creates a user as admin and returns it.
func (ts *testServer) createUser(t *testing.T, adminToken, username string, roles []roleBinding) service.UserView {
	t.Helper()
	if roles == nil {
		roles = []roleBinding{}
	}
	body := map[string]any{"username": username, "password": "Passw0rd-" + username, "name": "Test " + username, "roles": roles}
	return expectJSON[service.UserView](t, ts.do(t, "POST", "/api/v1/users", adminToken, body), http.StatusCreated)
}

// httpRecorder is a recorded answer.
type httpRecorder = httptest.ResponseRecorder
