package service_test

import (
	"strings"
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
)

// TestCompetitionLifecycle creates competitions and moves them through
// their states and registration windows (one database for the three).
func TestCompetitionLifecycle(t *testing.T) {
	w := newCompWorld(t)
	t.Run("Create", func(t *testing.T) { compCreateSpec(t, w) })
	t.Run("StatusMoves", func(t *testing.T) { compStatusMovesSpec(t, w) })
	t.Run("RegistrationWindow", func(t *testing.T) { compWindowSpec(t, w) })
}

// TestCompetitionParts covers judges, tracks, rounds and pools (one
// database for the four; the directory runs first, before a judge is
// disabled).
func TestCompetitionParts(t *testing.T) {
	w := newCompWorld(t)
	t.Run("JudgeDirectory", func(t *testing.T) { compJudgeDirectorySpec(t, w) })
	t.Run("Tracks", func(t *testing.T) { compTracksSpec(t, w) })
	t.Run("Rounds", func(t *testing.T) { compRoundsSpec(t, w) })
	t.Run("JudgePool", func(t *testing.T) { compJudgePoolSpec(t, w) })
}

func compCount(t testing.TB, svc *service.Services) int64 {
	t.Helper()
	var n int64
	if err := svc.DB.Model(&model.Competition{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func compCreateSpec(t *testing.T, w *compWorld) {
	gdpt, gdkm := uint(service.DemoBaseGDPT), uint(service.DemoBaseGDKM)

	t.Run("OK", func(t *testing.T) {
		before := auditCount(t, w.svc)
		c, err := w.svc.Competitions.Create(ctx, w.admin, w.compInput(nil))
		if err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, w.svc, before, 1)
		if c.Status != model.CompetitionDraft || c.MinTeamSize != 3 || c.MaxTeamSize != 15 || c.MaxAdvisors != 3 || c.Edition != 1 || c.Version != 1 {
			t.Errorf("created %+v; want a draft with defaults 3/15/3, edition 1", c)
		}
		if c.BaseID != nil || c.RegistrationOpen || strings.Join(c.AllowedActions, ",") != "update,open" {
			t.Errorf("base %v, registration_open %v, actions %v", c.BaseID, c.RegistrationOpen, c.AllowedActions)
		}
		if a := lastAudit(t, w.svc); a.Action != "competition.created" {
			t.Errorf("audit action %q", a.Action)
		}
	})

	t.Run("OKManagerOwnBase", func(t *testing.T) {
		in := w.compInput(&gdpt)
		in.MinTeamSize, in.MaxTeamSize, in.MaxAdvisors = ptr(1), ptr(50), ptr(0)
		c, err := w.svc.Competitions.Create(ctx, w.mgr2, in)
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseID == nil || *c.BaseID != gdpt || c.BaseName == "" || c.MinTeamSize != 1 || c.MaxTeamSize != 50 || c.MaxAdvisors != 0 {
			t.Errorf("created %+v", c)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		before := compCount(t, w.svc)
		_, err := w.svc.Competitions.Create(ctx, w.mgr2, w.compInput(nil))
		wantCode(t, err, model.CodeForbidden)
		_, err = w.svc.Competitions.Create(ctx, w.mgr2, w.compInput(&gdkm))
		wantCode(t, err, model.CodeForbidden)
		_, err = w.svc.Competitions.Create(ctx, w.student, w.compInput(&gdpt))
		wantCode(t, err, model.CodeForbidden)
		if compCount(t, w.svc) != before {
			t.Error("a refused create wrote a competition")
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		unknown := uint(999)
		cases := []struct {
			name  string
			edit  func(*service.NewCompetition)
			field string
		}{
			{"NameBlank", func(in *service.NewCompetition) { in.Name = "  " }, "name"},
			{"ClosesBeforeOpens", func(in *service.NewCompetition) { in.RegistrationClosesAt = in.RegistrationOpensAt.Add(-time.Second) }, "registration_closes_at"},
			{"ClosesAtOpens", func(in *service.NewCompetition) { in.RegistrationClosesAt = in.RegistrationOpensAt }, "registration_closes_at"},
			{"MinTeamZero", func(in *service.NewCompetition) { in.MinTeamSize = ptr(0) }, "min_team_size"},
			{"MaxBelowMin", func(in *service.NewCompetition) { in.MinTeamSize, in.MaxTeamSize = ptr(5), ptr(4) }, "max_team_size"},
			{"MaxTeamTooBig", func(in *service.NewCompetition) { in.MaxTeamSize = ptr(51) }, "max_team_size"},
			{"AdvisorsNegative", func(in *service.NewCompetition) { in.MaxAdvisors = ptr(-1) }, "max_advisors"},
			{"AdvisorsTooMany", func(in *service.NewCompetition) { in.MaxAdvisors = ptr(11) }, "max_advisors"},
			{"Year", func(in *service.NewCompetition) { in.Year = 1999 }, "year"},
			{"Edition", func(in *service.NewCompetition) { in.Edition = -1 }, "edition"},
			{"UnknownBase", func(in *service.NewCompetition) { in.BaseID = &unknown }, "base_id"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before, audits := compCount(t, w.svc), auditCount(t, w.svc)
				in := w.compInput(nil)
				c.edit(&in)
				_, err := w.svc.Competitions.Create(ctx, w.admin, in)
				wantFields(t, err, c.field)
				if compCount(t, w.svc) != before || auditCount(t, w.svc) != audits {
					t.Error("invalid input wrote something")
				}
			})
		}
	})
}

// compStatusMovesSpec runs every transition from every state: the
// three legal moves succeed, every other answers failed_precondition
// naming the current state.
func compStatusMovesSpec(t *testing.T, w *compWorld) {
	legal := map[string]string{"open": model.CompetitionDraft, "close": model.CompetitionOpen, "finish": model.CompetitionRegistrationClosed}
	next := map[string]string{"open": model.CompetitionOpen, "close": model.CompetitionRegistrationClosed, "finish": model.CompetitionFinished}
	for _, from := range []string{model.CompetitionDraft, model.CompetitionOpen, model.CompetitionRegistrationClosed, model.CompetitionFinished, model.CompetitionResultsPublished} {
		for _, action := range []string{"open", "close", "finish"} {
			t.Run(from+"/"+action, func(t *testing.T) {
				c := w.compIn(t, nil, from)
				before := auditCount(t, w.svc)
				got, err := w.move(w.admin, c.ID, action)(w.svc.Competitions)
				if legal[action] == from {
					if err != nil {
						t.Fatal(err)
					}
					wantAuditDelta(t, w.svc, before, 1)
					if got.Status != next[action] || got.Version != c.Version+1 {
						t.Errorf("after %s: status %s version %d", action, got.Status, got.Version)
					}
					return
				}
				wantCode(t, err, model.CodeFailedPrecondition)
				if !strings.Contains(err.Error(), "is "+from) {
					t.Errorf("error %q does not name the state %s", err, from)
				}
				wantAuditDelta(t, w.svc, before, 0)
			})
		}
	}

	t.Run("ErrOpenWithoutTrack", func(t *testing.T) {
		c, err := w.svc.Competitions.Create(ctx, w.admin, w.compInput(nil))
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Competitions.Open(ctx, w.admin, c.ID)
		wantCode(t, err, model.CodeFailedPrecondition)
	})

	t.Run("ErrOpenWindowOver", func(t *testing.T) {
		c := w.compIn(t, nil, model.CompetitionDraft)
		w.clock.Advance(11 * 24 * time.Hour)
		_, err := w.svc.Competitions.Open(ctx, w.admin, c.ID)
		wantCode(t, err, model.CodeFailedPrecondition)
	})

	t.Run("CloseRegistrationEndsWindowNow", func(t *testing.T) {
		c := w.compIn(t, nil, model.CompetitionOpen)
		w.clock.Advance(2 * time.Hour)
		now := w.clock.Now()
		got, err := w.svc.Competitions.CloseRegistration(ctx, w.admin, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.RegistrationClosesAt.Equal(now) || got.RegistrationOpen {
			t.Errorf("closes at %v (now %v), registration_open %v", got.RegistrationClosesAt, now, got.RegistrationOpen)
		}
		var stored model.Competition
		if err := w.svc.DB.Take(&stored, c.ID).Error; err != nil {
			t.Fatal(err)
		}
		if !service.EntryLocked(now, stored, model.Entry{}) {
			t.Error("entries are not locked right after closing registration")
		}
	})

	t.Run("CloseBeforeOpensKeepsWindowValid", func(t *testing.T) {
		c := w.compIn(t, nil, model.CompetitionOpen) // opens in an hour
		got, err := w.svc.Competitions.CloseRegistration(ctx, w.admin, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.RegistrationOpensAt.After(got.RegistrationClosesAt) {
			t.Errorf("window %v – %v", got.RegistrationOpensAt, got.RegistrationClosesAt)
		}
	})

	t.Run("CloseAfterWindowKeepsIt", func(t *testing.T) {
		c := w.compIn(t, nil, model.CompetitionOpen)
		w.clock.Advance(20 * 24 * time.Hour)
		got, err := w.svc.Competitions.CloseRegistration(ctx, w.admin, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.RegistrationClosesAt.Equal(c.RegistrationClosesAt) {
			t.Errorf("closes at moved from %v to %v", c.RegistrationClosesAt, got.RegistrationClosesAt)
		}
	})
}

// compWindowSpec checks registration_open by the
// service clock one second around both edges, and that moving the close
// extends or ends registration.
func compWindowSpec(t *testing.T, w *compWorld) {
	c := w.compIn(t, nil, model.CompetitionOpen)
	open := func() bool {
		t.Helper()
		v, err := w.svc.Competitions.Get(ctx, w.student, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return v.RegistrationOpen
	}
	step := func(to time.Time, want bool) {
		t.Helper()
		w.clock.Advance(to.Sub(w.clock.Now()))
		if got := open(); got != want {
			t.Errorf("at %v registration_open = %v, want %v", to, got, want)
		}
	}
	opens, closes := c.RegistrationOpensAt, c.RegistrationClosesAt
	step(opens.Add(-time.Second), false)
	step(opens, true)
	step(opens.Add(time.Second), true)
	step(closes.Add(-time.Second), true)
	step(closes, false)
	step(closes.Add(time.Second), false)

	t.Run("ExtendReopens", func(t *testing.T) {
		later := w.clock.Now().Add(24 * time.Hour)
		v, err := w.svc.Competitions.Update(ctx, w.admin, c.ID, service.CompetitionUpdate{RegistrationClosesAt: &later, Version: c.Version})
		if err != nil {
			t.Fatal(err)
		}
		c = v
		if !v.RegistrationOpen || lastAudit(t, w.svc).Action != "competition.updated" {
			t.Errorf("after extending: registration_open %v", v.RegistrationOpen)
		}
	})

	t.Run("EndNow", func(t *testing.T) {
		now := w.clock.Now()
		v, err := w.svc.Competitions.Update(ctx, w.admin, c.ID, service.CompetitionUpdate{RegistrationClosesAt: &now, Version: c.Version})
		if err != nil {
			t.Fatal(err)
		}
		c = v
		if v.RegistrationOpen {
			t.Error("registration still open after moving the close to now")
		}
	})

	t.Run("ErrClosesBeforeOpens", func(t *testing.T) {
		early := c.RegistrationOpensAt.Add(-time.Minute)
		before := auditCount(t, w.svc)
		_, err := w.svc.Competitions.Update(ctx, w.admin, c.ID, service.CompetitionUpdate{RegistrationClosesAt: &early, Version: c.Version})
		wantFields(t, err, "registration_closes_at")
		wantAuditDelta(t, w.svc, before, 0)
	})

	t.Run("ErrLimits", func(t *testing.T) {
		_, err := w.svc.Competitions.Update(ctx, w.admin, c.ID, service.CompetitionUpdate{MinTeamSize: ptr(20), Version: c.Version})
		wantFields(t, err, "max_team_size")
	})

	t.Run("ErrStaleVersion", func(t *testing.T) {
		_, err := w.svc.Competitions.Update(ctx, w.admin, c.ID, service.CompetitionUpdate{Name: ptr("新名"), Version: c.Version - 1})
		wantCode(t, err, model.CodeConflict)
	})

	t.Run("ErrFinished", func(t *testing.T) {
		f := w.compIn(t, nil, model.CompetitionFinished)
		_, err := w.svc.Competitions.Update(ctx, w.admin, f.ID, service.CompetitionUpdate{MaxAdvisors: ptr(5), Version: f.Version})
		wantCode(t, err, model.CodeFailedPrecondition)
	})
}
