package service

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// BaseUpdate changes a base; nil fields stay. Version must match.
type BaseUpdate struct {
	Name          *string
	Kind          *string
	HostCollegeID *uint
	Address       *string
	AreaM2        *int
	Description   *string
	Version       int
}

// UpdateBase changes a base. Callers: admin, or a manager of this base,
// who may not change its kind or host college. The area may not drop
// below the summed area of the base's zones.
// Errors: not_found, forbidden (another base; kind or host college by a
// manager), invalid (kind, area, unknown college, taken name), conflict
// (stale version), failed_precondition (area below the zones' area).
func (s *Spaces) UpdateBase(ctx context.Context, actor Actor, id uint, in BaseUpdate) (BaseView, error) {
	var fields []model.FieldError
	if in.Name != nil {
		v := checkName("name", *in.Name, &fields)
		in.Name = &v
	}
	if in.Kind != nil {
		checkOneOf("kind", *in.Kind, baseKinds, &fields)
	}
	if in.AreaM2 != nil {
		checkNonNegative("area_m2", *in.AreaM2, &fields)
	}
	if err := fieldErrors("invalid base", fields); err != nil {
		return BaseView{}, err
	}
	var view BaseView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		before, err := lockBase(tx, id)
		if err != nil {
			return err
		}
		if err := requireManager(actor, id, "change this base"); err != nil {
			return err
		}
		changes, err := baseChanges(tx, actor, before, in)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleVersion("base", before.Version)
		}
		beforeView, err := getBaseView(tx, id)
		if err != nil {
			return err
		}
		changes["version"], changes["updated_at"] = before.Version+1, s.clock()
		res := tx.Model(&model.Base{}).Where("id = ? AND version = ?", id, before.Version).Updates(changes)
		if res.Error != nil {
			return baseNameTaken(res.Error)
		}
		if res.RowsAffected != 1 {
			return staleVersion("base", before.Version)
		}
		if view, err = getBaseView(tx, id); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "base.updated", Entity: "base", EntityID: id, Before: beforeView, After: view})
	})
	return view, model.TranslateDBError(err, "base")
}

// baseChanges checks an update against the stored base and returns the
// columns to write.
func baseChanges(tx *gorm.DB, actor Actor, before model.Base, in BaseUpdate) (map[string]any, error) {
	kind := before.Kind
	if in.Kind != nil {
		kind = *in.Kind
	}
	college := before.HostCollegeID
	if in.HostCollegeID != nil {
		college = in.HostCollegeID
	}
	collegeChanged := in.HostCollegeID != nil && (before.HostCollegeID == nil || *before.HostCollegeID != *in.HostCollegeID)
	if !actor.IsAdmin() && (kind != before.Kind || collegeChanged) {
		return nil, model.Errorf(model.CodeForbidden, "only an admin changes a base's kind or host college")
	}
	if kind == model.BaseCampus && college == nil {
		return nil, model.Invalid("invalid base", model.Field("host_college_id", "required", "a campus base needs its host college"))
	}
	changes := map[string]any{}
	if in.Name != nil {
		changes["name"] = *in.Name
	}
	if in.Kind != nil {
		changes["kind"] = *in.Kind
	}
	if collegeChanged {
		if err := requireCollege(tx, *in.HostCollegeID, "host_college_id"); err != nil {
			return nil, err
		}
		changes["host_college_id"] = *in.HostCollegeID
	}
	if in.Address != nil {
		changes["address"] = strings.TrimSpace(*in.Address)
	}
	if in.Description != nil {
		changes["description"] = *in.Description
	}
	if in.AreaM2 != nil {
		used, err := zoneAreaSum(tx, before.ID)
		if err != nil {
			return nil, err
		}
		if *in.AreaM2 < used {
			return nil, model.Errorf(model.CodeFailedPrecondition, "the base's zones take %d m²; its area cannot be %d m²", used, *in.AreaM2)
		}
		changes["area_m2"] = *in.AreaM2
	}
	return changes, nil
}
