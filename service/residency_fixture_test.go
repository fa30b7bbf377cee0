package service_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// resWorld is a demo-seeded database with the actors of the residency
// tests. Teams made by resTeam have fresh students, so no demo rule (a
// member leading another resident team) gets in the way.
type resWorld struct {
	svc                *service.Services
	clock              *servicetest.Clock
	admin, mgr2, mgr3  service.Actor
	viewer, judge      service.Actor
	collegeOf          map[uint]uint // base id → host college id
	zoneOfBase         map[uint]uint
	teamSeq            *atomic.Int64
	gdptBase, gdkmBase uint
}

func newResWorld(t testing.TB) *resWorld {
	t.Helper()
	svc, clock := servicetest.New(t)
	w := &resWorld{
		svc: svc, clock: clock,
		admin: actorOf(t, svc, "admin"), mgr2: actorOf(t, svc, "manager_gdpt"), mgr3: actorOf(t, svc, "manager_gdkm"),
		viewer: actorOf(t, svc, "viewer_gdpt"), judge: actorOf(t, svc, "judge01"),
		collegeOf: map[uint]uint{}, zoneOfBase: map[uint]uint{}, teamSeq: &atomic.Int64{},
		gdptBase: service.DemoBaseGDPT, gdkmBase: service.DemoBaseGDKM,
	}
	var bases []model.Base
	if err := svc.DB.Find(&bases).Error; err != nil {
		t.Fatal(err)
	}
	for _, b := range bases {
		if b.HostCollegeID != nil {
			w.collegeOf[b.ID] = *b.HostCollegeID
		}
		var z model.Zone
		if err := svc.DB.Where("base_id = ? AND kind = ?", b.ID, model.ZoneMakerIncubation).Order("id").Take(&z).Error; err == nil {
			w.zoneOfBase[b.ID] = z.ID
		}
	}
	if w.collegeOf[w.gdptBase] == 0 || w.collegeOf[w.gdkmBase] == 0 {
		t.Fatalf("demo bases %d and %d have no host college: %+v", w.gdptBase, w.gdkmBase, bases)
	}
	return w
}

// manager returns the demo manager of base 2 or 3.
func (w *resWorld) manager(baseID uint) service.Actor {
	if baseID == w.gdkmBase {
		return w.mgr3
	}
	return w.mgr2
}

// resTeam creates a project of the college hosting baseID with n fresh
// students (the first leads) and returns it with its members as actors.
func (w *resWorld) resTeam(t testing.TB, baseID uint, n int) (model.Project, []service.Actor) {
	t.Helper()
	seq := w.teamSeq.Add(1)
	college := w.collegeOf[baseID]
	p := model.Project{Name: fmt.Sprintf("测试团队%03d", seq), CollegeID: college, Stage: model.StageIdea, CreatedBy: w.admin.UserID, Version: 1}
	if err := w.svc.DB.Create(&p).Error; err != nil {
		t.Fatal(err)
	}
	var members []service.Actor
	for i := 0; i < n; i++ {
		u := model.User{Username: fmt.Sprintf("rs%03d_%d", seq, i), PasswordHash: "x", Name: "测试学生", Status: model.UserActive,
			TokenVersion: 1, CollegeID: &college, Expertise: []string{}, Version: 1}
		if err := w.svc.DB.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		role := model.MemberMember
		if i == 0 {
			role = model.MemberLeader
		}
		if err := w.svc.DB.Create(&model.ProjectMember{ProjectID: p.ID, UserID: u.ID, Role: role}).Error; err != nil {
			t.Fatal(err)
		}
		members = append(members, service.Actor{UserID: u.ID, Username: u.Username, CollegeID: &college,
			Roles: []service.RoleBinding{{Role: model.RoleStudent, Domain: model.DomainAll}}, RequestID: "req-test"})
	}
	return p, members
}

// resApp is an application made for a test, with who made it.
type resApp struct {
	ID      uint
	Project model.Project
	Member  service.Actor
	BaseID  uint
}

// resAppIn creates an application of a fresh team at baseID and moves it
// to state through the service (admitted: with two free desks of the
// maker zone, from today for 24 months).
func (w *resWorld) resAppIn(t testing.TB, baseID uint, state string) resApp {
	t.Helper()
	p, members := w.resTeam(t, baseID, 2)
	a := resApp{Project: p, Member: members[0], BaseID: baseID}
	v, err := w.svc.Residency.CreateApplication(ctx, a.Member, service.NewResidencyApplication{ProjectID: p.ID, BaseID: baseID, RequestedWorkstations: 2, Plan: "入驻计划"})
	if err != nil {
		t.Fatalf("create application: %v", err)
	}
	a.ID = v.ID
	mgr := w.manager(baseID)
	steps := map[string][]func() error{
		model.AppDraft:     nil,
		model.AppSubmitted: {w.submit(a)},
		model.AppReviewing: {w.submit(a), w.review(a, mgr, 80)},
		model.AppApproved:  {w.submit(a), w.review(a, mgr, 80), w.approve(a, mgr)},
		model.AppRejected:  {w.submit(a), w.reject(a, mgr)},
		model.AppReturned:  {w.submit(a), w.ret(a, mgr)},
		model.AppAdmitted:  {w.submit(a), w.review(a, mgr, 80), w.approve(a, mgr), w.admit(a, mgr)},
	}
	list, ok := steps[state]
	if !ok {
		t.Fatalf("unknown state %q", state)
	}
	for i, step := range list {
		if err := step(); err != nil {
			t.Fatalf("moving application to %s, step %d: %v", state, i, err)
		}
	}
	return a
}

func (w *resWorld) submit(a resApp) func() error {
	return func() error { _, err := w.svc.Residency.SubmitApplication(ctx, a.Member, a.ID); return err }
}

func (w *resWorld) review(a resApp, by service.Actor, score int) func() error {
	return func() error {
		_, err := w.svc.Residency.ReviewApplication(ctx, by, a.ID, service.ApplicationScore{Score: score, Comment: "ok"})
		return err
	}
}

func (w *resWorld) approve(a resApp, by service.Actor) func() error {
	return func() error { _, err := w.svc.Residency.ApproveApplication(ctx, by, a.ID, "同意"); return err }
}

func (w *resWorld) reject(a resApp, by service.Actor) func() error {
	return func() error { _, err := w.svc.Residency.RejectApplication(ctx, by, a.ID, "不符合"); return err }
}

func (w *resWorld) ret(a resApp, by service.Actor) func() error {
	return func() error { _, err := w.svc.Residency.ReturnApplication(ctx, by, a.ID, "请补充"); return err }
}

func (w *resWorld) admit(a resApp, by service.Actor) func() error {
	return func() error {
		_, err := w.svc.Residency.Admit(ctx, by, a.ID, w.admission(a.BaseID))
		return err
	}
}

// admission is a valid admission from today for 24 months with two desks
// picked from the base's maker zone.
func (w *resWorld) admission(baseID uint) service.Admission {
	today := model.DateOf(w.clock.Now())
	two := 2
	in := service.Admission{StartOn: today, EndOn: today.AddMonths(24).AddDays(-1), ReportCadence: model.CadenceQuarterly,
		FreeRentFen: 600_000, PropertyWaiverFen: 120_000, Count: &two}
	if z, ok := w.zoneOfBase[baseID]; ok {
		in.ZoneID = &z
	}
	return in
}

// appStatus reads an application's stored status.
func (w *resWorld) appStatus(t testing.TB, id uint) string {
	t.Helper()
	var a model.ResidencyApplication
	if err := w.svc.DB.Take(&a, id).Error; err != nil {
		t.Fatal(err)
	}
	return a.Status
}

// freeDesks returns n free desks of the base (lowest ids first).
func (w *resWorld) freeDesks(t testing.TB, baseID uint, n int) []model.Workstation {
	t.Helper()
	var ws []model.Workstation
	if err := w.svc.DB.Where("base_id = ? AND status = ?", baseID, model.WorkstationFree).Order("id").Limit(n).Find(&ws).Error; err != nil {
		t.Fatal(err)
	}
	if len(ws) < n {
		t.Fatalf("base %d has %d free desks, want %d", baseID, len(ws), n)
	}
	return ws
}

// resRows counts the rows of a table.
func resRows(t testing.TB, svc *service.Services, m any) int64 {
	t.Helper()
	var n int64
	if err := svc.DB.Model(m).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
