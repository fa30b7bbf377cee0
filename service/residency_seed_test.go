package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
)

func TestSeedResidency(t *testing.T) {
	w := newResWorld(t)
	admin := w.admin

	states := map[string]int{}
	apps, _, err := w.svc.Residency.ListApplications(ctx, admin, service.ResidencyApplicationFilter{Page: model.Page{PageSize: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range apps {
		states[a.Status]++
		if a.Status != model.AppDraft && a.Status != model.AppSubmitted && len(a.Reviews) == 0 {
			t.Errorf("application %d (%s) has no review", a.ID, a.Status)
		}
	}
	for _, s := range []string{model.AppDraft, model.AppSubmitted, model.AppReviewing, model.AppApproved, model.AppRejected, model.AppReturned} {
		if states[s] < 1 {
			t.Errorf("no demo application is %s: %v", s, states)
		}
	}
	if states[model.AppAdmitted] != 20 {
		t.Errorf("%d admitted applications, want 20", states[model.AppAdmitted])
	}

	rs, total, err := w.svc.Residency.ListResidencies(ctx, admin, service.ResidencyFilter{Page: model.Page{PageSize: 100}})
	if err != nil || total != 20 {
		t.Fatalf("%d residencies (%v), want 20", total, err)
	}
	perBase := map[uint]int{}
	var late, nearEnd, graduated, submittedLate int
	for _, r := range rs {
		perBase[r.BaseID]++
		late += r.Flags.LateReports
		if r.Flags.ExpiringSoon {
			nearEnd++
		}
		switch r.Status {
		case model.ResidencyGraduated:
			graduated++
			if len(r.Workstations) != 0 || r.ExitedOn == nil || r.ExitReason == "" || !r.Graduation.Eligible {
				t.Errorf("graduated residency = %+v", r)
			}
		case model.ResidencyActive:
			if len(r.Workstations) != 2 {
				t.Errorf("residency %d holds %d desks, want 2", r.ID, len(r.Workstations))
			}
			for _, d := range r.Workstations {
				if z, ok := w.zoneOfBase[r.BaseID]; ok && d.ZoneID != z {
					t.Errorf("residency %d desk %s is not in the maker zone", r.ID, d.Code)
				}
			}
			months := (w.clock.Now().Year()-r.StartOn.Year())*12 + int(w.clock.Now().Month()) - int(r.StartOn.Month())
			if months < 3 || months > 14 {
				t.Errorf("residency %d started %d months ago", r.ID, months)
			}
		default:
			t.Errorf("residency %d is %s", r.ID, r.Status)
		}
		reports, _, err := w.svc.Residency.ListReports(ctx, admin, r.ID, service.ProgressReportFilter{Page: model.Page{PageSize: 100}})
		if err != nil || len(reports) == 0 {
			t.Fatalf("residency %d: %d reports, %v", r.ID, len(reports), err)
		}
		for _, rep := range reports {
			if rep.Late && rep.Status == service.ProgressReportSubmitted {
				submittedLate++
			}
		}
	}
	if perBase[2] != 7 || perBase[3] != 8 || perBase[4] != 5 {
		t.Errorf("residencies per base = %v, want 7/8/5 in bases 2/3/4", perBase)
	}
	if graduated != 1 || late == 0 || nearEnd < 1 || submittedLate < 1 {
		t.Errorf("graduated %d, late reports %d, near end %d, submitted late %d", graduated, late, nearEnd, submittedLate)
	}

	// Every desk held by a residency is occupied by an active one.
	var held []model.Workstation
	w.svc.DB.Where("residency_id IS NOT NULL").Find(&held)
	for _, d := range held {
		var n int64
		w.svc.DB.Model(&model.Residency{}).Where("id = ? AND status = ?", *d.ResidencyID, model.ResidencyActive).Count(&n)
		if n != 1 || d.Status != model.WorkstationOccupied {
			t.Errorf("desk %s (%s) is held by residency %d, which is not active", d.Code, d.Status, *d.ResidencyID)
		}
	}
	if len(held) != 38 {
		t.Errorf("%d desks held, want 38 (19 active residencies × 2)", len(held))
	}
	var open int64
	w.svc.DB.Model(&model.WorkstationAllocation{}).Where("to_on IS NULL").Count(&open)
	if open != 38 {
		t.Errorf("%d open allocations, want 38 (19 active residencies × 2)", open)
	}
}
