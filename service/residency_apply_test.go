package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
)

func TestCreateApplication(t *testing.T) {
	w := newResWorld(t)
	p, members := w.resTeam(t, service.DemoBaseGDPT, 2)
	zone := w.zoneOfBase[service.DemoBaseGDPT]
	valid := func() service.NewResidencyApplication {
		return service.NewResidencyApplication{ProjectID: p.ID, BaseID: service.DemoBaseGDPT, RequestedZoneID: &zone, RequestedWorkstations: 3, Plan: " 计划 "}
	}
	bad := []struct {
		name   string
		by     service.Actor
		change func(*service.NewResidencyApplication)
		code   model.Code
		fields []string
	}{
		{"ErrWorkstationsRange", members[0], func(in *service.NewResidencyApplication) { in.RequestedWorkstations = 21 }, model.CodeInvalid, []string{"requested_workstations"}},
		{"ErrUnknownProject", members[0], func(in *service.NewResidencyApplication) { in.ProjectID = 999999 }, model.CodeInvalid, []string{"project_id"}},
		{"ErrNotAMember", w.judge, nil, model.CodeInvalid, []string{"project_id"}},
		{"ErrForbiddenViewer", w.viewer, nil, model.CodeForbidden, nil},
		{"ErrUnknownBase", members[0], func(in *service.NewResidencyApplication) { in.BaseID = 999999 }, model.CodeInvalid, []string{"base_id"}},
		{"ErrZoneOfAnotherBase", members[0], func(in *service.NewResidencyApplication) {
			z := w.zoneOfBase[service.DemoBaseGDKM]
			in.RequestedZoneID = &z
		}, model.CodeInvalid, []string{"requested_zone_id"}},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			in := valid()
			if c.change != nil {
				c.change(&in)
			}
			before := resRows(t, w.svc, &model.ResidencyApplication{})
			audits := auditCount(t, w.svc)
			_, err := w.svc.Residency.CreateApplication(ctx, c.by, in)
			if c.fields != nil {
				wantFields(t, err, c.fields...)
			} else {
				wantCode(t, err, c.code)
			}
			if resRows(t, w.svc, &model.ResidencyApplication{}) != before {
				t.Fatal("a refused application was written")
			}
			wantAuditDelta(t, w.svc, audits, 0)
		})
	}

	var id uint
	t.Run("OK", func(t *testing.T) {
		v, err := w.svc.Residency.CreateApplication(ctx, members[1], valid())
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != model.AppDraft || v.ProjectName != p.Name || v.CollegeID != p.CollegeID || v.BaseName == "" || v.Plan != "计划" ||
			v.RequestedWorkstations != 3 || v.RequestedZoneID == nil || *v.RequestedZoneID != zone || v.AverageScore != nil || v.Version != 1 {
			t.Fatalf("view = %+v", v)
		}
		id = v.ID
	})
	t.Run("ErrConflictOpenApplication", func(t *testing.T) {
		_, err := w.svc.Residency.CreateApplication(ctx, members[0], valid())
		wantCode(t, err, model.CodeConflict)
	})
	t.Run("OKOtherBase", func(t *testing.T) {
		in := valid()
		in.BaseID, in.RequestedZoneID = service.DemoBaseGDKM, nil
		if _, err := w.svc.Residency.CreateApplication(ctx, members[0], in); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrStaleVersion", func(t *testing.T) {
		plan := "新计划"
		_, err := w.svc.Residency.UpdateApplication(ctx, members[0], id, service.ResidencyApplicationUpdate{Plan: &plan, Version: 7})
		wantCode(t, err, model.CodeConflict)
	})
	t.Run("OKUpdateClearsZone", func(t *testing.T) {
		zero, n := uint(0), 5
		v, err := w.svc.Residency.UpdateApplication(ctx, members[0], id, service.ResidencyApplicationUpdate{RequestedZoneID: &zero, RequestedWorkstations: &n, Version: 1})
		if err != nil || v.RequestedZoneID != nil || v.RequestedWorkstations != 5 || v.Version != 2 {
			t.Fatalf("%+v, %v", v, err)
		}
	})
	t.Run("ErrSubmitEmptyPlan", func(t *testing.T) {
		empty := " "
		if _, err := w.svc.Residency.UpdateApplication(ctx, members[0], id, service.ResidencyApplicationUpdate{Plan: &empty, Version: 2}); err != nil {
			t.Fatal(err)
		}
		_, err := w.svc.Residency.SubmitApplication(ctx, members[0], id)
		wantFields(t, err, "plan")
	})
}

func TestReviewApplication(t *testing.T) {
	w := newResWorld(t)
	a := w.resAppIn(t, service.DemoBaseGDPT, model.AppSubmitted)
	t.Run("ErrScoreRange", func(t *testing.T) {
		for _, score := range []int{-1, 101} {
			_, err := w.svc.Residency.ReviewApplication(ctx, w.mgr2, a.ID, service.ApplicationScore{Score: score})
			wantFields(t, err, "score")
		}
		if w.appStatus(t, a.ID) != model.AppSubmitted {
			t.Fatal("a refused review moved the application")
		}
	})
	t.Run("ErrNoteRequired", func(t *testing.T) {
		_, err := w.svc.Residency.RejectApplication(ctx, w.mgr2, a.ID, "  ")
		wantFields(t, err, "note")
		_, err = w.svc.Residency.ReturnApplication(ctx, w.mgr2, a.ID, "")
		wantFields(t, err, "note")
	})
	t.Run("OKScoresPerReviewer", func(t *testing.T) {
		for _, r := range []struct {
			by    service.Actor
			score int
		}{{w.mgr2, 70}, {w.admin, 85}, {w.mgr2, 76}} {
			if _, err := w.svc.Residency.ReviewApplication(ctx, r.by, a.ID, service.ApplicationScore{Score: r.score, Comment: "意见"}); err != nil {
				t.Fatal(err)
			}
		}
		v, err := w.svc.Residency.GetApplication(ctx, a.Member, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != model.AppReviewing || len(v.Reviews) != 2 || v.AverageScore == nil || *v.AverageScore != 80.5 {
			t.Fatalf("view = %+v (average %v)", v, v.AverageScore)
		}
		if v.Reviews[0].ReviewerID != w.mgr2.UserID || v.Reviews[0].Score != 76 || v.Reviews[0].ReviewerName == "" {
			t.Fatalf("reviews = %+v", v.Reviews)
		}
	})
	t.Run("OKApproveRecordsDecision", func(t *testing.T) {
		v, err := w.svc.Residency.ApproveApplication(ctx, w.mgr2, a.ID, "同意入驻")
		if err != nil || v.Status != model.AppApproved || v.DecisionNote != "同意入驻" || v.DecidedAt == nil {
			t.Fatalf("%+v, %v", v, err)
		}
		rec := lastAudit(t, w.svc)
		if rec.Action != "residency_application.approve" || rec.Before == "" || rec.After == "" {
			t.Fatalf("audit = %+v", rec)
		}
	})
}
