package service_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
)

func TestEntryDeadline(t *testing.T) {
	w := newEntWorld(t)
	x := w.ready(t)                        // team X: edits and submits one second before the close
	y := w.create(t, "student04", w.projY) // team Y: too late, then extended
	w.addPlan(t, y.ID, 1)
	title := "改名"

	w.clock.Advance(entCloseIn - time.Second)
	t.Run("OKOneSecondBefore", func(t *testing.T) {
		u, err := w.svc.Entries.Update(ctx, w.actor(t, "student02"), x.ID, service.EntryUpdate{Title: &title, Version: x.Version})
		if err != nil || u.Title != title || u.Locked {
			t.Fatalf("update = %+v, %v", u, err)
		}
		s, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), x.ID)
		if err != nil || s.Status != model.EntrySubmitted {
			t.Fatalf("submit = %+v, %v", s, err)
		}
	})

	w.clock.Advance(2 * time.Second)
	t.Run("ErrFailedPreconditionOneSecondAfter", func(t *testing.T) {
		before := auditCount(t, w.svc)
		_, err := w.svc.Entries.Update(ctx, w.actor(t, "student04"), y.ID, service.EntryUpdate{Title: &title, Version: y.Version})
		wantCode(t, err, model.CodeFailedPrecondition)
		deadline := w.comp.RegistrationClosesAt.UTC().Format(time.RFC3339)
		if !strings.Contains(err.Error(), deadline) {
			t.Fatalf("message %q does not name the deadline %s", err, deadline)
		}
		_, err = w.svc.Entries.Submit(ctx, w.actor(t, "student04"), y.ID)
		wantCode(t, err, model.CodeFailedPrecondition)
		_, err = w.svc.Entries.Update(ctx, w.actor(t, "student01"), x.ID, service.EntryUpdate{Title: &title, Version: w.entry(t, x.ID).Version})
		wantCode(t, err, model.CodeFailedPrecondition)
		wantAuditDelta(t, w.svc, before, 0)
		v, err := w.svc.Entries.Get(ctx, w.actor(t, "student04"), y.ID)
		if err != nil || !v.Locked || hasAction(v, service.EntryActionUpdate) || hasAction(v, service.EntryActionSubmit) {
			t.Fatalf("locked view = %+v, %v", v, err)
		}
		// Organisers still correct entries after the deadline.
		if _, err := w.svc.Entries.Update(ctx, w.actor(t, "manager_gdpt"), x.ID, service.EntryUpdate{Title: &title, Version: w.entry(t, x.ID).Version}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrForbiddenExtensionNotAdmin", func(t *testing.T) {
		_, err := w.svc.Entries.Extend(ctx, w.actor(t, "manager_gdpt"), y.ID, service.EntryExtension{Until: w.clock.Now().Add(time.Hour), Reason: "系统故障"})
		wantCode(t, err, model.CodeForbidden)
		_, err = w.svc.Entries.Extend(ctx, w.actor(t, "admin"), y.ID, service.EntryExtension{Until: w.clock.Now().Add(-time.Second), Reason: " "})
		wantFields(t, err, "until", "reason")
	})

	t.Run("OKExtensionReopensThatEntryOnly", func(t *testing.T) {
		entMust(t, w.svc.DB.Model(&w.comp).Update("status", model.CompetitionRegistrationClosed).Error)
		until := w.clock.Now().Add(24 * time.Hour)
		before := auditCount(t, w.svc)
		v, err := w.svc.Entries.Extend(ctx, w.actor(t, "admin"), y.ID, service.EntryExtension{Until: until, Reason: "上传通道故障"})
		if err != nil || v.DeadlineExtendedTo == nil || !v.DeadlineExtendedTo.Equal(until) || !v.Deadline.Equal(until) || v.Locked {
			t.Fatalf("extended = %+v, %v", v, err)
		}
		wantAuditDelta(t, w.svc, before, 1)
		if a := lastAudit(t, w.svc); a.Action != "entry.extended" || !strings.Contains(a.After, "上传通道故障") {
			t.Fatalf("audit = %+v", a)
		}
		u, err := w.svc.Entries.Update(ctx, w.actor(t, "student05"), y.ID, service.EntryUpdate{Title: &title, Version: v.Version})
		if err != nil || u.Title != title {
			t.Fatalf("update after extension = %+v, %v", u, err)
		}
		if s, err := w.svc.Entries.Submit(ctx, w.actor(t, "student04"), y.ID); err != nil || s.Status != model.EntrySubmitted {
			t.Fatalf("submit after extension = %+v, %v", s, err)
		}
		_, err = w.svc.Entries.Update(ctx, w.actor(t, "student01"), x.ID, service.EntryUpdate{Title: &title, Version: w.entry(t, x.ID).Version})
		wantCode(t, err, model.CodeFailedPrecondition)
		w.clock.Advance(24 * time.Hour)
		_, err = w.svc.Entries.Update(ctx, w.actor(t, "student05"), y.ID, service.EntryUpdate{Title: &title, Version: w.entry(t, y.ID).Version})
		wantCode(t, err, model.CodeFailedPrecondition)
	})
}

func TestEntrySubmitIdempotent(t *testing.T) {
	w := newEntWorld(t)
	t.Run("OKTwice", func(t *testing.T) {
		v := w.ready(t)
		first, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), v.ID)
		if err != nil {
			t.Fatal(err)
		}
		before := auditCount(t, w.svc)
		w.clock.Advance(time.Minute)
		second, err := w.svc.Entries.Submit(ctx, w.actor(t, "student02"), v.ID)
		if err != nil || second.Status != model.EntrySubmitted || !second.SubmittedAt.Equal(*first.SubmittedAt) || second.Version != first.Version {
			t.Fatalf("second submit = %+v, %v; first %+v", second, err, first)
		}
		wantAuditDelta(t, w.svc, before, 0)
		if n := entryAudits(t, w.svc, v.ID, "entry.submitted"); n != 1 {
			t.Fatalf("%d submissions audited", n)
		}
	})
	t.Run("OKConcurrent", func(t *testing.T) {
		v := w.create(t, "student04", w.projY)
		w.addPlan(t, v.ID, 1)
		const clicks = 4
		var wg sync.WaitGroup
		start := make(chan struct{})
		got := make([]service.EntryView, clicks)
		errs := make([]error, clicks)
		for i := range clicks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				got[i], errs[i] = w.svc.Entries.Submit(ctx, w.actor(t, "student04"), v.ID)
			}()
		}
		close(start)
		wg.Wait()
		for i := range clicks {
			if errs[i] != nil || got[i].SubmittedAt == nil || !got[i].SubmittedAt.Equal(*got[0].SubmittedAt) {
				t.Fatalf("click %d: %+v, %v", i, got[i], errs[i])
			}
		}
		if n := entryAudits(t, w.svc, v.ID, "entry.submitted"); n != 1 {
			t.Fatalf("%d submissions audited, want 1", n)
		}
		if e := w.entry(t, v.ID); e.Version != 2 {
			t.Fatalf("version %d after one submission", e.Version)
		}
	})
}
