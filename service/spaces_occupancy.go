package service

import (
	"context"
	"math"

	"incubator/model"
)

// MaxGridWorkstations caps the workstations BaseWorkstations returns.
const MaxGridWorkstations = 5000

// GridWorkstation is one desk of a base's workstation grid, with the
// project of the residency holding it ("" when none).
type GridWorkstation struct {
	ID          uint   `json:"id"`
	Code        string `json:"code"`
	Status      string `json:"status"`
	ZoneID      uint   `json:"zone_id"`
	RoomID      uint   `json:"room_id"`
	ResidencyID *uint  `json:"residency_id"`
	ProjectName string `json:"project_name"`
	Version     int    `json:"version"`
}

// BaseWorkstations returns every workstation of a base (no paging, at most
// MaxGridWorkstations) ordered by zone, room and code, for the UI's grid.
// Filters: ZoneID, Status (Page is ignored). Callers: admin, a manager of
// the base. Errors: not_found (base, or another base's), invalid (status).
func (s *Spaces) BaseWorkstations(ctx context.Context, actor Actor, baseID uint, f WorkstationFilter) ([]GridWorkstation, error) {
	db := s.db.WithContext(ctx)
	if _, err := findBase(db, baseID); err != nil {
		return nil, err
	}
	if !actor.ManagesBase(baseID) {
		return nil, model.NotFound("base")
	}
	q := db.Table("workstations AS w").
		Select("w.id, w.code, w.status, w.zone_id, w.room_id, w.residency_id, w.version, COALESCE(p.name, '') AS project_name").
		Joins("LEFT JOIN residencies r ON r.id = w.residency_id").
		Joins("LEFT JOIN projects p ON p.id = r.project_id").
		Where("w.base_id = ?", baseID)
	if f.ZoneID != nil {
		q = q.Where("w.zone_id = ?", *f.ZoneID)
	}
	if f.Status != "" {
		var fields []model.FieldError
		if checkOneOf("status", f.Status, wsStatuses, &fields); len(fields) > 0 {
			return nil, model.Invalid("invalid filter", fields...)
		}
		q = q.Where("w.status = ?", f.Status)
	}
	out := []GridWorkstation{}
	if err := q.Order("w.zone_id, w.room_id, w.code, w.id").Limit(MaxGridWorkstations).Scan(&out).Error; err != nil {
		return nil, model.Internal(err)
	}
	return out, nil
}

// WorkstationCounts counts a base's workstations by status.
type WorkstationCounts struct {
	Free         int64 `json:"free"`
	Occupied     int64 `json:"occupied"`
	Reserved     int64 `json:"reserved"`
	OutOfService int64 `json:"out_of_service"`
	Total        int64 `json:"total"`
}

// AreaBySpaceType sums a base's zone areas (m²) by space type.
type AreaBySpaceType struct {
	Incubatee     int `json:"incubatee"`
	PublicService int `json:"public_service"`
	Office        int `json:"office"`
}

// OccupancyView is how full a base is. The ratios are for display:
// IncubateesPer1000M2 is active residencies per 1,000 m² of the base's
// area (2 decimals), Utilisation is occupied / (total − out of service)
// (0..1, 4 decimals); both are 0 when their denominator is.
type OccupancyView struct {
	BaseID              uint              `json:"base_id"`
	Workstations        WorkstationCounts `json:"workstations"`
	AreaBySpaceType     AreaBySpaceType   `json:"area_by_space_type"`
	AreaM2              int               `json:"area_m2"`
	Incubatees          int64             `json:"incubatees"`
	IncubateesPer1000M2 float64           `json:"incubatees_per_1000m2"`
	Utilisation         float64           `json:"utilisation"`
}

// Occupancy returns a base's workstations by status, zone area by space
// type, active incubatees per 1,000 m² and utilisation. Callers: admin, a
// manager of the base, a policy officer. Errors: not_found (base),
// forbidden (a manager of another base).
func (s *Spaces) Occupancy(ctx context.Context, actor Actor, baseID uint) (OccupancyView, error) {
	db := s.db.WithContext(ctx)
	base, err := findBase(db, baseID)
	if err != nil {
		return OccupancyView{}, err
	}
	if !actor.ManagesBase(baseID) && !actor.Has(model.RolePolicyOfficer) {
		return OccupancyView{}, model.Errorf(model.CodeForbidden, "only an admin, this base's manager or a policy officer sees its occupancy")
	}
	v := OccupancyView{BaseID: baseID, AreaM2: base.AreaM2}
	var byStatus []struct {
		Status string
		N      int64
	}
	if err := db.Model(&model.Workstation{}).Select("status, COUNT(*) AS n").Where("base_id = ?", baseID).Group("status").Scan(&byStatus).Error; err != nil {
		return v, model.Internal(err)
	}
	for _, r := range byStatus {
		switch r.Status {
		case model.WorkstationFree:
			v.Workstations.Free = r.N
		case model.WorkstationOccupied:
			v.Workstations.Occupied = r.N
		case model.WorkstationReserved:
			v.Workstations.Reserved = r.N
		case model.WorkstationOutOfService:
			v.Workstations.OutOfService = r.N
		}
		v.Workstations.Total += r.N
	}
	var byType []struct {
		SpaceType string
		Area      int
	}
	if err := db.Model(&model.Zone{}).Select("space_type, SUM(area_m2) AS area").Where("base_id = ?", baseID).Group("space_type").Scan(&byType).Error; err != nil {
		return v, model.Internal(err)
	}
	for _, r := range byType {
		switch r.SpaceType {
		case model.SpaceIncubatee:
			v.AreaBySpaceType.Incubatee = r.Area
		case model.SpacePublicService:
			v.AreaBySpaceType.PublicService = r.Area
		case model.SpaceOffice:
			v.AreaBySpaceType.Office = r.Area
		}
	}
	if err := db.Model(&model.Residency{}).Where("base_id = ? AND status = ?", baseID, model.ResidencyActive).Count(&v.Incubatees).Error; err != nil {
		return v, model.Internal(err)
	}
	if base.AreaM2 > 0 {
		v.IncubateesPer1000M2 = roundTo(float64(v.Incubatees)*1000/float64(base.AreaM2), 2)
	}
	if usable := v.Workstations.Total - v.Workstations.OutOfService; usable > 0 {
		v.Utilisation = roundTo(float64(v.Workstations.Occupied)/float64(usable), 4)
	}
	return v, nil
}

func roundTo(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
