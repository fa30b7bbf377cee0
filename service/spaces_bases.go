package service

import (
	"context"
	"sort"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// BaseFilter selects bases. Zero fields do not filter.
type BaseFilter struct {
	Q             string // name or address contains
	Kind          string
	HostCollegeID *uint
	Page          model.Page
}

var baseSorts = map[string]string{"id": "id", "name": "name", "area_m2": "area_m2", "created_at": "created_at"}

// ListBases returns bases. Callers: every signed-in user (students choose
// a base to apply to). Errors: invalid (sort, kind).
func (s *Spaces) ListBases(ctx context.Context, actor Actor, f BaseFilter) ([]BaseView, int64, error) {
	q := s.db.WithContext(ctx).Model(&model.Base{})
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("name LIKE ? ESCAPE '!' OR address LIKE ? ESCAPE '!'", like, like)
	}
	if f.Kind != "" {
		var fields []model.FieldError
		if checkOneOf("kind", f.Kind, baseKinds, &fields); len(fields) > 0 {
			return nil, 0, model.Invalid("invalid filter", fields...)
		}
		q = q.Where("kind = ?", f.Kind)
	}
	if f.HostCollegeID != nil {
		q = q.Where("host_college_id = ?", *f.HostCollegeID)
	}
	order, err := model.OrderBy(f.Page.Sort, baseSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Base
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	views, err := viewBases(s.db.WithContext(ctx), rows)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return views, total, nil
}

// GetBase returns one base. Callers: every signed-in user.
// Errors: not_found.
func (s *Spaces) GetBase(ctx context.Context, actor Actor, id uint) (BaseView, error) {
	return getBaseView(s.db.WithContext(ctx), id)
}

func getBaseView(tx *gorm.DB, id uint) (BaseView, error) {
	b, err := findBase(tx, id)
	if err != nil {
		return BaseView{}, err
	}
	views, err := viewBases(tx, []model.Base{b})
	if err != nil {
		return BaseView{}, model.Internal(err)
	}
	return views[0], nil
}

// viewBases builds the views of bases with their host colleges, managers
// and counts, in a fixed number of queries.
func viewBases(tx *gorm.DB, bases []model.Base) ([]BaseView, error) {
	out := make([]BaseView, len(bases))
	if len(bases) == 0 {
		return out, nil
	}
	ids := make([]uint, len(bases))
	var collegeIDs []uint
	domains := make([]string, len(bases))
	for i, b := range bases {
		ids[i], domains[i] = b.ID, BaseDomain(b.ID)
		if b.HostCollegeID != nil {
			collegeIDs = append(collegeIDs, *b.HostCollegeID)
		}
	}
	colleges := map[uint]string{}
	if len(collegeIDs) > 0 {
		var cs []model.College
		if err := tx.Select("id", "name").Where("id IN ?", collegeIDs).Find(&cs).Error; err != nil {
			return nil, err
		}
		for _, c := range cs {
			colleges[c.ID] = c.Name
		}
	}
	zones, err := countBy(tx, &model.Zone{}, "base_id", ids)
	if err != nil {
		return nil, err
	}
	desks, err := countBy(tx, &model.Workstation{}, "base_id", ids)
	if err != nil {
		return nil, err
	}
	managers, err := baseManagers(tx, domains)
	if err != nil {
		return nil, err
	}
	for i, b := range bases {
		ms := managers[BaseDomain(b.ID)]
		if ms == nil {
			ms = []ManagerView{}
		}
		out[i] = BaseView{
			ID: b.ID, Name: b.Name, Kind: b.Kind, HostCollegeID: b.HostCollegeID, Address: b.Address, AreaM2: b.AreaM2,
			Description: b.Description, Managers: ms, ZoneCount: zones[b.ID], WorkstationCount: desks[b.ID],
			Version: b.Version, CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt,
		}
		if b.HostCollegeID != nil {
			out[i].HostCollegeName = colleges[*b.HostCollegeID]
		}
	}
	return out, nil
}

// baseManagers returns the users holding base_manager in each domain
// (from the Casbin grouping rules), sorted by username.
func baseManagers(tx *gorm.DB, domains []string) (map[string][]ManagerView, error) {
	var rules []model.CasbinRule
	if err := tx.Where("ptype = 'g' AND v1 = ? AND v2 IN ?", model.RoleBaseManager, domains).Find(&rules).Error; err != nil {
		return nil, err
	}
	var userIDs []uint
	for _, r := range rules {
		if id, ok := parseSubject(r.V0); ok {
			userIDs = append(userIDs, id)
		}
	}
	out := map[string][]ManagerView{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var users []model.User
	if err := tx.Select("id", "username", "name").Where("id IN ?", userIDs).Find(&users).Error; err != nil {
		return nil, err
	}
	byID := map[uint]model.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	for _, r := range rules {
		id, _ := parseSubject(r.V0)
		if u, ok := byID[id]; ok {
			out[r.V2] = append(out[r.V2], ManagerView{ID: u.ID, Username: u.Username, Name: u.Name})
		}
	}
	for _, ms := range out {
		sort.Slice(ms, func(i, j int) bool { return ms[i].Username < ms[j].Username })
	}
	return out, nil
}

// NewBase is a base to add.
type NewBase struct {
	Name          string
	Kind          string
	HostCollegeID *uint
	Address       string
	AreaM2        int
	Description   string
}

// CreateBase adds a base. A campus base needs a host college.
// Callers: admin. Errors: forbidden, invalid (kind, area, unknown college,
// a taken name as a field error).
func (s *Spaces) CreateBase(ctx context.Context, actor Actor, in NewBase) (BaseView, error) {
	if !actor.IsAdmin() && !actor.system {
		return BaseView{}, model.Errorf(model.CodeForbidden, "only an admin adds bases")
	}
	var fields []model.FieldError
	b := model.Base{Name: checkName("name", in.Name, &fields), Kind: in.Kind, HostCollegeID: in.HostCollegeID,
		Address: strings.TrimSpace(in.Address), AreaM2: in.AreaM2, Description: in.Description, Version: 1}
	checkOneOf("kind", in.Kind, baseKinds, &fields)
	checkNonNegative("area_m2", in.AreaM2, &fields)
	if in.Kind == model.BaseCampus && in.HostCollegeID == nil {
		fields = append(fields, model.Field("host_college_id", "required", "a campus base needs its host college"))
	}
	if err := fieldErrors("invalid base", fields); err != nil {
		return BaseView{}, err
	}
	var view BaseView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if in.HostCollegeID != nil {
			if err := requireCollege(tx, *in.HostCollegeID, "host_college_id"); err != nil {
				return err
			}
		}
		if err := tx.Create(&b).Error; err != nil {
			return baseNameTaken(err)
		}
		var err error
		if view, err = getBaseView(tx, b.ID); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "base.created", Entity: "base", EntityID: b.ID, After: view})
	})
	return view, model.TranslateDBError(err, "base")
}

func baseNameTaken(err error) error {
	if model.IsDuplicate(err) {
		return model.Invalid("base exists", model.Field("name", "taken", "a base with this name exists"))
	}
	return err
}
