package service_test

import (
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
)

func TestExit(t *testing.T) {
	w := newResWorld(t)
	today := model.DateOf(w.clock.Now())
	admitted := func(t *testing.T) (resApp, uint) {
		a := w.resAppIn(t, service.DemoBaseGDPT, model.AppAdmitted)
		return a, w.residencyOf(t, a.ID)
	}

	t.Run("OKGraduatedFreesDesks", func(t *testing.T) {
		_, id := admitted(t)
		var desks []uint
		w.svc.DB.Model(&model.Workstation{}).Where("residency_id = ?", id).Pluck("id", &desks)
		if len(desks) != 2 {
			t.Fatalf("residency holds %d desks", len(desks))
		}
		w.clock.Advance(100 * 24 * time.Hour) // 100 days on: one quarter has ended
		defer w.clock.Advance(-100 * 24 * time.Hour)
		on := model.DateOf(w.clock.Now()).AddDays(-1)
		r, err := w.svc.Residency.Exit(ctx, w.mgr2, id, service.ResidencyExit{Kind: model.ResidencyGraduated, On: on})
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != model.ResidencyGraduated || r.ExitedOn == nil || *r.ExitedOn != on || len(r.Workstations) != 0 || len(r.AllowedActions) != 0 {
			t.Fatalf("after exit: %+v", r)
		}
		var free int64
		w.svc.DB.Model(&model.Workstation{}).Where("id IN ? AND status = ? AND residency_id IS NULL", desks, model.WorkstationFree).Count(&free)
		var open int64
		w.svc.DB.Model(&model.WorkstationAllocation{}).Where("residency_id = ? AND (to_on IS NULL OR to_on <> ?)", id, on).Count(&open)
		if free != 2 || open != 0 {
			t.Fatalf("%d desks freed, %d allocations not closed on %s", free, open, on)
		}
		var later int64
		w.svc.DB.Model(&model.ProgressReport{}).Where("residency_id = ? AND period_start > ?", id, on).Count(&later)
		if later != 0 {
			t.Errorf("%d report rows after the exit remain", later)
		}
		if a := lastAudit(t, w.svc); a.Action != "residency.graduated" {
			t.Errorf("audit action = %s", a.Action)
		}
		_, err = w.svc.Residency.Exit(ctx, w.mgr2, id, service.ResidencyExit{Kind: model.ResidencyRemoved, Reason: "x", On: on})
		wantCode(t, err, model.CodeFailedPrecondition)
	})

	t.Run("OKRemovedWithReason", func(t *testing.T) {
		_, id := admitted(t)
		r, err := w.svc.Residency.Exit(ctx, w.admin, id, service.ResidencyExit{Kind: model.ResidencyRemoved, Reason: "长期未入驻办公", On: today})
		if err != nil || r.Status != model.ResidencyRemoved || r.ExitReason != "长期未入驻办公" {
			t.Fatalf("%+v, %v", r, err)
		}
	})

	a, id := admitted(t)
	bad := []struct {
		name   string
		by     service.Actor
		in     service.ResidencyExit
		code   model.Code
		fields []string
	}{
		{"ErrKind", w.mgr2, service.ResidencyExit{Kind: "left", On: today}, model.CodeInvalid, []string{"kind"}},
		{"ErrReasonRequired", w.mgr2, service.ResidencyExit{Kind: model.ResidencyExited, On: today}, model.CodeInvalid, []string{"reason"}},
		{"ErrFuture", w.mgr2, service.ResidencyExit{Kind: model.ResidencyGraduated, On: today.AddDays(1)}, model.CodeInvalid, []string{"on"}},
		{"ErrBeforeStart", w.mgr2, service.ResidencyExit{Kind: model.ResidencyGraduated, On: today.AddDays(-1)}, model.CodeInvalid, []string{"on"}},
		{"ErrNoDate", w.mgr2, service.ResidencyExit{Kind: model.ResidencyGraduated}, model.CodeInvalid, []string{"on"}},
		{"ErrNotFoundOtherManager", w.mgr3, service.ResidencyExit{Kind: model.ResidencyGraduated, On: today}, model.CodeNotFound, nil},
		{"ErrForbiddenMember", a.Member, service.ResidencyExit{Kind: model.ResidencyGraduated, On: today}, model.CodeForbidden, nil},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			before := resSnap(t, w)
			_, err := w.svc.Residency.Exit(ctx, c.by, id, c.in)
			if c.fields != nil {
				wantFields(t, err, c.fields...)
			} else {
				wantCode(t, err, c.code)
			}
			if after := resSnap(t, w); after != before {
				t.Fatalf("a refused exit wrote: %+v → %+v", before, after)
			}
		})
	}
}
