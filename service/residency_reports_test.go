package service_test

import (
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
)

// resAdmitted admits a fresh team at base 2 with the given agreement.
func (w *resWorld) resAdmitted(t testing.TB, start, end model.Date, cadence string) (resApp, uint) {
	t.Helper()
	a := w.resAppIn(t, service.DemoBaseGDPT, model.AppApproved)
	one := 1
	r, err := w.svc.Residency.Admit(ctx, w.mgr2, a.ID, service.Admission{StartOn: start, EndOn: end, ReportCadence: cadence, Count: &one})
	if err != nil {
		t.Fatal(err)
	}
	return a, r.ID
}

func resDate(t testing.TB, s string) model.Date {
	t.Helper()
	v, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFileReport(t *testing.T) {
	w := newResWorld(t) // today is 2026-03-01
	a, id := w.resAdmitted(t, resDate(t, "2025-10-15"), resDate(t, "2027-10-14"), model.CadenceQuarterly)
	numbers := service.ProgressReportInput{RevenueFen: 12_000_000, Employees: 6, GraduatesHired: 2, FundingFen: 0, PatentsApplied: 1, Narrative: "稳步推进"}

	r, err := w.svc.Residency.GetResidency(ctx, a.Member, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Flags.LateReports != 1 || r.Flags.DueReports != 0 {
		t.Fatalf("flags before filing = %+v, want the 2025-Q4 report late", r.Flags)
	}

	t.Run("ErrNegative", func(t *testing.T) {
		before := resSnap(t, w)
		in := numbers
		in.RevenueFen, in.PatentsGranted = -1, -2
		_, err := w.svc.Residency.FileReport(ctx, a.Member, id, in)
		wantFields(t, err, "revenue_fen", "patents_granted")
		if resSnap(t, w) != before {
			t.Fatal("a refused report wrote")
		}
	})
	t.Run("ErrUnknownPeriod", func(t *testing.T) {
		in := numbers
		in.PeriodStart = resDatePtr(resDate(t, "2025-10-16"))
		_, err := w.svc.Residency.FileReport(ctx, a.Member, id, in)
		wantFields(t, err, "period_start")
	})
	t.Run("ErrPeriodNotEnded", func(t *testing.T) {
		in := numbers
		in.PeriodStart = resDatePtr(resDate(t, "2026-01-01"))
		_, err := w.svc.Residency.FileReport(ctx, a.Member, id, in)
		wantCode(t, err, model.CodeFailedPrecondition)
	})
	t.Run("ErrForbiddenManager", func(t *testing.T) {
		_, err := w.svc.Residency.FileReport(ctx, w.mgr2, id, numbers)
		wantCode(t, err, model.CodeForbidden)
	})
	t.Run("ErrNotFoundOtherStudent", func(t *testing.T) {
		_, others := w.resTeam(t, service.DemoBaseGDPT, 1)
		_, err := w.svc.Residency.FileReport(ctx, others[0], id, numbers)
		wantCode(t, err, model.CodeNotFound)
	})
	t.Run("OKEarliestEndedPeriodLate", func(t *testing.T) {
		audits := auditCount(t, w.svc)
		rep, err := w.svc.Residency.FileReport(ctx, a.Member, id, numbers)
		if err != nil {
			t.Fatal(err)
		}
		if rep.PeriodStart != resDate(t, "2025-10-15") || rep.PeriodEnd != resDate(t, "2025-12-31") || rep.DueOn != resDate(t, "2026-01-10") {
			t.Fatalf("filed %+v, want the 2025-Q4 period", rep)
		}
		if rep.Status != service.ProgressReportSubmitted || !rep.Late || rep.RevenueFen != 12_000_000 || rep.SubmittedBy == nil || *rep.SubmittedBy != a.Member.UserID {
			t.Fatalf("report = %+v", rep)
		}
		wantAuditDelta(t, w.svc, audits, 1)
		r, _ := w.svc.Residency.GetResidency(ctx, a.Member, id)
		if r.Flags.LateReports != 0 {
			t.Errorf("flags after filing = %+v", r.Flags)
		}
	})
	t.Run("ErrResubmit", func(t *testing.T) {
		in := numbers
		in.PeriodStart = resDatePtr(resDate(t, "2025-10-15"))
		_, err := w.svc.Residency.FileReport(ctx, a.Member, id, in)
		wantCode(t, err, model.CodeConflict)
	})
	t.Run("ErrNothingToFile", func(t *testing.T) {
		_, err := w.svc.Residency.FileReport(ctx, a.Member, id, numbers)
		wantCode(t, err, model.CodeFailedPrecondition)
	})
	t.Run("OKOnTimeAfterQuarterEnds", func(t *testing.T) {
		w.clock.Advance(32 * 24 * time.Hour) // 2026-04-02: Q1 has ended, due 04-10
		defer w.clock.Advance(-32 * 24 * time.Hour)
		r, _ := w.svc.Residency.GetResidency(ctx, a.Member, id)
		if r.Flags.DueReports != 1 || r.Flags.LateReports != 0 {
			t.Fatalf("flags = %+v, want one report due", r.Flags)
		}
		rep, err := w.svc.Residency.FileReport(ctx, a.Member, id, numbers)
		if err != nil {
			t.Fatal(err)
		}
		if rep.PeriodStart != resDate(t, "2026-01-01") || rep.Late {
			t.Fatalf("report = %+v, want 2026-Q1 on time", rep)
		}
		list, total, err := w.svc.Residency.ListReports(ctx, w.viewer, id, service.ProgressReportFilter{Status: service.ProgressReportSubmitted})
		if err != nil || total != 2 || len(list) != 2 {
			t.Fatalf("submitted reports = %d (%v)", total, err)
		}
	})
	t.Run("ErrResidencyEnded", func(t *testing.T) {
		if _, err := w.svc.Residency.Exit(ctx, w.mgr2, id, service.ResidencyExit{Kind: model.ResidencyExited, Reason: "转学", On: model.DateOf(w.clock.Now())}); err != nil {
			t.Fatal(err)
		}
		_, err := w.svc.Residency.FileReport(ctx, a.Member, id, numbers)
		wantCode(t, err, model.CodeFailedPrecondition)
	})
}

func resDatePtr(v model.Date) *model.Date { return &v }

func TestResidencyFlagsAndGraduation(t *testing.T) {
	w := newResWorld(t) // today is 2026-03-01, warnings 30 days ahead, max term 48 months
	_, ending := w.resAdmitted(t, resDate(t, "2025-04-01"), resDate(t, "2026-03-20"), model.CadenceQuarterly)
	_, maxTerm := w.resAdmitted(t, resDate(t, "2022-03-20"), resDate(t, "2026-03-19"), model.CadenceQuarterly)
	a, rich := w.resAdmitted(t, resDate(t, "2025-01-01"), resDate(t, "2026-12-31"), model.CadenceMonthly)

	r, err := w.svc.Residency.GetResidency(ctx, w.admin, ending)
	if err != nil || !r.Flags.ExpiringSoon || r.Flags.MaxTermSoon {
		t.Fatalf("ending: %+v, %v", r.Flags, err)
	}
	r, _ = w.svc.Residency.GetResidency(ctx, w.admin, maxTerm)
	if !r.Flags.MaxTermSoon || r.Flags.MaxTermEnd != resDate(t, "2026-03-20") {
		t.Fatalf("max term: %+v", r.Flags)
	}
	r, _ = w.svc.Residency.GetResidency(ctx, w.admin, rich)
	if r.Flags.ExpiringSoon || r.Flags.MaxTermSoon || r.Flags.LateReports != 13 || r.Flags.DueReports != 1 {
		t.Fatalf("rich: %+v, want 13 late (Jan 2025–Jan 2026) and February due", r.Flags)
	}
	if r.Graduation.Eligible {
		t.Fatalf("graduation without data = %+v", r.Graduation)
	}

	expiring, _, err := w.svc.Residency.ListResidencies(ctx, w.mgr2, service.ResidencyFilter{Flag: service.ResidencyFlagExpiring, Page: model.Page{PageSize: 100}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[uint]bool{}
	for _, v := range expiring {
		got[v.ID] = true
		if !v.Flags.ExpiringSoon && !v.Flags.MaxTermSoon {
			t.Errorf("flag=expiring lists %d with flags %+v", v.ID, v.Flags)
		}
	}
	if !got[ending] || !got[maxTerm] || got[rich] {
		t.Errorf("flag=expiring = %v, want %d and %d, not %d", got, ending, maxTerm, rich)
	}
	late, _, _ := w.svc.Residency.ListResidencies(ctx, w.mgr2, service.ResidencyFilter{Flag: service.ResidencyFlagLate, Page: model.Page{PageSize: 100}})
	found := false
	for _, v := range late {
		found = found || v.ID == rich
		if v.Flags.LateReports == 0 {
			t.Errorf("flag=late lists %d with flags %+v", v.ID, v.Flags)
		}
	}
	if !found {
		t.Error("flag=late misses the residency with 13 late reports")
	}

	// 3 million yuan raised as a funding event + 2.5 million reported; 11
	// million revenue in periods of the last 24 months.
	if err := w.svc.DB.Create(&model.FundingEvent{ProjectID: a.Project.ID, On: resDate(t, "2025-06-01"), Round: "天使轮", AmountFen: 300_000_000}).Error; err != nil {
		t.Fatal(err)
	}
	for i, m := range []string{"2025-01-01", "2025-02-01"} {
		in := service.ProgressReportInput{PeriodStart: resDatePtr(resDate(t, m)), RevenueFen: 550_000_000 + int64(i), FundingFen: 125_000_000}
		if _, err := w.svc.Residency.FileReport(ctx, a.Member, rich, in); err != nil {
			t.Fatal(err)
		}
	}
	r, _ = w.svc.Residency.GetResidency(ctx, w.admin, rich)
	g := r.Graduation
	if g.FundingTotalFen != 550_000_000 || !g.FundingOver5m || g.Revenue2yFen != 1_100_000_001 || !g.RevenueOver10m2y || !g.Eligible || g.HighTechEnterprise {
		t.Fatalf("graduation = %+v", g)
	}
	w.svc.DB.Model(&model.Project{}).Where("id = ?", a.Project.ID).Update("high_tech_enterprise", true)
	if r, _ = w.svc.Residency.GetResidency(ctx, w.admin, rich); !r.Graduation.HighTechEnterprise {
		t.Fatalf("graduation = %+v, want high-tech", r.Graduation)
	}
}
