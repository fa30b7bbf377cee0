package service_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// addPolicy inserts a route permission straight into casbin_rule (as
// another replica would) and reloads.
func addPolicy(t testing.TB, svc *service.Services, role, domain, path, method string) {
	t.Helper()
	if err := svc.DB.Create(&model.CasbinRule{Ptype: "p", V0: role, V1: domain, V2: path, V3: method}).Error; err != nil {
		t.Fatal(err)
	}
	if err := svc.Authz.Reload(); err != nil {
		t.Fatal(err)
	}
}

func TestAuthorizerAllowed(t *testing.T) {
	svc, _ := servicetest.New(t)
	for _, tc := range []struct {
		user, method, path string
		want               bool
	}{
		{"admin", "GET", "/api/v1/users", true},
		{"admin", "PUT", "/api/v1/users/:id/roles", true},
		{"admin", "PUT", "/api/v1/rbac/policies", true},
		{"admin", "GET", "/api/v1/audit-logs", true},
		{"admin", "GET", "/api/v1/me", true}, // through "authenticated"
		{"admin", "GET", "/api/v1/unknown", false},
		{"admin", "DELETE", "/api/v1/colleges/:id", false}, // no such permission, even for admin
		{"student01", "GET", "/api/v1/me", true},
		{"student01", "POST", "/api/v1/me/password", true},
		{"student01", "GET", "/api/v1/colleges/:id", true},
		{"student01", "POST", "/api/v1/colleges", false},
		{"student01", "GET", "/api/v1/users", false},
		{"student01", "PUT", "/api/v1/users/:id/roles", false},
		{"student01", "GET", "/api/v1/users/1", false}, // raw URIs never match
		{"student01", "get", "/api/v1/me", false},
		{"manager_gdpt", "GET", "/api/v1/colleges", true},
		{"manager_gdpt", "GET", "/api/v1/users", false},
		{"manager_gdpt", "GET", "/api/v1/rbac/policies", false},
		{"officer", "GET", "/metrics", false},
	} {
		if got := svc.Authz.Allowed(actorOf(t, svc, tc.user), tc.path, tc.method); got != tc.want {
			t.Errorf("%s %s %s = %v, want %v", tc.user, tc.method, tc.path, got, tc.want)
		}
	}
}

func TestAuthorizerDomains(t *testing.T) {
	svc, _ := servicetest.New(t)
	addPolicy(t, svc, model.RoleBaseManager, "base:2", "/api/v1/test/base-only/:id", "PATCH")
	addPolicy(t, svc, model.RoleBaseManager, model.DomainAll, "/api/v1/test/every-base", "GET")
	addPolicy(t, svc, model.RoleJudge, model.DomainAll, "/api/v1/judge/assignments", "GET")
	gdpt, gdkm := actorOf(t, svc, "manager_gdpt"), actorOf(t, svc, "manager_gdkm")

	t.Run("OKPolicyInItsDomainOnly", func(t *testing.T) {
		if !svc.Authz.Allowed(gdpt, "/api/v1/test/base-only/:id", "PATCH") {
			t.Error("manager of base 2 refused a base:2 permission")
		}
		if svc.Authz.Allowed(gdkm, "/api/v1/test/base-only/:id", "PATCH") {
			t.Error("manager of base 3 holds a base:2 permission")
		}
	})

	t.Run("OKStarPolicyInEveryDomain", func(t *testing.T) {
		if !svc.Authz.Allowed(gdpt, "/api/v1/test/every-base", "GET") || !svc.Authz.Allowed(gdkm, "/api/v1/test/every-base", "GET") {
			t.Error(`a "*" policy must apply in whichever domain the role is held`)
		}
	})

	t.Run("OKUnionOfRoles", func(t *testing.T) {
		admin := actorOf(t, svc, "admin")
		both := userID(t, svc, "judge05")
		if _, err := svc.Users.SetRoles(ctx, admin, both, []service.RoleBinding{
			{Role: model.RoleBaseManager, Domain: "base:2"}, {Role: model.RoleJudge, Domain: model.DomainAll},
		}); err != nil {
			t.Fatal(err)
		}
		a := actorOf(t, svc, "judge05")
		for _, p := range [][2]string{{"/api/v1/test/base-only/:id", "PATCH"}, {"/api/v1/test/every-base", "GET"}, {"/api/v1/judge/assignments", "GET"}, {"/api/v1/me", "GET"}} {
			if !svc.Authz.Allowed(a, p[0], p[1]) {
				t.Errorf("judge+manager refused %s %s", p[1], p[0])
			}
		}
		if svc.Authz.Allowed(a, "/api/v1/users", "GET") {
			t.Error("judge+manager allowed an admin route")
		}
		judge := actorOf(t, svc, "judge06")
		if !svc.Authz.Allowed(judge, "/api/v1/judge/assignments", "GET") || svc.Authz.Allowed(judge, "/api/v1/test/base-only/:id", "PATCH") {
			t.Error("a plain judge's permissions are wrong")
		}
		if svc.Authz.Allowed(gdpt, "/api/v1/judge/assignments", "GET") {
			t.Error("a plain manager holds a judge permission")
		}
	})

	t.Run("ErrActorRolesAreNotTrusted", func(t *testing.T) {
		// Claimed roles that the database does not grant give nothing.
		fake := actorOf(t, svc, "student01")
		fake.Roles = append(fake.Roles, service.RoleBinding{Role: model.RoleAdmin, Domain: model.DomainAll})
		if svc.Authz.Allowed(fake, "/api/v1/users", "GET") {
			t.Error("an actor's role list granted a permission casbin does not hold")
		}
	})
}

func TestAuthorizerReload(t *testing.T) {
	svc, _ := servicetest.New(t)
	student := actorOf(t, svc, "student01")
	const path = "/api/v1/test/reloaded"
	if svc.Authz.Allowed(student, path, "GET") { // also primes the decision cache
		t.Fatal("allowed before the policy exists")
	}
	rule := model.CasbinRule{Ptype: "p", V0: model.RoleStudent, V1: model.DomainAll, V2: path, V3: "GET"}
	if err := svc.DB.Create(&rule).Error; err != nil {
		t.Fatal(err)
	}
	if svc.Authz.Allowed(student, path, "GET") {
		t.Fatal("a policy was picked up without Reload")
	}
	if err := svc.Authz.Reload(); err != nil {
		t.Fatal(err)
	}
	if !svc.Authz.Allowed(student, path, "GET") {
		t.Fatal("Reload did not pick up the new policy (stale cache?)")
	}
	if err := svc.DB.Delete(&rule).Error; err != nil {
		t.Fatal(err)
	}
	if err := svc.Authz.Reload(); err != nil {
		t.Fatal(err)
	}
	if svc.Authz.Allowed(student, path, "GET") {
		t.Fatal("a removed policy is still allowed after Reload")
	}

	t.Run("OKRoleBindings", func(t *testing.T) {
		// Role changes reach both RolesOf and the enforcer.
		if svc.Authz.Allowed(student, "/api/v1/users", "GET") {
			t.Fatal("student allowed an admin route")
		}
		if err := svc.DB.Create(&model.CasbinRule{Ptype: "g", V0: service.Subject(student.UserID), V1: model.RoleAdmin, V2: model.DomainAll}).Error; err != nil {
			t.Fatal(err)
		}
		if err := svc.Authz.Reload(); err != nil {
			t.Fatal(err)
		}
		promoted := actorOf(t, svc, "student01")
		if !promoted.IsAdmin() || !svc.Authz.Allowed(promoted, "/api/v1/users", "GET") {
			t.Fatalf("new binding not picked up: %v", promoted.Roles)
		}
		if !slices.Contains(svc.Authz.UsersWithRole(model.RoleAdmin), student.UserID) {
			t.Fatal("UsersWithRole misses the new admin")
		}
	})
}

func TestAuthorizerPermissions(t *testing.T) {
	svc, _ := servicetest.New(t)
	perms := svc.Authz.Permissions(actorOf(t, svc, "student01"))
	if !slices.Contains(perms, service.Permission{Method: "GET", Path: "/api/v1/me"}) {
		t.Fatalf("student permissions miss GET /me: %v", perms)
	}
	if slices.Contains(perms, service.Permission{Method: "GET", Path: "/api/v1/users"}) {
		t.Fatalf("student permissions list an admin route: %v", perms)
	}
	if !slices.Contains(svc.Authz.Permissions(actorOf(t, svc, "admin")), service.Permission{Method: "PUT", Path: "/api/v1/rbac/policies"}) {
		t.Fatal("admin permissions miss PUT /rbac/policies")
	}
}

// knownRoutes is every route of the current policies plus extra ones.
func knownRoutes(svc *service.Services, extra ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range svc.RBAC.List(ctx) {
		m[p.Method+" "+p.Path] = true
	}
	for _, r := range extra {
		m[r] = true
	}
	return m
}

func TestRBACReplace(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		before := svc.RBAC.List(ctx)
		routes := knownRoutes(svc, "GET /api/v1/test/reloaded")
		add := service.Policy{Role: model.RoleStudent, Domain: model.DomainAll, Path: "/api/v1/test/reloaded", Method: "GET"}
		var drop service.Policy            // remove admin's GET /metrics
		next := []service.Policy{add, add} // duplicates collapse
		for _, p := range before {
			if p.Path == "/metrics" {
				drop = p
				continue
			}
			next = append(next, p)
		}
		n := auditCount(t, svc)
		got, err := svc.RBAC.Replace(ctx, admin, next, routes)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(before) || !slices.Contains(got, add) || slices.Contains(got, drop) {
			t.Fatalf("policies = %v", got)
		}
		student := actorOf(t, svc, "student01")
		if !svc.Authz.Allowed(student, "/api/v1/test/reloaded", "GET") || svc.Authz.Allowed(admin, "/metrics", "GET") {
			t.Fatal("the enforcer does not reflect the new policies")
		}
		wantAuditDelta(t, svc, n, 1)
		a := lastAudit(t, svc)
		var auditBefore, auditAfter []service.Policy
		if json.Unmarshal([]byte(a.Before), &auditBefore) != nil || json.Unmarshal([]byte(a.After), &auditAfter) != nil {
			t.Fatalf("audit before/after are not policy lists: %+v", a)
		}
		if a.Action != "rbac.policies_replaced" || !slices.Equal(auditBefore, before) || !slices.Equal(auditAfter, got) {
			t.Fatalf("audit = %s\nbefore %v\nafter %v", a.Action, auditBefore, auditAfter)
		}
	})

	t.Run("ErrFailedPrecondition", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		before := svc.RBAC.List(ctx)
		n := auditCount(t, svc)
		for _, method := range []string{"GET", "PUT"} {
			var next []service.Policy
			for _, p := range before {
				if p.Role == model.RoleAdmin && p.Path == "/api/v1/rbac/policies" && p.Method == method {
					continue
				}
				next = append(next, p)
			}
			_, err := svc.RBAC.Replace(ctx, admin, next, knownRoutes(svc))
			wantCode(t, err, model.CodeFailedPrecondition)
		}
		// Granting it in a base domain only does not count.
		_, err := svc.RBAC.Replace(ctx, admin, []service.Policy{
			{Role: model.RoleAdmin, Domain: "base:2", Path: "/api/v1/rbac/policies", Method: "GET"},
			{Role: model.RoleAdmin, Domain: "base:2", Path: "/api/v1/rbac/policies", Method: "PUT"},
		}, knownRoutes(svc))
		wantCode(t, err, model.CodeFailedPrecondition)
		_, err = svc.RBAC.Replace(ctx, admin, nil, knownRoutes(svc))
		wantCode(t, err, model.CodeFailedPrecondition)
		wantAuditDelta(t, svc, n, 0)
		if !slices.Equal(svc.RBAC.List(ctx), before) {
			t.Fatal("a refused replace changed the policies")
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		before := svc.RBAC.List(ctx)
		n := auditCount(t, svc)
		bad := []service.Policy{
			{Role: "root", Domain: "*", Path: "/api/v1/me", Method: "GET"},
			{Role: model.RoleStudent, Domain: "*", Path: "/api/v1/me", Method: "FETCH"},
			{Role: model.RoleStudent, Domain: "*", Path: "/api/v1/nope", Method: "GET"},
			{Role: model.RoleStudent, Domain: "base:abc", Path: "/api/v1/me", Method: "GET"},
			{Role: model.RoleStudent, Domain: "*", Path: "/api/v1/users/5", Method: "GET"}, // raw URI, not a template
		}
		_, err := svc.RBAC.Replace(ctx, admin, append(bad, before...), knownRoutes(svc))
		wantFields(t, err, "items[0].role", "items[1].method", "items[2].path", "items[3].domain", "items[4].path")
		wantAuditDelta(t, svc, n, 0)
		if !slices.Equal(svc.RBAC.List(ctx), before) {
			t.Fatal("a refused replace changed the policies")
		}
	})
}

// TestAuthorizerReloadUnderLoad changes a policy while requests keep
// asking about it: once Reload returns, no decision made with the old
// policy may linger in the decision cache.
func TestAuthorizerReloadUnderLoad(t *testing.T) {
	svc, _ := servicetest.New(t)
	student := actorOf(t, svc, "student01")
	const path = "/api/v1/test/reloaded"
	rule := model.CasbinRule{Ptype: "p", V0: model.RoleStudent, V1: model.DomainAll, V2: path, V3: "GET"}
	for round := range 20 {
		granted := round%2 == 0
		var err error
		if granted {
			rule.ID = 0
			err = svc.DB.Create(&rule).Error
		} else {
			err = svc.DB.Delete(&rule).Error
		}
		if err != nil {
			t.Fatal(err)
		}
		stop, running, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			for i := 0; ; i++ {
				svc.Authz.Allowed(student, path, "GET")
				if i == 0 {
					close(running)
				}
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
		<-running
		if err := svc.Authz.Reload(); err != nil {
			t.Fatal(err)
		}
		close(stop)
		<-done
		if got := svc.Authz.Allowed(student, path, "GET"); got != granted {
			t.Fatalf("round %d: Allowed = %v after Reload, want %v (stale cached decision)", round, got, granted)
		}
	}
}

// TestAuthorizerConcurrentReloads lets role changes from two admins race:
// the later committed change must win in the enforcer and in RolesOf.
func TestAuthorizerConcurrentReloads(t *testing.T) {
	svc, _ := servicetest.New(t)
	admin := actorOf(t, svc, "admin")
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprintf("judge%02d", i+1)
			if _, err := svc.Users.SetRoles(ctx, admin, userID(t, svc, user), []service.RoleBinding{
				{Role: model.RoleJudge, Domain: model.DomainAll}, {Role: model.RolePolicyOfficer, Domain: model.DomainAll},
			}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for i := range 6 {
		user := fmt.Sprintf("judge%02d", i+1)
		if a := actorOf(t, svc, user); !a.HasIn(model.RolePolicyOfficer, model.DomainAll) {
			t.Errorf("%s roles = %v: a concurrent Reload applied an older snapshot", user, a.Roles)
		}
	}
}
