package service

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// Round limits and defaults.
const (
	DefaultJudgesPerEntry = 5
	MaxJudgesPerEntry     = 15
)

var (
	roundKinds        = []string{model.RoundOnlineReview, model.RoundRoadshow}
	roundAggregations = []string{model.AggregateMean, model.AggregateTrimmed, model.AggregateZScore}
	pointsPattern     = regexp.MustCompile(`^([0-9]{1,3})(?:\.([0-9]+))?$`)
)

// RoundView is a round of a competition. AdvanceMinScore is a number with
// two decimals (e.g. 80.50) or null.
type RoundView struct {
	ID                uint            `json:"id"`
	CompetitionID     uint            `json:"competition_id"`
	SortOrder         int             `json:"sort_order"`
	Name              string          `json:"name"`
	Kind              string          `json:"kind"`
	ScoringOpensAt    *time.Time      `json:"scoring_opens_at"`
	ScoringClosesAt   *time.Time      `json:"scoring_closes_at"`
	JudgesPerEntry    int             `json:"judges_per_entry"`
	Aggregation       string          `json:"aggregation"`
	Blind             bool            `json:"blind"`
	AdvanceTopN       int             `json:"advance_top_n"`
	AdvanceCollegeCap int             `json:"advance_college_cap"`
	AdvanceMinScore   json.RawMessage `json:"advance_min_score"`
	Status            string          `json:"status"`
	JudgeCount        int64           `json:"judge_count"`
	Version           int             `json:"version"`
}

// ParsePoints reads a score of 0–100 with at most two decimals ("85",
// "85.5", "85.50") as hundredths of a point, exactly (no floats).
func ParsePoints(s string) (int, error) {
	m := pointsPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("must be a number from 0 to 100 with at most 2 decimals")
	}
	frac := strings.TrimRight(m[2], "0")
	if len(frac) > 2 {
		return 0, fmt.Errorf("must have at most 2 decimals")
	}
	whole, _ := strconv.Atoi(m[1])
	hundredths, _ := strconv.Atoi((frac + "00")[:2])
	v := whole*100 + hundredths
	if v > 100_00 {
		return 0, fmt.Errorf("must be from 0 to 100")
	}
	return v, nil
}

// FormatPoints writes hundredths of a point as a number with two decimals.
func FormatPoints(hundredths int) string {
	return fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100)
}

func viewRound(r *model.Round, judges int64) RoundView {
	v := RoundView{
		ID: r.ID, CompetitionID: r.CompetitionID, SortOrder: r.SortOrder, Name: r.Name, Kind: r.Kind,
		ScoringOpensAt: utcPtr(r.ScoringOpensAt), ScoringClosesAt: utcPtr(r.ScoringClosesAt), JudgesPerEntry: r.JudgesPerEntry,
		Aggregation: r.Aggregation, Blind: r.Blind, AdvanceTopN: r.AdvanceTopN, AdvanceCollegeCap: r.AdvanceCollegeCap,
		Status: r.Status, JudgeCount: judges, Version: r.Version,
	}
	if r.AdvanceMinScore != nil {
		v.AdvanceMinScore = json.RawMessage(FormatPoints(*r.AdvanceMinScore))
	}
	return v
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// viewRounds builds round views with their judge counts in one query.
func viewRounds(tx *gorm.DB, rows []model.Round) ([]RoundView, error) {
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	judges, err := countBy(tx, &model.RoundJudge{}, "round_id", ids)
	if err != nil {
		return nil, err
	}
	out := make([]RoundView, len(rows))
	for i := range rows {
		out[i] = viewRound(&rows[i], judges[rows[i].ID])
	}
	return out, nil
}

func roundView(tx *gorm.DB, id uint) (RoundView, error) {
	var r model.Round
	if err := tx.Take(&r, id).Error; err != nil {
		return RoundView{}, err
	}
	views, err := viewRounds(tx, []model.Round{r})
	if err != nil {
		return RoundView{}, err
	}
	return views[0], nil
}

// inRoundPool reports whether the user is in the round's judge pool.
func inRoundPool(tx *gorm.DB, roundID, userID uint) (bool, error) {
	var n int64
	err := tx.Model(&model.RoundJudge{}).Where("round_id = ? AND user_id = ?", roundID, userID).Count(&n).Error
	return n > 0, err
}

// visibleRound loads a round (lock: for update) the actor may see: one of
// a visible competition, or one whose pool the actor is in.
func visibleRound(tx *gorm.DB, actor Actor, id uint, lock bool) (model.Round, model.Competition, error) {
	var r model.Round
	var c model.Competition
	q := tx
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&r, id).Error; err != nil {
		return r, c, model.TranslateDBError(err, "round")
	}
	if err := tx.Take(&c, r.CompetitionID).Error; err != nil {
		return r, c, model.TranslateDBError(err, "competition")
	}
	if competitionVisible(actor, c) {
		return r, c, nil
	}
	pool, err := inRoundPool(tx, r.ID, actor.UserID)
	if err != nil {
		return r, c, err
	}
	if !pool {
		return r, c, model.NotFound("round")
	}
	return r, c, nil
}

// managedRound loads a round for update whose competition the actor
// manages: not_found when they cannot see it, forbidden when they can.
func managedRound(tx *gorm.DB, actor Actor, id uint, what string) (model.Round, model.Competition, error) {
	r, c, err := visibleRound(tx, actor, id, true)
	if err != nil {
		return r, c, err
	}
	if !actor.ManagesCompetition(c) {
		return r, c, model.Errorf(model.CodeForbidden, "only an admin or a manager of the organising base may %s", what)
	}
	return r, c, nil
}

var roundSorts = map[string]string{"sort_order": "sort_order", "id": "id", "name": "name"}

// Rounds lists a competition's rounds, in their order unless sorted
// otherwise. Callers: every signed-in user who may see the competition.
// Errors: not_found, invalid (sort).
func (s *Competitions) Rounds(ctx context.Context, actor Actor, competitionID uint, page model.Page) ([]RoundView, int64, error) {
	db := s.db.WithContext(ctx)
	if _, err := visibleCompetition(db, actor, competitionID, false); err != nil {
		return nil, 0, err
	}
	if page.Sort == "" {
		page.Sort = "sort_order"
	}
	order, err := model.OrderBy(page.Sort, roundSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	q := db.Model(&model.Round{}).Where("competition_id = ?", competitionID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Round
	if err := q.Scopes(order, model.Paginate(page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	views, err := viewRounds(db, rows)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return views, total, nil
}

// Round returns one round. Callers: every signed-in user who may see its
// competition, and the judges of its pool. Errors: not_found.
func (s *Competitions) Round(ctx context.Context, actor Actor, id uint) (RoundView, error) {
	db := s.db.WithContext(ctx)
	if _, _, err := visibleRound(db, actor, id, false); err != nil {
		return RoundView{}, err
	}
	v, err := roundView(db, id)
	return v, model.TranslateDBError(err, "round")
}
