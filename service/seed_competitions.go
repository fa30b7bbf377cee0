package service

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// demoCompetitionName is the demo competition (shared/DOMAIN.md).
const demoCompetitionName = "第一届清远高新杯大学生创新创业大赛"

// demoTracks are the demo competition's tracks, which are also the fields
// of its generated teams.
var demoTracks = []string{"新材料", "智能制造", "文创", "生物科技"}

// demoEntriesPerCollege is how many entries each of the 10 colleges sends.
const demoEntriesPerCollege = 30

// seedCompetitions creates the demo competition with its tracks, rounds,
// judge pools and 300 entries with small generated materials.
func seedCompetitions(tx *gorm.DB, w *demoWorld) error {
	admin := w.users["admin"]
	day := 24 * time.Hour
	c := model.Competition{
		Name: demoCompetitionName, Edition: 1, Year: w.today.Year(), Organiser: "清远高新区管委会",
		Description:         "清远高新区主办，面向职教城10所院校的大学生创新创业大赛；设新材料、智能制造、文创、生物科技四个赛道，校赛网评后进入总决赛路演。一等奖项目可获免费办公场地及物业费减免。",
		RegistrationOpensAt: w.now.Add(-30 * day), RegistrationClosesAt: w.now.Add(30 * day), Status: model.CompetitionOpen,
		MinTeamSize: 3, MaxTeamSize: 15, MaxAdvisors: 3, CreatedBy: admin.ID, Version: 2,
		CreatedAt: w.now.Add(-45 * day), UpdatedAt: w.now.Add(-30 * day),
	}
	if err := tx.Create(&c).Error; err != nil {
		return fmt.Errorf("competition: %w", err)
	}
	tracks := make([]model.Track, len(demoTracks))
	for i, name := range demoTracks {
		tracks[i] = model.Track{CompetitionID: c.ID, Name: name, Description: name + "赛道", SortOrder: i + 1, CreatedAt: c.CreatedAt, UpdatedAt: c.CreatedAt}
	}
	if err := tx.Create(&tracks).Error; err != nil {
		return fmt.Errorf("tracks: %w", err)
	}
	if err := seedDemoRounds(tx, w, c); err != nil {
		return err
	}
	return seedDemoEntries(tx, w, c, tracks)
}

// seedDemoRounds adds the school round and the final, each with judge01–
// judge20 in its pool.
func seedDemoRounds(tx *gorm.DB, w *demoWorld, c model.Competition) error {
	at := func(days int) *time.Time {
		t := c.RegistrationClosesAt.Add(time.Duration(days) * 24 * time.Hour)
		return &t
	}
	rounds := []model.Round{
		{CompetitionID: c.ID, SortOrder: 1, Name: "校赛", Kind: model.RoundOnlineReview, ScoringOpensAt: at(2), ScoringClosesAt: at(16),
			JudgesPerEntry: 5, Aggregation: model.AggregateMean, AdvanceTopN: 10, AdvanceCollegeCap: 3},
		{CompetitionID: c.ID, SortOrder: 2, Name: "总决赛", Kind: model.RoundRoadshow, ScoringOpensAt: at(30), ScoringClosesAt: at(31),
			JudgesPerEntry: 7, Aggregation: model.AggregateTrimmed},
	}
	for i := range rounds {
		rounds[i].Status, rounds[i].Version, rounds[i].CreatedAt, rounds[i].UpdatedAt = model.RoundPending, 1, c.CreatedAt, c.CreatedAt
	}
	if err := tx.Create(&rounds).Error; err != nil {
		return fmt.Errorf("rounds: %w", err)
	}
	var pool []model.RoundJudge
	for _, r := range rounds {
		for i := 1; i <= 20; i++ {
			pool = append(pool, model.RoundJudge{RoundID: r.ID, UserID: w.users[fmt.Sprintf("judge%02d", i)].ID, CreatedAt: c.CreatedAt})
		}
	}
	if err := tx.CreateInBatches(pool, 50).Error; err != nil {
		return fmt.Errorf("round judges: %w", err)
	}
	return nil
}

// demoEntryStatus spreads the statuses over the 30 entries of a college:
// three drafts (one of a resident team, so its students have one to
// finish), two qualified, one disqualified, one withdrawn, the rest
// submitted.
func demoEntryStatus(j int) string {
	switch j {
	case 1, 28, 29:
		return model.EntryDraft
	case 24, 25:
		return model.EntryQualified
	case 26:
		return model.EntryDisqualified
	case 27:
		return model.EntryWithdrawn
	}
	return model.EntrySubmitted
}

var demoDisqualifyReasons = []string{
	"商业计划书与报名项目不符", "团队成员非在校学生", "项目已在其他赛事获奖且未如实申报", "材料存在抄袭，查重率超过40%",
}

// demoEntryTimes returns when the j-th entry of college ci was created and
// (for non-drafts) submitted, all within the open registration window.
func demoEntryTimes(w *demoWorld, ci, j int) (created, submitted time.Time) {
	day := 24 * time.Hour
	created = w.now.Add(-time.Duration(29-(j*7+ci)%24)*day + time.Duration(9+j%8)*time.Hour)
	return created, created.Add(time.Duration(1+j%3)*day + time.Duration(ci*7)*time.Minute)
}
