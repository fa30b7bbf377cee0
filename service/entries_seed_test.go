package service_test

import (
	"bytes"
	"io"
	"regexp"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func TestSeedCompetitions(t *testing.T) {
	svc, _ := servicetest.New(t)
	var c model.Competition
	entMust(t, svc.DB.Where("name = ?", "第一届清远高新杯大学生创新创业大赛").Take(&c).Error)
	if c.Status != model.CompetitionOpen || c.BaseID != nil || c.Edition != 1 || c.Organiser != "清远高新区管委会" ||
		!c.RegistrationOpensAt.Before(svc.Clock()) || !svc.Clock().Before(c.RegistrationClosesAt) {
		t.Fatalf("competition = %+v", c)
	}
	var tracks []model.Track
	entMust(t, svc.DB.Where("competition_id = ?", c.ID).Order("sort_order").Find(&tracks).Error)
	if len(tracks) != 4 || tracks[0].Name != "新材料" || tracks[3].Name != "生物科技" {
		t.Fatalf("tracks = %+v", tracks)
	}
	var rounds []model.Round
	entMust(t, svc.DB.Where("competition_id = ?", c.ID).Order("sort_order").Find(&rounds).Error)
	if len(rounds) != 2 || rounds[0].Name != "校赛" || rounds[0].Kind != model.RoundOnlineReview || rounds[0].JudgesPerEntry != 5 ||
		rounds[0].AdvanceTopN != 10 || rounds[0].AdvanceCollegeCap != 3 || rounds[1].Kind != model.RoundRoadshow ||
		rounds[1].JudgesPerEntry != 7 || rounds[1].Aggregation != model.AggregateTrimmed {
		t.Fatalf("rounds = %+v", rounds)
	}
	for _, r := range rounds {
		var n int64
		entMust(t, svc.DB.Model(&model.RoundJudge{}).Where("round_id = ?", r.ID).Count(&n).Error)
		if n != 20 {
			t.Errorf("round %s pool has %d judges", r.Name, n)
		}
	}

	l, err := svc.Entries.List(ctx, actorOf(t, svc, "admin"), c.ID, service.EntryFilter{Page: model.Page{PageSize: 100}})
	if err != nil || l.Total != 300 || l.Counts == nil {
		t.Fatalf("%d entries, %v", l.Total, err)
	}
	if len(l.Counts.ByCollege) != 10 {
		t.Fatalf("by college = %+v", l.Counts.ByCollege)
	}
	for _, col := range l.Counts.ByCollege {
		if col.Count != 30 {
			t.Errorf("%s sent %d entries, want 30", col.Name, col.Count)
		}
	}
	for _, st := range service.EntryStatuses {
		if l.Counts.ByStatus[st] == 0 {
			t.Errorf("no demo entry is %s: %v", st, l.Counts.ByStatus)
		}
	}

	// Every entry keeps the rules; every submitted one has its plan.
	type shape struct {
		ID, Members, Advisors, Plans int
		Status                       string
	}
	var shapes []shape
	entMust(t, svc.DB.Table("entries").Select("entries.id, entries.status, "+
		"(SELECT COUNT(*) FROM entry_members WHERE entry_id = entries.id) AS members, "+
		"(SELECT COUNT(*) FROM entry_advisors WHERE entry_id = entries.id) AS advisors, "+
		"(SELECT COUNT(*) FROM attachments WHERE entry_id = entries.id AND kind = 'business_plan') AS plans").
		Where("competition_id = ?", c.ID).Scan(&shapes).Error)
	for _, s := range shapes {
		submitted := s.Status != model.EntryDraft
		if s.Members < 3 || s.Members > 15 || s.Advisors > 3 || s.Advisors < 1 || submitted != (s.Plans == 1) {
			t.Fatalf("entry %+v breaks the rules", s)
		}
	}

	var plan model.Attachment
	entMust(t, svc.DB.Where("kind = ?", model.AttachmentBusinessPlan).Order("id").First(&plan).Error)
	if !regexp.MustCompile(`^entries/\d+/[0-9a-f]{32}\.pdf$`).MatchString(plan.StorageKey) || plan.FileName != "商业计划书.pdf" || len(plan.SHA256) != 64 {
		t.Fatalf("plan = %+v", plan)
	}
	r, err := svc.Blobs.Open(ctx, plan.StorageKey)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pdf, _ := io.ReadAll(r)
	if int64(len(pdf)) != plan.SizeBytes || !bytes.HasPrefix(pdf, []byte("%PDF-1.4")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
		t.Fatalf("stored plan (%d bytes): %q", len(pdf), pdf)
	}

	gen := userByName(t, svc, "sgdpt001")
	if gen.CollegeID == nil || *gen.CollegeID != l.Counts.ByCollege[0].CollegeID || gen.StudentNo == "" {
		t.Fatalf("generated student = %+v", gen)
	}
	if _, err := svc.Auth.Login(ctx, "sgdpt001", service.DemoPassword, client); err != nil {
		t.Fatalf("a generated student cannot sign in: %v", err)
	}
	mine, err := svc.Entries.List(ctx, actorOf(t, svc, "student04"), c.ID, service.EntryFilter{})
	if err != nil || mine.Total != 1 || mine.Items[0].Status != model.EntryDraft || mine.Counts != nil {
		t.Fatalf("student04's demo entries = %+v, %v", mine, err)
	}
}
