package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"incubator/model"
	"incubator/service"
)

func userPath(id uint) string { return fmt.Sprintf("/api/v1/users/%d", id) }

func TestUsers(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin")
	tok := admin.AccessToken

	t.Run("OK", func(t *testing.T) {
		body := map[string]any{
			"username": "judge_new", "password": "Judge-2024x", "name": "新评委", "email": "judge@example.com",
			"college_id": 2, "title": "教授", "expertise": []string{"新材料"},
			"roles": []roleBinding{{Role: model.RoleJudge, Domain: "*"}},
		}
		created := expectJSON[service.UserView](t, ts.do(t, "POST", "/api/v1/users", tok, body), http.StatusCreated)
		if created.ID == 0 || created.Username != "judge_new" || created.Status != model.UserActive || created.Version != 1 ||
			created.CollegeID == nil || *created.CollegeID != 2 || len(created.Expertise) != 1 || len(created.Roles) != 1 {
			t.Fatalf("created = %+v", created)
		}
		got := expectJSON[service.UserView](t, ts.do(t, "GET", userPath(created.ID), tok, nil), http.StatusOK)
		if got.Username != created.Username || got.Email != "judge@example.com" || got.Title != "教授" {
			t.Fatalf("got = %+v", got)
		}
		// The new account signs in.
		if s := ts.login(t, "judge_new", "Judge-2024x"); s.User.ID != created.ID {
			t.Fatalf("login as new user: %+v", s.User)
		}

		updated := expectJSON[service.UserView](t, ts.do(t, "PATCH", userPath(created.ID), tok,
			map[string]any{"name": "改名评委", "expertise": []string{"文创", "食品"}, "version": 1}), http.StatusOK)
		if updated.Name != "改名评委" || updated.Version != 2 || len(updated.Expertise) != 2 || updated.Email != "judge@example.com" {
			t.Fatalf("updated = %+v", updated)
		}

		if rec := ts.do(t, "DELETE", userPath(created.ID), tok, nil); rec.Code != http.StatusNoContent {
			t.Fatalf("disable: %d %s", rec.Code, rec.Body)
		}
		got = expectJSON[service.UserView](t, ts.do(t, "GET", userPath(created.ID), tok, nil), http.StatusOK)
		if got.Status != model.UserDisabled {
			t.Fatalf("status after DELETE = %q", got.Status)
		}
		if rec := ts.do(t, "DELETE", userPath(created.ID), tok, nil); rec.Code != http.StatusNoContent {
			t.Fatalf("disabling twice: %d %s", rec.Code, rec.Body)
		}
		disabled := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?status=disabled", tok, nil), http.StatusOK)
		if disabled.Total != 1 || disabled.Items[0].ID != created.ID {
			t.Fatalf("disabled users = %+v", disabled)
		}
	})

	t.Run("ErrConflictStaleVersion", func(t *testing.T) {
		u := ts.createUser(t, tok, "stale_user", nil)
		expectJSON[service.UserView](t, ts.do(t, "PATCH", userPath(u.ID), tok, map[string]any{"name": "first", "version": u.Version}), http.StatusOK)
		p := expectProblem(t, ts.do(t, "PATCH", userPath(u.ID), tok, map[string]any{"name": "second", "version": u.Version}), http.StatusConflict, "conflict")
		if !hasField(p, "version") {
			t.Errorf("errors = %+v", p.Errors)
		}
		got := expectJSON[service.UserView](t, ts.do(t, "GET", userPath(u.ID), tok, nil), http.StatusOK)
		if got.Name != "first" || got.Version != u.Version+1 {
			t.Fatalf("after the stale write: %+v", got)
		}
	})

	t.Run("ErrUsernameTaken", func(t *testing.T) {
		body := map[string]any{"username": "student01", "password": "Passw0rd-x", "name": "dup"}
		p := expectProblem(t, ts.do(t, "POST", "/api/v1/users", tok, body), http.StatusBadRequest, "invalid")
		if !hasField(p, "username") {
			t.Errorf("errors = %+v", p.Errors)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		for _, path := range []string{"/api/v1/users/999999", "/api/v1/users/0", "/api/v1/users/abc", "/api/v1/users/-1"} {
			expectProblem(t, ts.do(t, "GET", path, tok, nil), http.StatusNotFound, "not_found")
		}
		expectProblem(t, ts.do(t, "PATCH", "/api/v1/users/999999", tok, map[string]any{"name": "x", "version": 1}), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "DELETE", "/api/v1/users/999999", tok, nil), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "PUT", "/api/v1/users/999999/roles", tok, []roleBinding{}), http.StatusNotFound, "not_found")
	})

	t.Run("ErrFailedPreconditionSelf", func(t *testing.T) {
		self := admin.User.ID
		expectProblem(t, ts.do(t, "DELETE", userPath(self), tok, nil), http.StatusUnprocessableEntity, "failed_precondition")
		me := expectJSON[service.UserView](t, ts.do(t, "GET", userPath(self), tok, nil), http.StatusOK)
		expectProblem(t, ts.do(t, "PATCH", userPath(self), tok, map[string]any{"status": "disabled", "version": me.Version}),
			http.StatusUnprocessableEntity, "failed_precondition")
		expectProblem(t, ts.do(t, "PUT", userPath(self)+"/roles", tok, []roleBinding{{Role: model.RoleJudge, Domain: "*"}}),
			http.StatusUnprocessableEntity, "failed_precondition")
		expectProblem(t, ts.do(t, "PUT", userPath(self)+"/roles", tok, []roleBinding{}),
			http.StatusUnprocessableEntity, "failed_precondition")
		// Still an active admin.
		me = expectJSON[service.UserView](t, ts.do(t, "GET", userPath(self), tok, nil), http.StatusOK)
		if me.Status != model.UserActive || len(me.Roles) != 1 || me.Roles[0].Role != model.RoleAdmin {
			t.Fatalf("admin after refused changes: %+v", me)
		}
		// Adding a role while keeping admin is fine.
		roles := expectJSON[[]service.RoleBinding](t, ts.do(t, "PUT", userPath(self)+"/roles", tok,
			[]roleBinding{{Role: model.RoleAdmin, Domain: "*"}, {Role: model.RoleJudge, Domain: "*"}}), http.StatusOK)
		if len(roles) != 2 {
			t.Fatalf("roles = %+v", roles)
		}
	})

	t.Run("ErrInvalidRoles", func(t *testing.T) {
		u := ts.createUser(t, tok, "roles_user", []roleBinding{{Role: model.RoleStudent, Domain: "*"}})
		for name, roles := range map[string][]roleBinding{
			"unknown role":     {{Role: "superuser", Domain: "*"}},
			"implicit role":    {{Role: model.RoleAuthenticated, Domain: "*"}},
			"bad domain":       {{Role: model.RoleBaseManager, Domain: "college:1"}},
			"admin in a base":  {{Role: model.RoleAdmin, Domain: "base:2"}},
			"domain injection": {{Role: model.RoleJudge, Domain: "*, admin"}},
		} {
			p := expectProblem(t, ts.do(t, "PUT", userPath(u.ID)+"/roles", tok, roles), http.StatusBadRequest, "invalid")
			if len(p.Errors) == 0 || !strings.HasPrefix(p.Errors[0].Field, "[0].") {
				t.Errorf("%s: errors = %+v", name, p.Errors)
			}
		}
		got := expectJSON[service.UserView](t, ts.do(t, "GET", userPath(u.ID), tok, nil), http.StatusOK)
		if len(got.Roles) != 1 || got.Roles[0].Role != model.RoleStudent {
			t.Fatalf("roles changed by refused requests: %+v", got.Roles)
		}
	})

	t.Run("ErrForbiddenNonAdmin", func(t *testing.T) {
		stu := ts.login(t, "student02")
		expectProblem(t, ts.do(t, "GET", "/api/v1/users", stu.AccessToken, nil), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "POST", "/api/v1/users", stu.AccessToken, map[string]any{"username": "x"}), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "PUT", userPath(stu.User.ID)+"/roles", stu.AccessToken, []roleBinding{{Role: model.RoleAdmin, Domain: "*"}}),
			http.StatusForbidden, "forbidden")
	})

	t.Run("ListEnvelope", func(t *testing.T) {
		all := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?page_size=500", tok, nil), http.StatusOK)
		if all.PageSize != model.MaxPageSize || all.Page != 1 || all.Total < 86 || len(all.Items) != min(int(all.Total), model.MaxPageSize) {
			t.Fatalf("page_size=500: page %d size %d total %d items %d", all.Page, all.PageSize, all.Total, len(all.Items))
		}
		def := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users", tok, nil), http.StatusOK)
		if def.PageSize != model.DefaultPageSize || len(def.Items) != model.DefaultPageSize || def.Total != all.Total {
			t.Fatalf("default page: size %d items %d total %d", def.PageSize, len(def.Items), def.Total)
		}
		p2 := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?page=2&page_size=10&sort=id", tok, nil), http.StatusOK)
		if p2.Page != 2 || len(p2.Items) != 10 || p2.Items[0].ID != all.Items[10].ID {
			t.Fatalf("page 2: %+v", p2)
		}
		desc := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?sort=-username&page_size=3", tok, nil), http.StatusOK)
		if len(desc.Items) != 3 || !(desc.Items[0].Username > desc.Items[1].Username && desc.Items[1].Username > desc.Items[2].Username) {
			t.Fatalf("sort=-username: %v %v %v", desc.Items[0].Username, desc.Items[1].Username, desc.Items[2].Username)
		}
		beyond := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?page=99", tok, nil), http.StatusOK)
		if beyond.Items == nil || len(beyond.Items) != 0 || beyond.Total != all.Total {
			t.Fatalf("page beyond the end: %+v", beyond)
		}
		judges := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?role=judge&q=judge1&page_size=100", tok, nil), http.StatusOK)
		if judges.Total != 10 { // judge10 … judge19
			t.Errorf("role=judge&q=judge1: total %d, want 10", judges.Total)
		}
		for _, u := range judges.Items {
			if len(u.Roles) == 0 || u.Roles[0].Role != model.RoleJudge {
				t.Errorf("role filter let %s (%v) through", u.Username, u.Roles)
			}
		}
		// A LIKE wildcard in q is a literal character.
		if n := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?q=%25", tok, nil), http.StatusOK).Total; n != 0 {
			t.Errorf("q=%% matched %d users", n)
		}
	})
}

func TestCollegeViewerSeesOwnCollege(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin")
	viewer := ts.login(t, "viewer_gdpt")
	college := viewer.User.CollegeID
	if college == nil {
		t.Fatal("viewer_gdpt has no college")
	}

	t.Run("ErrForbiddenBeforeGrant", func(t *testing.T) {
		expectProblem(t, ts.do(t, "GET", "/api/v1/users", viewer.AccessToken, nil), http.StatusForbidden, "forbidden")
	})

	// Grant the route; the object rule in the service limits the rows.
	current := expectJSON[policiesResponse](t, ts.do(t, "GET", "/api/v1/rbac/policies", admin.AccessToken, nil), http.StatusOK)
	items := make([]policy, 0, len(current.Items)+2)
	for _, p := range current.Items {
		items = append(items, policy{Role: p.Role, Domain: p.Domain, Path: p.Path, Method: p.Method})
	}
	items = append(items,
		policy{Role: model.RoleCollegeViewer, Domain: "*", Path: "/api/v1/users", Method: "GET"},
		policy{Role: model.RoleCollegeViewer, Domain: "*", Path: "/api/v1/users/:id", Method: "GET"})
	replaced := expectJSON[policiesResponse](t, ts.do(t, "PUT", "/api/v1/rbac/policies", admin.AccessToken, policiesRequest{Items: items}), http.StatusOK)
	if len(replaced.Items) != len(items) {
		t.Fatalf("replaced: %d policies, sent %d", len(replaced.Items), len(items))
	}

	t.Run("OK", func(t *testing.T) {
		seen := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?page_size=100", viewer.AccessToken, nil), http.StatusOK)
		want := expectJSON[list[service.UserView]](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/users?college_id=%d&page_size=100", *college), admin.AccessToken, nil), http.StatusOK)
		if seen.Total == 0 || seen.Total != want.Total || int64(len(seen.Items)) != min(seen.Total, 100) {
			t.Fatalf("viewer sees %d users (%d items), college %d has %d", seen.Total, len(seen.Items), *college, want.Total)
		}
		for _, u := range seen.Items {
			if u.CollegeID == nil || *u.CollegeID != *college {
				t.Errorf("viewer sees %s of college %v", u.Username, u.CollegeID)
			}
		}
		// Filtering by another college does not widen the view.
		other := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users?college_id=2", viewer.AccessToken, nil), http.StatusOK)
		if other.Total != 0 {
			t.Errorf("viewer sees %d users of college 2", other.Total)
		}
		student01 := ts.userID(t, admin.AccessToken, "student01") // college 1
		expectJSON[service.UserView](t, ts.do(t, "GET", userPath(student01), viewer.AccessToken, nil), http.StatusOK)
	})

	t.Run("ErrNotFoundOtherCollege", func(t *testing.T) {
		student30 := ts.userID(t, admin.AccessToken, "student30") // college 2
		officer := ts.userID(t, admin.AccessToken, "officer")     // no college
		for _, id := range []uint{student30, officer, admin.User.ID} {
			expectProblem(t, ts.do(t, "GET", userPath(id), viewer.AccessToken, nil), http.StatusNotFound, "not_found")
		}
	})

	t.Run("ErrForbiddenWrites", func(t *testing.T) {
		student01 := ts.userID(t, admin.AccessToken, "student01")
		expectProblem(t, ts.do(t, "PATCH", userPath(student01), viewer.AccessToken, map[string]any{"name": "x", "version": 1}), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "DELETE", userPath(student01), viewer.AccessToken, nil), http.StatusForbidden, "forbidden")
	})

	t.Run("StudentGrantedListSeesOnlySelf", func(t *testing.T) {
		items := append(items, policy{Role: model.RoleStudent, Domain: "*", Path: "/api/v1/users", Method: "GET"})
		expectJSON[policiesResponse](t, ts.do(t, "PUT", "/api/v1/rbac/policies", admin.AccessToken, policiesRequest{Items: items}), http.StatusOK)
		stu := ts.login(t, "student03")
		seen := expectJSON[list[service.UserView]](t, ts.do(t, "GET", "/api/v1/users", stu.AccessToken, nil), http.StatusOK)
		if seen.Total != 1 || seen.Items[0].ID != stu.User.ID {
			t.Fatalf("student sees %+v", seen)
		}
	})
}
