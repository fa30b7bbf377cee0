package service_test

import (
	"strings"
	"testing"

	"incubator/model"
	"incubator/service"
)

func TestEntryCreate(t *testing.T) {
	w := newEntWorld(t)
	t.Run("OK", func(t *testing.T) {
		before := auditCount(t, w.svc)
		var advisor model.Advisor
		entMust(t, w.svc.DB.Where("project_id = ?", w.projY.ID).Take(&advisor).Error)
		v, err := w.svc.Entries.Create(ctx, w.actor(t, "student05"), w.comp.ID, service.NewEntry{
			ProjectID: w.projY.ID, TrackID: w.tracks[1].ID, Title: " 巡天参赛 ", AdvisorIDs: []uint{advisor.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != model.EntryDraft || v.Title != "巡天参赛" || v.TrackName != "初创组" || v.CollegeID != w.projY.CollegeID ||
			v.CollegeName != "广东工程职业技术学院" || v.ProjectName != w.projY.Name || v.CompetitionName != w.comp.Name || v.Version != 1 {
			t.Fatalf("entry = %+v", v)
		}
		if len(v.Members) != 3 || v.Members[0].Role != model.MemberLeader || v.Members[0].Username != "student04" || v.Members[0].StudentNo == "" {
			t.Fatalf("members = %+v", v.Members)
		}
		if len(v.Advisors) != 1 || v.Advisors[0].Name != advisor.Name || v.Locked || !v.Deadline.Equal(w.comp.RegistrationClosesAt) {
			t.Fatalf("advisors %+v, locked %v, deadline %v", v.Advisors, v.Locked, v.Deadline)
		}
		for _, a := range []string{service.EntryActionUpdate, service.EntryActionSubmit, service.EntryActionWithdraw} {
			if !hasAction(v, a) {
				t.Errorf("team lacks action %s: %v", a, v.AllowedActions)
			}
		}
		if hasAction(v, service.EntryActionQualify) || hasAction(v, service.EntryActionExtend) {
			t.Errorf("team may %v", v.AllowedActions)
		}
		wantAuditDelta(t, w.svc, before, 1)
		if a := lastAudit(t, w.svc); a.Action != "entry.created" || a.ActorName != "student05" {
			t.Fatalf("audit = %+v", a)
		}
	})
	t.Run("ErrConflictProjectEntersOnce", func(t *testing.T) {
		before, n := auditCount(t, w.svc), w.entryCount(t)
		_, err := w.svc.Entries.Create(ctx, w.actor(t, "student04"), w.comp.ID, service.NewEntry{ProjectID: w.projY.ID, TrackID: w.tracks[0].ID, Title: "again"})
		wantCode(t, err, model.CodeConflict)
		wantAuditDelta(t, w.svc, before, 0)
		if w.entryCount(t) != n {
			t.Fatal("a second entry was written")
		}
	})
	t.Run("OKOrganiserOnBehalf", func(t *testing.T) {
		v := w.create(t, "manager_gdpt", w.projX)
		if len(v.Members) != 3 || v.Members[0].Username != "student01" || !hasAction(v, service.EntryActionUpdate) || hasAction(v, service.EntryActionQualify) {
			t.Fatalf("entry = %+v", v)
		}
	})
	t.Run("ErrInvalidBadInputWritesNothing", func(t *testing.T) {
		other := projByName(t, w.svc, projGDKM1)
		var otherTrack model.Track
		entMust(t, w.svc.DB.Where("competition_id <> ?", w.comp.ID).First(&otherTrack).Error)
		before, n := auditCount(t, w.svc), w.entryCount(t)
		_, err := w.svc.Entries.Create(ctx, w.actor(t, "student01"), w.comp.ID, service.NewEntry{ProjectID: other.ID, TrackID: w.tracks[0].ID, Title: "x"})
		wantFields(t, err, "project_id")
		_, err = w.svc.Entries.Create(ctx, w.actor(t, "student22"), w.comp.ID, service.NewEntry{ProjectID: other.ID, TrackID: otherTrack.ID, Title: "", AdvisorIDs: []uint{999999}})
		wantFields(t, err, "title", "track_id", "advisor_ids")
		wantAuditDelta(t, w.svc, before, 0)
		if w.entryCount(t) != n {
			t.Fatal("an entry was written")
		}
	})
	t.Run("ErrNotFoundDraftCompetition", func(t *testing.T) {
		entMust(t, w.svc.DB.Model(&w.comp).Update("status", model.CompetitionDraft).Error)
		defer func() { entMust(t, w.svc.DB.Model(&w.comp).Update("status", model.CompetitionOpen).Error) }()
		_, err := w.svc.Entries.Create(ctx, w.actor(t, "student22"), w.comp.ID, service.NewEntry{ProjectID: projByName(t, w.svc, projGDKM1).ID, TrackID: w.tracks[0].ID, Title: "x"})
		wantCode(t, err, model.CodeNotFound)
	})
	t.Run("ErrFailedPreconditionRegistrationClosed", func(t *testing.T) {
		n := w.entryCount(t)
		w.clock.Advance(entCloseIn)
		_, err := w.svc.Entries.Create(ctx, w.actor(t, "student22"), w.comp.ID, service.NewEntry{ProjectID: projByName(t, w.svc, projGDKM1).ID, TrackID: w.tracks[0].ID, Title: "late"})
		wantCode(t, err, model.CodeFailedPrecondition)
		if !strings.Contains(err.Error(), "registration is closed") || w.entryCount(t) != n {
			t.Fatalf("err = %v, %d entries", err, w.entryCount(t))
		}
	})
}

func TestEntrySubmitRules(t *testing.T) {
	w := newEntWorld(t)
	v := w.create(t, "student01", w.projX)
	submit := func(t *testing.T, fields ...string) {
		t.Helper()
		before := auditCount(t, w.svc)
		_, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), v.ID)
		wantFields(t, err, fields...)
		wantAuditDelta(t, w.svc, before, 0)
		if e := w.entry(t, v.ID); e.Status != model.EntryDraft || e.SubmittedAt != nil {
			t.Fatalf("entry changed: %+v", e)
		}
	}
	t.Run("ErrInvalidNoBusinessPlan", func(t *testing.T) {
		submit(t, "materials.business_plan")
		_, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), v.ID)
		if f := model.AsError(err).Fields[0]; f.Message != "upload the business plan first" {
			t.Fatalf("message = %q", f.Message)
		}
	})
	w.addPlan(t, v.ID, 1)
	t.Run("ErrInvalidTeamTooSmall", func(t *testing.T) {
		entMust(t, w.svc.DB.Where("entry_id = ? AND user_id = ?", v.ID, userID(t, w.svc, "student03")).Delete(&model.EntryMember{}).Error)
		defer func() {
			entMust(t, w.svc.DB.Create(&model.EntryMember{EntryID: v.ID, UserID: userID(t, w.svc, "student03"), Role: model.MemberMember}).Error)
		}()
		submit(t, "members")
	})
	t.Run("ErrInvalidTeamTooLarge", func(t *testing.T) {
		extra := w.students(t, "big", 13) // 3 + 13 = 16 > 15
		var rows []model.EntryMember
		for _, u := range extra {
			rows = append(rows, model.EntryMember{EntryID: v.ID, UserID: u.ID, Role: model.MemberMember})
		}
		entMust(t, w.svc.DB.Create(&rows).Error)
		submit(t, "members")
		_, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), v.ID)
		if msg := model.AsError(err).Fields[0].Message; !strings.Contains(msg, "16 members") || !strings.Contains(msg, "3 to 15") {
			t.Fatalf("message = %q", msg)
		}
		ids := make([]uint, len(extra))
		for i, u := range extra {
			ids[i] = u.ID
		}
		entMust(t, w.svc.DB.Where("entry_id = ? AND user_id IN ?", v.ID, ids).Delete(&model.EntryMember{}).Error)
	})
	t.Run("ErrInvalidTooManyAdvisors", func(t *testing.T) {
		var ids []uint
		for i := 0; i < 4; i++ {
			a := model.Advisor{ProjectID: w.projX.ID, Name: "导师" + string(rune('A'+i))}
			entMust(t, w.svc.DB.Create(&a).Error)
			ids = append(ids, a.ID)
		}
		u, err := w.svc.Entries.Update(ctx, w.actor(t, "student02"), v.ID, service.EntryUpdate{AdvisorIDs: &ids, Version: w.entry(t, v.ID).Version})
		if err != nil || len(u.Advisors) != 4 {
			t.Fatalf("a draft may hold 4 advisors until submitted: %v %v", u.Advisors, err)
		}
		submit(t, "advisor_ids")
		three := ids[:3]
		if _, err := w.svc.Entries.Update(ctx, w.actor(t, "student02"), v.ID, service.EntryUpdate{AdvisorIDs: &three, Version: u.Version}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrInvalidMemberNotStudent", func(t *testing.T) {
		judge := userID(t, w.svc, "judge01")
		entMust(t, w.svc.DB.Create(&model.EntryMember{EntryID: v.ID, UserID: judge, Role: model.MemberMember}).Error)
		submit(t, "members")
		_, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), v.ID)
		if msg := model.AsError(err).Fields[0].Message; !strings.Contains(msg, "judge01") {
			t.Fatalf("message = %q", msg)
		}
		entMust(t, w.svc.DB.Where("entry_id = ? AND user_id = ?", v.ID, judge).Delete(&model.EntryMember{}).Error)
		entMust(t, w.svc.DB.Model(&model.User{}).Where("username = ?", "student03").Update("status", model.UserDisabled).Error)
		submit(t, "members")
		entMust(t, w.svc.DB.Model(&model.User{}).Where("username = ?", "student03").Update("status", model.UserActive).Error)
	})
	t.Run("OK", func(t *testing.T) {
		before := auditCount(t, w.svc)
		s, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Status != model.EntrySubmitted || s.SubmittedAt == nil || !s.SubmittedAt.Equal(w.clock.Now()) || len(s.Members) != 3 || len(s.Advisors) != 3 {
			t.Fatalf("submitted = %+v", s)
		}
		if hasAction(s, service.EntryActionSubmit) || !hasAction(s, service.EntryActionUpdate) {
			t.Fatalf("actions after submit: %v", s.AllowedActions)
		}
		wantAuditDelta(t, w.svc, before, 1)
	})
	t.Run("ErrInvalidUpdateBreakingRulesOfSubmitted", func(t *testing.T) {
		entMust(t, w.svc.DB.Where("project_id = ? AND user_id = ?", w.projX.ID, userID(t, w.svc, "student03")).Delete(&model.ProjectMember{}).Error)
		before := auditCount(t, w.svc)
		_, err := w.svc.Entries.Update(ctx, w.actor(t, "student01"), v.ID, service.EntryUpdate{SyncTeam: true, Version: w.entry(t, v.ID).Version})
		wantFields(t, err, "members")
		wantAuditDelta(t, w.svc, before, 0)
	})
}
