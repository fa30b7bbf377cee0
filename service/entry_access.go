package service

import (
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// ManagesCompetition reports whether the actor organises the competition:
// an admin, or a manager of the base that organises it (BaseID set).
func (a Actor) ManagesCompetition(c model.Competition) bool {
	return a.IsAdmin() || (c.BaseID != nil && a.HasIn(model.RoleBaseManager, BaseDomain(*c.BaseID)))
}

// EntryDeadline is when the entry locks: the competition's registration
// close, or the entry's own extension if that is later.
func EntryDeadline(c model.Competition, e model.Entry) time.Time {
	d := c.RegistrationClosesAt
	if e.DeadlineExtendedTo != nil && e.DeadlineExtendedTo.After(d) {
		d = *e.DeadlineExtendedTo
	}
	return d
}

// EntryLocked reports whether the team can no longer change the entry at
// now (the server's clock): past its deadline, or the competition is not
// open (an extension reopens it for that entry only).
func EntryLocked(now time.Time, c model.Competition, e model.Entry) bool {
	if !now.Before(EntryDeadline(c, e)) {
		return true
	}
	if c.Status == model.CompetitionOpen {
		return false
	}
	return !(c.Status == model.CompetitionRegistrationClosed && e.DeadlineExtendedTo != nil)
}

// onEntryTeam reports whether the user is on the entry's team or on its
// project's team.
func onEntryTeam(tx *gorm.DB, userID uint, e model.Entry) (bool, error) {
	var n int64
	err := tx.Model(&model.EntryMember{}).Where("entry_id = ? AND user_id = ?", e.ID, userID).Count(&n).Error
	if err != nil || n > 0 {
		return n > 0, err
	}
	err = tx.Model(&model.ProjectMember{}).Where("project_id = ? AND user_id = ?", e.ProjectID, userID).Count(&n).Error
	return n > 0, err
}

// EntryAccess is what an actor may do with an entry.
type EntryAccess struct {
	Entry       model.Entry
	Competition model.Competition
	// Team: the actor is on the team (may edit before the deadline).
	Team bool
	// Manager: the actor organises the competition.
	Manager bool
	// Viewer: a college viewer of the entry's college (read only).
	Viewer bool
}

// loadEntry loads an entry the actor may see: its team's members and the
// competition's organisers. Judges see entries only through assignments
// (judging). Anyone else gets not_found.
func loadEntry(tx *gorm.DB, actor Actor, entryID uint) (EntryAccess, error) {
	var acc EntryAccess
	if err := tx.Take(&acc.Entry, entryID).Error; err != nil {
		return acc, model.TranslateDBError(err, "entry")
	}
	if err := tx.Take(&acc.Competition, acc.Entry.CompetitionID).Error; err != nil {
		return acc, model.TranslateDBError(err, "competition")
	}
	acc.Manager = actor.ManagesCompetition(acc.Competition)
	team, err := onEntryTeam(tx, actor.UserID, acc.Entry)
	if err != nil {
		return acc, model.Internal(err)
	}
	acc.Team = team
	if !acc.Manager && !acc.Team {
		return acc, model.NotFound("entry")
	}
	return acc, nil
}

// loadEntryToRead is loadEntry for reads: a college viewer may also read
// the entries of their own college (never change them).
func loadEntryToRead(tx *gorm.DB, actor Actor, entryID uint) (EntryAccess, error) {
	acc, err := loadEntry(tx, actor, entryID)
	if model.ErrorCode(err) != model.CodeNotFound || acc.Entry.ID == 0 || acc.Competition.ID == 0 {
		return acc, err
	}
	if actor.Has(model.RoleCollegeViewer) && actor.CollegeID != nil && *actor.CollegeID == acc.Entry.CollegeID &&
		acc.Competition.Status != model.CompetitionDraft {
		acc.Viewer = true
		return acc, nil
	}
	return acc, err
}
