package service_test

import (
	"fmt"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// Demo teams used below: student01 leads the first GDPT team (with
// student02, student03), student04 the second; student22 leads the first
// GDKM team.
const (
	projGDPT1 = "烯导科技·石墨烯导热膜"
	projGDPT2 = "巡天智能巡检机器人"
	projGDKM1 = "英德红茶新零售"
)

// projByName returns a project by its (demo) name.
func projByName(t testing.TB, svc *service.Services, name string) model.Project {
	t.Helper()
	var p model.Project
	if err := svc.DB.Where("name = ?", name).Take(&p).Error; err != nil {
		t.Fatalf("project %s: %v", name, err)
	}
	return p
}

// projLeaders returns the user ids holding the leader role in a team.
func projLeaders(t testing.TB, svc *service.Services, projectID uint) []uint {
	t.Helper()
	var ids []uint
	if err := svc.DB.Model(&model.ProjectMember{}).Where("project_id = ? AND role = ?", projectID, model.MemberLeader).Pluck("user_id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	return ids
}

// projApply inserts a residency application directly (the residency
// workflow is another feature), creating the base row if the demo data
// has none.
func projApply(t testing.TB, svc *service.Services, projectID, baseID uint, status string) model.ResidencyApplication {
	t.Helper()
	var n int64
	if err := svc.DB.Model(&model.Base{}).Where("id = ?", baseID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		if err := svc.DB.Create(&model.Base{ID: baseID, Name: fmt.Sprintf("测试基地%d", baseID), Kind: model.BaseCampus, Version: 1}).Error; err != nil {
			t.Fatal(err)
		}
	}
	a := model.ResidencyApplication{ProjectID: projectID, BaseID: baseID, RequestedWorkstations: 1, Status: status, CreatedBy: 1, Version: 1}
	if err := svc.DB.Create(&a).Error; err != nil {
		t.Fatal(err)
	}
	return a
}

// projCreate creates a team as a student.
func projCreate(t testing.TB, svc *service.Services, student, name string) service.ProjectView {
	t.Helper()
	v, err := svc.Projects.Create(ctx, actorOf(t, svc, student), service.NewProject{Name: name, Field: "电子信息"})
	if err != nil {
		t.Fatalf("create %s as %s: %v", name, student, err)
	}
	return v
}

func TestProjectsVisibility(t *testing.T) {
	svc, _ := servicetest.New(t)
	gdpt1, gdpt2, gdkm1 := projByName(t, svc, projGDPT1), projByName(t, svc, projGDPT2), projByName(t, svc, projGDKM1)
	fresh := projCreate(t, svc, "student30", "测试新团队") // GDKM, no application anywhere yet
	app2 := projApply(t, svc, fresh.ID, service.DemoBaseGDPT, model.AppDraft)
	projApply(t, svc, fresh.ID, service.DemoBaseGDKM, model.AppDraft)

	type seeCase struct {
		user    string
		project uint
		visible bool
	}
	check := func(t *testing.T, cases []seeCase) {
		t.Helper()
		for _, c := range cases {
			_, err := svc.Projects.Get(ctx, actorOf(t, svc, c.user), c.project)
			if c.visible && err != nil {
				t.Errorf("%s reading project %d: %v, want it visible", c.user, c.project, err)
			}
			if !c.visible && model.ErrorCode(err) != model.CodeNotFound {
				t.Errorf("%s reading project %d: %v, want not_found", c.user, c.project, err)
			}
		}
	}

	t.Run("OK", func(t *testing.T) {
		check(t, []seeCase{
			{"admin", gdkm1.ID, true}, {"officer", gdkm1.ID, true}, {"judge07", gdpt1.ID, true},
			{"student01", gdpt1.ID, true}, {"student03", gdpt1.ID, true}, {"viewer_gdpt", gdpt2.ID, true},
			{"student30", fresh.ID, true},
		})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		check(t, []seeCase{
			{"student01", gdpt2.ID, false}, {"student04", gdpt1.ID, false}, {"student22", gdpt1.ID, false},
			{"viewer_gdpt", gdkm1.ID, false}, {"viewer_gdpt", fresh.ID, false},
			// draft applications do not show a team to the base's manager
			{"manager_gdpt", fresh.ID, false}, {"manager_gdkm", fresh.ID, false},
			{"admin", 999999, false},
		})
	})
	t.Run("OKManagerSeesApplicants", func(t *testing.T) {
		if err := svc.DB.Model(&model.ResidencyApplication{}).Where("id = ?", app2.ID).Update("status", model.AppSubmitted).Error; err != nil {
			t.Fatal(err)
		}
		check(t, []seeCase{{"manager_gdpt", fresh.ID, true}, {"manager_gdkm", fresh.ID, false}})
		items, total, err := svc.Projects.List(ctx, actorOf(t, svc, "manager_gdpt"), service.ProjectFilter{BaseID: projPtr(uint(service.DemoBaseGDPT))})
		if err != nil || total < 1 || !projListed(items, fresh.ID) {
			t.Fatalf("manager's list of base 2 = %d %v, %v; want the applicant", total, items, err)
		}
		for _, it := range items {
			if it.ID == gdkm1.ID {
				t.Errorf("manager of base 2 lists %s", it.Name)
			}
		}
		_, total, err = svc.Projects.List(ctx, actorOf(t, svc, "admin"), service.ProjectFilter{BaseID: projPtr(uint(service.DemoBaseGDKM)), Q: "测试新团队"})
		if err != nil || total != 0 {
			t.Fatalf("a draft application counted for base_id: total %d, %v", total, err)
		}
	})
	t.Run("OKListsAreScoped", func(t *testing.T) {
		items, total, err := svc.Projects.List(ctx, actorOf(t, svc, "student02"), service.ProjectFilter{})
		if err != nil || total != 2 || len(items) != 2 {
			t.Fatalf("student02 (member of a resident and an applicant team) lists %d: %v %v", total, items, err)
		}
		var gdptTeams int64
		if err := svc.DB.Model(&model.Project{}).Where("college_id = ?", gdpt1.CollegeID).Count(&gdptTeams).Error; err != nil {
			t.Fatal(err)
		}
		items, total, err = svc.Projects.List(ctx, actorOf(t, svc, "viewer_gdpt"), service.ProjectFilter{Page: model.Page{PageSize: 100}})
		if err != nil || total != gdptTeams || gdptTeams < 9 {
			t.Fatalf("viewer_gdpt lists %d projects (%v), want all %d GDPT teams", total, err, gdptTeams)
		}
		for _, it := range items {
			if it.CollegeID != gdpt1.CollegeID || it.CollegeName != "广东工程职业技术学院" {
				t.Errorf("viewer lists %s of college %d", it.Name, it.CollegeID)
			}
		}
		_, total, err = svc.Projects.List(ctx, actorOf(t, svc, "admin"), service.ProjectFilter{Mine: true})
		if err != nil || total != 0 {
			t.Fatalf("admin's own teams: %d, %v", total, err)
		}
		_, total, err = svc.Projects.List(ctx, actorOf(t, svc, "judge01"), service.ProjectFilter{Stage: model.StageCompany})
		if err != nil || total != 7 {
			t.Fatalf("registered companies: %d, %v; want 7", total, err)
		}
	})
	t.Run("ErrForbiddenReadOnlyRoles", func(t *testing.T) {
		for _, user := range []string{"viewer_gdpt", "officer", "judge01", "student02"} {
			p := gdpt1
			if user == "student02" { // a plain member may edit the project, not manage members
				_, err := svc.Projects.AddMember(ctx, actorOf(t, svc, user), p.ID, service.NewMember{Username: "student10"})
				wantCode(t, err, model.CodeForbidden)
				continue
			}
			name := "改名"
			_, err := svc.Projects.Update(ctx, actorOf(t, svc, user), p.ID, service.ProjectUpdate{Name: &name, Version: p.Version})
			wantCode(t, err, model.CodeForbidden)
		}
		_, err := svc.Projects.Update(ctx, actorOf(t, svc, "manager_gdpt"), fresh.ID, service.ProjectUpdate{Version: fresh.Version})
		wantCode(t, err, model.CodeForbidden)
		_, err = svc.Projects.AddFundingEvent(ctx, actorOf(t, svc, "student04"), gdpt1.ID, service.NewFundingEvent{On: model.NewDate(2026, 1, 1), AmountFen: 100})
		wantCode(t, err, model.CodeNotFound)
	})
}

func projListed(items []service.ProjectSummary, id uint) bool {
	for _, it := range items {
		if it.ID == id {
			return true
		}
	}
	return false
}

func projPtr[T any](v T) *T { return &v }
