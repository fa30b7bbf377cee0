package service_test

import (
	"slices"
	"testing"

	"incubator/model"
	"incubator/service"
)

func compJudgePoolSpec(t *testing.T, w *compWorld) {
	gdpt := uint(service.DemoBaseGDPT)
	draft := w.compIn(t, &gdpt, model.CompetitionDraft)
	r, err := w.svc.Competitions.CreateRound(ctx, w.mgr2, draft.ID, compRound(1))
	if err != nil {
		t.Fatal(err)
	}
	j1, j2 := userID(t, w.svc, "judge01"), userID(t, w.svc, "judge02")
	j3 := actorOf(t, w.svc, "judge03")

	t.Run("OK", func(t *testing.T) {
		before := auditCount(t, w.svc)
		v, err := w.svc.Competitions.AddJudges(ctx, w.mgr2, r.ID, []uint{j1, j2, j1})
		if err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, w.svc, before, 1)
		if v.JudgeCount != 2 {
			t.Errorf("judge_count = %d, want 2", v.JudgeCount)
		}
		pool, total, err := w.svc.Competitions.RoundJudges(ctx, w.mgr2, r.ID, model.Page{})
		if err != nil || total != 2 || pool[0].Username != "judge01" || pool[1].Username != "judge02" {
			t.Fatalf("pool %+v (%d), %v", pool, total, err)
		}
		if len(pool[0].Expertise) == 0 || pool[0].Title == "" || pool[0].CollegeID == nil || pool[0].CollegeName == "" {
			t.Errorf("judge profile missing: %+v", pool[0])
		}
	})

	t.Run("AddTwiceIsIdempotent", func(t *testing.T) {
		before := auditCount(t, w.svc)
		v, err := w.svc.Competitions.AddJudges(ctx, w.mgr2, r.ID, []uint{j2})
		if err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, w.svc, before, 0)
		if v.JudgeCount != 2 {
			t.Errorf("judge_count = %d, want 2", v.JudgeCount)
		}
	})

	t.Run("ErrNotJudges", func(t *testing.T) {
		disabled := userByName(t, w.svc, "judge05")
		if err := w.svc.DB.Model(&model.User{}).Where("id = ?", disabled.ID).Update("status", model.UserDisabled).Error; err != nil {
			t.Fatal(err)
		}
		for name, ids := range map[string][]uint{
			"Student": {j3.UserID, w.student.UserID}, "Disabled": {disabled.ID}, "Unknown": {99999}, "Empty": {}, "Zero": {0},
		} {
			t.Run(name, func(t *testing.T) {
				before := auditCount(t, w.svc)
				_, err := w.svc.Competitions.AddJudges(ctx, w.mgr2, r.ID, ids)
				wantFields(t, err, "user_ids")
				wantAuditDelta(t, w.svc, before, 0)
			})
		}
		if _, total, _ := w.svc.Competitions.RoundJudges(ctx, w.admin, r.ID, model.Page{}); total != 2 {
			t.Errorf("pool has %d judges after refused additions, want 2", total)
		}
	})

	t.Run("PoolJudgeSeesDraftRound", func(t *testing.T) {
		judge1 := actorOf(t, w.svc, "judge01")
		if _, err := w.svc.Competitions.Round(ctx, judge1, r.ID); err != nil {
			t.Errorf("judge in the pool: %v", err)
		}
		_, err := w.svc.Competitions.Round(ctx, j3, r.ID)
		wantCode(t, err, model.CodeNotFound)
		_, err = w.svc.Competitions.Get(ctx, judge1, draft.ID)
		wantCode(t, err, model.CodeNotFound)
		_, _, err = w.svc.Competitions.RoundJudges(ctx, judge1, r.ID, model.Page{})
		wantCode(t, err, model.CodeForbidden)
	})

	t.Run("ErrScope", func(t *testing.T) {
		_, err := w.svc.Competitions.AddJudges(ctx, w.mgr3, r.ID, []uint{j3.UserID})
		wantCode(t, err, model.CodeNotFound)
		open := w.compIn(t, &gdpt, model.CompetitionOpen)
		or, err := w.svc.Competitions.CreateRound(ctx, w.admin, open.ID, compRound(1))
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Competitions.AddJudges(ctx, w.mgr3, or.ID, []uint{j3.UserID})
		wantCode(t, err, model.CodeForbidden)
		_, _, err = w.svc.Competitions.RoundJudges(ctx, w.mgr3, or.ID, model.Page{})
		wantCode(t, err, model.CodeForbidden)
		err = w.svc.Competitions.RemoveJudge(ctx, w.mgr3, r.ID, j1)
		wantCode(t, err, model.CodeNotFound)
	})

	t.Run("Remove", func(t *testing.T) {
		before := auditCount(t, w.svc)
		if err := w.svc.Competitions.RemoveJudge(ctx, w.mgr2, r.ID, j1); err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, w.svc, before, 1)
		wantCode(t, w.svc.Competitions.RemoveJudge(ctx, w.mgr2, r.ID, j1), model.CodeNotFound)
		if v, _ := w.svc.Competitions.Round(ctx, w.mgr2, r.ID); v.JudgeCount != 1 {
			t.Errorf("judge_count = %d, want 1", v.JudgeCount)
		}
	})
}

func compJudgeDirectorySpec(t *testing.T, w *compWorld) {
	page := model.Page{Page: 1, PageSize: 100}

	all, total, err := w.svc.Competitions.Judges(ctx, w.mgr2, service.JudgeFilter{Page: page})
	if err != nil {
		t.Fatal(err)
	}
	if total != 20 || len(all) != 20 || all[0].Username != "judge01" {
		t.Fatalf("judges: %d (%d listed), first %+v; want judge01…judge20", total, len(all), all[0])
	}
	tag := all[0].Expertise[0]
	tagged, _, err := w.svc.Competitions.Judges(ctx, w.admin, service.JudgeFilter{Expertise: tag, Page: page})
	if err != nil || len(tagged) == 0 || len(tagged) == 20 {
		t.Fatalf("expertise %q: %d judges, %v", tag, len(tagged), err)
	}
	for _, j := range tagged {
		if !slices.Contains(j.Expertise, tag) {
			t.Errorf("%s listed for %q with %v", j.Username, tag, j.Expertise)
		}
	}
	college := *all[0].CollegeID
	byCollege, _, err := w.svc.Competitions.Judges(ctx, w.admin, service.JudgeFilter{CollegeID: &college, Page: page})
	if err != nil || len(byCollege) == 0 {
		t.Fatalf("college %d: %v, %v", college, byCollege, err)
	}
	for _, j := range byCollege {
		if j.CollegeID == nil || *j.CollegeID != college {
			t.Errorf("%s of college %v listed for college %d", j.Username, j.CollegeID, college)
		}
	}
	if found, _, _ := w.svc.Competitions.Judges(ctx, w.admin, service.JudgeFilter{Q: "judge07", Page: page}); len(found) != 1 {
		t.Errorf("q=judge07 found %d judges", len(found))
	}
	if none, _, _ := w.svc.Competitions.Judges(ctx, w.admin, service.JudgeFilter{Expertise: "%", Page: page}); len(none) != 0 {
		t.Errorf("expertise %% matched %d judges", len(none))
	}
	_, _, err = w.svc.Competitions.Judges(ctx, w.student, service.JudgeFilter{Page: page})
	wantCode(t, err, model.CodeForbidden)
}
