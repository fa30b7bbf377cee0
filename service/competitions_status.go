package service

import (
	"context"

	"gorm.io/gorm"

	"incubator/model"
)

// Open opens registration of a draft (draft → open). The competition needs
// at least one track and a registration window that ends in the future.
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, failed_precondition (not a draft, no
// track, window already over).
func (s *Competitions) Open(ctx context.Context, actor Actor, id uint) (CompetitionView, error) {
	return s.move(ctx, actor, id, competitionMove{
		action: "open registration", audit: "competition.opened", from: model.CompetitionDraft, to: model.CompetitionOpen,
		check: func(tx *gorm.DB, c model.Competition, changes map[string]any) error {
			var tracks int64
			if err := tx.Model(&model.Track{}).Where("competition_id = ?", c.ID).Count(&tracks).Error; err != nil {
				return err
			}
			if tracks == 0 {
				return model.Errorf(model.CodeFailedPrecondition, "cannot open registration: the competition has no track")
			}
			if !c.RegistrationClosesAt.After(c.RegistrationOpensAt) {
				return model.Errorf(model.CodeFailedPrecondition, "cannot open registration: the registration window closes before it opens")
			}
			if !c.RegistrationClosesAt.After(s.clock()) {
				return model.Errorf(model.CodeFailedPrecondition, "cannot open registration: the registration window is already over; move registration_closes_at first")
			}
			return nil
		},
	})
}

// CloseRegistration ends registration (open → registration_closed). If the
// window still runs, it ends now, so every entry locks at once (entries
// with a granted extension keep it).
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, failed_precondition (not open).
func (s *Competitions) CloseRegistration(ctx context.Context, actor Actor, id uint) (CompetitionView, error) {
	return s.move(ctx, actor, id, competitionMove{
		action: "close registration", audit: "competition.registration_closed", from: model.CompetitionOpen, to: model.CompetitionRegistrationClosed,
		check: func(_ *gorm.DB, c model.Competition, changes map[string]any) error {
			now := competitionTime(s.clock())
			if c.RegistrationClosesAt.After(now) {
				changes["registration_closes_at"] = now
				if c.RegistrationOpensAt.After(now) {
					changes["registration_opens_at"] = now
				}
			}
			return nil
		},
	})
}

// Finish ends a competition whose registration is closed
// (registration_closed → finished); it can no longer change.
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, failed_precondition (registration not
// closed).
func (s *Competitions) Finish(ctx context.Context, actor Actor, id uint) (CompetitionView, error) {
	return s.move(ctx, actor, id, competitionMove{
		action: "finish the competition", audit: "competition.finished", from: model.CompetitionRegistrationClosed, to: model.CompetitionFinished,
	})
}

// competitionMove is one state transition of a competition.
type competitionMove struct {
	action, audit string
	from, to      string
	// check may refuse the move or add columns to write.
	check func(tx *gorm.DB, c model.Competition, changes map[string]any) error
}

// move runs a state transition in one transaction with its audit record.
func (s *Competitions) move(ctx context.Context, actor Actor, id uint, m competitionMove) (CompetitionView, error) {
	var view CompetitionView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		before, err := managedCompetition(tx, actor, id, m.action)
		if err != nil {
			return err
		}
		if before.Status != m.from {
			return competitionMoveError(m.action, before.Status)
		}
		now := s.clock()
		changes := map[string]any{"status": m.to, "version": before.Version + 1, "updated_at": now}
		if m.check != nil {
			if err := m.check(tx, before, changes); err != nil {
				return err
			}
		}
		beforeView, err := competitionView(tx, actor, now, id)
		if err != nil {
			return err
		}
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
		return s.audit.Record(tx, actor, AuditEntry{Action: m.audit, Entity: "competition", EntityID: id, Before: beforeView, After: view})
	})
	return view, model.TranslateDBError(err, "competition")
}
