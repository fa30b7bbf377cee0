package service

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// residencyApplicationMove is one transition of the application state machine.
type residencyApplicationMove struct {
	action string   // audit action suffix and verb of messages
	from   []string // states it may start from
	to     string
	team   bool // made by a team member; otherwise by a manager of the base
}

var (
	appMoveSubmit  = residencyApplicationMove{action: "submit", from: []string{model.AppDraft, model.AppReturned}, to: model.AppSubmitted, team: true}
	appMoveApprove = residencyApplicationMove{action: "approve", from: []string{model.AppReviewing}, to: model.AppApproved}
	appMoveReject  = residencyApplicationMove{action: "reject", from: []string{model.AppSubmitted, model.AppReviewing}, to: model.AppRejected}
	appMoveReturn  = residencyApplicationMove{action: "return", from: []string{model.AppSubmitted, model.AppReviewing}, to: model.AppReturned}
	appMoveReview  = residencyApplicationMove{action: "review", from: []string{model.AppSubmitted, model.AppReviewing}, to: model.AppReviewing}
)

// residencyApplicationAudit is what the audit log keeps of a move.
type residencyApplicationAudit struct {
	Status       string `json:"status"`
	DecisionNote string `json:"decision_note,omitempty"`
	Version      int    `json:"version"`
}

// moveApplication runs a transition in one transaction: load (not_found
// if invisible), authorize (forbidden), check the state (failed_precondition
// naming it), let extra validate and write more (reviews), update
// conditional on the version read (conflict), audit.
func (s *Residency) moveApplication(ctx context.Context, actor Actor, id uint, m residencyApplicationMove, changes map[string]any,
	extra func(tx *gorm.DB, a model.ResidencyApplication) error) (ResidencyApplicationView, error) {
	var view ResidencyApplicationView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var before model.ResidencyApplication
		var err error
		if m.team {
			before, err = s.memberApplication(tx, actor, id, m.action)
		} else {
			before, err = s.managedApplication(tx, actor, id, m.action)
		}
		if err != nil {
			return err
		}
		if !slices.Contains(m.from, before.Status) {
			return model.Errorf(model.CodeFailedPrecondition, "cannot %s the application: it is %s (allowed from %s)", m.action, before.Status, strings.Join(m.from, " or "))
		}
		if extra != nil {
			if err := extra(tx, before); err != nil {
				return err
			}
		}
		now := s.clock()
		set := map[string]any{"status": m.to, "version": before.Version + 1, "updated_at": now}
		for k, v := range changes {
			set[k] = v
		}
		after, err := s.updateApplication(tx, before, set)
		if err != nil {
			return err
		}
		if view, err = viewResidencyApplication(tx, actor, after); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "residency_application." + m.action, Entity: "residency_application", EntityID: id,
			Before: residencyApplicationAudit{Status: before.Status, DecisionNote: before.DecisionNote, Version: before.Version},
			After:  residencyApplicationAudit{Status: after.Status, DecisionNote: after.DecisionNote, Version: after.Version}})
	})
	return view, model.TranslateDBError(err, "residency application")
}

// managedApplication loads an application for a move a manager of its base
// makes: not_found when invisible, forbidden when the actor does not
// manage the base.
func (s *Residency) managedApplication(tx *gorm.DB, actor Actor, id uint, what string) (model.ResidencyApplication, error) {
	a, err := takeResidencyApplication(tx, actor, id, true)
	if err != nil {
		return a, err
	}
	if !actor.ManagesBase(a.BaseID) {
		return a, model.Errorf(model.CodeForbidden, "only a manager of the base may %s the application", what)
	}
	return a, nil
}

// SubmitApplication sends a draft or returned application for review
// (→ submitted). Callers: a member of the team, admin. Errors: not_found,
// forbidden, invalid (empty plan), failed_precondition, conflict.
func (s *Residency) SubmitApplication(ctx context.Context, actor Actor, id uint) (ResidencyApplicationView, error) {
	return s.moveApplication(ctx, actor, id, appMoveSubmit, map[string]any{"submitted_at": s.clock()},
		func(_ *gorm.DB, a model.ResidencyApplication) error {
			if strings.TrimSpace(a.Plan) == "" {
				return model.Invalid("the plan is empty", model.Field("plan", "required", "write the plan before submitting"))
			}
			return nil
		})
}

// ApplicationScore is a reviewer's score (0–100) and comment.
type ApplicationScore struct {
	Score   int
	Comment string
}

// ReviewApplication records or replaces the actor's score of a submitted
// or reviewing application; the first review moves it to reviewing.
// Callers: a manager of the base, admin. Errors: not_found, forbidden,
// invalid (score out of 0–100), failed_precondition, conflict.
func (s *Residency) ReviewApplication(ctx context.Context, actor Actor, id uint, in ApplicationScore) (ResidencyApplicationView, error) {
	if in.Score < 0 || in.Score > 100 {
		return ResidencyApplicationView{}, model.Invalid("invalid review", model.Field("score", "range", "must be between 0 and 100"))
	}
	return s.moveApplication(ctx, actor, id, appMoveReview, nil, func(tx *gorm.DB, a model.ResidencyApplication) error {
		now := s.clock()
		res := tx.Model(&model.ApplicationReview{}).Where("application_id = ? AND reviewer_id = ?", a.ID, actor.UserID).
			Updates(map[string]any{"score": in.Score, "comment": strings.TrimSpace(in.Comment), "updated_at": now})
		if res.Error != nil || res.RowsAffected == 1 {
			return res.Error
		}
		return tx.Create(&model.ApplicationReview{ApplicationID: a.ID, ReviewerID: actor.UserID, Score: in.Score,
			Comment: strings.TrimSpace(in.Comment), CreatedAt: now, UpdatedAt: now}).Error
	})
}

// ApproveApplication accepts a reviewed application (reviewing → approved).
// Approval needs at least one review, so a submitted application is
// reviewed first. Callers: a manager of the base, admin. Errors:
// not_found, forbidden, failed_precondition, conflict.
func (s *Residency) ApproveApplication(ctx context.Context, actor Actor, id uint, note string) (ResidencyApplicationView, error) {
	return s.moveApplication(ctx, actor, id, appMoveApprove, s.decision(note), nil)
}

// RejectApplication turns down a submitted or reviewing application; the
// note (the reason) is required. Callers: a manager of the base, admin.
// Errors: invalid, not_found, forbidden, failed_precondition, conflict.
func (s *Residency) RejectApplication(ctx context.Context, actor Actor, id uint, note string) (ResidencyApplicationView, error) {
	if strings.TrimSpace(note) == "" {
		return ResidencyApplicationView{}, model.Invalid("a reason is required", model.Field("note", "required", "say why the application is rejected"))
	}
	return s.moveApplication(ctx, actor, id, appMoveReject, s.decision(note), nil)
}

// ReturnApplication sends a submitted or reviewing application back to
// the team for changes; the note is required. Callers: a manager of the
// base, admin. Errors: invalid, not_found, forbidden, failed_precondition,
// conflict.
func (s *Residency) ReturnApplication(ctx context.Context, actor Actor, id uint, note string) (ResidencyApplicationView, error) {
	if strings.TrimSpace(note) == "" {
		return ResidencyApplicationView{}, model.Invalid("a note is required", model.Field("note", "required", "say what the team should change"))
	}
	return s.moveApplication(ctx, actor, id, appMoveReturn, s.decision(note), nil)
}

func (s *Residency) decision(note string) map[string]any {
	return map[string]any{"decision_note": strings.TrimSpace(note), "decided_at": s.clock()}
}
