package service

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// Residency list flags.
const (
	ResidencyFlagLate     = "late"
	ResidencyFlagExpiring = "expiring"
)

var residencyStatuses = []string{model.ResidencyActive, model.ResidencyGraduated, model.ResidencyExited, model.ResidencyRemoved}

// ResidencyFilter selects residencies. Flag "late" keeps active ones with
// an overdue report, "expiring" active ones whose agreement or maximum
// term ends within the warning window.
type ResidencyFilter struct {
	Status    string
	BaseID    *uint
	ProjectID *uint
	Flag      string
	Page      model.Page
}

var residencySorts = map[string]string{"id": "id", "start_on": "start_on", "end_on": "end_on", "status": "status", "created_at": "created_at"}

// ListResidencies returns the residencies the actor may see (as for
// applications). Callers: admin, base_manager, student, college_viewer.
// Errors: invalid (status, flag, sort).
func (s *Residency) ListResidencies(ctx context.Context, actor Actor, f ResidencyFilter) ([]ResidencyView, int64, error) {
	db := s.db.WithContext(ctx)
	q := scopeResidencyRows(db.Model(&model.Residency{}), actor, false)
	if f.Status != "" {
		if !slices.Contains(residencyStatuses, f.Status) {
			return nil, 0, model.Invalid("invalid filter", model.Field("status", "oneof", "status must be one of: "+strings.Join(residencyStatuses, ", ")))
		}
		q = q.Where("status = ?", f.Status)
	}
	if f.BaseID != nil {
		q = q.Where("base_id = ?", *f.BaseID)
	}
	if f.ProjectID != nil {
		q = q.Where("project_id = ?", *f.ProjectID)
	}
	today := s.today()
	switch f.Flag {
	case "":
	case ResidencyFlagLate:
		q = q.Where("status = ? AND EXISTS (SELECT 1 FROM progress_reports pr WHERE pr.residency_id = residencies.id AND pr.submitted_at IS NULL AND pr.due_on < ?)",
			model.ResidencyActive, today)
	case ResidencyFlagExpiring:
		limit := today.AddDays(s.opt.WarnDays)
		q = q.Where("status = ? AND (end_on <= ? OR start_on <= ?)", model.ResidencyActive, limit, limit.AddMonths(-s.opt.MaxTermMonths))
	default:
		return nil, 0, model.Invalid("invalid filter", model.Field("flag", "oneof", "flag must be late or expiring"))
	}
	order, err := model.OrderBy(f.Page.Sort, residencySorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Residency
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	out, err := s.viewResidencies(db, actor, rows)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return out, total, nil
}

// GetResidency returns one residency the actor may see. Errors: not_found.
func (s *Residency) GetResidency(ctx context.Context, actor Actor, id uint) (ResidencyView, error) {
	db := s.db.WithContext(ctx)
	var r model.Residency
	if err := takeResidencyRow(db, actor, &r, id, false, false); err != nil {
		return ResidencyView{}, model.TranslateDBError(err, "residency")
	}
	vs, err := s.viewResidencies(db, actor, []model.Residency{r})
	if err != nil {
		return ResidencyView{}, model.Internal(err)
	}
	return vs[0], nil
}

// ResidencyExit ends a residency: Kind is graduated, exited or removed;
// Reason is required unless graduated; On is the last day.
type ResidencyExit struct {
	Kind   string
	Reason string
	On     model.Date
}

// Exit ends an active residency (active → graduated | exited | removed):
// it frees its desks, closes their allocations on the exit day and drops
// the unsubmitted reports of periods starting after it. Callers: a
// manager of the base, admin. Errors: invalid (kind, missing reason, a
// day before the start or in the future), not_found, forbidden,
// failed_precondition (not active), conflict.
func (s *Residency) Exit(ctx context.Context, actor Actor, id uint, in ResidencyExit) (ResidencyView, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	var fs []model.FieldError
	if in.Kind != model.ResidencyGraduated && in.Kind != model.ResidencyExited && in.Kind != model.ResidencyRemoved {
		fs = append(fs, model.Field("kind", "oneof", "must be graduated, exited or removed"))
	} else if in.Kind != model.ResidencyGraduated && in.Reason == "" {
		fs = append(fs, model.Field("reason", "required", "say why the team leaves"))
	}
	if in.On.IsZero() {
		fs = append(fs, model.Field("on", "required", "is required"))
	} else if in.On.After(s.today()) {
		fs = append(fs, model.Field("on", "future", "must not be in the future"))
	}
	if len(fs) > 0 {
		return ResidencyView{}, model.Invalid("invalid exit", fs...)
	}
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var before model.Residency
		if err := takeResidencyRow(tx, actor, &before, id, false, true); err != nil {
			return err
		}
		if !actor.ManagesBase(before.BaseID) {
			return model.Errorf(model.CodeForbidden, "only a manager of the base ends a residency")
		}
		if before.Status != model.ResidencyActive {
			return residencyMoveError("residency", "end the residency", before.Status)
		}
		if in.On.Before(before.StartOn) {
			return model.Invalid("invalid exit", model.Field("on", "after", "must not be before the start ("+before.StartOn.String()+")"))
		}
		now := s.clock()
		res := tx.Model(&model.Residency{}).Where("id = ? AND version = ? AND status = ?", id, before.Version, model.ResidencyActive).
			Updates(map[string]any{"status": in.Kind, "exit_reason": in.Reason, "exited_on": in.On, "version": before.Version + 1, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("residency", before.Version)
		}
		var codes []string
		if err := tx.Model(&model.Workstation{}).Where("residency_id = ?", id).Order("code").Pluck("code", &codes).Error; err != nil {
			return err
		}
		if err := tx.Exec("UPDATE workstations SET status = ?, residency_id = NULL, version = version + 1, updated_at = ? WHERE residency_id = ?",
			model.WorkstationFree, now, id).Error; err != nil {
			return err
		}
		if err := tx.Model(&model.WorkstationAllocation{}).Where("residency_id = ? AND to_on IS NULL", id).Update("to_on", in.On).Error; err != nil {
			return err
		}
		if err := tx.Where("residency_id = ? AND submitted_at IS NULL AND period_start > ?", id, in.On).Delete(&model.ProgressReport{}).Error; err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "residency." + in.Kind, Entity: "residency", EntityID: id,
			Before: residencyAudit{Status: before.Status, StartOn: before.StartOn, EndOn: before.EndOn, FreeRentFen: before.FreeRentFen,
				PropertyWaiverFen: before.PropertyWaiverFen, Workstations: codes},
			After: residencyAudit{Status: in.Kind, StartOn: before.StartOn, EndOn: before.EndOn, FreeRentFen: before.FreeRentFen,
				PropertyWaiverFen: before.PropertyWaiverFen, ExitReason: in.Reason, ExitedOn: &in.On}})
	})
	if err != nil {
		return ResidencyView{}, model.TranslateDBError(err, "residency")
	}
	return s.GetResidency(ctx, actor, id)
}
