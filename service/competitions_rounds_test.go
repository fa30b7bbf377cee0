package service_test

import (
	"encoding/json"
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
)

func TestParsePoints(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"85", 8500, true}, {"85.5", 8550, true}, {"85.50", 8550, true}, {"85.05", 8505, true},
		{"99.99", 9999, true}, {"100", 10000, true}, {"100.00", 10000, true}, {"60.500", 6050, true},
		{"100.01", 0, false}, {"85.555", 0, false}, {"-1", 0, false}, {"1e2", 0, false}, {"", 0, false}, {"abc", 0, false}, {"1000", 0, false}, {".5", 0, false},
	}
	for _, c := range cases {
		got, err := service.ParsePoints(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParsePoints(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
	if got := service.FormatPoints(8505); got != "85.05" {
		t.Errorf("FormatPoints(8505) = %q", got)
	}
}

func compTracksSpec(t *testing.T, w *compWorld) {
	gdpt := uint(service.DemoBaseGDPT)
	c := w.compIn(t, &gdpt, model.CompetitionDraft) // has track 新材料

	t.Run("OK", func(t *testing.T) {
		tr, err := w.svc.Competitions.CreateTrack(ctx, w.mgr2, c.ID, service.NewTrack{Name: "文创", Description: "文化创意", SortOrder: 0})
		if err != nil {
			t.Fatal(err)
		}
		up, err := w.svc.Competitions.UpdateTrack(ctx, w.mgr2, tr.ID, service.TrackUpdate{Name: ptr("文创组"), SortOrder: ptr(5)})
		if err != nil {
			t.Fatal(err)
		}
		if up.Name != "文创组" || up.SortOrder != 5 || up.Description != "文化创意" || up.CompetitionID != c.ID {
			t.Errorf("updated track %+v", up)
		}
		items, total, err := w.svc.Competitions.Tracks(ctx, w.mgr2, c.ID, model.Page{Page: 1, PageSize: 20})
		if err != nil || total != 2 || items[0].Name != "新材料" || items[1].Name != "文创组" {
			t.Errorf("tracks %+v (%d), %v; want by sort_order", items, total, err)
		}
	})

	t.Run("ErrNameTaken", func(t *testing.T) {
		before := auditCount(t, w.svc)
		_, err := w.svc.Competitions.CreateTrack(ctx, w.mgr2, c.ID, service.NewTrack{Name: "新材料"})
		wantFields(t, err, "name")
		wantAuditDelta(t, w.svc, before, 0)
	})

	t.Run("ErrScope", func(t *testing.T) {
		_, err := w.svc.Competitions.CreateTrack(ctx, w.mgr3, c.ID, service.NewTrack{Name: "x"})
		wantCode(t, err, model.CodeNotFound) // another base's draft
		_, _, err = w.svc.Competitions.Tracks(ctx, w.student, c.ID, model.Page{})
		wantCode(t, err, model.CodeNotFound)
		open := w.compIn(t, &gdpt, model.CompetitionOpen)
		_, err = w.svc.Competitions.CreateTrack(ctx, w.mgr3, open.ID, service.NewTrack{Name: "x"})
		wantCode(t, err, model.CodeForbidden)
		if _, _, err := w.svc.Competitions.Tracks(ctx, w.student, open.ID, model.Page{}); err != nil {
			t.Errorf("student reads an open competition's tracks: %v", err)
		}
	})

	t.Run("ErrFinished", func(t *testing.T) {
		f := w.compIn(t, nil, model.CompetitionFinished)
		_, err := w.svc.Competitions.CreateTrack(ctx, w.admin, f.ID, service.NewTrack{Name: "x"})
		wantCode(t, err, model.CodeFailedPrecondition)
	})
}

// compRound is a valid round input.
func compRound(order int) service.NewRound {
	return service.NewRound{Name: "校赛", SortOrder: &order, Kind: model.RoundOnlineReview, JudgesPerEntry: ptr(5), Aggregation: model.AggregateMean}
}

func compRoundsSpec(t *testing.T, w *compWorld) {
	gdpt := uint(service.DemoBaseGDPT)
	c := w.compIn(t, &gdpt, model.CompetitionOpen)
	now := w.clock.Now()

	var r service.RoundView
	t.Run("OK", func(t *testing.T) {
		in := compRound(1)
		in.ScoringOpensAt, in.ScoringClosesAt = ptr(now.Add(48*time.Hour)), ptr(now.Add(96*time.Hour))
		in.AdvanceTopN, in.AdvanceCollegeCap, in.AdvanceMinScore, in.Blind = 10, 3, ptr("80.5"), true
		var err error
		if r, err = w.svc.Competitions.CreateRound(ctx, w.mgr2, c.ID, in); err != nil {
			t.Fatal(err)
		}
		if string(r.AdvanceMinScore) != "80.50" || r.Status != model.RoundPending || r.Version != 1 || !r.Blind || r.AdvanceTopN != 10 {
			t.Errorf("created %+v (min score %s)", r, r.AdvanceMinScore)
		}
		var stored model.Round
		if err := w.svc.DB.Take(&stored, r.ID).Error; err != nil || stored.AdvanceMinScore == nil || *stored.AdvanceMinScore != 8050 {
			t.Errorf("stored min score %v, %v; want 8050 hundredths", stored.AdvanceMinScore, err)
		}
		last, err := w.svc.Competitions.CreateRound(ctx, w.mgr2, c.ID, service.NewRound{Name: "总决赛", Kind: model.RoundRoadshow})
		if err != nil {
			t.Fatal(err)
		}
		if last.SortOrder != 2 || last.JudgesPerEntry != 5 || last.Aggregation != model.AggregateMean || last.AdvanceMinScore != nil {
			t.Errorf("defaults: %+v", last)
		}
		if b, _ := json.Marshal(last); !json.Valid(b) {
			t.Errorf("view marshals to invalid JSON: %s", b)
		}
	})

	t.Run("UpdateClears", func(t *testing.T) {
		up, err := w.svc.Competitions.UpdateRound(ctx, w.mgr2, r.ID, service.RoundUpdate{
			ScoringOpensAt: service.Clearable[time.Time]{Set: true}, AdvanceMinScore: service.Clearable[string]{Set: true},
			Aggregation: ptr(model.AggregateZScore), Version: r.Version,
		})
		if err != nil {
			t.Fatal(err)
		}
		if up.ScoringOpensAt != nil || up.ScoringClosesAt == nil || up.AdvanceMinScore != nil || up.Aggregation != model.AggregateZScore || up.Version != r.Version+1 {
			t.Errorf("updated %+v", up)
		}
		r = up
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		cases := []struct {
			name  string
			edit  func(*service.NewRound)
			field string
		}{
			{"Kind", func(in *service.NewRound) { in.Kind = "vote" }, "kind"},
			{"Aggregation", func(in *service.NewRound) { in.Aggregation = "median" }, "aggregation"},
			{"JudgesZero", func(in *service.NewRound) { in.JudgesPerEntry = ptr(0) }, "judges_per_entry"},
			{"JudgesSixteen", func(in *service.NewRound) { in.JudgesPerEntry = ptr(16) }, "judges_per_entry"},
			{"TopN", func(in *service.NewRound) { in.AdvanceTopN = -1 }, "advance_top_n"},
			{"CollegeCap", func(in *service.NewRound) { in.AdvanceCollegeCap = -1 }, "advance_college_cap"},
			{"MinScoreDecimals", func(in *service.NewRound) { in.AdvanceMinScore = ptr("60.125") }, "advance_min_score"},
			{"MinScoreRange", func(in *service.NewRound) { in.AdvanceMinScore = ptr("100.5") }, "advance_min_score"},
			{"ScoringWindow", func(in *service.NewRound) {
				in.ScoringOpensAt, in.ScoringClosesAt = ptr(now.Add(time.Hour)), ptr(now.Add(time.Hour))
			}, "scoring_closes_at"},
			{"OrderTaken", func(in *service.NewRound) { in.SortOrder = ptr(2) }, "sort_order"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := auditCount(t, w.svc)
				in := compRound(9)
				tc.edit(&in)
				_, err := w.svc.Competitions.CreateRound(ctx, w.mgr2, c.ID, in)
				wantFields(t, err, tc.field)
				wantAuditDelta(t, w.svc, before, 0)
			})
		}
		_, total, err := w.svc.Competitions.Rounds(ctx, w.admin, c.ID, model.Page{})
		if err != nil || total != 2 {
			t.Errorf("rounds after invalid input: %d, %v; want 2", total, err)
		}
		_, err = w.svc.Competitions.UpdateRound(ctx, w.mgr2, r.ID, service.RoundUpdate{SortOrder: ptr(2), Version: r.Version})
		wantFields(t, err, "sort_order")
	})

	t.Run("ErrStaleVersion", func(t *testing.T) {
		_, err := w.svc.Competitions.UpdateRound(ctx, w.mgr2, r.ID, service.RoundUpdate{Name: ptr("x"), Version: r.Version - 1})
		wantCode(t, err, model.CodeConflict)
	})

	t.Run("ErrNotPending", func(t *testing.T) {
		if err := w.svc.DB.Model(&model.Round{}).Where("id = ?", r.ID).Update("status", model.RoundScoring).Error; err != nil {
			t.Fatal(err)
		}
		defer w.svc.DB.Model(&model.Round{}).Where("id = ?", r.ID).Update("status", model.RoundPending)
		_, err := w.svc.Competitions.UpdateRound(ctx, w.mgr2, r.ID, service.RoundUpdate{Name: ptr("x"), Version: r.Version})
		wantCode(t, err, model.CodeFailedPrecondition)
	})

	t.Run("ErrScope", func(t *testing.T) {
		_, err := w.svc.Competitions.UpdateRound(ctx, w.mgr3, r.ID, service.RoundUpdate{Name: ptr("x"), Version: r.Version})
		wantCode(t, err, model.CodeForbidden)
		_, err = w.svc.Competitions.CreateRound(ctx, w.student, c.ID, compRound(7))
		wantCode(t, err, model.CodeForbidden)
		if _, err := w.svc.Competitions.Round(ctx, w.student, r.ID); err != nil {
			t.Errorf("student reads a round of an open competition: %v", err)
		}
	})
}
