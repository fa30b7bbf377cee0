package service_test

import (
	"slices"
	"sync"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func TestProjectsMembers(t *testing.T) {
	svc, _ := servicetest.New(t)
	p := projByName(t, svc, projGDPT1) // student01 leads; student02, student03 are members
	leader, admin := actorOf(t, svc, "student01"), actorOf(t, svc, "admin")
	wantLeader := func(t *testing.T, username string) {
		t.Helper()
		if got := projLeaders(t, svc, p.ID); len(got) != 1 || got[0] != userID(t, svc, username) {
			t.Fatalf("leaders = %v, want exactly %s", got, username)
		}
	}

	t.Run("OKLeaderAddsMember", func(t *testing.T) {
		n := auditCount(t, svc)
		m, err := svc.Projects.AddMember(ctx, leader, p.ID, service.NewMember{Username: "student10"})
		if err != nil {
			t.Fatal(err)
		}
		if m.Username != "student10" || m.Role != model.MemberMember || m.StudentNo == "" {
			t.Fatalf("added %+v", m)
		}
		wantAuditDelta(t, svc, n, 1)
		items, total, err := svc.Projects.Members(ctx, actorOf(t, svc, "viewer_gdpt"), p.ID, model.Page{})
		if err != nil || total != 4 || items[0].Role != model.MemberLeader || items[0].Username != "student01" {
			t.Fatalf("members = %d %+v, %v", total, items, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		n := auditCount(t, svc)
		disabled := userID(t, svc, "student11")
		if err := svc.DB.Model(&model.User{}).Where("id = ?", disabled).Update("status", model.UserDisabled).Error; err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			in    service.NewMember
			field string
		}{
			{service.NewMember{Username: "judge01"}, "username"},
			{service.NewMember{Username: "nobody-here"}, "username"},
			{service.NewMember{UserID: &disabled}, "user_id"},
			{service.NewMember{UserID: projPtr(uint(999999))}, "user_id"},
			{service.NewMember{}, "user_id"},
			{service.NewMember{Username: "student12", Role: "owner"}, "role"},
		} {
			_, err := svc.Projects.AddMember(ctx, leader, p.ID, tc.in)
			wantFields(t, err, tc.field)
		}
		wantAuditDelta(t, svc, n, 0)
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := svc.Projects.AddMember(ctx, actorOf(t, svc, "student02"), p.ID, service.NewMember{Username: "student12"})
		wantCode(t, err, model.CodeForbidden)
		err = svc.Projects.RemoveMember(ctx, actorOf(t, svc, "student02"), p.ID, userID(t, svc, "student03"))
		wantCode(t, err, model.CodeForbidden)
		err = svc.Projects.RemoveMember(ctx, actorOf(t, svc, "viewer_gdpt"), p.ID, userID(t, svc, "student03"))
		wantCode(t, err, model.CodeForbidden)
	})
	t.Run("ErrConflict", func(t *testing.T) {
		_, err := svc.Projects.AddMember(ctx, leader, p.ID, service.NewMember{Username: "student02"})
		wantCode(t, err, model.CodeConflict)
		_, err = svc.Projects.AddMember(ctx, leader, p.ID, service.NewMember{Username: "student01", Role: model.MemberLeader})
		wantCode(t, err, model.CodeConflict)
	})
	t.Run("ErrFailedPrecondition", func(t *testing.T) {
		n := auditCount(t, svc)
		_, err := svc.Projects.AddMember(ctx, admin, p.ID, service.NewMember{Username: "student01", Role: model.MemberMember})
		wantCode(t, err, model.CodeFailedPrecondition)
		err = svc.Projects.RemoveMember(ctx, admin, p.ID, userID(t, svc, "student01"))
		wantCode(t, err, model.CodeFailedPrecondition)
		err = svc.Projects.RemoveMember(ctx, leader, p.ID, userID(t, svc, "student01"))
		wantCode(t, err, model.CodeFailedPrecondition)
		wantAuditDelta(t, svc, n, 0)
		wantLeader(t, "student01")
	})
	t.Run("OKTransferToMember", func(t *testing.T) {
		m, err := svc.Projects.AddMember(ctx, leader, p.ID, service.NewMember{Username: "student02", Role: model.MemberLeader})
		if err != nil || m.Role != model.MemberLeader {
			t.Fatalf("transfer: %+v, %v", m, err)
		}
		wantLeader(t, "student02")
		if a := lastAudit(t, svc); a.Action != "project.leader_transferred" {
			t.Fatalf("audit %s", a.Action)
		}
		// the old leader is a plain member now and may no longer manage members
		_, err = svc.Projects.AddMember(ctx, leader, p.ID, service.NewMember{Username: "student12"})
		wantCode(t, err, model.CodeForbidden)
	})
	t.Run("OKTransferToNewcomer", func(t *testing.T) {
		if _, err := svc.Projects.AddMember(ctx, admin, p.ID, service.NewMember{Username: "student13", Role: model.MemberLeader}); err != nil {
			t.Fatal(err)
		}
		wantLeader(t, "student13")
		v, err := svc.Projects.Get(ctx, admin, p.ID)
		if err != nil || v.MemberCount != 5 || v.LeaderName != userByName(t, svc, "student13").Name {
			t.Fatalf("project after transfers: %+v, %v", v.ProjectSummary, err)
		}
	})
	t.Run("OKRemove", func(t *testing.T) {
		// a member leaves on their own, the leader removes another
		if err := svc.Projects.RemoveMember(ctx, actorOf(t, svc, "student03"), p.ID, userID(t, svc, "student03")); err != nil {
			t.Fatal(err)
		}
		if err := svc.Projects.RemoveMember(ctx, actorOf(t, svc, "student13"), p.ID, userID(t, svc, "student10")); err != nil {
			t.Fatal(err)
		}
		err := svc.Projects.RemoveMember(ctx, actorOf(t, svc, "student13"), p.ID, userID(t, svc, "student10"))
		wantCode(t, err, model.CodeNotFound)
		_, err = svc.Projects.Get(ctx, actorOf(t, svc, "student03"), p.ID)
		wantCode(t, err, model.CodeNotFound)
		wantLeader(t, "student13")
	})
}

// TestProjectsOneLeaderUnderConcurrency: concurrent leadership transfers
// of one team each succeed or fail cleanly; the team ends with exactly
// one leader.
func TestProjectsOneLeaderUnderConcurrency(t *testing.T) {
	svc, _ := servicetest.New(t)
	p := projByName(t, svc, projGDKM1) // student22 leads
	admin := actorOf(t, svc, "admin")
	candidates := []string{"student23", "student24", "student30", "student31", "student32", "student33"}
	var wg sync.WaitGroup
	errs := make([]error, len(candidates))
	for i, u := range candidates {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = svc.Projects.AddMember(ctx, admin, p.ID, service.NewMember{Username: u, Role: model.MemberLeader})
		}()
	}
	wg.Wait()
	ok, joined := 0, 0
	for i, err := range errs {
		if err == nil {
			ok++
			if i >= 2 { // student30–33 were not in the team
				joined++
			}
		} else if code := model.ErrorCode(err); code == model.CodeInvalid || code == model.CodeForbidden {
			t.Errorf("transfer to %s: %v", candidates[i], err)
		}
	}
	leaders := projLeaders(t, svc, p.ID)
	if ok == 0 || len(leaders) != 1 {
		t.Fatalf("%d transfers succeeded; leaders = %v, want exactly one", ok, leaders)
	}
	var roles []string
	if err := svc.DB.Model(&model.ProjectMember{}).Where("project_id = ?", p.ID).Pluck("role", &roles).Error; err != nil {
		t.Fatal(err)
	}
	if n := slices.Index(roles, model.MemberLeader); n < 0 || len(roles) != 3+joined {
		t.Fatalf("roles = %v after %d successful transfers (%d newcomers)", roles, ok, joined)
	}
}

func TestProjectsAdvisors(t *testing.T) {
	svc, _ := servicetest.New(t)
	p := projByName(t, svc, projGDPT2) // one demo advisor (judge10)
	member := actorOf(t, svc, "student06")

	t.Run("OK", func(t *testing.T) {
		judge := userByName(t, svc, "judge05")
		a, err := svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{UserID: &judge.ID})
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != judge.Name || a.Title != judge.Title || a.External || a.UserID == nil || a.Organization == "" {
			t.Fatalf("advisor %+v", a)
		}
		ext, err := svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{Name: " 张工 ", Organization: "清远某科技公司", Title: "高级工程师", External: true})
		if err != nil || ext.Name != "张工" || !ext.External || ext.UserID != nil {
			t.Fatalf("external advisor %+v, %v", ext, err)
		}
		items, total, err := svc.Projects.Advisors(ctx, actorOf(t, svc, "judge01"), p.ID, model.Page{})
		if err != nil || total != 3 || len(items) != 3 {
			t.Fatalf("advisors = %d %v, %v", total, items, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		n := auditCount(t, svc)
		_, err := svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{Organization: "无名"})
		wantFields(t, err, "name")
		self := userID(t, svc, "student04")
		_, err = svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{UserID: &self})
		wantFields(t, err, "user_id")
		_, err = svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{UserID: projPtr(uint(999999))})
		wantFields(t, err, "user_id")
		_, err = svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{UserID: projPtr(userID(t, svc, "judge05"))})
		wantCode(t, err, model.CodeConflict)
		wantAuditDelta(t, svc, n, 0)
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := svc.Projects.AddAdvisor(ctx, actorOf(t, svc, "viewer_gdpt"), p.ID, service.NewAdvisor{Name: "x"})
		wantCode(t, err, model.CodeForbidden)
		_, err = svc.Projects.AddAdvisor(ctx, actorOf(t, svc, "student01"), p.ID, service.NewAdvisor{Name: "x"})
		wantCode(t, err, model.CodeNotFound)
	})
	t.Run("ErrFailedPreconditionCap", func(t *testing.T) {
		for i := 3; i < service.MaxAdvisors; i++ {
			if _, err := svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{Name: "导师"}); err != nil {
				t.Fatal(err)
			}
		}
		_, err := svc.Projects.AddAdvisor(ctx, member, p.ID, service.NewAdvisor{Name: "第十一位"})
		wantCode(t, err, model.CodeFailedPrecondition)
	})
}
