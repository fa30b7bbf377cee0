package api

import (
	"net/http"
	"strings"
	"testing"
)

// Validation errors carry the rule's parameter so the UI can word the
// message in the user's language.
func TestFieldErrorsCarryParams(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	p := expectProblem(t, ts.do(t, "POST", "/api/v1/colleges", admin, map[string]any{"name": strings.Repeat("校", 101)}), http.StatusBadRequest, "invalid")
	if len(p.Errors) != 1 || p.Errors[0].Field != "name" || p.Errors[0].Code != "max" || p.Errors[0].Param != "100" {
		t.Fatalf("errors = %+v, want name/max/100", p.Errors)
	}
	p = expectProblem(t, ts.do(t, "POST", "/api/v1/colleges", admin, map[string]any{}), http.StatusBadRequest, "invalid")
	if len(p.Errors) != 1 || p.Errors[0].Code != "required" || p.Errors[0].Param != "" {
		t.Fatalf("errors = %+v, want name/required without a param", p.Errors)
	}
}
