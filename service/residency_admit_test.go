package service_test

import (
	"sync"
	"testing"

	"incubator/model"
	"incubator/service"
)

// resSnapshot is what a refused admission or exit must leave unchanged.
type resSnapshot struct {
	Residencies, Allocations, Reports, Audit, Occupied int64
}

func resSnap(t testing.TB, w *resWorld) resSnapshot {
	t.Helper()
	var occupied int64
	if err := w.svc.DB.Model(&model.Workstation{}).Where("status = ?", model.WorkstationOccupied).Count(&occupied).Error; err != nil {
		t.Fatal(err)
	}
	return resSnapshot{
		Residencies: resRows(t, w.svc, &model.Residency{}), Allocations: resRows(t, w.svc, &model.WorkstationAllocation{}),
		Reports: resRows(t, w.svc, &model.ProgressReport{}), Audit: auditCount(t, w.svc), Occupied: occupied,
	}
}

func TestAdmit(t *testing.T) {
	w := newResWorld(t)
	today := model.DateOf(w.clock.Now())

	t.Run("OKChosenDesks", func(t *testing.T) {
		a := w.resAppIn(t, service.DemoBaseGDPT, model.AppApproved)
		desks := w.freeDesks(t, service.DemoBaseGDPT, 3)
		in := service.Admission{StartOn: today, EndOn: today.AddMonths(12).AddDays(-1), ReportCadence: model.CadenceMonthly,
			FreeRentFen: 1_000_000, WorkstationIDs: []uint{desks[2].ID, desks[0].ID}}
		r, err := w.svc.Residency.Admit(ctx, w.mgr2, a.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != model.ResidencyActive || r.StartOn != in.StartOn || r.EndOn != in.EndOn || r.FreeRentFen != 1_000_000 || r.ApplicationID != a.ID {
			t.Fatalf("residency = %+v", r)
		}
		if len(r.Workstations) != 2 {
			t.Fatalf("workstations = %+v", r.Workstations)
		}
		for _, d := range []model.Workstation{desks[0], desks[2]} {
			var got model.Workstation
			w.svc.DB.Take(&got, d.ID)
			if got.Status != model.WorkstationOccupied || got.ResidencyID == nil || *got.ResidencyID != r.ID || got.Version != d.Version+1 {
				t.Errorf("desk %s after admission = %+v", d.Code, got)
			}
		}
		var reports int64
		w.svc.DB.Model(&model.ProgressReport{}).Where("residency_id = ?", r.ID).Count(&reports)
		if reports != 12 {
			t.Errorf("%d report rows for a 12-month monthly agreement, want 12", reports)
		}
		if w.appStatus(t, a.ID) != model.AppAdmitted {
			t.Error("application not admitted")
		}
	})

	t.Run("OKAutoPickRequestedZone", func(t *testing.T) {
		a := w.resAppIn(t, service.DemoBaseGDKM, model.AppApproved)
		zone := w.zoneOfBase[service.DemoBaseGDKM]
		if err := w.svc.DB.Model(&model.ResidencyApplication{}).Where("id = ?", a.ID).
			Updates(map[string]any{"requested_zone_id": zone, "requested_workstations": 3}).Error; err != nil {
			t.Fatal(err)
		}
		r, err := w.svc.Residency.Admit(ctx, w.mgr3, a.ID, service.Admission{StartOn: today, EndOn: today.AddMonths(24), ReportCadence: model.CadenceQuarterly})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Workstations) != 3 {
			t.Fatalf("took %d desks, want the 3 requested", len(r.Workstations))
		}
		for _, d := range r.Workstations {
			if d.ZoneID != zone {
				t.Errorf("desk %s is in zone %d, want the requested %d", d.Code, d.ZoneID, zone)
			}
		}
	})

	bad := []struct {
		name   string
		change func(in *service.Admission, a resApp)
		code   model.Code
		fields []string
	}{
		{"ErrEndBeforeStart", func(in *service.Admission, _ resApp) { in.EndOn = in.StartOn.AddDays(-1) }, model.CodeInvalid, []string{"end_on"}},
		{"ErrEndOnStart", func(in *service.Admission, _ resApp) { in.EndOn = in.StartOn }, model.CodeInvalid, []string{"end_on"}},
		{"ErrOverMaxTerm", func(in *service.Admission, _ resApp) { in.EndOn = in.StartOn.AddMonths(48).AddDays(1) }, model.CodeInvalid, []string{"end_on"}},
		{"ErrMissingDates", func(in *service.Admission, _ resApp) { in.StartOn, in.EndOn = model.Date{}, model.Date{} }, model.CodeInvalid, []string{"start_on", "end_on"}},
		{"ErrCadence", func(in *service.Admission, _ resApp) { in.ReportCadence = "weekly" }, model.CodeInvalid, []string{"report_cadence"}},
		{"ErrNegativeAmounts", func(in *service.Admission, _ resApp) { in.FreeRentFen, in.PropertyWaiverFen = -1, -5 }, model.CodeInvalid, []string{"free_rent_fen", "property_waiver_fen"}},
		{"ErrDesksAndZone", func(in *service.Admission, _ resApp) {
			in.WorkstationIDs = []uint{w.freeDesks(t, service.DemoBaseGDPT, 1)[0].ID}
		}, model.CodeInvalid, []string{"workstation_ids"}},
		{"ErrDuplicateDesk", func(in *service.Admission, _ resApp) {
			id := w.freeDesks(t, service.DemoBaseGDPT, 1)[0].ID
			in.ZoneID, in.Count, in.WorkstationIDs = nil, nil, []uint{id, id}
		}, model.CodeInvalid, []string{"workstation_ids"}},
		{"ErrDeskOfAnotherBase", func(in *service.Admission, _ resApp) {
			in.ZoneID, in.Count = nil, nil
			in.WorkstationIDs = []uint{w.freeDesks(t, service.DemoBaseGDPT, 1)[0].ID, w.freeDesks(t, service.DemoBaseGDKM, 1)[0].ID}
		}, model.CodeInvalid, []string{"workstation_ids"}},
		{"ErrUnknownDesk", func(in *service.Admission, _ resApp) {
			in.ZoneID, in.Count, in.WorkstationIDs = nil, nil, []uint{999999}
		}, model.CodeInvalid, []string{"workstation_ids"}},
		{"ErrZoneOfAnotherBase", func(in *service.Admission, _ resApp) { z := w.zoneOfBase[service.DemoBaseGDKM]; in.ZoneID = &z }, model.CodeInvalid, []string{"zone_id"}},
		{"ErrCount", func(in *service.Admission, _ resApp) { n := 21; in.Count = &n }, model.CodeInvalid, []string{"count"}},
		{"ErrTooFewFreeDesks", func(in *service.Admission, _ resApp) {
			n := 20
			in.Count, in.ZoneID = &n, nil
			w.fillBase(t, service.DemoBaseGDPT, 19)
		}, model.CodeFailedPrecondition, nil},
		{"ErrDeskOccupied", func(in *service.Admission, _ resApp) {
			var d model.Workstation
			w.svc.DB.Where("base_id = ? AND status = ?", service.DemoBaseGDPT, model.WorkstationOccupied).Take(&d)
			in.ZoneID, in.Count, in.WorkstationIDs = nil, nil, []uint{w.freeDesks(t, service.DemoBaseGDPT, 1)[0].ID, d.ID}
		}, model.CodeConflict, nil},
		{"ErrAlreadyResident", func(_ *service.Admission, a resApp) {
			// the same team already holds an active residency in this base
			other := w.resAppIn(t, service.DemoBaseGDPT, model.AppAdmitted)
			w.svc.DB.Model(&model.Residency{}).Where("application_id = ?", other.ID).Update("project_id", a.Project.ID)
		}, model.CodeFailedPrecondition, nil},
		{"ErrMemberLeadsAResident", func(_ *service.Admission, a resApp) {
			other := w.resAppIn(t, service.DemoBaseGDPT, model.AppAdmitted)
			w.svc.DB.Create(&model.ProjectMember{ProjectID: other.Project.ID, UserID: a.Member.UserID, Role: model.MemberMember})
			w.svc.DB.Model(&model.ProjectMember{}).Where("project_id = ? AND user_id = ?", other.Project.ID, other.Member.UserID).Update("role", model.MemberMember)
			w.svc.DB.Model(&model.ProjectMember{}).Where("project_id = ? AND user_id = ?", other.Project.ID, a.Member.UserID).Update("role", model.MemberLeader)
		}, model.CodeFailedPrecondition, nil},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			a := w.resAppIn(t, service.DemoBaseGDPT, model.AppApproved)
			in := w.admission(service.DemoBaseGDPT)
			c.change(&in, a)
			before := resSnap(t, w)
			_, err := w.svc.Residency.Admit(ctx, w.mgr2, a.ID, in)
			if c.fields != nil {
				wantFields(t, err, c.fields...)
			} else {
				wantCode(t, err, c.code)
			}
			if after := resSnap(t, w); after != before {
				t.Fatalf("a refused admission wrote: %+v → %+v", before, after)
			}
			if w.appStatus(t, a.ID) != model.AppApproved {
				t.Fatal("application moved")
			}
		})
	}
}

// fillBase occupies all but keep free desks of the base (marking them
// out of service).
func (w *resWorld) fillBase(t testing.TB, baseID uint, keep int) {
	t.Helper()
	var ids []uint
	w.svc.DB.Model(&model.Workstation{}).Where("base_id = ? AND status = ?", baseID, model.WorkstationFree).Order("id").Pluck("id", &ids)
	if len(ids) <= keep {
		return
	}
	if err := w.svc.DB.Model(&model.Workstation{}).Where("id IN ?", ids[keep:]).Update("status", model.WorkstationOutOfService).Error; err != nil {
		t.Fatal(err)
	}
}

// TestAdmitRace admits two approved applications asking for the same desk
// at the same instant: exactly one wins, the other gets conflict, and the
// desk has one residency and one allocation.
func TestAdmitRace(t *testing.T) {
	w := newResWorld(t)
	today := model.DateOf(w.clock.Now())
	for round := 0; round < 5; round++ {
		apps := []resApp{w.resAppIn(t, service.DemoBaseGDPT, model.AppApproved), w.resAppIn(t, service.DemoBaseGDPT, model.AppApproved)}
		desk := w.freeDesks(t, service.DemoBaseGDPT, 1)[0]
		in := service.Admission{StartOn: today, EndOn: today.AddMonths(24), ReportCadence: model.CadenceQuarterly, WorkstationIDs: []uint{desk.ID}}
		errs := make([]error, len(apps))
		var ready, done sync.WaitGroup
		start := make(chan struct{})
		for i := range apps {
			ready.Add(1)
			done.Add(1)
			go func(i int) {
				defer done.Done()
				ready.Done()
				<-start
				_, errs[i] = w.svc.Residency.Admit(ctx, w.mgr2, apps[i].ID, in)
			}(i)
		}
		ready.Wait()
		close(start)
		done.Wait()

		winner := -1
		for i, err := range errs {
			switch model.ErrorCode(err) {
			case "":
				if winner >= 0 {
					t.Fatalf("round %d: both admissions took desk %s", round, desk.Code)
				}
				winner = i
			case model.CodeConflict:
			default:
				t.Fatalf("round %d: admission %d: %v, want success or conflict", round, i, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: no admission succeeded: %v", round, errs)
		}
		t.Logf("round %d: loser: %v", round, errs[1-winner])
		loser := apps[1-winner]
		var got model.Workstation
		w.svc.DB.Take(&got, desk.ID)
		var allocs []model.WorkstationAllocation
		w.svc.DB.Where("workstation_id = ?", desk.ID).Find(&allocs)
		winRes := w.residencyOf(t, apps[winner].ID)
		if got.Status != model.WorkstationOccupied || got.ResidencyID == nil || *got.ResidencyID != winRes {
			t.Fatalf("round %d: desk = %+v, want occupied by residency %d", round, got, winRes)
		}
		if len(allocs) != 1 || allocs[0].ResidencyID != winRes {
			t.Fatalf("round %d: allocations of the desk = %+v", round, allocs)
		}
		var loserRows int64
		w.svc.DB.Model(&model.Residency{}).Where("application_id = ?", loser.ID).Count(&loserRows)
		if loserRows != 0 || w.appStatus(t, loser.ID) != model.AppApproved {
			t.Fatalf("round %d: the losing admission left %d residencies, status %s", round, loserRows, w.appStatus(t, loser.ID))
		}
	}
	wantVerified(t, w.svc, int(auditCount(t, w.svc)))
}
