package service

import (
	"context"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// Clearable is an update of a nullable field: Set reports that the client
// named the field; a nil Value then clears it.
type Clearable[T any] struct {
	Set   bool
	Value *T
}

// NewRound is a round to add. Nil SortOrder puts it last; nil
// JudgesPerEntry and empty Aggregation take the defaults (5, mean).
// AdvanceMinScore is decimal text (see ParsePoints); nil means none.
type NewRound struct {
	Name              string
	SortOrder         *int
	Kind              string
	ScoringOpensAt    *time.Time
	ScoringClosesAt   *time.Time
	JudgesPerEntry    *int
	Aggregation       string
	Blind             bool
	AdvanceTopN       int
	AdvanceCollegeCap int
	AdvanceMinScore   *string
}

// checkRound appends the field errors of a round's settings.
func checkRound(r *model.Round, fields *[]model.FieldError) {
	checkOneOf("kind", r.Kind, roundKinds, fields)
	checkOneOf("aggregation", r.Aggregation, roundAggregations, fields)
	if r.JudgesPerEntry < 1 || r.JudgesPerEntry > MaxJudgesPerEntry {
		*fields = append(*fields, model.Field("judges_per_entry", "range", "must be between 1 and 15"))
	}
	checkNonNegative("advance_top_n", r.AdvanceTopN, fields)
	checkNonNegative("advance_college_cap", r.AdvanceCollegeCap, fields)
	if r.ScoringOpensAt != nil && r.ScoringClosesAt != nil && !r.ScoringClosesAt.After(*r.ScoringOpensAt) {
		*fields = append(*fields, model.Field("scoring_closes_at", "after", "must be after scoring_opens_at"))
	}
}

// parseMinScore reads an advance_min_score text into hundredths.
func parseMinScore(text *string, fields *[]model.FieldError) *int {
	if text == nil {
		return nil
	}
	v, err := ParsePoints(*text)
	if err != nil {
		*fields = append(*fields, model.Field("advance_min_score", "points", err.Error()))
		return nil
	}
	return &v
}

func timePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := competitionTime(*t)
	return &u
}

// CreateRound adds a pending round to a competition that is not finished.
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, invalid (fields, a taken sort_order),
// failed_precondition (finished).
func (s *Competitions) CreateRound(ctx context.Context, actor Actor, competitionID uint, in NewRound) (RoundView, error) {
	var fields []model.FieldError
	r := model.Round{
		CompetitionID: competitionID, Name: checkName("name", in.Name, &fields), Kind: in.Kind,
		ScoringOpensAt: timePtr(in.ScoringOpensAt), ScoringClosesAt: timePtr(in.ScoringClosesAt),
		JudgesPerEntry: orDefault(in.JudgesPerEntry, DefaultJudgesPerEntry), Aggregation: in.Aggregation, Blind: in.Blind, AdvanceTopN: in.AdvanceTopN,
		AdvanceCollegeCap: in.AdvanceCollegeCap, AdvanceMinScore: parseMinScore(in.AdvanceMinScore, &fields),
		Status: model.RoundPending, Version: 1,
	}
	if r.Aggregation == "" {
		r.Aggregation = model.AggregateMean
	}
	checkRound(&r, &fields)
	var view RoundView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		c, err := managedCompetition(tx, actor, competitionID, "add rounds")
		if err != nil {
			return err
		}
		if !competitionEditable(c) {
			return competitionMoveError("add a round", c.Status)
		}
		if err := fieldErrors("invalid round", fields); err != nil {
			return err
		}
		if in.SortOrder != nil {
			r.SortOrder = *in.SortOrder
		} else if err := tx.Model(&model.Round{}).Where("competition_id = ?", competitionID).
			Select("COALESCE(MAX(sort_order), 0) + 1").Scan(&r.SortOrder).Error; err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			return roundOrderTaken(err)
		}
		view = viewRound(&r, 0)
		return s.audit.Record(tx, actor, AuditEntry{Action: "round.created", Entity: "round", EntityID: r.ID, After: view})
	})
	return view, model.TranslateDBError(err, "round")
}

func roundOrderTaken(err error) error {
	if model.IsDuplicate(err) {
		return model.Invalid("round order taken", model.Field("sort_order", "taken", "the competition has a round with this sort_order"))
	}
	return err
}

// RoundUpdate changes a round; nil (or unset) fields stay. Version must
// match.
type RoundUpdate struct {
	Name              *string
	SortOrder         *int
	Kind              *string
	ScoringOpensAt    Clearable[time.Time]
	ScoringClosesAt   Clearable[time.Time]
	JudgesPerEntry    *int
	Aggregation       *string
	Blind             *bool
	AdvanceTopN       *int
	AdvanceCollegeCap *int
	AdvanceMinScore   Clearable[string]
	Version           int
}

// UpdateRound changes a pending round of a competition that is not
// finished; its status stays pending (judging moves it).
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, invalid (fields, a taken sort_order),
// conflict (stale version), failed_precondition (round not pending,
// competition finished).
func (s *Competitions) UpdateRound(ctx context.Context, actor Actor, id uint, in RoundUpdate) (RoundView, error) {
	var view RoundView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		before, c, err := managedRound(tx, actor, id, "change rounds")
		if err != nil {
			return err
		}
		if !competitionEditable(c) {
			return competitionMoveError("change a round", c.Status)
		}
		if before.Status != model.RoundPending {
			return model.Errorf(model.CodeFailedPrecondition, "cannot change the round: it is %s", before.Status)
		}
		changes, err := roundChanges(before, in)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleVersion("round", before.Version)
		}
		beforeView, err := roundView(tx, id)
		if err != nil {
			return err
		}
		changes["version"], changes["updated_at"] = before.Version+1, s.clock()
		res := tx.Model(&model.Round{}).Where("id = ? AND version = ?", id, before.Version).Updates(changes)
		if res.Error != nil {
			return roundOrderTaken(res.Error)
		}
		if res.RowsAffected != 1 {
			return staleVersion("round", before.Version)
		}
		if view, err = roundView(tx, id); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "round.updated", Entity: "round", EntityID: id, Before: beforeView, After: view})
	})
	return view, model.TranslateDBError(err, "round")
}

// roundChanges applies an update to a copy of the round, checks the result
// and returns the columns to write.
func roundChanges(r model.Round, in RoundUpdate) (map[string]any, error) {
	var fields []model.FieldError
	changes := map[string]any{}
	if in.Name != nil {
		r.Name = checkName("name", *in.Name, &fields)
		changes["name"] = r.Name
	}
	setInt := func(col string, dst *int, v *int) {
		if v != nil {
			*dst, changes[col] = *v, *v
		}
	}
	setInt("sort_order", &r.SortOrder, in.SortOrder)
	setInt("judges_per_entry", &r.JudgesPerEntry, in.JudgesPerEntry)
	setInt("advance_top_n", &r.AdvanceTopN, in.AdvanceTopN)
	setInt("advance_college_cap", &r.AdvanceCollegeCap, in.AdvanceCollegeCap)
	if in.Kind != nil {
		r.Kind, changes["kind"] = *in.Kind, *in.Kind
	}
	if in.Aggregation != nil {
		r.Aggregation, changes["aggregation"] = *in.Aggregation, *in.Aggregation
	}
	if in.Blind != nil {
		r.Blind, changes["blind"] = *in.Blind, *in.Blind
	}
	if in.ScoringOpensAt.Set {
		r.ScoringOpensAt = timePtr(in.ScoringOpensAt.Value)
		changes["scoring_opens_at"] = r.ScoringOpensAt
	}
	if in.ScoringClosesAt.Set {
		r.ScoringClosesAt = timePtr(in.ScoringClosesAt.Value)
		changes["scoring_closes_at"] = r.ScoringClosesAt
	}
	if in.AdvanceMinScore.Set {
		r.AdvanceMinScore = parseMinScore(in.AdvanceMinScore.Value, &fields)
		changes["advance_min_score"] = r.AdvanceMinScore
	}
	checkRound(&r, &fields)
	return changes, fieldErrors("invalid round", fields)
}
