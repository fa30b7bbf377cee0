package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func TestProjectsCreate(t *testing.T) {
	svc, clock := servicetest.New(t)

	t.Run("OKStudentLeadsInOwnCollege", func(t *testing.T) {
		n := auditCount(t, svc)
		me := userByName(t, svc, "student50")
		v, err := svc.Projects.Create(ctx, actorOf(t, svc, "student50"), service.NewProject{Name: "  智能分拣  ", Field: "智能制造"})
		if err != nil {
			t.Fatal(err)
		}
		if v.Name != "智能分拣" || v.Stage != model.StageIdea || v.CollegeID != *me.CollegeID || v.Version != 1 ||
			v.LeaderID == nil || *v.LeaderID != me.ID || v.MemberCount != 1 || len(v.Members) != 1 || v.Members[0].Role != model.MemberLeader ||
			v.Members[0].StudentNo != me.StudentNo || v.CreatedBy != me.ID || len(v.Advisors) != 0 {
			t.Fatalf("created %+v", v)
		}
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != "project.created" {
			t.Fatalf("audit %s", a.Action)
		}
	})
	t.Run("OKAdminNamesLeader", func(t *testing.T) {
		leader := userByName(t, svc, "student40")
		v, err := svc.Projects.Create(ctx, actorOf(t, svc, "admin"), service.NewProject{Name: "注册公司团队", Stage: model.StageCompany,
			CompanyName: "清远测试科技有限公司", CreditCode: " 91441800ma4w1jt006 ", RegisteredOn: projPtr(model.NewDate(2025, 6, 1)), LeaderID: &leader.ID})
		if err != nil {
			t.Fatal(err)
		}
		if *v.LeaderID != leader.ID || v.CollegeID != *leader.CollegeID || v.CreditCode == nil || *v.CreditCode != "91441800MA4W1JT006" {
			t.Fatalf("created %+v", v.ProjectSummary)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		other := userID(t, svc, "student41")
		_, err := svc.Projects.Create(ctx, actorOf(t, svc, "student40"), service.NewProject{Name: "x", LeaderID: &other})
		wantCode(t, err, model.CodeForbidden)
		_, err = svc.Projects.Create(ctx, actorOf(t, svc, "viewer_gdpt"), service.NewProject{Name: "x"})
		wantCode(t, err, model.CodeForbidden)
		college := uint(3)
		_, err = svc.Projects.Create(ctx, actorOf(t, svc, "student40"), service.NewProject{Name: "x", CollegeID: &college})
		wantCode(t, err, model.CodeForbidden)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		n := auditCount(t, svc)
		var before int64
		svc.DB.Model(&model.Project{}).Count(&before)
		admin := actorOf(t, svc, "admin")
		judge := userID(t, svc, "judge03")
		_, err := svc.Projects.Create(ctx, admin, service.NewProject{Name: "x", LeaderID: &judge})
		wantFields(t, err, "leader_id")
		_, err = svc.Projects.Create(ctx, admin, service.NewProject{Name: "x"})
		wantFields(t, err, "leader_id")
		tomorrow := model.DateOf(clock.Now()).AddDays(1)
		_, err = svc.Projects.Create(ctx, actorOf(t, svc, "student40"), service.NewProject{Name: " ", Stage: model.StageCompany, CreditCode: "91441800MA4UJ2KD7X", RegisteredOn: &tomorrow})
		wantFields(t, err, "name", "credit_code", "registered_on", "company_name")
		// a taken credit code (the demo's first company)
		taken := *projByName(t, svc, projGDPT1).CreditCode
		_, err = svc.Projects.Create(ctx, actorOf(t, svc, "student40"), service.NewProject{Name: "x", CreditCode: taken})
		wantFields(t, err, "credit_code")
		wantAuditDelta(t, svc, n, 0)
		var after int64
		svc.DB.Model(&model.Project{}).Count(&after)
		if after != before {
			t.Fatalf("refused creations wrote %d projects", after-before)
		}
	})
}

func TestProjectsUpdate(t *testing.T) {
	svc, clock := servicetest.New(t)
	p := projByName(t, svc, projGDPT2) // student04 leads, student05 and student06 are members
	member := actorOf(t, svc, "student05")
	today := model.DateOf(clock.Now())

	t.Run("OKMemberRegistersCompany", func(t *testing.T) {
		n := auditCount(t, svc)
		v, err := svc.Projects.Update(ctx, member, p.ID, service.ProjectUpdate{
			Stage: projPtr(model.StageCompany), CompanyName: projPtr("清远巡天智能科技有限公司"), CreditCode: projPtr("92441802MA51C3QE4Q"),
			RegisteredOn: &today, CompanyRegion: projPtr("广东省清远市"), HighTechEnterprise: projPtr(true), Version: p.Version,
		})
		if err != nil {
			t.Fatalf("%v %+v", err, model.AsError(err).Fields)
		}
		if v.Stage != model.StageCompany || *v.CreditCode != "92441802MA51C3QE4Q" || v.RegisteredOn.String() != today.String() ||
			!v.HighTechEnterprise || v.Version != p.Version+1 || v.Name != p.Name || len(v.Members) != 3 {
			t.Fatalf("updated %+v", v.ProjectSummary)
		}
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != "project.updated" || a.Before == "" || a.After == "" {
			t.Fatalf("audit %+v", a)
		}
		p.Version = v.Version
	})
	t.Run("ErrConflict", func(t *testing.T) {
		_, err := svc.Projects.Update(ctx, member, p.ID, service.ProjectUpdate{Name: projPtr("x"), Version: p.Version - 1})
		wantCode(t, err, model.CodeConflict)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		n := auditCount(t, svc)
		before := projByName(t, svc, projGDPT2)
		tomorrow := today.AddDays(1)
		for _, tc := range []struct {
			name   string
			in     service.ProjectUpdate
			fields []string
		}{
			{"WrongCheckChar", service.ProjectUpdate{CreditCode: projPtr("92441802MA51C3QE4R")}, []string{"credit_code"}},
			{"LetterO", service.ProjectUpdate{CreditCode: projPtr("92441802MA51C3OE4Q")}, []string{"credit_code"}},
			{"TooShort", service.ProjectUpdate{CreditCode: projPtr("92441802MA51C3QE4")}, []string{"credit_code"}},
			{"CompanyWithoutCode", service.ProjectUpdate{CreditCode: projPtr("")}, []string{"credit_code"}},
			{"CompanyWithoutName", service.ProjectUpdate{CompanyName: projPtr(" ")}, []string{"company_name"}},
			{"FutureRegistration", service.ProjectUpdate{RegisteredOn: &tomorrow}, []string{"registered_on"}},
			{"TakenCode", service.ProjectUpdate{CreditCode: projByName(t, svc, projGDKM1).CreditCode}, []string{"credit_code"}},
			{"EmptyName", service.ProjectUpdate{Name: projPtr("")}, []string{"name"}},
		} {
			tc.in.Version = before.Version
			_, err := svc.Projects.Update(ctx, member, p.ID, tc.in)
			if model.ErrorCode(err) != model.CodeInvalid {
				t.Errorf("%s: %v, want invalid", tc.name, err)
				continue
			}
			wantFields(t, err, tc.fields...)
		}
		wantAuditDelta(t, svc, n, 0)
		if after := projByName(t, svc, projGDPT2); after.Version != before.Version || *after.CreditCode != *before.CreditCode || after.CompanyName != before.CompanyName {
			t.Fatalf("refused updates changed the project: %+v", after)
		}
	})
	t.Run("OKBackToPrototypeClearsCode", func(t *testing.T) {
		v, err := svc.Projects.Update(ctx, actorOf(t, svc, "admin"), p.ID, service.ProjectUpdate{Stage: projPtr(model.StagePrototype), CreditCode: projPtr(""), Version: p.Version})
		if err != nil {
			t.Fatal(err)
		}
		if v.CreditCode != nil || v.Stage != model.StagePrototype {
			t.Fatalf("updated %+v", v.ProjectSummary)
		}
	})
}
