package service

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// MaxRequestedWorkstations is the most desks one application may ask for.
const MaxRequestedWorkstations = 20

// residencyApplicationStatuses are the states of a residency application.
var residencyApplicationStatuses = []string{model.AppDraft, model.AppSubmitted, model.AppReviewing, model.AppApproved, model.AppRejected, model.AppReturned, model.AppAdmitted}

// openResidencyApplicationStatuses are the states in which an application still
// holds its project's place at a base (one at a time).
var openResidencyApplicationStatuses = []string{model.AppDraft, model.AppSubmitted, model.AppReviewing, model.AppApproved, model.AppReturned}

// ResidencyApplicationFilter selects applications. Zero fields do not filter.
type ResidencyApplicationFilter struct {
	Status    string
	BaseID    *uint
	ProjectID *uint
	Page      model.Page
}

var residencyApplicationSorts = map[string]string{"id": "id", "status": "status", "submitted_at": "submitted_at", "created_at": "created_at", "updated_at": "updated_at"}

// ListApplications returns the applications the actor may see (see
// scopeResidencyRows; base managers never see drafts). Callers: admin,
// base_manager, student, college_viewer. Errors: invalid (status, sort).
func (s *Residency) ListApplications(ctx context.Context, actor Actor, f ResidencyApplicationFilter) ([]ResidencyApplicationView, int64, error) {
	q := scopeResidencyRows(s.db.WithContext(ctx).Model(&model.ResidencyApplication{}), actor, true)
	if f.Status != "" {
		if !slices.Contains(residencyApplicationStatuses, f.Status) {
			return nil, 0, model.Invalid("invalid filter", model.Field("status", "oneof", "status must be one of: "+strings.Join(residencyApplicationStatuses, ", ")))
		}
		q = q.Where("status = ?", f.Status)
	}
	if f.BaseID != nil {
		q = q.Where("base_id = ?", *f.BaseID)
	}
	if f.ProjectID != nil {
		q = q.Where("project_id = ?", *f.ProjectID)
	}
	order, err := model.OrderBy(f.Page.Sort, residencyApplicationSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.ResidencyApplication
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	out, err := viewResidencyApplications(s.db.WithContext(ctx), actor, rows)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return out, total, nil
}

// GetApplication returns one application the actor may see.
// Errors: not_found.
func (s *Residency) GetApplication(ctx context.Context, actor Actor, id uint) (ResidencyApplicationView, error) {
	db := s.db.WithContext(ctx)
	a, err := takeResidencyApplication(db, actor, id, false)
	if err != nil {
		return ResidencyApplicationView{}, err
	}
	v, err := viewResidencyApplication(db, actor, a)
	return v, model.TranslateDBError(err, "residency application")
}

// takeResidencyApplication loads an application the actor may see (not_found
// otherwise), locking it for update when lock is set.
func takeResidencyApplication(tx *gorm.DB, actor Actor, id uint, lock bool) (model.ResidencyApplication, error) {
	var a model.ResidencyApplication
	err := takeResidencyRow(tx, actor, &a, id, true, lock)
	return a, model.TranslateDBError(err, "residency application")
}

// NewResidencyApplication is a team's application to a base.
type NewResidencyApplication struct {
	ProjectID             uint
	BaseID                uint
	RequestedZoneID       *uint
	RequestedWorkstations int // 1–20; 0 means 1
	Plan                  string
}

// CreateApplication starts a draft application of a team to a base.
// Callers: a member of the team (or admin, acting for it). Errors: invalid (unknown project, base or
// zone of another base, workstations out of 1–20), forbidden (not a member
// of a project the actor can see), conflict (the project already has an
// open application at this base).
func (s *Residency) CreateApplication(ctx context.Context, actor Actor, in NewResidencyApplication) (ResidencyApplicationView, error) {
	if in.RequestedWorkstations == 0 {
		in.RequestedWorkstations = 1
	}
	if in.RequestedWorkstations < 1 || in.RequestedWorkstations > MaxRequestedWorkstations {
		return ResidencyApplicationView{}, model.Invalid("invalid application", model.Field("requested_workstations", "range", "must be between 1 and 20"))
	}
	var view ResidencyApplicationView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var p model.Project
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&p, in.ProjectID).Error; err != nil {
			return residencyProjectError(err)
		}
		member, err := inResidencyTeam(tx, actor.UserID, p.ID)
		if err != nil {
			return err
		}
		if !member && !actor.IsAdmin() {
			if actor.Has(model.RoleCollegeViewer) && actor.CollegeID != nil && *actor.CollegeID == p.CollegeID {
				return model.Errorf(model.CodeForbidden, "only a member of the team applies for residency")
			}
			return model.Invalid("unknown project", model.Field("project_id", "not_found", "no such project of yours"))
		}
		if err := checkApplicationPlace(tx, in.BaseID, in.RequestedZoneID); err != nil {
			return err
		}
		var open int64
		if err := tx.Model(&model.ResidencyApplication{}).Where("project_id = ? AND base_id = ? AND status IN ?", p.ID, in.BaseID, openResidencyApplicationStatuses).
			Count(&open).Error; err != nil {
			return err
		}
		if open > 0 {
			return model.Errorf(model.CodeConflict, "the project already has an open application at this base")
		}
		now := s.clock()
		a := model.ResidencyApplication{
			ProjectID: p.ID, BaseID: in.BaseID, RequestedZoneID: in.RequestedZoneID, RequestedWorkstations: in.RequestedWorkstations,
			Plan: strings.TrimSpace(in.Plan), Status: model.AppDraft, CreatedBy: actor.UserID, Version: 1, CreatedAt: now, UpdatedAt: now,
		}
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		if view, err = viewResidencyApplication(tx, actor, a); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "residency_application.created", Entity: "residency_application", EntityID: a.ID, After: view})
	})
	return view, model.TranslateDBError(err, "residency application")
}

func residencyProjectError(err error) error {
	if model.ErrorCode(model.TranslateDBError(err, "project")) == model.CodeNotFound {
		return model.Invalid("unknown project", model.Field("project_id", "not_found", "no such project of yours"))
	}
	return err
}

// checkApplicationPlace checks that the base exists and the zone, if any,
// belongs to it.
func checkApplicationPlace(tx *gorm.DB, baseID uint, zoneID *uint) error {
	var n int64
	if err := tx.Model(&model.Base{}).Where("id = ?", baseID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return model.Invalid("unknown base", model.Field("base_id", "not_found", "no such base"))
	}
	if zoneID == nil {
		return nil
	}
	if err := tx.Model(&model.Zone{}).Where("id = ? AND base_id = ?", *zoneID, baseID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return model.Invalid("unknown zone", model.Field("requested_zone_id", "not_found", "no such zone in this base"))
	}
	return nil
}

// ResidencyApplicationUpdate changes an application; nil fields stay. A
// RequestedZoneID of 0 clears the zone. Version must match.
type ResidencyApplicationUpdate struct {
	RequestedZoneID       *uint
	RequestedWorkstations *int
	Plan                  *string
	Version               int
}

// UpdateApplication changes a draft or returned application. Callers: a
// member of the team, admin. Errors: not_found, forbidden, invalid,
// failed_precondition (not draft or returned), conflict (stale version).
func (s *Residency) UpdateApplication(ctx context.Context, actor Actor, id uint, in ResidencyApplicationUpdate) (ResidencyApplicationView, error) {
	if w := in.RequestedWorkstations; w != nil && (*w < 1 || *w > MaxRequestedWorkstations) {
		return ResidencyApplicationView{}, model.Invalid("invalid application", model.Field("requested_workstations", "range", "must be between 1 and 20"))
	}
	var view ResidencyApplicationView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.memberApplication(tx, actor, id, "change")
		if err != nil {
			return err
		}
		if before.Status != model.AppDraft && before.Status != model.AppReturned {
			return residencyMoveError("residency application", "change the application", before.Status)
		}
		if before.Version != in.Version {
			return staleVersion("residency application", before.Version)
		}
		changes := map[string]any{"version": before.Version + 1, "updated_at": s.clock()}
		if z := in.RequestedZoneID; z != nil {
			if *z == 0 {
				changes["requested_zone_id"] = nil
			} else {
				if err := checkApplicationPlace(tx, before.BaseID, z); err != nil {
					return err
				}
				changes["requested_zone_id"] = *z
			}
		}
		if in.RequestedWorkstations != nil {
			changes["requested_workstations"] = *in.RequestedWorkstations
		}
		if in.Plan != nil {
			changes["plan"] = strings.TrimSpace(*in.Plan)
		}
		after, err := s.updateApplication(tx, before, changes)
		if err != nil {
			return err
		}
		bv, err := viewResidencyApplication(tx, actor, before)
		if err != nil {
			return err
		}
		if view, err = viewResidencyApplication(tx, actor, after); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "residency_application.updated", Entity: "residency_application", EntityID: id, Before: bv, After: view})
	})
	return view, model.TranslateDBError(err, "residency application")
}

// memberApplication loads an application for a move its team makes (or
// admin, acting for it): not_found when invisible, forbidden when the
// actor is neither a member nor admin.
func (s *Residency) memberApplication(tx *gorm.DB, actor Actor, id uint, what string) (model.ResidencyApplication, error) {
	a, err := takeResidencyApplication(tx, actor, id, true)
	if err != nil {
		return a, err
	}
	member, err := inResidencyTeam(tx, actor.UserID, a.ProjectID)
	if err != nil {
		return a, err
	}
	if !member && !actor.IsAdmin() {
		return a, model.Errorf(model.CodeForbidden, "only a member of the team may %s the application", what)
	}
	return a, nil
}

// updateApplication writes changes conditional on the version read
// (conflict if it moved) and returns the new row.
func (s *Residency) updateApplication(tx *gorm.DB, before model.ResidencyApplication, changes map[string]any) (model.ResidencyApplication, error) {
	res := tx.Model(&model.ResidencyApplication{}).Where("id = ? AND version = ?", before.ID, before.Version).Updates(changes)
	if res.Error != nil {
		return before, res.Error
	}
	if res.RowsAffected != 1 {
		return before, staleVersion("residency application", before.Version)
	}
	var after model.ResidencyApplication
	return after, tx.Take(&after, before.ID).Error
}
