package api

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"incubator/service"
)

// rowCounts is what a refused request must leave unchanged.
type rowCounts struct {
	Users, Colleges, Audit int64
	TargetVersion          int
	TargetRoles            int
}

func TestBadInput(t *testing.T) {
	const maxBody = 4096
	ts := newTestServer(t, serverConfig{http: func(o *Options) { o.MaxBodyBytes = maxBody }})
	admin := ts.login(t, "admin").AccessToken
	target := ts.userID(t, admin, "student09")
	targetPath := userPath(target)

	counts := func(t *testing.T) rowCounts {
		t.Helper()
		u := expectJSON[service.UserView](t, ts.do(t, "GET", targetPath, admin, nil), http.StatusOK)
		return rowCounts{
			Users:         ts.total(t, admin, "/api/v1/users"),
			Colleges:      ts.total(t, admin, "/api/v1/colleges"),
			Audit:         ts.total(t, admin, "/api/v1/audit-logs"),
			TargetVersion: u.Version,
			TargetRoles:   len(u.Roles),
		}
	}

	validUser := func(change func(map[string]any)) map[string]any {
		u := map[string]any{"username": "mallory", "password": "Passw0rd-mallory", "name": "Mallory"}
		if change != nil {
			change(u)
		}
		return u
	}
	big := `{"name":"` + strings.Repeat("x", maxBody) + `"}`

	cases := []struct {
		name         string
		method, path string
		body         any
		status       int
		code         string
		fields       []string
	}{
		{"MalformedJSON", "POST", "/api/v1/users", `{"username": "mallory",`, 400, "invalid", nil},
		{"SyntaxError", "POST", "/api/v1/colleges", `{"name": 'single'}`, 400, "invalid", nil},
		{"NotAnObject", "POST", "/api/v1/colleges", `[1, 2]`, 400, "invalid", []string{"body"}},
		{"TrailingData", "POST", "/api/v1/colleges", `{"name":"甲学院"} {"name":"乙学院"}`, 400, "invalid", nil},
		{"EmptyBody", "POST", "/api/v1/colleges", ``, 400, "invalid", nil},
		{"UnknownField", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["is_admin"] = true }), 400, "invalid", []string{"is_admin"}},
		{"UnknownFieldOnUpdate", "PATCH", targetPath, map[string]any{"version": 1, "password_hash": "x"}, 400, "invalid", []string{"password_hash"}},
		{"UnknownFieldInRoles", "PUT", targetPath + "/roles", `[{"role":"admin","domain":"*","user_id":1}]`, 400, "invalid", []string{"user_id"}},
		{"WrongType", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["college_id"] = "1" }), 400, "invalid", []string{"college_id"}},
		{"WrongTypeVersion", "PATCH", targetPath, map[string]any{"name": "x", "version": "1"}, 400, "invalid", []string{"version"}},
		{"RolesNotAnArray", "PUT", targetPath + "/roles", `{"role":"admin","domain":"*"}`, 400, "invalid", []string{"body"}},
		{"RolesNull", "PUT", targetPath + "/roles", `null`, 400, "invalid", nil},
		{"MissingRequired", "POST", "/api/v1/users", `{}`, 400, "invalid", []string{"username", "password", "name"}},
		{"MissingRequiredRegistration", "POST", "/api/v1/auth/register", `{}`, 400, "invalid",
			[]string{"username", "password", "name", "college_id", "student_no", "major", "graduation_year"}},
		{"MissingVersion", "PATCH", targetPath, map[string]any{"name": "x"}, 400, "invalid", []string{"version"}},
		{"NameTooLong", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["name"] = strings.Repeat("a", 65) }), 400, "invalid", []string{"name"}},
		{"NameTooLongRunes", "PATCH", targetPath, map[string]any{"name": strings.Repeat("学", 65), "version": 1}, 400, "invalid", []string{"name"}},
		{"UsernameTooLong", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["username"] = strings.Repeat("u", 65) }), 400, "invalid", []string{"username"}},
		{"UsernameCharacters", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["username"] = "mal lory'--" }), 400, "invalid", []string{"username"}},
		{"BadEmail", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["email"] = "not-an-email" }), 400, "invalid", []string{"email"}},
		{"BadStatus", "PATCH", targetPath, map[string]any{"status": "root", "version": 1}, 400, "invalid", []string{"status"}},
		{"WeakPassword", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["password"] = "short1" }), 400, "invalid", []string{"password"}},
		{"UnknownCollege", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["college_id"] = 999999 }), 400, "invalid", []string{"college_id"}},
		{"UnknownRoleOnCreate", "POST", "/api/v1/users", validUser(func(u map[string]any) { u["roles"] = []roleBinding{{Role: "root", Domain: "*"}} }), 400, "invalid", []string{"[0].role"}},
		{"MissingRoleDomain", "PUT", targetPath + "/roles", `[{"role":"judge"}]`, 400, "invalid", []string{"[0].domain"}},
		{"UnknownPolicyRoute", "PUT", "/api/v1/rbac/policies", policiesRequest{Items: []policy{{Role: "admin", Domain: "*", Path: "/api/v1/everything", Method: "GET"}}}, 400, "invalid", []string{"items[0].path"}},
		{"PolicyLockOut", "PUT", "/api/v1/rbac/policies", policiesRequest{Items: []policy{{Role: "admin", Domain: "*", Path: "/api/v1/users", Method: "GET"}}}, 422, "failed_precondition", nil},
		{"OversizeBody", "POST", "/api/v1/colleges", big, 413, "payload_too_large", nil},
		{"OversizeBodyStreamed", "POST", "/api/v1/colleges", io.MultiReader(strings.NewReader(big)), 413, "payload_too_large", nil},
		{"OversizeLogin", "POST", "/api/v1/auth/login", io.MultiReader(strings.NewReader(`{"username":"admin","password":"` + strings.Repeat("p", maxBody) + `"}`)), 413, "payload_too_large", nil},
		{"UnknownSort", "GET", "/api/v1/users?sort=password_hash", nil, 400, "invalid", []string{"sort"}},
		{"SortInjection", "GET", "/api/v1/colleges?sort=name%3Bdrop%20table%20users", nil, 400, "invalid", []string{"sort"}},
		{"UnknownSortAudit", "GET", "/api/v1/audit-logs?sort=-hash", nil, 400, "invalid", []string{"sort"}},
		{"BadPage", "GET", "/api/v1/users?page=abc", nil, 400, "invalid", []string{"page"}},
		{"ZeroPage", "GET", "/api/v1/colleges?page=0", nil, 400, "invalid", []string{"page"}},
		{"BadPageSize", "GET", "/api/v1/users?page_size=-5&page=x", nil, 400, "invalid", []string{"page_size", "page"}},
		{"BadFilterID", "GET", "/api/v1/users?college_id=abc", nil, 400, "invalid", []string{"college_id"}},
		{"BadStatusFilter", "GET", "/api/v1/users?status=deleted", nil, 400, "invalid", []string{"status"}},
		{"LongQuery", "GET", "/api/v1/users?q=" + strings.Repeat("q", 65), nil, 400, "invalid", []string{"q"}},
		{"BadVerify", "GET", "/api/v1/audit-logs?verify=maybe", nil, 400, "invalid", []string{"verify"}},
		{"BadTime", "GET", "/api/v1/audit-logs?from=yesterday", nil, 400, "invalid", []string{"from"}},
	}

	before := counts(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := ts.send(t, request{Method: c.method, Path: c.path, Token: admin, Body: c.body})
			p := expectProblem(t, rec, c.status, c.code)
			for _, f := range c.fields {
				if !hasField(p, f) {
					t.Errorf("errors = %+v, want field %q", p.Errors, f)
				}
			}
			if c.status == 400 && len(c.fields) > 0 && len(p.Errors) == 0 {
				t.Error("no field errors")
			}
			if p.Detail == "" || strings.Contains(p.Detail, "json:") {
				t.Errorf("detail %q: empty or leaks the decoder's message", p.Detail)
			}
			if after := counts(t); after != before {
				t.Fatalf("a refused request changed the data: before %+v, after %+v", before, after)
			}
		})
	}

	t.Run("OKAtTheLimits", func(t *testing.T) {
		// 64 characters of 3 bytes each fit the column on both engines.
		name := strings.Repeat("学", 64)
		u := expectJSON[service.UserView](t, ts.do(t, "POST", "/api/v1/users", admin,
			validUser(func(u map[string]any) { u["name"] = name; u["username"] = strings.Repeat("u", 64) })), http.StatusCreated)
		if u.Name != name {
			t.Fatalf("name = %q", u.Name)
		}
		got := expectJSON[service.UserView](t, ts.do(t, "GET", userPath(u.ID), admin, nil), http.StatusOK)
		if got.Name != name || len(got.Username) != 64 {
			t.Fatalf("stored name %q, username %q", got.Name, got.Username)
		}
		after := counts(t)
		if after.Users != before.Users+1 || after.Audit != before.Audit+1 {
			t.Fatalf("one create: before %+v, after %+v", before, after)
		}
		// A body just under the limit is read.
		fill := strings.Repeat("x", maxBody-200)
		rec := ts.do(t, "POST", "/api/v1/colleges", admin, fmt.Sprintf(`{"name":"限内学院","city":"%s"}`, fill))
		expectProblem(t, rec, http.StatusBadRequest, "invalid") // city too long: read and validated, not refused for size
	})
}
