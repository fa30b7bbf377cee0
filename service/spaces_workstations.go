package service

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// WorkstationFilter selects the workstations of a room or a base. Zero
// fields do not filter.
type WorkstationFilter struct {
	ZoneID *uint
	Status string
	Page   model.Page
}

var workstationSorts = map[string]string{"id": "id", "code": "code", "status": "status"}

// MaxBulkWorkstations caps the workstations one request may create.
const MaxBulkWorkstations = 200

// ListWorkstations returns the workstations of a room. Callers: admin, a
// manager of the room's base. Errors: not_found (room, or another base's),
// invalid (status, sort).
func (s *Spaces) ListWorkstations(ctx context.Context, actor Actor, roomID uint, f WorkstationFilter) ([]WorkstationView, int64, error) {
	db := s.db.WithContext(ctx)
	if _, err := managedRoom(db, actor, roomID); err != nil {
		return nil, 0, err
	}
	q := db.Model(&model.Workstation{}).Where("room_id = ?", roomID)
	if f.Status != "" {
		var fields []model.FieldError
		if checkOneOf("status", f.Status, wsStatuses, &fields); len(fields) > 0 {
			return nil, 0, model.Invalid("invalid filter", fields...)
		}
		q = q.Where("status = ?", f.Status)
	}
	order, err := model.OrderBy(f.Page.Sort, workstationSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Workstation
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	out := make([]WorkstationView, len(rows))
	for i := range rows {
		out[i] = viewWorkstation(&rows[i])
	}
	return out, total, nil
}

// NewWorkstations adds workstations to a room: one with Code, or Count of
// them numbered Prefix+NN from Start (default 1), zero-padded to at least
// two digits — Prefix "A-", Count 12 gives A-01 … A-12. Status is free
// (default), reserved or out_of_service.
type NewWorkstations struct {
	Code   string
	Prefix string
	Count  int
	Start  int
	Status string
}

// codes returns the codes to create, or field errors.
func (in NewWorkstations) codes() ([]string, []model.FieldError) {
	var fields []model.FieldError
	code, prefix := strings.TrimSpace(in.Code), strings.TrimSpace(in.Prefix)
	switch {
	case code != "" && (prefix != "" || in.Count != 0):
		return nil, []model.FieldError{model.Field("code", "excluded_with", "give either code, or prefix and count")}
	case code != "":
		if len([]rune(code)) > 30 {
			fields = append(fields, model.Field("code", "max", "must be at most 30 characters"))
		}
		return []string{code}, fields
	case in.Count < 1 || in.Count > MaxBulkWorkstations:
		return nil, []model.FieldError{model.Field("count", "range", fmt.Sprintf("give code, or count between 1 and %d", MaxBulkWorkstations))}
	}
	start := in.Start
	if start == 0 {
		start = 1
	}
	if start < 0 {
		return nil, []model.FieldError{model.Field("start", "gte", "must be ≥ 0")}
	}
	width := max(2, len(fmt.Sprint(start+in.Count-1)))
	if len([]rune(prefix))+width > 30 {
		return nil, []model.FieldError{model.Field("prefix", "max", "codes must fit in 30 characters")}
	}
	out := make([]string, in.Count)
	for i := range out {
		out[i] = fmt.Sprintf("%s%0*d", prefix, width, start+i)
	}
	return out, nil
}

// CreateWorkstations adds workstations to a room (see NewWorkstations);
// codes are unique within a base. Callers: admin, a manager of the room's
// base. Errors: not_found (room, or another base's), invalid (code,
// prefix, count, status, a taken code), failed_precondition (status
// occupied: only admission occupies a workstation).
func (s *Spaces) CreateWorkstations(ctx context.Context, actor Actor, roomID uint, in NewWorkstations) ([]WorkstationView, error) {
	codes, fields := in.codes()
	status := in.Status
	if status == "" {
		status = model.WorkstationFree
	}
	checkOneOf("status", status, wsStatuses, &fields)
	var out []WorkstationView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		room, err := managedRoom(tx, actor, roomID)
		if err != nil {
			return err
		}
		if err := fieldErrors("invalid workstations", fields); err != nil {
			return err
		}
		if status == model.WorkstationOccupied {
			return model.Errorf(model.CodeFailedPrecondition, "a workstation becomes occupied only through an admission")
		}
		field := "code"
		if in.Code == "" {
			field = "prefix"
		}
		var taken []string
		if err := tx.Model(&model.Workstation{}).Where("base_id = ? AND code IN ?", room.BaseID, codes).Order("code").Limit(5).Pluck("code", &taken).Error; err != nil {
			return err
		}
		if len(taken) > 0 {
			return model.Invalid("workstation code taken", model.Field(field, "taken", "this base already has "+strings.Join(taken, ", ")))
		}
		rows := make([]model.Workstation, len(codes))
		for i, c := range codes {
			rows[i] = model.Workstation{BaseID: room.BaseID, ZoneID: room.ZoneID, RoomID: room.ID, Code: c, Status: status, Version: 1}
		}
		if err := tx.CreateInBatches(rows, 100).Error; err != nil {
			if model.IsDuplicate(err) {
				return model.Invalid("workstation code taken", model.Field(field, "taken", "a code is already used in this base"))
			}
			return err
		}
		out = make([]WorkstationView, len(rows))
		for i := range rows {
			out[i] = viewWorkstation(&rows[i])
			if err := s.audit.Record(tx, actor, AuditEntry{Action: "workstation.created", Entity: "workstation", EntityID: rows[i].ID, After: out[i]}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, model.TranslateDBError(err, "workstation")
}

// WorkstationUpdate changes a workstation; nil fields stay. Version must
// match.
type WorkstationUpdate struct {
	Code    *string
	Status  *string
	Version int
}

// UpdateWorkstation renames a workstation or moves it between free,
// reserved and out_of_service. Callers: admin, a manager of its base.
// Errors: not_found (or another base's), invalid (code, status, taken
// code), conflict (stale version), failed_precondition (a move into or
// out of occupied: only admission and exit do that).
func (s *Spaces) UpdateWorkstation(ctx context.Context, actor Actor, id uint, in WorkstationUpdate) (WorkstationView, error) {
	var fields []model.FieldError
	if in.Code != nil {
		c := checkName("code", *in.Code, &fields)
		if len([]rune(c)) > 30 {
			fields = append(fields, model.Field("code", "max", "must be at most 30 characters"))
		}
		in.Code = &c
	}
	if in.Status != nil {
		checkOneOf("status", *in.Status, wsStatuses, &fields)
	}
	var view WorkstationView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var before model.Workstation
		if err := tx.Take(&before, id).Error; err != nil {
			return err
		}
		if !actor.ManagesBase(before.BaseID) {
			return model.NotFound("workstation")
		}
		if err := fieldErrors("invalid workstation", fields); err != nil {
			return err
		}
		changes := map[string]any{"version": before.Version + 1, "updated_at": s.clock()}
		if in.Status != nil && *in.Status != before.Status {
			if before.Status == model.WorkstationOccupied {
				return model.Errorf(model.CodeFailedPrecondition, "workstation %s is occupied; it is freed only when its residency ends", before.Code)
			}
			if *in.Status == model.WorkstationOccupied {
				return model.Errorf(model.CodeFailedPrecondition, "a workstation becomes occupied only through an admission")
			}
			changes["status"] = *in.Status
		}
		if in.Code != nil {
			changes["code"] = *in.Code
		}
		if before.Version != in.Version {
			return staleVersion("workstation", before.Version)
		}
		// The status condition keeps an admission that took the desk
		// meanwhile from being overwritten.
		res := tx.Model(&model.Workstation{}).Where("id = ? AND version = ? AND status = ?", id, before.Version, before.Status).Updates(changes)
		if res.Error != nil {
			if model.IsDuplicate(res.Error) {
				return model.Invalid("workstation code taken", model.Field("code", "taken", "this base already has this code"))
			}
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("workstation", before.Version)
		}
		var after model.Workstation
		if err := tx.Take(&after, id).Error; err != nil {
			return err
		}
		view = viewWorkstation(&after)
		return s.audit.Record(tx, actor, AuditEntry{Action: "workstation.updated", Entity: "workstation", EntityID: id, Before: viewWorkstation(&before), After: view})
	})
	return view, model.TranslateDBError(err, "workstation")
}
