package service_test

import (
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// compWorld is a demo-seeded database with the actors of the competition
// tests: admin, the managers of base 2 (organiser) and base 3, a student
// and a judge.
type compWorld struct {
	svc                        *service.Services
	clock                      *servicetest.Clock
	admin, mgr2, mgr3, student service.Actor
	judge                      service.Actor
}

func newCompWorld(t testing.TB) *compWorld {
	t.Helper()
	svc, clock := servicetest.New(t)
	return &compWorld{svc: svc, clock: clock, admin: actorOf(t, svc, "admin"), mgr2: actorOf(t, svc, "manager_gdpt"),
		mgr3: actorOf(t, svc, "manager_gdkm"), student: actorOf(t, svc, "student01"), judge: actorOf(t, svc, "judge01")}
}

// compInput is a valid competition of base (nil: zone-wide) whose window
// opens in an hour and closes in ten days.
func (w *compWorld) compInput(base *uint) service.NewCompetition {
	now := w.clock.Now()
	return service.NewCompetition{Name: "测试大赛", Year: 2026, Organiser: "清远高新区", BaseID: base, Description: "说明",
		RegistrationOpensAt: now.Add(time.Hour), RegistrationClosesAt: now.Add(10 * 24 * time.Hour)}
}

// compIn creates a competition of base (as its manager, or admin when
// zone-wide) with one track, and moves it to status.
func (w *compWorld) compIn(t testing.TB, base *uint, status string) service.CompetitionView {
	t.Helper()
	by := w.admin
	if base != nil && *base == service.DemoBaseGDPT {
		by = w.mgr2
	}
	c, err := w.svc.Competitions.Create(ctx, by, w.compInput(base))
	if err != nil {
		t.Fatalf("create competition: %v", err)
	}
	if _, err := w.svc.Competitions.CreateTrack(ctx, by, c.ID, service.NewTrack{Name: "新材料", SortOrder: 1}); err != nil {
		t.Fatalf("create track: %v", err)
	}
	steps := map[string][]func(*service.Competitions) (service.CompetitionView, error){
		model.CompetitionDraft:              nil,
		model.CompetitionOpen:               {w.move(by, c.ID, "open")},
		model.CompetitionRegistrationClosed: {w.move(by, c.ID, "open"), w.move(by, c.ID, "close")},
		model.CompetitionFinished:           {w.move(by, c.ID, "open"), w.move(by, c.ID, "close"), w.move(by, c.ID, "finish")},
		model.CompetitionResultsPublished:   {w.move(by, c.ID, "open"), w.move(by, c.ID, "close"), w.move(by, c.ID, "finish")},
	}
	for _, step := range steps[status] {
		if c, err = step(w.svc.Competitions); err != nil {
			t.Fatalf("move to %s: %v", status, err)
		}
	}
	if status == model.CompetitionResultsPublished { // published by judging; set directly
		if err := w.svc.DB.Model(&model.Competition{}).Where("id = ?", c.ID).Update("status", status).Error; err != nil {
			t.Fatal(err)
		}
		c.Status = status
	}
	if c.Status != status {
		t.Fatalf("competition is %s, want %s", c.Status, status)
	}
	return c
}

// move returns a step running the named transition as by.
func (w *compWorld) move(by service.Actor, id uint, name string) func(*service.Competitions) (service.CompetitionView, error) {
	return func(s *service.Competitions) (service.CompetitionView, error) {
		switch name {
		case "open":
			return s.Open(ctx, by, id)
		case "close":
			return s.CloseRegistration(ctx, by, id)
		default:
			return s.Finish(ctx, by, id)
		}
	}
}
