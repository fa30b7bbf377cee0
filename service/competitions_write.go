package service

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// Team and advisor limits of a competition.
const (
	DefaultMinTeamSize = 3
	DefaultMaxTeamSize = 15
	DefaultMaxAdvisors = 3
	MaxTeamSizeLimit   = 50
	MaxAdvisorsLimit   = 10
)

// NewCompetition is a competition to create. Nil limits take the defaults
// (team 3–15, 3 advisors); a nil BaseID organises it zone-wide.
type NewCompetition struct {
	Name                 string
	Edition              int
	Year                 int
	Organiser            string
	BaseID               *uint
	Description          string
	RegistrationOpensAt  time.Time
	RegistrationClosesAt time.Time
	MinTeamSize          *int
	MaxTeamSize          *int
	MaxAdvisors          *int
}

// competitionLimits is a competition's window and limits, checked together.
type competitionLimits struct {
	opens, closes         time.Time
	minTeam, maxTeam, adv int
}

// check appends the field errors of the window and limits.
func (l competitionLimits) check(fields *[]model.FieldError) {
	if !l.closes.After(l.opens) {
		*fields = append(*fields, model.Field("registration_closes_at", "after", "must be after registration_opens_at"))
	}
	if l.minTeam < 1 {
		*fields = append(*fields, model.Field("min_team_size", "gte", "must be ≥ 1"))
	}
	if l.maxTeam < l.minTeam || l.maxTeam > MaxTeamSizeLimit {
		*fields = append(*fields, model.Field("max_team_size", "range", "must be between min_team_size and 50"))
	}
	if l.adv < 0 || l.adv > MaxAdvisorsLimit {
		*fields = append(*fields, model.Field("max_advisors", "range", "must be between 0 and 10"))
	}
}

// competitionTime is how competition times are stored: UTC, to the
// millisecond (as MySQL keeps them).
func competitionTime(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func orDefault(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}

// Create adds a competition as a draft. Callers: admin (any scope), or a
// manager of the base named by BaseID; only an admin organises one
// zone-wide. Errors: invalid (fields, unknown base), forbidden.
func (s *Competitions) Create(ctx context.Context, actor Actor, in NewCompetition) (CompetitionView, error) {
	var fields []model.FieldError
	c := model.Competition{
		Name: checkName("name", in.Name, &fields), Edition: in.Edition, Year: in.Year, Organiser: strings.TrimSpace(in.Organiser),
		BaseID: in.BaseID, Description: in.Description, Status: model.CompetitionDraft,
		RegistrationOpensAt: competitionTime(in.RegistrationOpensAt), RegistrationClosesAt: competitionTime(in.RegistrationClosesAt),
		MinTeamSize: orDefault(in.MinTeamSize, DefaultMinTeamSize), MaxTeamSize: orDefault(in.MaxTeamSize, DefaultMaxTeamSize),
		MaxAdvisors: orDefault(in.MaxAdvisors, DefaultMaxAdvisors), CreatedBy: actor.UserID, Version: 1,
	}
	if c.Edition == 0 {
		c.Edition = 1
	}
	checkCompetitionNumbers(c.Edition, c.Year, &fields)
	competitionLimits{c.RegistrationOpensAt, c.RegistrationClosesAt, c.MinTeamSize, c.MaxTeamSize, c.MaxAdvisors}.check(&fields)
	if err := fieldErrors("invalid competition", fields); err != nil {
		return CompetitionView{}, err
	}
	var view CompetitionView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if in.BaseID == nil {
			if !actor.IsAdmin() {
				return model.Errorf(model.CodeForbidden, "only an admin organises a zone-wide competition; name your base_id")
			}
		} else {
			if _, err := findBase(tx, *in.BaseID); err != nil {
				if model.ErrorCode(err) == model.CodeNotFound {
					return model.Invalid("unknown base", model.Field("base_id", "not_found", "no such base"))
				}
				return err
			}
			if !actor.ManagesBase(*in.BaseID) {
				return model.Errorf(model.CodeForbidden, "only an admin or this base's manager organises its competitions")
			}
		}
		now := s.clock()
		c.CreatedAt, c.UpdatedAt = now, now
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		if c.MaxAdvisors != orDefault(in.MaxAdvisors, DefaultMaxAdvisors) {
			// GORM writes a column's default in place of a zero value.
			c.MaxAdvisors = 0
			if err := tx.Model(&c).UpdateColumn("max_advisors", 0).Error; err != nil {
				return err
			}
		}
		var err error
		if view, err = competitionView(tx, actor, now, c.ID); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "competition.created", Entity: "competition", EntityID: c.ID, After: view})
	})
	return view, model.TranslateDBError(err, "competition")
}

// checkCompetitionNumbers checks the edition and year.
func checkCompetitionNumbers(edition, year int, fields *[]model.FieldError) {
	if edition < 1 || edition > 1000 {
		*fields = append(*fields, model.Field("edition", "range", "must be between 1 and 1000"))
	}
	if year < 2000 || year > 2100 {
		*fields = append(*fields, model.Field("year", "range", "must be between 2000 and 2100"))
	}
}

// CompetitionUpdate changes a competition; nil fields stay. Version must
// match.
type CompetitionUpdate struct {
	Name                 *string
	Edition              *int
	Year                 *int
	Organiser            *string
	Description          *string
	RegistrationOpensAt  *time.Time
	RegistrationClosesAt *time.Time
	MinTeamSize          *int
	MaxTeamSize          *int
	MaxAdvisors          *int
	Version              int
}

// Update changes a competition in any state before finished: moving
// registration_closes_at extends or ends registration for every team.
// Callers: admin, or a manager of the organising base.
// Errors: not_found (also another base's draft), forbidden (visible, not
// managed), invalid, conflict (stale version), failed_precondition
// (finished).
func (s *Competitions) Update(ctx context.Context, actor Actor, id uint, in CompetitionUpdate) (CompetitionView, error) {
	var view CompetitionView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		before, err := managedCompetition(tx, actor, id, "change this competition")
		if err != nil {
			return err
		}
		if !competitionEditable(before) {
			return competitionMoveError("change the competition", before.Status)
		}
		changes, err := competitionChanges(before, in)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleVersion("competition", before.Version)
		}
		now := s.clock()
		beforeView, err := competitionView(tx, actor, now, id)
		if err != nil {
			return err
		}
		changes["version"], changes["updated_at"] = before.Version+1, now
		res := tx.Model(&model.Competition{}).Where("id = ? AND version = ?", id, before.Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("competition", before.Version)
		}
		if view, err = competitionView(tx, actor, now, id); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "competition.updated", Entity: "competition", EntityID: id, Before: beforeView, After: view})
	})
	return view, model.TranslateDBError(err, "competition")
}

// competitionChanges checks an update against the stored competition and
// returns the columns to write.
func competitionChanges(before model.Competition, in CompetitionUpdate) (map[string]any, error) {
	var fields []model.FieldError
	changes := map[string]any{}
	if in.Name != nil {
		changes["name"] = checkName("name", *in.Name, &fields)
	}
	edition, year := before.Edition, before.Year
	if in.Edition != nil {
		edition, changes["edition"] = *in.Edition, *in.Edition
	}
	if in.Year != nil {
		year, changes["year"] = *in.Year, *in.Year
	}
	checkCompetitionNumbers(edition, year, &fields)
	if in.Organiser != nil {
		changes["organiser"] = strings.TrimSpace(*in.Organiser)
	}
	if in.Description != nil {
		changes["description"] = *in.Description
	}
	l := competitionLimits{before.RegistrationOpensAt, before.RegistrationClosesAt, before.MinTeamSize, before.MaxTeamSize, before.MaxAdvisors}
	if in.RegistrationOpensAt != nil {
		l.opens = competitionTime(*in.RegistrationOpensAt)
		changes["registration_opens_at"] = l.opens
	}
	if in.RegistrationClosesAt != nil {
		l.closes = competitionTime(*in.RegistrationClosesAt)
		changes["registration_closes_at"] = l.closes
	}
	if in.MinTeamSize != nil {
		l.minTeam, changes["min_team_size"] = *in.MinTeamSize, *in.MinTeamSize
	}
	if in.MaxTeamSize != nil {
		l.maxTeam, changes["max_team_size"] = *in.MaxTeamSize, *in.MaxTeamSize
	}
	if in.MaxAdvisors != nil {
		l.adv, changes["max_advisors"] = *in.MaxAdvisors, *in.MaxAdvisors
	}
	l.check(&fields)
	return changes, fieldErrors("invalid competition", fields)
}
