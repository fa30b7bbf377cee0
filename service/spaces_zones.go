package service

import (
	"context"

	"gorm.io/gorm"

	"incubator/model"
)

// ZoneFilter selects the zones of a base. Zero fields do not filter.
type ZoneFilter struct {
	Kind      string
	SpaceType string
	Page      model.Page
}

var zoneSorts = map[string]string{"id": "id", "name": "name", "area_m2": "area_m2", "kind": "kind"}

// ListZones returns the zones of a base. Callers: every signed-in user
// (applicants pick a zone). Errors: not_found (base), invalid (filters,
// sort).
func (s *Spaces) ListZones(ctx context.Context, actor Actor, baseID uint, f ZoneFilter) ([]ZoneView, int64, error) {
	db := s.db.WithContext(ctx)
	if _, err := findBase(db, baseID); err != nil {
		return nil, 0, err
	}
	var fields []model.FieldError
	q := db.Model(&model.Zone{}).Where("base_id = ?", baseID)
	if f.Kind != "" {
		checkOneOf("kind", f.Kind, zoneKinds, &fields)
		q = q.Where("kind = ?", f.Kind)
	}
	if f.SpaceType != "" {
		checkOneOf("space_type", f.SpaceType, spaceTypes, &fields)
		q = q.Where("space_type = ?", f.SpaceType)
	}
	if err := fieldErrors("invalid filter", fields); err != nil {
		return nil, 0, err
	}
	order, err := model.OrderBy(f.Page.Sort, zoneSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Zone
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	views, err := viewZones(db, rows)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return views, total, nil
}

func viewZones(tx *gorm.DB, zones []model.Zone) ([]ZoneView, error) {
	ids := make([]uint, len(zones))
	for i, z := range zones {
		ids[i] = z.ID
	}
	rooms, err := countBy(tx, &model.Room{}, "zone_id", ids)
	if err != nil {
		return nil, err
	}
	desks, err := countBy(tx, &model.Workstation{}, "zone_id", ids)
	if err != nil {
		return nil, err
	}
	out := make([]ZoneView, len(zones))
	for i, z := range zones {
		out[i] = ZoneView{ID: z.ID, BaseID: z.BaseID, Name: z.Name, Kind: z.Kind, SpaceType: z.SpaceType, AreaM2: z.AreaM2,
			RoomCount: rooms[z.ID], WorkstationCount: desks[z.ID], Version: z.Version, CreatedAt: z.CreatedAt, UpdatedAt: z.UpdatedAt}
	}
	return out, nil
}

// NewZone is a functional zone to add to a base.
type NewZone struct {
	Name      string
	Kind      string
	SpaceType string
	AreaM2    int
}

// CreateZone adds a zone to a base. The zones' areas together may not
// exceed the base's area. Callers: admin, a manager of this base.
// Errors: not_found (base), forbidden (another base), invalid (kind, space
// type, area, a name taken in this base), failed_precondition (area
// overflow).
func (s *Spaces) CreateZone(ctx context.Context, actor Actor, baseID uint, in NewZone) (ZoneView, error) {
	var fields []model.FieldError
	z := model.Zone{BaseID: baseID, Name: checkName("name", in.Name, &fields), Kind: in.Kind, SpaceType: in.SpaceType, AreaM2: in.AreaM2, Version: 1}
	checkOneOf("kind", in.Kind, zoneKinds, &fields)
	checkOneOf("space_type", in.SpaceType, spaceTypes, &fields)
	checkNonNegative("area_m2", in.AreaM2, &fields)
	var view ZoneView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		base, err := lockBase(tx, baseID)
		if err != nil {
			return err
		}
		if err := requireManager(actor, baseID, "add zones to this base"); err != nil {
			return err
		}
		if err := fieldErrors("invalid zone", fields); err != nil {
			return err
		}
		used, err := zoneAreaSum(tx, baseID)
		if err != nil {
			return err
		}
		if used+in.AreaM2 > base.AreaM2 {
			return model.Errorf(model.CodeFailedPrecondition, "the zones would take %d m², more than the base's %d m²", used+in.AreaM2, base.AreaM2)
		}
		if err := tx.Create(&z).Error; err != nil {
			if model.IsDuplicate(err) {
				return model.Invalid("zone exists", model.Field("name", "taken", "this base has a zone with this name"))
			}
			return err
		}
		view = ZoneView{ID: z.ID, BaseID: z.BaseID, Name: z.Name, Kind: z.Kind, SpaceType: z.SpaceType, AreaM2: z.AreaM2,
			Version: z.Version, CreatedAt: z.CreatedAt, UpdatedAt: z.UpdatedAt}
		return s.audit.Record(tx, actor, AuditEntry{Action: "zone.created", Entity: "zone", EntityID: z.ID, After: view})
	})
	return view, model.TranslateDBError(err, "zone")
}

// RoomFilter selects the rooms of a zone. Zero fields do not filter.
type RoomFilter struct {
	Bookable *bool
	Page     model.Page
}

var roomSorts = map[string]string{"id": "id", "name": "name", "area_m2": "area_m2", "capacity": "capacity"}

// ListRooms returns the rooms of a zone. Callers: admin, a manager of the
// zone's base. Errors: not_found (zone, or another base's), invalid (sort).
func (s *Spaces) ListRooms(ctx context.Context, actor Actor, zoneID uint, f RoomFilter) ([]RoomView, int64, error) {
	db := s.db.WithContext(ctx)
	z, err := findZone(db, zoneID)
	if err != nil {
		return nil, 0, err
	}
	if !actor.ManagesBase(z.BaseID) {
		return nil, 0, model.NotFound("zone")
	}
	q := db.Model(&model.Room{}).Where("zone_id = ?", zoneID)
	if f.Bookable != nil {
		q = q.Where("bookable = ?", *f.Bookable)
	}
	order, err := model.OrderBy(f.Page.Sort, roomSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Room
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	desks, err := countBy(db, &model.Workstation{}, "room_id", ids)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	out := make([]RoomView, len(rows))
	for i := range rows {
		out[i] = viewRoom(&rows[i], desks[rows[i].ID])
	}
	return out, total, nil
}

func viewRoom(r *model.Room, desks int64) RoomView {
	return RoomView{ID: r.ID, BaseID: r.BaseID, ZoneID: r.ZoneID, Name: r.Name, AreaM2: r.AreaM2, Capacity: r.Capacity,
		Bookable: r.Bookable, WorkstationCount: desks, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// NewRoom is a room to add to a zone.
type NewRoom struct {
	Name     string
	AreaM2   int
	Capacity int
	Bookable bool
}

// CreateRoom adds a room to a zone. Callers: admin, a manager of the
// zone's base. Errors: not_found (zone), forbidden (another base's zone),
// invalid (area, capacity, a name taken in this zone).
func (s *Spaces) CreateRoom(ctx context.Context, actor Actor, zoneID uint, in NewRoom) (RoomView, error) {
	var fields []model.FieldError
	r := model.Room{ZoneID: zoneID, Name: checkName("name", in.Name, &fields), AreaM2: in.AreaM2, Capacity: in.Capacity, Bookable: in.Bookable, Version: 1}
	checkNonNegative("area_m2", in.AreaM2, &fields)
	checkNonNegative("capacity", in.Capacity, &fields)
	var view RoomView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		z, err := findZone(tx, zoneID)
		if err != nil {
			return err
		}
		if err := requireManager(actor, z.BaseID, "add rooms to this base"); err != nil {
			return err
		}
		if err := fieldErrors("invalid room", fields); err != nil {
			return err
		}
		r.BaseID = z.BaseID
		if err := tx.Create(&r).Error; err != nil {
			if model.IsDuplicate(err) {
				return model.Invalid("room exists", model.Field("name", "taken", "this zone has a room with this name"))
			}
			return err
		}
		view = viewRoom(&r, 0)
		return s.audit.Record(tx, actor, AuditEntry{Action: "room.created", Entity: "room", EntityID: r.ID, After: view})
	})
	return view, model.TranslateDBError(err, "room")
}
