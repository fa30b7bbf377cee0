package api

import (
	"encoding/json"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

// publicRoutes is the complete list of routes answered without a token.
// Adding to it is a security decision: it must be made here, on purpose.
var publicRoutes = map[string]bool{
	"POST /api/v1/auth/login":    true,
	"POST /api/v1/auth/refresh":  true,
	"GET /api/v1/auth/register":  true,
	"POST /api/v1/auth/register": true,
	"GET /healthz":               true,
	"GET /readyz":                true,
	"GET /api/openapi.json":      true,
	"GET /api/docs":              true,
	// Deliberately public (security decision): the public page lists the
	// competitions that are not drafts — names, windows, tracks and entry
	// counts only, no personal data.
	"GET /api/v1/public/competitions": true,
}

var pathParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// concrete fills a route template's parameters with the harmless id 1.
func concrete(path string) string { return pathParam.ReplaceAllString(path, "1") }

// walk sends one request per route: an empty JSON object as the body of
// writes, id 1 for every path parameter.
func walk(t *testing.T, ts *testServer, routes gin.RoutesInfo, token string, check func(t *testing.T, r gin.RouteInfo, rec *httpRecorder)) {
	t.Helper()
	for _, r := range routes {
		var body any
		if r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH" {
			body = "{}"
		}
		rec := ts.do(t, r.Method, concrete(r.Path), token, body)
		check(t, r, rec)
	}
}

func key(r gin.RouteInfo) string { return r.Method + " " + r.Path }

// policiesByRoute reads every route permission as admin: "METHOD path" →
// roles granted it.
func policiesByRoute(t *testing.T, ts *testServer, adminToken string) map[string][]string {
	t.Helper()
	resp := expectJSON[policiesResponse](t, ts.do(t, "GET", "/api/v1/rbac/policies", adminToken, nil), http.StatusOK)
	out := map[string][]string{}
	for _, p := range resp.Items {
		out[p.Method+" "+p.Path] = append(out[p.Method+" "+p.Path], p.Role)
	}
	return out
}

func TestRoutes(t *testing.T) {
	ts := newTestServer(t)
	routes := ts.srv.Routes()
	if len(routes) < 20 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	admin := ts.login(t, "admin")
	policies := policiesByRoute(t, ts, admin.AccessToken)

	var protected gin.RoutesInfo
	for _, r := range routes {
		if !publicRoutes[key(r)] {
			protected = append(protected, r)
		}
	}

	t.Run("PublicSetIsExplicit", func(t *testing.T) {
		got := ts.srv.PublicRoutes()
		if !maps.Equal(got, publicRoutes) {
			t.Fatalf("server.PublicRoutes() = %v\nwant exactly %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(publicRoutes)))
		}
		registered := map[string]bool{}
		for _, r := range routes {
			registered[key(r)] = true
		}
		for k := range publicRoutes {
			if !registered[k] {
				t.Errorf("public route %s is not registered", k)
			}
		}
	})

	t.Run("PublicAnswerWithoutToken", func(t *testing.T) {
		for k := range publicRoutes {
			method, path, _ := strings.Cut(k, " ")
			var body any
			if method == "POST" {
				body = "{}"
			}
			rec := ts.do(t, method, path, "", body)
			if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden || rec.Code >= 500 {
				t.Errorf("%s without a token: %d %s", k, rec.Code, rec.Body)
			}
		}
	})

	t.Run("ErrUnauthenticated", func(t *testing.T) {
		for _, r := range protected {
			for _, token := range []string{"", "not-a-jwt"} {
				rec := ts.do(t, r.Method, concrete(r.Path), token, nil)
				if rec.Code != http.StatusUnauthorized {
					t.Errorf("%s with token %q: status %d, want 401", key(r), token, rec.Code)
					continue
				}
				if p, err := problemOf(rec); err != nil || p.Code != model.CodeUnauthenticated {
					t.Errorf("%s: want problem code unauthenticated: %v %s", key(r), err, rec.Body)
				}
				if rec.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("%s: 401 without WWW-Authenticate", key(r))
				}
			}
		}
	})

	t.Run("EveryProtectedRouteHasAPolicy", func(t *testing.T) {
		for _, r := range protected {
			if len(policies[key(r)]) == 0 {
				t.Errorf("%s has no route permission: no role can call it (add one in a migration)", key(r))
			}
		}
	})

	t.Run("ErrForbiddenWithoutRoles", func(t *testing.T) {
		nobody := ts.createUser(t, admin.AccessToken, "nobody_routes", nil)
		if len(nobody.Roles) != 0 {
			t.Fatalf("user created with roles %v", nobody.Roles)
		}
		tok := ts.login(t, "nobody_routes", "Passw0rd-nobody_routes").AccessToken
		granted := 0
		walk(t, ts, protected, tok, func(t *testing.T, r gin.RouteInfo, rec *httpRecorder) {
			if slices.Contains(policies[key(r)], model.RoleAuthenticated) {
				granted++
				if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden {
					t.Errorf("%s is granted to every signed-in user, got %d %s", key(r), rec.Code, rec.Body)
				}
				return
			}
			if rec.Code != http.StatusForbidden {
				t.Errorf("%s as a user without roles: status %d, want 403", key(r), rec.Code)
				return
			}
			if p, err := problemOf(rec); err != nil || p.Code != model.CodeForbidden {
				t.Errorf("%s: want problem code forbidden: %v", key(r), err)
			}
		})
		if granted == 0 {
			t.Error("no route is granted to every signed-in user (GET /api/v1/me should be)")
		}
	})

	t.Run("ErrForbiddenStudentOnAdminRoutes", func(t *testing.T) {
		tok := ts.login(t, "student01").AccessToken
		adminOnly := 0
		for _, r := range protected {
			roles := policies[key(r)]
			if len(roles) == 0 || slices.ContainsFunc(roles, func(role string) bool { return role != model.RoleAdmin }) {
				continue
			}
			adminOnly++
			var body any
			if r.Method != "GET" && r.Method != "DELETE" {
				body = "{}"
			}
			rec := ts.do(t, r.Method, concrete(r.Path), tok, body)
			if p, err := problemOf(rec); rec.Code != http.StatusForbidden || err != nil || p.Code != model.CodeForbidden {
				t.Errorf("%s as student: %d %s, want 403 forbidden", key(r), rec.Code, rec.Body)
			}
		}
		if adminOnly < 5 {
			t.Errorf("only %d admin-only routes found; the policy listing looks wrong", adminOnly)
		}
	})

	t.Run("AdminNeverForbidden", func(t *testing.T) {
		// Last: admin's calls may change data (harmlessly: bodies are empty).
		walk(t, ts, routes, admin.AccessToken, func(t *testing.T, r gin.RouteInfo, rec *httpRecorder) {
			if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden || rec.Code >= 500 {
				t.Errorf("%s as admin: %d %s", key(r), rec.Code, rec.Body)
			}
		})
		// Still signed in: the walk did not lock admin out.
		expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", admin.AccessToken, nil), http.StatusOK)
	})

	t.Run("OpenAPIListsEveryRoute", func(t *testing.T) {
		rec := ts.do(t, "GET", "/api/openapi.json", "", nil)
		doc := expectJSON[struct {
			OpenAPI string                                `json:"openapi"`
			Paths   map[string]map[string]json.RawMessage `json:"paths"`
		}](t, rec, http.StatusOK)
		if !strings.HasPrefix(doc.OpenAPI, "3.") {
			t.Errorf("openapi = %q", doc.OpenAPI)
		}
		documented := 0
		for _, r := range routes {
			p := pathParam.ReplaceAllString(r.Path, "{$1}")
			op, ok := doc.Paths[p][strings.ToLower(r.Method)]
			if !ok {
				t.Errorf("%s %s is not in the OpenAPI document", r.Method, p)
				continue
			}
			var o struct {
				Security []map[string][]string `json:"security"`
			}
			_ = json.Unmarshal(op, &o)
			if public := publicRoutes[key(r)]; public == (len(o.Security) > 0) {
				t.Errorf("%s %s: documented security %v, public=%v", r.Method, p, o.Security, public)
			}
			documented++
		}
		ops := 0
		for _, item := range doc.Paths {
			for m := range item {
				if slices.Contains([]string{"get", "post", "put", "patch", "delete"}, m) {
					ops++
				}
			}
		}
		if ops != documented {
			t.Errorf("the document has %d operations, the router %d routes", ops, documented)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		for _, path := range []string{"/api/v1/nope", "/api/v2/users", "/api/", "/api"} {
			expectProblem(t, ts.do(t, "GET", path, admin.AccessToken, nil), http.StatusNotFound, "not_found")
		}
		// Writes to unknown non-API paths are not served the UI.
		expectProblem(t, ts.do(t, "POST", "/somewhere", "", "{}"), http.StatusNotFound, "not_found")
	})

	t.Run("ErrMethodNotAllowed", func(t *testing.T) {
		rec := ts.do(t, "DELETE", "/api/v1/colleges", admin.AccessToken, nil)
		expectProblem(t, rec, http.StatusMethodNotAllowed, "method_not_allowed")
		if allow := rec.Header().Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
			t.Errorf("Allow = %q, want GET and POST", allow)
		}
		expectProblem(t, ts.do(t, "PUT", "/healthz", "", nil), http.StatusMethodNotAllowed, "method_not_allowed")
	})

	t.Run("SPAFallback", func(t *testing.T) {
		for _, path := range []string{"/", "/judging/rounds/3", "/login"} {
			rec := ts.do(t, "GET", path, "", nil)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "incubator-spa") {
				t.Errorf("GET %s: %d %q, want index.html", path, rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("GET %s: Content-Type %q", path, ct)
			}
		}
		rec := ts.do(t, "GET", "/assets/app.js", "", nil)
		if rec.Code != http.StatusOK || rec.Body.String() != "console.log('app')" {
			t.Errorf("GET /assets/app.js: %d %q", rec.Code, rec.Body)
		}
		if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("asset Cache-Control = %q", cc)
		}
	})
}
