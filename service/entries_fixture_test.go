package service_test

import (
	"fmt"
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// entWorld is a demo-seeded database with a small competition organised
// by base GDPT (manager_gdpt), open for two more days, with two tracks.
// Team X is the demo team of student01–03 (projGDPT1), team Y the team of
// student04–06 (projGDPT2, advised by judge10).
type entWorld struct {
	svc    *service.Services
	clock  *servicetest.Clock
	comp   model.Competition
	tracks []model.Track
	projX  model.Project
	projY  model.Project
}

// entCloseIn is how long after the fixture's start registration closes.
const entCloseIn = 48 * time.Hour

func newEntWorld(t testing.TB) *entWorld {
	t.Helper()
	svc, clock := servicetest.New(t)
	w := &entWorld{svc: svc, clock: clock, projX: projByName(t, svc, projGDPT1), projY: projByName(t, svc, projGDPT2)}
	now := clock.Now()
	base := uint(service.DemoBaseGDPT)
	w.comp = model.Competition{Name: "报名测试赛", Edition: 1, Year: now.Year(), BaseID: &base, Status: model.CompetitionOpen,
		RegistrationOpensAt: now.Add(-24 * time.Hour), RegistrationClosesAt: now.Add(entCloseIn),
		MinTeamSize: 3, MaxTeamSize: 15, MaxAdvisors: 3, CreatedBy: userID(t, svc, "admin"), Version: 1}
	entMust(t, svc.DB.Create(&w.comp).Error)
	for i, name := range []string{"创意组", "初创组"} {
		tr := model.Track{CompetitionID: w.comp.ID, Name: name, SortOrder: i + 1}
		entMust(t, svc.DB.Create(&tr).Error)
		w.tracks = append(w.tracks, tr)
	}
	return w
}

func entMust(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (w *entWorld) actor(t testing.TB, username string) service.Actor {
	t.Helper()
	return actorOf(t, w.svc, username)
}

// create registers project p as username, in the first track.
func (w *entWorld) create(t testing.TB, username string, p model.Project) service.EntryView {
	t.Helper()
	v, err := w.svc.Entries.Create(ctx, w.actor(t, username), w.comp.ID, service.NewEntry{ProjectID: p.ID, TrackID: w.tracks[0].ID, Title: p.Name + "参赛", Summary: "摘要"})
	if err != nil {
		t.Fatalf("create entry of %s as %s: %v", p.Name, username, err)
	}
	return v
}

// addPlan records a business-plan version for the entry (the row only:
// the rules look at the attachments table).
func (w *entWorld) addPlan(t testing.TB, entryID uint, version int) {
	t.Helper()
	entMust(t, w.svc.DB.Create(&model.Attachment{EntryID: entryID, Kind: model.AttachmentBusinessPlan, Version: version,
		FileName: "plan.pdf", ContentType: "application/pdf", SizeBytes: 10, SHA256: fmt.Sprintf("%064d", version),
		StorageKey: fmt.Sprintf("entries/%d/plan-v%d.pdf", entryID, version), UploadedBy: userID(t, w.svc, "student01")}).Error)
}

// ready creates team X's entry with a business plan, ready to submit.
func (w *entWorld) ready(t testing.TB) service.EntryView {
	t.Helper()
	v := w.create(t, "student01", w.projX)
	w.addPlan(t, v.ID, 1)
	return v
}

// entry reads the stored entry.
func (w *entWorld) entry(t testing.TB, id uint) model.Entry {
	t.Helper()
	var e model.Entry
	entMust(t, w.svc.DB.Take(&e, id).Error)
	return e
}

// students creates n active students (usernames prefix01…) directly.
func (w *entWorld) students(t testing.TB, prefix string, n int) []model.User {
	t.Helper()
	out := make([]model.User, n)
	for i := range out {
		out[i] = model.User{Username: fmt.Sprintf("%s%02d", prefix, i+1), PasswordHash: "x", Name: "学生", Status: model.UserActive, Expertise: []string{}}
	}
	entMust(t, w.svc.DB.Create(&out).Error)
	for _, u := range out {
		entMust(t, w.svc.DB.Create(&model.CasbinRule{Ptype: "g", V0: service.Subject(u.ID), V1: model.RoleStudent, V2: model.DomainAll}).Error)
	}
	return out
}

// entryAudits counts the audit records of one entry and action.
func entryAudits(t testing.TB, svc *service.Services, id uint, action string) int64 {
	t.Helper()
	var n int64
	entMust(t, svc.DB.Model(&model.AuditLog{}).Where("entity = 'entry' AND entity_id = ? AND action = ?", fmt.Sprint(id), action).Count(&n).Error)
	return n
}

// entryCount counts the entries of the fixture's competition.
func (w *entWorld) entryCount(t testing.TB) int64 {
	t.Helper()
	var n int64
	entMust(t, w.svc.DB.Model(&model.Entry{}).Where("competition_id = ?", w.comp.ID).Count(&n).Error)
	return n
}

func hasAction(v service.EntryView, action string) bool {
	for _, a := range v.AllowedActions {
		if a == action {
			return true
		}
	}
	return false
}
