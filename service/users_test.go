package service_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func ptr[T any](v T) *T { return &v }

func newJudge(username string) service.NewUser {
	return service.NewUser{
		Username: username, Password: "Judge-pass-2024", Name: "新评委", Title: "教授", Expertise: []string{"新材料"},
		Roles: []service.RoleBinding{{Role: model.RoleJudge, Domain: model.DomainAll}},
	}
}

func TestUsersCreate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		n := auditCount(t, svc)
		in := newJudge("judge_new")
		in.CollegeID = actorOf(t, svc, "viewer_gdpt").CollegeID
		v, err := svc.Users.Create(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if v.ID == 0 || v.Username != "judge_new" || v.Status != model.UserActive || v.Version != 1 ||
			!slices.Equal(v.Expertise, []string{"新材料"}) || !slices.Equal(v.Roles, in.Roles) {
			t.Fatalf("view = %+v", v)
		}
		if got := svc.Authz.RolesOf(v.ID); !slices.Equal(got, in.Roles) {
			t.Fatalf("roles = %v", got)
		}
		wantAuditDelta(t, svc, n, 1)
		a := lastAudit(t, svc)
		if a.Action != "user.created" || a.EntityID != jsonNumber(v.ID) || a.ActorName != "admin" || a.After == "" {
			t.Fatalf("audit = %+v", a)
		}
		if strings.Contains(a.After, "argon2") || strings.Contains(a.After, "Judge-pass") {
			t.Fatalf("audit leaks the password: %s", a.After)
		}
		if _, err := svc.Auth.Login(ctx, "judge_new", "Judge-pass-2024", client); err != nil {
			t.Fatalf("new user cannot sign in: %v", err)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		n := auditCount(t, svc)
		for _, who := range []string{"student01", "manager_gdpt", "viewer_gdpt"} {
			_, err := svc.Users.Create(ctx, actorOf(t, svc, who), newJudge("judge_new"))
			wantCode(t, err, model.CodeForbidden)
		}
		wantAuditDelta(t, svc, n, 0)
		var c int64
		svc.DB.Model(&model.User{}).Where("username = ?", "judge_new").Count(&c)
		if c != 0 {
			t.Fatal("a forbidden create wrote a user")
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		n := auditCount(t, svc)
		users := countUsers(t, svc)
		for name, tc := range map[string]struct {
			edit   func(*service.NewUser)
			fields []string
		}{
			"duplicate username": {func(u *service.NewUser) { u.Username = "student01" }, []string{"username"}},
			"unknown role":       {func(u *service.NewUser) { u.Roles = []service.RoleBinding{{Role: "wizard", Domain: "*"}} }, []string{"[0].role"}},
			"authenticated role": {func(u *service.NewUser) {
				u.Roles = []service.RoleBinding{{Role: model.RoleAuthenticated, Domain: "*"}}
			}, []string{"[0].role"}},
			"bad domain": {func(u *service.NewUser) {
				u.Roles = []service.RoleBinding{{Role: model.RoleJudge, Domain: "*"}, {Role: model.RoleBaseManager, Domain: "base:abc"}}
			}, []string{"[1].domain"}},
			"admin in a base": {func(u *service.NewUser) { u.Roles = []service.RoleBinding{{Role: model.RoleAdmin, Domain: "base:2"}} }, []string{"[0].domain"}},
			"weak password":   {func(u *service.NewUser) { u.Password = "password" }, []string{"password"}},
			"unknown college": {func(u *service.NewUser) { u.CollegeID = ptr(uint(99999)) }, []string{"college_id"}},
		} {
			in := newJudge("judge_new")
			tc.edit(&in)
			_, err := svc.Users.Create(ctx, admin, in)
			if model.ErrorCode(err) != model.CodeInvalid {
				t.Fatalf("%s: got %v, want invalid", name, err)
			}
			wantFields(t, err, tc.fields...)
		}
		wantAuditDelta(t, svc, n, 0)
		if countUsers(t, svc) != users {
			t.Fatal("a refused create wrote a user")
		}
	})
}

func jsonNumber(id uint) string { b, _ := json.Marshal(id); return string(b) }

func countUsers(t testing.TB, svc *service.Services) int64 {
	t.Helper()
	var n int64
	if err := svc.DB.Model(&model.User{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUsersUpdate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		u := userByName(t, svc, "judge03")
		n := auditCount(t, svc)
		v, err := svc.Users.Update(ctx, admin, u.ID, service.UserUpdate{
			Name: ptr("  王教授 "), Title: ptr("研究员"), Expertise: ptr([]string{"文创", "食品"}), Version: u.Version,
		})
		if err != nil {
			t.Fatal(err)
		}
		if v.Name != "王教授" || v.Title != "研究员" || !slices.Equal(v.Expertise, []string{"文创", "食品"}) || v.Version != u.Version+1 {
			t.Fatalf("view = %+v", v)
		}
		stored := userByName(t, svc, "judge03")
		if stored.Name != "王教授" || !slices.Equal(stored.Expertise, []string{"文创", "食品"}) || stored.TokenVersion != u.TokenVersion {
			t.Fatalf("stored = %+v", stored)
		}
		wantAuditDelta(t, svc, n, 1)
		a := lastAudit(t, svc)
		var before, after service.UserView
		if json.Unmarshal([]byte(a.Before), &before) != nil || json.Unmarshal([]byte(a.After), &after) != nil {
			t.Fatalf("audit before/after not JSON: %+v", a)
		}
		if a.Action != "user.updated" || before.Name != u.Name || after.Name != "王教授" || after.Version != u.Version+1 {
			t.Fatalf("audit = %+v", a)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		n := auditCount(t, svc)
		u := userByName(t, svc, "student01")
		for _, who := range []string{"student01", "manager_gdpt", "viewer_gdpt", "officer"} {
			_, err := svc.Users.Update(ctx, actorOf(t, svc, who), u.ID, service.UserUpdate{Name: ptr("x"), Version: u.Version})
			wantCode(t, err, model.CodeForbidden)
		}
		wantAuditDelta(t, svc, n, 0)
	})

	t.Run("ErrConflict", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		u := userByName(t, svc, "judge03")
		if _, err := svc.Users.Update(ctx, admin, u.ID, service.UserUpdate{Name: ptr("first"), Version: u.Version}); err != nil {
			t.Fatal(err)
		}
		n := auditCount(t, svc)
		// A second writer that read the same version loses, and none of
		// its changes (the expertise column is written separately) stick.
		_, err := svc.Users.Update(ctx, admin, u.ID, service.UserUpdate{Name: ptr("second"), Expertise: ptr([]string{"x"}), Version: u.Version})
		wantCode(t, err, model.CodeConflict)
		if f := model.AsError(err).Fields; len(f) != 1 || f[0].Field != "version" {
			t.Fatalf("fields = %+v", f)
		}
		wantAuditDelta(t, svc, n, 0)
		stored := userByName(t, svc, "judge03")
		if stored.Name != "first" || !slices.Equal(stored.Expertise, u.Expertise) {
			t.Fatalf("stale update leaked: %+v", stored)
		}
	})

	t.Run("ErrFailedPrecondition", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		u := userByName(t, svc, "admin")
		n := auditCount(t, svc)
		_, err := svc.Users.Update(ctx, admin, admin.UserID, service.UserUpdate{Status: ptr(model.UserDisabled), Version: u.Version})
		wantCode(t, err, model.CodeFailedPrecondition)
		wantCode(t, svc.Users.Disable(ctx, admin, admin.UserID), model.CodeFailedPrecondition)
		wantAuditDelta(t, svc, n, 0)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		_, err := svc.Users.Update(ctx, actorOf(t, svc, "admin"), 99999, service.UserUpdate{Name: ptr("x"), Version: 1})
		wantCode(t, err, model.CodeNotFound)
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		u := userByName(t, svc, "student01")
		_, err := svc.Users.Update(ctx, admin, u.ID, service.UserUpdate{Status: ptr("deleted"), Version: u.Version})
		wantFields(t, err, "status")
		_, err = svc.Users.Update(ctx, admin, u.ID, service.UserUpdate{CollegeID: ptr(uint(99999)), Version: u.Version})
		wantFields(t, err, "college_id")
	})
}

func TestUsersDisable(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		s := login(t, svc, "judge01")
		n := auditCount(t, svc)
		if err := svc.Users.Disable(ctx, admin, s.User.ID); err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, svc, n, 1)
		u := userByName(t, svc, "judge01")
		if u.Status != model.UserDisabled || u.TokenVersion != 2 {
			t.Fatalf("user = %+v", u)
		}
		for _, rt := range familyTokens(t, svc, u.ID) {
			if rt.RevokedAt == nil {
				t.Fatalf("refresh token %d survived disabling", rt.ID)
			}
		}
		if err := svc.Users.Disable(ctx, admin, s.User.ID); err != nil {
			t.Fatalf("disabling twice: %v", err)
		}
		wantAuditDelta(t, svc, n, 1) // the repeat changes nothing and records nothing
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		viewer := actorOf(t, svc, "viewer_gdpt")
		var sameCollege model.User
		if err := svc.DB.Where("college_id = ? AND username LIKE ?", *viewer.CollegeID, "student%").First(&sameCollege).Error; err != nil {
			t.Fatal(err)
		}
		// Visible to the viewer, but not theirs to change.
		wantCode(t, svc.Users.Disable(ctx, viewer, sameCollege.ID), model.CodeForbidden)
		wantCode(t, svc.Users.Disable(ctx, actorOf(t, svc, "student01"), userID(t, svc, "student01")), model.CodeForbidden)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		// Users the actor cannot see answer not_found, not forbidden.
		wantCode(t, svc.Users.Disable(ctx, actorOf(t, svc, "student01"), userID(t, svc, "student02")), model.CodeNotFound)
		wantCode(t, svc.Users.Disable(ctx, actorOf(t, svc, "admin"), 99999), model.CodeNotFound)
	})
}

func TestUsersSetRoles(t *testing.T) {
	judge := service.RoleBinding{Role: model.RoleJudge, Domain: model.DomainAll}
	student := service.RoleBinding{Role: model.RoleStudent, Domain: model.DomainAll}
	manager2 := service.RoleBinding{Role: model.RoleBaseManager, Domain: "base:2"}

	t.Run("OK", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		u := userByName(t, svc, "student01")
		n := auditCount(t, svc)
		got, err := svc.Users.SetRoles(ctx, admin, u.ID, []service.RoleBinding{student, judge, student})
		if err != nil {
			t.Fatal(err)
		}
		want := []service.RoleBinding{judge, student} // sorted, deduplicated
		if !slices.Equal(got, want) || !slices.Equal(svc.Authz.RolesOf(u.ID), want) {
			t.Fatalf("roles = %v / %v, want %v", got, svc.Authz.RolesOf(u.ID), want)
		}
		wantAuditDelta(t, svc, n, 1)
		a := lastAudit(t, svc)
		var before, after []service.RoleBinding
		if json.Unmarshal([]byte(a.Before), &before) != nil || json.Unmarshal([]byte(a.After), &after) != nil {
			t.Fatalf("audit = %+v", a)
		}
		if a.Action != "user.roles_set" || !slices.Equal(before, []service.RoleBinding{student}) || !slices.Equal(after, want) {
			t.Fatalf("audit = %+v", a)
		}
		if tv := userByName(t, svc, "student01").TokenVersion; tv != u.TokenVersion {
			t.Fatalf("adding a role bumped the token version to %d", tv)
		}

		if _, err := svc.Users.SetRoles(ctx, admin, u.ID, []service.RoleBinding{manager2}); err != nil {
			t.Fatal(err)
		}
		if tv := userByName(t, svc, "student01").TokenVersion; tv != u.TokenVersion+1 {
			t.Fatalf("removing a role: token version %d, want %d", tv, u.TokenVersion+1)
		}
		wantAuditDelta(t, svc, n, 2)
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		n := auditCount(t, svc)
		for _, who := range []string{"student01", "manager_gdpt", "judge01"} {
			_, err := svc.Users.SetRoles(ctx, actorOf(t, svc, who), actorOf(t, svc, who).UserID, []service.RoleBinding{{Role: model.RoleAdmin, Domain: "*"}})
			wantCode(t, err, model.CodeForbidden)
		}
		wantAuditDelta(t, svc, n, 0)
		if actorOf(t, svc, "student01").IsAdmin() {
			t.Fatal("a student made themselves admin")
		}
	})

	t.Run("ErrFailedPrecondition", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		n := auditCount(t, svc)
		_, err := svc.Users.SetRoles(ctx, admin, admin.UserID, []service.RoleBinding{judge})
		wantCode(t, err, model.CodeFailedPrecondition)
		_, err = svc.Users.SetRoles(ctx, admin, admin.UserID, nil)
		wantCode(t, err, model.CodeFailedPrecondition)
		wantAuditDelta(t, svc, n, 0)
		if !actorOf(t, svc, "admin").IsAdmin() {
			t.Fatal("admin lost the admin role")
		}
		// Keeping admin while adding another role is fine.
		if _, err := svc.Users.SetRoles(ctx, admin, admin.UserID, []service.RoleBinding{{Role: model.RoleAdmin, Domain: "*"}, judge}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		id := userID(t, svc, "student01")
		n := auditCount(t, svc)
		_, err := svc.Users.SetRoles(ctx, admin, id, []service.RoleBinding{{Role: "root", Domain: "*"}, student})
		wantFields(t, err, "[0].role")
		_, err = svc.Users.SetRoles(ctx, admin, id, []service.RoleBinding{student, {Role: model.RoleBaseManager, Domain: "base:abc"}})
		wantFields(t, err, "[1].domain")
		_, err = svc.Users.SetRoles(ctx, admin, id, []service.RoleBinding{{Role: model.RoleAdmin, Domain: "base:2"}})
		wantFields(t, err, "[0].domain")
		_, err = svc.Users.SetRoles(ctx, admin, id, []service.RoleBinding{{Role: model.RoleBaseManager, Domain: "base:0"}, {Role: "x", Domain: ""}})
		wantFields(t, err, "[0].domain", "[1].role", "[1].domain")
		wantAuditDelta(t, svc, n, 0)
		if got := svc.Authz.RolesOf(id); !slices.Equal(got, []service.RoleBinding{student}) {
			t.Fatalf("roles changed to %v", got)
		}
	})

	t.Run("ErrNotFoundRollsBack", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		n := auditCount(t, svc)
		_, err := svc.Users.SetRoles(ctx, actorOf(t, svc, "admin"), 99999, []service.RoleBinding{judge})
		wantCode(t, err, model.CodeNotFound)
		wantAuditDelta(t, svc, n, 0)
		var rules int64
		svc.DB.Model(&model.CasbinRule{}).Where("v0 = ?", service.Subject(99999)).Count(&rules)
		if rules != 0 {
			t.Fatalf("%d role bindings written for a missing user", rules)
		}
	})
}

func TestUsersList(t *testing.T) {
	svc, _ := servicetest.New(t)
	total := countUsers(t, svc)

	t.Run("OKAdmin", func(t *testing.T) {
		_, n, err := svc.Users.List(ctx, actorOf(t, svc, "admin"), service.UserFilter{})
		if err != nil || n != total {
			t.Fatalf("admin sees %d of %d (%v)", n, total, err)
		}
	})

	t.Run("OKCollegeViewer", func(t *testing.T) {
		viewer := actorOf(t, svc, "viewer_gdpt")
		var want int64
		svc.DB.Model(&model.User{}).Where("college_id = ?", *viewer.CollegeID).Count(&want)
		rows, n, err := svc.Users.List(ctx, viewer, service.UserFilter{Page: model.Page{PageSize: 100}})
		if err != nil {
			t.Fatal(err)
		}
		if n != want || int64(len(rows)) != want || n == 0 || n == total {
			t.Fatalf("viewer sees %d (%d rows), want %d of %d", n, len(rows), want, total)
		}
		for _, u := range rows {
			if u.CollegeID == nil || *u.CollegeID != *viewer.CollegeID {
				t.Fatalf("viewer sees %s of college %v", u.Username, u.CollegeID)
			}
		}
		other := userByName(t, svc, "student30") // 广东科贸
		if _, err := svc.Users.Get(ctx, viewer, other.ID); model.ErrorCode(err) != model.CodeNotFound {
			t.Fatalf("viewer reads another college's user: %v", err)
		}
		_, n, _ = svc.Users.List(ctx, viewer, service.UserFilter{CollegeID: other.CollegeID})
		if n != 0 {
			t.Fatalf("filtering by another college shows %d users", n)
		}
	})

	t.Run("OKStudentSeesSelf", func(t *testing.T) {
		me := actorOf(t, svc, "student01")
		rows, n, err := svc.Users.List(ctx, me, service.UserFilter{})
		if err != nil || n != 1 || rows[0].ID != me.UserID {
			t.Fatalf("student sees %d: %v (%v)", n, rows, err)
		}
	})

	t.Run("OKFilters", func(t *testing.T) {
		admin := actorOf(t, svc, "admin")
		_, n, err := svc.Users.List(ctx, admin, service.UserFilter{Role: model.RoleJudge})
		if err != nil || n != 20 {
			t.Fatalf("judges = %d (%v)", n, err)
		}
		rows, n, err := svc.Users.List(ctx, admin, service.UserFilter{Q: "manager_", Page: model.Page{Sort: "-username"}})
		if err != nil || n != 2 || rows[0].Username != "manager_gdpt" {
			t.Fatalf("q=manager_: %d %v (%v)", n, rows, err)
		}
		_, n, _ = svc.Users.List(ctx, admin, service.UserFilter{Q: "%"}) // a literal, not a wildcard
		if n != 0 {
			t.Fatalf("q=%%: %d users", n)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		admin := actorOf(t, svc, "admin")
		_, _, err := svc.Users.List(ctx, admin, service.UserFilter{Page: model.Page{Sort: "password_hash"}})
		wantFields(t, err, "sort")
		_, _, err = svc.Users.List(ctx, admin, service.UserFilter{Status: "gone"})
		wantFields(t, err, "status")
	})
}

// TestUsersAuditOnePerUseCase checks that each successful use case writes
// exactly one audit record in its transaction.
func TestUsersAuditOnePerUseCase(t *testing.T) {
	svc, _ := servicetest.New(t)
	admin := actorOf(t, svc, "admin")
	for _, tc := range []struct {
		action string
		run    func() error
	}{
		{"user.created", func() error { _, err := svc.Users.Create(ctx, admin, newJudge("judge_new")); return err }},
		{"user.updated", func() error {
			u := userByName(t, svc, "judge_new")
			_, err := svc.Users.Update(ctx, admin, u.ID, service.UserUpdate{Phone: ptr("13800000000"), Version: u.Version})
			return err
		}},
		{"user.roles_set", func() error {
			_, err := svc.Users.SetRoles(ctx, admin, userID(t, svc, "judge_new"), []service.RoleBinding{{Role: model.RoleJudge, Domain: "*"}, {Role: model.RoleStudent, Domain: "*"}})
			return err
		}},
		{"user.profile_updated", func() error {
			_, err := svc.Users.UpdateProfile(ctx, actorOf(t, svc, "judge_new"), service.ProfileUpdate{Email: ptr("j@example.com")})
			return err
		}},
		{"user.password_changed", func() error {
			return svc.Users.ChangePassword(ctx, actorOf(t, svc, "judge_new"), "Judge-pass-2024", "Judge-pass-2025")
		}},
		{"user.updated", func() error { return svc.Users.Disable(ctx, admin, userID(t, svc, "judge_new")) }},
	} {
		n := auditCount(t, svc)
		if err := tc.run(); err != nil {
			t.Fatalf("%s: %v", tc.action, err)
		}
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != tc.action || a.Entity != "user" {
			t.Fatalf("audit = %s on %s, want %s", a.Action, a.Entity, tc.action)
		}
	}
	wantVerified(t, svc, int(auditCount(t, svc)))
}
