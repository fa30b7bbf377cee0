package service

import (
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// Spaces manages bases, zones, rooms and workstations. Base managers act
// only inside their own base; other bases' objects are not found.
//
// Visibility: bases and zones are visible to every signed-in user; rooms
// and workstations only to admins and the managers of their base (others
// get not_found). A visible object whose change the actor may not make
// answers forbidden.
type Spaces struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewSpaces returns the spaces service.
func NewSpaces(db *gorm.DB, audit *Auditor, clock Clock) *Spaces {
	return &Spaces{db: db, audit: audit, clock: clock}
}

var (
	baseKinds  = []string{model.BaseHeadquarters, model.BaseCampus}
	zoneKinds  = []string{model.ZoneMakerIncubation, model.ZoneTraining, model.ZoneRoadshow, model.ZoneTalent, model.ZoneSchoolEnterprise, model.ZoneCustom}
	spaceTypes = []string{model.SpaceIncubatee, model.SpacePublicService, model.SpaceOffice}
	wsStatuses = []string{model.WorkstationFree, model.WorkstationOccupied, model.WorkstationReserved, model.WorkstationOutOfService}
)

// ManagerView is a user managing a base.
type ManagerView struct {
	ID       uint   `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
}

// BaseView is a base as clients see it, with its managers and counts.
type BaseView struct {
	ID               uint          `json:"id"`
	Name             string        `json:"name"`
	Kind             string        `json:"kind"`
	HostCollegeID    *uint         `json:"host_college_id"`
	HostCollegeName  string        `json:"host_college_name"`
	Address          string        `json:"address"`
	AreaM2           int           `json:"area_m2"`
	Description      string        `json:"description"`
	Managers         []ManagerView `json:"managers"`
	ZoneCount        int64         `json:"zone_count"`
	WorkstationCount int64         `json:"workstation_count"`
	Version          int           `json:"version"`
	CreatedAt        time.Time     `json:"created_at"`
	UpdatedAt        time.Time     `json:"updated_at"`
}

// ZoneView is a functional zone of a base.
type ZoneView struct {
	ID               uint      `json:"id"`
	BaseID           uint      `json:"base_id"`
	Name             string    `json:"name"`
	Kind             string    `json:"kind"`
	SpaceType        string    `json:"space_type"`
	AreaM2           int       `json:"area_m2"`
	RoomCount        int64     `json:"room_count"`
	WorkstationCount int64     `json:"workstation_count"`
	Version          int       `json:"version"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// RoomView is a room of a zone.
type RoomView struct {
	ID               uint      `json:"id"`
	BaseID           uint      `json:"base_id"`
	ZoneID           uint      `json:"zone_id"`
	Name             string    `json:"name"`
	AreaM2           int       `json:"area_m2"`
	Capacity         int       `json:"capacity"`
	Bookable         bool      `json:"bookable"`
	WorkstationCount int64     `json:"workstation_count"`
	Version          int       `json:"version"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// WorkstationView is a desk (工位) of a room.
type WorkstationView struct {
	ID          uint      `json:"id"`
	BaseID      uint      `json:"base_id"`
	ZoneID      uint      `json:"zone_id"`
	RoomID      uint      `json:"room_id"`
	Code        string    `json:"code"`
	Status      string    `json:"status"`
	ResidencyID *uint     `json:"residency_id"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func viewWorkstation(w *model.Workstation) WorkstationView {
	return WorkstationView{ID: w.ID, BaseID: w.BaseID, ZoneID: w.ZoneID, RoomID: w.RoomID, Code: w.Code, Status: w.Status,
		ResidencyID: w.ResidencyID, Version: w.Version, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt}
}

// findBase loads a base; every signed-in user may see bases.
func findBase(tx *gorm.DB, id uint) (model.Base, error) {
	var b model.Base
	err := tx.Take(&b, id).Error
	return b, model.TranslateDBError(err, "base")
}

// lockBase loads a base for update, so checks of its zone areas and
// their writes are not interleaved with another writer's.
func lockBase(tx *gorm.DB, id uint) (model.Base, error) {
	var b model.Base
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&b, id).Error
	return b, model.TranslateDBError(err, "base")
}

// findZone loads a zone; every signed-in user may see zones.
func findZone(tx *gorm.DB, id uint) (model.Zone, error) {
	var z model.Zone
	err := tx.Take(&z, id).Error
	return z, model.TranslateDBError(err, "zone")
}

// managedRoom loads a room the actor manages; others' rooms are not found.
func managedRoom(tx *gorm.DB, actor Actor, id uint) (model.Room, error) {
	var r model.Room
	if err := tx.Take(&r, id).Error; err != nil {
		return r, model.TranslateDBError(err, "room")
	}
	if !actor.ManagesBase(r.BaseID) {
		return r, model.NotFound("room")
	}
	return r, nil
}

// requireManager answers forbidden unless the actor manages the (visible)
// base.
func requireManager(actor Actor, baseID uint, what string) error {
	if !actor.ManagesBase(baseID) {
		return model.Errorf(model.CodeForbidden, "only an admin or this base's manager may %s", what)
	}
	return nil
}

// checkName trims a required name and reports a field error when empty.
func checkName(field, name string, fields *[]model.FieldError) string {
	name = strings.TrimSpace(name)
	if name == "" {
		*fields = append(*fields, model.Field(field, "required", "is required"))
	}
	return name
}

// checkOneOf reports a field error unless v is one of allowed.
func checkOneOf(field, v string, allowed []string, fields *[]model.FieldError) {
	if !slices.Contains(allowed, v) {
		*fields = append(*fields, model.Field(field, "oneof", "must be one of: "+strings.Join(allowed, " ")))
	}
}

// checkNonNegative reports a field error when v < 0.
func checkNonNegative(field string, v int, fields *[]model.FieldError) {
	if v < 0 {
		*fields = append(*fields, model.Field(field, "gte", "must be ≥ 0"))
	}
}

// fieldErrors returns an invalid error when fields is not empty.
func fieldErrors(message string, fields []model.FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return model.Invalid(message, fields...)
}

// zoneAreaSum is the summed area of a base's zones.
func zoneAreaSum(tx *gorm.DB, baseID uint) (int, error) {
	var sum int
	err := tx.Model(&model.Zone{}).Where("base_id = ?", baseID).Select("COALESCE(SUM(area_m2), 0)").Scan(&sum).Error
	return sum, err
}

// countBy counts entity rows per value of the column key, for the given
// values (key is a constant column name, never client input).
func countBy(tx *gorm.DB, entity any, key string, ids []uint) (map[uint]int64, error) {
	out := map[uint]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		K uint
		N int64
	}
	err := tx.Model(entity).Select(key+" AS k, COUNT(*) AS n").Where(key+" IN ?", ids).Group(key).Scan(&rows).Error
	for _, r := range rows {
		out[r.K] = r.N
	}
	return out, err
}
