package service

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// Colleges manages the colleges of the platform.
type Colleges struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewColleges returns the college service.
func NewColleges(db *gorm.DB, audit *Auditor, clock Clock) *Colleges {
	return &Colleges{db: db, audit: audit, clock: clock}
}

// CollegeFilter selects colleges.
type CollegeFilter struct {
	Q    string
	Page model.Page
}

var collegeSorts = map[string]string{"id": "id", "name": "name", "code": "code", "created_at": "created_at"}

// List returns colleges (public reference data for every signed-in user).
// Errors: invalid (sort).
func (s *Colleges) List(ctx context.Context, f CollegeFilter) ([]model.College, int64, error) {
	q := s.db.WithContext(ctx).Model(&model.College{})
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("name LIKE ? ESCAPE '!' OR short_name LIKE ? ESCAPE '!' OR code LIKE ? ESCAPE '!'", like, like, like)
	}
	order, err := model.OrderBy(f.Page.Sort, collegeSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	rows := []model.College{}
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	return rows, total, nil
}

// Get returns one college. Errors: not_found.
func (s *Colleges) Get(ctx context.Context, id uint) (model.College, error) {
	var c model.College
	err := s.db.WithContext(ctx).Take(&c, id).Error
	return c, model.TranslateDBError(err, "college")
}

// NewCollege is a college to add.
type NewCollege struct {
	Name      string
	ShortName string
	Code      string
	City      string
}

// Create adds a college. Callers: admin (route permission).
// Errors: invalid (also a taken name, as a field error).
func (s *Colleges) Create(ctx context.Context, actor Actor, in NewCollege) (model.College, error) {
	c := model.College{Name: strings.TrimSpace(in.Name), ShortName: in.ShortName, Code: in.Code, City: in.City, Version: 1}
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&c).Error; err != nil {
			if model.IsDuplicate(err) {
				return model.Invalid("college exists", model.Field("name", "taken", "a college with this name exists"))
			}
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "college.created", Entity: "college", EntityID: c.ID, After: c})
	})
	return c, model.TranslateDBError(err, "college")
}

// CollegeUpdate changes a college; nil fields stay. Version must match.
type CollegeUpdate struct {
	Name      *string
	ShortName *string
	Code      *string
	City      *string
	Version   int
}

// Update changes a college. Callers: admin (route permission).
// Errors: not_found, invalid (taken name), conflict (stale version).
func (s *Colleges) Update(ctx context.Context, actor Actor, id uint, in CollegeUpdate) (model.College, error) {
	var after model.College
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var before model.College
		if err := tx.Take(&before, id).Error; err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleVersion("college", before.Version)
		}
		changes := map[string]any{"version": before.Version + 1, "updated_at": s.clock()}
		if in.Name != nil {
			changes["name"] = strings.TrimSpace(*in.Name)
		}
		if in.ShortName != nil {
			changes["short_name"] = *in.ShortName
		}
		if in.Code != nil {
			changes["code"] = *in.Code
		}
		if in.City != nil {
			changes["city"] = *in.City
		}
		res := tx.Model(&model.College{}).Where("id = ? AND version = ?", id, before.Version).Updates(changes)
		if res.Error != nil {
			if model.IsDuplicate(res.Error) {
				return model.Invalid("college exists", model.Field("name", "taken", "a college with this name exists"))
			}
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("college", before.Version)
		}
		if err := tx.Take(&after, id).Error; err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "college.updated", Entity: "college", EntityID: id, Before: before, After: after})
	})
	return after, model.TranslateDBError(err, "college")
}
