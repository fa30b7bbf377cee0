package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
)

func TestEntryVisibility(t *testing.T) {
	w := newEntWorld(t)
	x := w.create(t, "student01", w.projX)
	y := w.create(t, "student04", w.projY)
	cases := []struct {
		user       string
		seeX, seeY bool
		list       model.Code // "" when the list is allowed
		listed     int64
	}{
		{"student02", true, false, "", 1}, // team X
		{"student06", false, true, "", 1}, // team Y
		{"student22", false, false, "", 0},
		{"manager_gdpt", true, true, "", 2}, // organiser (base GDPT)
		{"admin", true, true, "", 2},
		{"manager_gdkm", false, false, model.CodeForbidden, 0}, // manager of another base
		{"judge01", false, false, model.CodeForbidden, 0},
		{"viewer_gdpt", true, true, "", 2}, // college viewer of GDPT: reads its college's entries
		{"officer", false, false, model.CodeForbidden, 0},
	}
	for _, c := range cases {
		t.Run(c.user, func(t *testing.T) {
			a := w.actor(t, c.user)
			for _, e := range []struct {
				id  uint
				see bool
			}{{x.ID, c.seeX}, {y.ID, c.seeY}} {
				v, err := w.svc.Entries.Get(ctx, a, e.id)
				if e.see && (err != nil || v.ID != e.id) {
					t.Fatalf("get %d: %v", e.id, err)
				}
				if !e.see {
					wantCode(t, err, model.CodeNotFound)
				}
			}
			l, err := w.svc.Entries.List(ctx, a, w.comp.ID, service.EntryFilter{})
			if c.list != "" {
				wantCode(t, err, c.list)
				return
			}
			if err != nil || l.Total != c.listed || int64(len(l.Items)) != c.listed {
				t.Fatalf("list = %d items (%d), %v; want %d", len(l.Items), l.Total, err, c.listed)
			}
			if organiser := c.user == "admin" || c.user == "manager_gdpt"; organiser != (l.Counts != nil) {
				t.Fatalf("counts = %+v for %s", l.Counts, c.user)
			}
		})
	}
	t.Run("OKViewerReadsMaterialsOnly", func(t *testing.T) {
		viewer := w.actor(t, "viewer_gdpt")
		if _, err := w.svc.Attachments.List(ctx, viewer, x.ID); err != nil {
			t.Fatalf("viewer lists the materials of its college's entry: %v", err)
		}
		v, err := w.svc.Entries.Get(ctx, viewer, x.ID)
		if err != nil || len(v.AllowedActions) != 0 {
			t.Fatalf("viewer's entry view allows %v (%v); want nothing", v.AllowedActions, err)
		}
		before := auditCount(t, w.svc)
		_, err = w.svc.Entries.Submit(ctx, viewer, x.ID)
		wantCode(t, err, model.CodeNotFound) // writes go through loadEntry: team and organisers only
		wantAuditDelta(t, w.svc, before, 0)
	})
	t.Run("ErrNotFoundWritesOfOthers", func(t *testing.T) {
		before := auditCount(t, w.svc)
		title := "x"
		_, err := w.svc.Entries.Update(ctx, w.actor(t, "student04"), x.ID, service.EntryUpdate{Title: &title, Version: 1})
		wantCode(t, err, model.CodeNotFound)
		_, err = w.svc.Entries.Submit(ctx, w.actor(t, "manager_gdkm"), x.ID)
		wantCode(t, err, model.CodeNotFound)
		_, err = w.svc.Entries.Withdraw(ctx, w.actor(t, "viewer_gdpt"), x.ID)
		wantCode(t, err, model.CodeNotFound)
		wantAuditDelta(t, w.svc, before, 0)
	})
	t.Run("ErrForbiddenDemoCompetitionForBaseManager", func(t *testing.T) {
		var demo model.Competition
		entMust(t, w.svc.DB.Where("base_id IS NULL").Take(&demo).Error)
		_, err := w.svc.Entries.List(ctx, w.actor(t, "manager_gdpt"), demo.ID, service.EntryFilter{})
		wantCode(t, err, model.CodeForbidden)
	})
	t.Run("ErrConflictStaleVersion", func(t *testing.T) {
		title := "新标题"
		_, err := w.svc.Entries.Update(ctx, w.actor(t, "student01"), x.ID, service.EntryUpdate{Title: &title, Version: x.Version + 5})
		wantCode(t, err, model.CodeConflict)
	})
}

func TestEntryQualification(t *testing.T) {
	w := newEntWorld(t)
	x := w.ready(t)
	y := w.create(t, "student04", w.projY)
	w.addPlan(t, y.ID, 1)
	mgr, team := w.actor(t, "manager_gdpt"), w.actor(t, "student01")

	t.Run("ErrFailedPreconditionDraft", func(t *testing.T) {
		_, err := w.svc.Entries.Qualify(ctx, mgr, x.ID)
		wantCode(t, err, model.CodeFailedPrecondition)
	})
	for _, id := range []uint{x.ID, y.ID} {
		if _, err := w.svc.Entries.Submit(ctx, mgr, id); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("ErrForbiddenTeam", func(t *testing.T) {
		_, err := w.svc.Entries.Qualify(ctx, team, x.ID)
		wantCode(t, err, model.CodeForbidden)
		_, err = w.svc.Entries.Disqualify(ctx, team, x.ID, "自己")
		wantCode(t, err, model.CodeForbidden)
	})
	t.Run("OKQualify", func(t *testing.T) {
		v, err := w.svc.Entries.Qualify(ctx, mgr, x.ID)
		if err != nil || v.Status != model.EntryQualified || !hasAction(v, service.EntryActionDisqualify) || hasAction(v, service.EntryActionQualify) {
			t.Fatalf("qualified = %+v, %v", v, err)
		}
		before := auditCount(t, w.svc)
		if again, err := w.svc.Entries.Qualify(ctx, mgr, x.ID); err != nil || again.Version != v.Version {
			t.Fatalf("qualify again = %+v, %v", again, err)
		}
		wantAuditDelta(t, w.svc, before, 0)
	})
	t.Run("ErrInvalidDisqualifyWithoutReason", func(t *testing.T) {
		_, err := w.svc.Entries.Disqualify(ctx, mgr, x.ID, "  ")
		wantFields(t, err, "reason")
	})
	t.Run("OKDisqualify", func(t *testing.T) {
		v, err := w.svc.Entries.Disqualify(ctx, mgr, x.ID, "材料抄袭")
		if err != nil || v.Status != model.EntryDisqualified || v.StatusReason != "材料抄袭" {
			t.Fatalf("disqualified = %+v, %v", v, err)
		}
		seen, err := w.svc.Entries.Get(ctx, team, x.ID)
		if err != nil || seen.StatusReason != "材料抄袭" || len(seen.AllowedActions) != 0 {
			t.Fatalf("team sees %+v, %v", seen, err)
		}
		_, err = w.svc.Entries.Withdraw(ctx, w.actor(t, "student01"), x.ID)
		wantCode(t, err, model.CodeFailedPrecondition)
		_, err = w.svc.Entries.Qualify(ctx, mgr, x.ID)
		wantCode(t, err, model.CodeFailedPrecondition)
	})
	t.Run("OKWithdraw", func(t *testing.T) {
		v, err := w.svc.Entries.Withdraw(ctx, w.actor(t, "student05"), y.ID)
		if err != nil || v.Status != model.EntryWithdrawn {
			t.Fatalf("withdrawn = %+v, %v", v, err)
		}
		before := auditCount(t, w.svc)
		if _, err := w.svc.Entries.Withdraw(ctx, w.actor(t, "student05"), y.ID); err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, w.svc, before, 0)
		_, err = w.svc.Entries.Submit(ctx, w.actor(t, "student04"), y.ID)
		wantCode(t, err, model.CodeFailedPrecondition)
		_, err = w.svc.Entries.Disqualify(ctx, mgr, y.ID, "迟交")
		wantCode(t, err, model.CodeFailedPrecondition)
	})
	t.Run("ErrFailedPreconditionFinished", func(t *testing.T) {
		entMust(t, w.svc.DB.Model(&w.comp).Update("status", model.CompetitionFinished).Error)
		title := "x"
		_, err := w.svc.Entries.Update(ctx, mgr, x.ID, service.EntryUpdate{Title: &title, Version: w.entry(t, x.ID).Version})
		wantCode(t, err, model.CodeFailedPrecondition)
		_, err = w.svc.Entries.Extend(ctx, w.actor(t, "admin"), y.ID, service.EntryExtension{Until: w.clock.Now().Add(1e12), Reason: "r"})
		wantCode(t, err, model.CodeFailedPrecondition)
	})
}
