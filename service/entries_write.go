package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// NewEntry registers a project in a competition.
type NewEntry struct {
	ProjectID  uint
	TrackID    uint
	Title      string
	Summary    string
	AdvisorIDs []uint // ids of the project's advisors (Advisor rows)
}

// Create registers a project in a competition as a draft entry; its team
// is copied from the project's members, its advisors from the named
// project advisors. Registration must be open by the server's clock.
// Callers: a member of the project, or an organiser of the competition on
// the team's behalf. Errors: not_found (competition), failed_precondition
// (registration is closed), invalid (title; project_id not among the
// actor's teams; track_id not of the competition; advisor_ids not the
// project's), conflict (the project has entered the competition already).
func (s *Entries) Create(ctx context.Context, actor Actor, competitionID uint, in NewEntry) (EntryView, error) {
	e := model.Entry{
		CompetitionID: competitionID, ProjectID: in.ProjectID, TrackID: in.TrackID, Title: strings.TrimSpace(in.Title), Summary: in.Summary,
		Status: model.EntryDraft, CreatedBy: actor.UserID, Version: 1,
	}
	var view EntryView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		c, manager, err := entryCompetition(tx, actor, competitionID)
		if err != nil {
			return err
		}
		now := s.clock()
		if !registrationOpen(now, c) {
			return model.Errorf(model.CodeFailedPrecondition, "registration is closed (open from %s until %s)",
				c.RegistrationOpensAt.UTC().Format(time.RFC3339), c.RegistrationClosesAt.UTC().Format(time.RFC3339))
		}
		p, err := entryProject(tx, actor, manager, in.ProjectID)
		if err != nil {
			return err
		}
		if err := checkEntryInput(tx, c.ID, p.ID, e.Title, &in.TrackID, &in.AdvisorIDs); err != nil {
			return err
		}
		e.CollegeID, e.CreatedAt, e.UpdatedAt = p.CollegeID, now, now
		if err := tx.Create(&e).Error; err != nil {
			if model.IsDuplicate(err) {
				return model.Errorf(model.CodeConflict, "this project has already entered the competition")
			}
			return err
		}
		if err := copyEntryTeam(tx, e.ID, p.ID); err != nil {
			return err
		}
		if err := setEntryAdvisors(tx, e.ID, in.AdvisorIDs); err != nil {
			return err
		}
		if view, err = viewEntry(tx, actor, now, c, e); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "entry.created", Entity: "entry", EntityID: e.ID, After: view})
	})
	return view, model.TranslateDBError(err, "entry")
}

// registrationOpen reports whether the competition takes new entries at
// now: open, and now within [opens, closes).
func registrationOpen(now time.Time, c model.Competition) bool {
	return c.Status == model.CompetitionOpen && !now.Before(c.RegistrationOpensAt) && now.Before(c.RegistrationClosesAt)
}

// entryProject loads the project to enter: one of the actor's teams, or
// any project for an organiser.
func entryProject(tx *gorm.DB, actor Actor, manager bool, id uint) (model.Project, error) {
	var p model.Project
	if err := tx.Where("id = ?", id).Limit(1).Find(&p).Error; err != nil {
		return p, err
	}
	notMine := model.Invalid("invalid entry", model.Field("project_id", "not_found", "no such project among your teams"))
	if p.ID == 0 {
		return p, notMine
	}
	if manager {
		return p, nil
	}
	role, err := projectRoleOf(tx, id, actor.UserID)
	if err != nil {
		return p, err
	}
	if role == "" {
		return p, notMine
	}
	return p, nil
}

// checkEntryInput validates an entry's title, track (of the competition)
// and advisors (of the project, no repeats); nil pointers are not checked.
func checkEntryInput(tx *gorm.DB, competitionID, projectID uint, title string, trackID *uint, advisorIDs *[]uint) error {
	var fields []model.FieldError
	if title == "" {
		fields = append(fields, model.Field("title", "required", "is required"))
	}
	if trackID != nil {
		var n int64
		if err := tx.Model(&model.Track{}).Where("id = ? AND competition_id = ?", *trackID, competitionID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			fields = append(fields, model.Field("track_id", "not_found", "no such track in this competition"))
		}
	}
	if advisorIDs != nil {
		ids := *advisorIDs
		var n int64
		if len(ids) > 0 {
			if err := tx.Model(&model.Advisor{}).Where("id IN ? AND project_id = ?", ids, projectID).Count(&n).Error; err != nil {
				return err
			}
		}
		sorted := slices.Sorted(slices.Values(ids))
		if len(slices.Compact(sorted)) != len(ids) {
			fields = append(fields, model.Field("advisor_ids", "unique", "an advisor is named twice"))
		} else if int(n) != len(ids) {
			fields = append(fields, model.Field("advisor_ids", "not_found", "advisors must be advisors of the entry's project"))
		}
	}
	if len(fields) > 0 {
		return model.Invalid("invalid entry", fields...)
	}
	return nil
}

// copyEntryTeam replaces the entry's team with its project's members.
func copyEntryTeam(tx *gorm.DB, entryID, projectID uint) error {
	if err := tx.Where("entry_id = ?", entryID).Delete(&model.EntryMember{}).Error; err != nil {
		return err
	}
	var members []model.ProjectMember
	if err := tx.Where("project_id = ?", projectID).Order("id").Find(&members).Error; err != nil {
		return err
	}
	if len(members) == 0 {
		return nil
	}
	rows := make([]model.EntryMember, len(members))
	for i, m := range members {
		rows[i] = model.EntryMember{EntryID: entryID, UserID: m.UserID, Role: m.Role}
	}
	return tx.Create(&rows).Error
}

// setEntryAdvisors replaces the entry's advisors with copies of the named
// project advisors (validated by checkEntryInput).
func setEntryAdvisors(tx *gorm.DB, entryID uint, advisorIDs []uint) error {
	if err := tx.Where("entry_id = ?", entryID).Delete(&model.EntryAdvisor{}).Error; err != nil {
		return err
	}
	if len(advisorIDs) == 0 {
		return nil
	}
	var advisors []model.Advisor
	if err := tx.Where("id IN ?", advisorIDs).Order("id").Find(&advisors).Error; err != nil {
		return err
	}
	rows := make([]model.EntryAdvisor, len(advisors))
	for i, a := range advisors {
		rows[i] = model.EntryAdvisor{EntryID: entryID, UserID: a.UserID, Name: a.Name, Organization: a.Organization, Title: a.Title}
	}
	return tx.Create(&rows).Error
}

// EntryUpdate changes an entry; nil fields stay. AdvisorIDs replaces the
// advisors (an empty list removes them); SyncTeam copies the project's
// members again. Version must match.
type EntryUpdate struct {
	Title      *string
	Summary    *string
	TrackID    *uint
	AdvisorIDs *[]uint
	SyncTeam   bool
	Version    int
}

// Update changes an entry. A submitted entry must still meet the rules
// afterwards (see Submit). Callers: the team while the entry is not
// locked (draft or submitted, before its deadline); organisers until the
// competition is finished. Errors: not_found, failed_precondition
// (locked: the message names the deadline; finished), invalid, conflict
// (stale version).
func (s *Entries) Update(ctx context.Context, actor Actor, id uint, in EntryUpdate) (EntryView, error) {
	var view EntryView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := lockEntryRow(tx, id); err != nil {
			return err
		}
		acc, err := loadEntry(tx, actor, id)
		if err != nil {
			return err
		}
		now := s.clock()
		if err := checkEditable(now, acc); err != nil {
			return err
		}
		if acc.Entry.Version != in.Version {
			return staleVersion("entry", acc.Entry.Version)
		}
		before, err := viewEntry(tx, actor, now, acc.Competition, acc.Entry)
		if err != nil {
			return err
		}
		e := acc.Entry
		if in.Title != nil {
			e.Title = strings.TrimSpace(*in.Title)
		}
		if in.Summary != nil {
			e.Summary = *in.Summary
		}
		if in.TrackID != nil {
			e.TrackID = *in.TrackID
		}
		if err := checkEntryInput(tx, e.CompetitionID, e.ProjectID, e.Title, in.TrackID, in.AdvisorIDs); err != nil {
			return err
		}
		if in.AdvisorIDs != nil {
			if err := setEntryAdvisors(tx, e.ID, *in.AdvisorIDs); err != nil {
				return err
			}
		}
		if in.SyncTeam {
			if err := copyEntryTeam(tx, e.ID, e.ProjectID); err != nil {
				return err
			}
		}
		if e.Status == model.EntrySubmitted {
			if err := checkEntryRules(tx, acc.Competition, e, false); err != nil {
				return err
			}
		}
		e.Version, e.UpdatedAt = e.Version+1, now
		res := tx.Model(&model.Entry{}).Where("id = ? AND version = ?", e.ID, acc.Entry.Version).
			Updates(map[string]any{"title": e.Title, "summary": e.Summary, "track_id": e.TrackID, "version": e.Version, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("entry", acc.Entry.Version)
		}
		if view, err = viewEntry(tx, actor, now, acc.Competition, e); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "entry.updated", Entity: "entry", EntityID: e.ID, Before: before, After: view})
	})
	return view, model.TranslateDBError(err, "entry")
}
