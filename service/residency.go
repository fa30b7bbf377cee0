package service

import (
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// ResidencyOptions are the incubation terms.
type ResidencyOptions struct {
	// MaxTermMonths is the longest stay of a resident: an agreement may not
	// run longer, and residencies nearing it are flagged (default 48).
	MaxTermMonths int
	// WarnDays is how early agreements and maximum terms ending are
	// flagged (default 30).
	WarnDays int
	// ReportDueDays is how many days after a reporting period ends its
	// progress report is due (default 10).
	ReportDueDays int
}

// Residency runs residency applications, admissions, residencies and
// progress reports.
type Residency struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
	opt   ResidencyOptions
}

// NewResidency returns the residency service.
func NewResidency(db *gorm.DB, audit *Auditor, clock Clock, opt ResidencyOptions) *Residency {
	if opt.MaxTermMonths == 0 {
		opt.MaxTermMonths = 48
	}
	if opt.WarnDays == 0 {
		opt.WarnDays = 30
	}
	if opt.ReportDueDays == 0 {
		opt.ReportDueDays = 10
	}
	return &Residency{db: db, audit: audit, clock: clock, opt: opt}
}

// today is the service clock's calendar day (UTC).
func (s *Residency) today() model.Date { return model.DateOf(s.clock()) }

// scopeResidencyRows restricts a query on residency_applications or
// residencies (tables with project_id and base_id) to the rows the actor
// may see: all for an admin; their bases' rows for a base manager (without
// drafts when hideDrafts); their teams' rows for a team member; their
// college's projects' rows for a college viewer; nothing otherwise.
func scopeResidencyRows(q *gorm.DB, actor Actor, hideDrafts bool) *gorm.DB {
	if actor.IsAdmin() {
		return q
	}
	var conds []string
	var args []any
	if bases := actor.ManagedBases(); len(bases) > 0 {
		if hideDrafts {
			conds = append(conds, "(base_id IN ? AND status <> ?)")
			args = append(args, bases, model.AppDraft)
		} else {
			conds = append(conds, "base_id IN ?")
			args = append(args, bases)
		}
	}
	if actor.UserID != 0 {
		conds = append(conds, "project_id IN (SELECT project_id FROM project_members WHERE user_id = ?)")
		args = append(args, actor.UserID)
	}
	if actor.Has(model.RoleCollegeViewer) && actor.CollegeID != nil {
		conds = append(conds, "project_id IN (SELECT id FROM projects WHERE college_id = ?)")
		args = append(args, *actor.CollegeID)
	}
	if len(conds) == 0 {
		return q.Where("1 = 0")
	}
	return q.Where("("+strings.Join(conds, " OR ")+")", args...)
}

// takeResidencyRow loads row id of dst's table (an application or a
// residency) if the actor may see it, else gorm.ErrRecordNotFound. With
// lock, the row is first locked by primary key (a locking read that
// neither locks other rows nor fixes the transaction's MySQL snapshot
// early), then its visibility is checked.
func takeResidencyRow(tx *gorm.DB, actor Actor, dst any, id uint, hideDrafts, lock bool) error {
	if !lock {
		return scopeResidencyRows(tx.Model(dst), actor, hideDrafts).Where("id = ?", id).Take(dst).Error
	}
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(dst).Error; err != nil {
		return err
	}
	var n int64
	if err := scopeResidencyRows(tx.Model(dst), actor, hideDrafts).Where("id = ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return gorm.ErrRecordNotFound
	}
	return nil
}

// residencyTeams returns which of the projects the user is a member of.
func residencyTeams(tx *gorm.DB, userID uint, projectIDs []uint) (map[uint]bool, error) {
	out := map[uint]bool{}
	if userID == 0 || len(projectIDs) == 0 {
		return out, nil
	}
	var ids []uint
	if err := tx.Model(&model.ProjectMember{}).Where("user_id = ? AND project_id IN ?", userID, projectIDs).
		Pluck("project_id", &ids).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// inResidencyTeam reports whether the user is a member of the project.
func inResidencyTeam(tx *gorm.DB, userID, projectID uint) (bool, error) {
	m, err := residencyTeams(tx, userID, []uint{projectID})
	return m[projectID], err
}

// residencyNames loads the names of projects and bases for views.
type residencyNames struct {
	projects map[uint]model.Project
	bases    map[uint]model.Base
}

func loadResidencyNames(tx *gorm.DB, projectIDs, baseIDs []uint) (residencyNames, error) {
	n := residencyNames{projects: map[uint]model.Project{}, bases: map[uint]model.Base{}}
	if len(projectIDs) > 0 {
		var ps []model.Project
		if err := tx.Where("id IN ?", projectIDs).Find(&ps).Error; err != nil {
			return n, err
		}
		for _, p := range ps {
			n.projects[p.ID] = p
		}
	}
	if len(baseIDs) > 0 {
		var bs []model.Base
		if err := tx.Where("id IN ?", baseIDs).Find(&bs).Error; err != nil {
			return n, err
		}
		for _, b := range bs {
			n.bases[b.ID] = b
		}
	}
	return n, nil
}

// residencyIDsOf collects the distinct ids key returns for rows.
func residencyIDsOf[T any](rows []T, key func(*T) uint) []uint {
	seen := map[uint]bool{}
	var out []uint
	for i := range rows {
		if id := key(&rows[i]); id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// residencyMoveError is the failed_precondition error of a transition the current
// state does not allow.
func residencyMoveError(entity, action, current string) error {
	return model.Errorf(model.CodeFailedPrecondition, "cannot %s: the %s is %s", action, entity, current)
}
