package service

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// Projects manages student teams: members, advisors, company, IP and
// funding. Students see and edit only their own teams.
type Projects struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewProjects returns the projects service.
func NewProjects(db *gorm.DB, audit *Auditor, clock Clock) *Projects {
	return &Projects{db: db, audit: audit, clock: clock}
}

// ProjectIP counts a project's IP records: Applied is every record filed
// (granted ones included), Granted those granted.
type ProjectIP struct {
	Applied int64 `json:"applied"`
	Granted int64 `json:"granted"`
}

// ProjectSummary is a project as lists show it: the team's data with its
// leader, member count, funding total and IP counts, without the members
// and advisors arrays.
type ProjectSummary struct {
	ID                 uint        `json:"id"`
	Name               string      `json:"name"`
	Field              string      `json:"field"`
	CollegeID          uint        `json:"college_id"`
	CollegeName        string      `json:"college_name"`
	Stage              string      `json:"stage"`
	Description        string      `json:"description"`
	CompanyName        string      `json:"company_name"`
	CreditCode         *string     `json:"credit_code"`
	RegisteredOn       *model.Date `json:"registered_on"`
	CompanyRegion      string      `json:"company_region"`
	HighTechEnterprise bool        `json:"high_tech_enterprise"`
	AcquiredOrListed   bool        `json:"acquired_or_listed"`
	LeaderID           *uint       `json:"leader_id"`
	LeaderName         string      `json:"leader_name"`
	MemberCount        int         `json:"member_count"`
	FundingTotalFen    int64       `json:"funding_total_fen"`
	IP                 ProjectIP   `json:"ip"`
	CreatedBy          uint        `json:"created_by"`
	Version            int         `json:"version"`
	CreatedAt          time.Time   `json:"created_at"`
	UpdatedAt          time.Time   `json:"updated_at"`
}

// ProjectView is one project with its members (leader first) and
// advisors.
type ProjectView struct {
	ProjectSummary
	Members  []MemberView  `json:"members"`
	Advisors []AdvisorView `json:"advisors"`
}

// MemberView is a student of a team.
type MemberView struct {
	UserID         uint   `json:"user_id"`
	Username       string `json:"username"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	StudentNo      string `json:"student_no"`
	Major          string `json:"major"`
	GraduationYear *int   `json:"graduation_year"`
}

// AdvisorView is a teacher (指导老师) of a team; UserID is nil for an
// advisor without an account.
type AdvisorView struct {
	ID           uint   `json:"id"`
	UserID       *uint  `json:"user_id"`
	Name         string `json:"name"`
	Organization string `json:"organization"`
	Title        string `json:"title"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	External     bool   `json:"external"`
}

// visibleProjects restricts a query on projects to those the actor may
// read; an actor holding several roles sees the union:
//   - admin, policy_officer, judge: every project (judges will later be
//     limited by their conflicts of interest);
//   - student: the teams they belong to;
//   - college_viewer: the projects of their college;
//   - base_manager: projects with a residency application (any status but
//     draft) or a residency in a base they manage.
func visibleProjects(q *gorm.DB, actor Actor) *gorm.DB {
	if actor.IsAdmin() || actor.HasIn(model.RolePolicyOfficer, model.DomainAll) || actor.HasIn(model.RoleJudge, model.DomainAll) {
		return q
	}
	var conds []string
	var args []any
	if actor.Has(model.RoleStudent) {
		conds = append(conds, "projects.id IN (SELECT project_id FROM project_members WHERE user_id = ?)")
		args = append(args, actor.UserID)
	}
	if actor.Has(model.RoleCollegeViewer) && actor.CollegeID != nil {
		conds = append(conds, "projects.college_id = ?")
		args = append(args, *actor.CollegeID)
	}
	if bases := actor.ManagedBases(); len(bases) > 0 {
		conds = append(conds, projectsInBases)
		args = append(args, bases, model.AppDraft, bases)
	}
	if len(conds) == 0 {
		return q.Where("1 = 0")
	}
	return q.Where("("+strings.Join(conds, " OR ")+")", args...)
}

// projectsInBases selects projects with a non-draft application or a
// residency in the bases given twice as arguments (with the draft status
// between them).
const projectsInBases = "(projects.id IN (SELECT project_id FROM residency_applications WHERE base_id IN ? AND status <> ?) OR projects.id IN (SELECT project_id FROM residencies WHERE base_id IN ?))"

// ProjectFilter selects projects. Zero fields do not filter.
type ProjectFilter struct {
	Q         string // name or company name contains
	CollegeID *uint
	Field     string
	Stage     string
	Mine      bool  // only teams the actor belongs to
	BaseID    *uint // with a non-draft application or a residency there
	Page      model.Page
}

var projectSorts = map[string]string{
	"id": "projects.id", "name": "projects.name", "field": "projects.field", "stage": "projects.stage",
	"college_id": "projects.college_id", "created_at": "projects.created_at", "updated_at": "projects.updated_at",
}

// List returns the projects the actor may read (see visibleProjects),
// without members and advisors arrays. Callers: admin, base_manager,
// judge, student, policy_officer, college_viewer (route permission).
// Errors: invalid (sort, stage).
func (s *Projects) List(ctx context.Context, actor Actor, f ProjectFilter) ([]ProjectSummary, int64, error) {
	q := visibleProjects(s.db.WithContext(ctx).Model(&model.Project{}), actor)
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("(projects.name LIKE ? ESCAPE '!' OR projects.company_name LIKE ? ESCAPE '!')", like, like)
	}
	if f.CollegeID != nil {
		q = q.Where("projects.college_id = ?", *f.CollegeID)
	}
	if f.Field != "" {
		q = q.Where("projects.field = ?", f.Field)
	}
	if f.Stage != "" {
		if !validStage(f.Stage) {
			return nil, 0, model.Invalid("invalid filter", model.Field("stage", "oneof", "stage must be idea, prototype or company"))
		}
		q = q.Where("projects.stage = ?", f.Stage)
	}
	if f.Mine {
		q = q.Where("projects.id IN (SELECT project_id FROM project_members WHERE user_id = ?)", actor.UserID)
	}
	if f.BaseID != nil {
		ids := []uint{*f.BaseID}
		q = q.Where(projectsInBases, ids, model.AppDraft, ids)
	}
	order, err := model.OrderBy(f.Page.Sort, projectSorts, "projects.id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Project
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	out, err := summarizeProjects(s.db.WithContext(ctx), rows)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return out, total, nil
}

// Get returns one project with its members and advisors.
// Callers: as List; a project the actor may not read is not_found.
// Errors: not_found.
func (s *Projects) Get(ctx context.Context, actor Actor, id uint) (ProjectView, error) {
	var v ProjectView
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := visibleProject(tx, actor, id)
		if err != nil {
			return err
		}
		v, err = viewProject(tx, p)
		return err
	})
	return v, model.TranslateDBError(err, "project")
}

// visibleProject loads a project the actor may read, else not_found.
func visibleProject(tx *gorm.DB, actor Actor, id uint) (model.Project, error) {
	var p model.Project
	err := visibleProjects(tx.Model(&model.Project{}), actor).Where("projects.id = ?", id).Take(&p).Error
	return p, model.TranslateDBError(err, "project")
}

func validStage(s string) bool {
	return s == model.StageIdea || s == model.StagePrototype || s == model.StageCompany
}

// writableProject loads a project the actor may change: admin, or a
// member of the team (its leader when leaderOnly). It returns the actor's
// role in the team ("" for an admin outside it). Projects the actor may
// not read are not_found; readers who may not write get forbidden.
func writableProject(tx *gorm.DB, actor Actor, id uint, leaderOnly bool) (model.Project, string, error) {
	p, err := visibleProject(tx, actor, id)
	if err != nil {
		return p, "", err
	}
	role, err := projectRoleOf(tx, id, actor.UserID)
	if err != nil || actor.IsAdmin() {
		return p, role, err
	}
	if role == "" {
		return p, "", model.Errorf(model.CodeForbidden, "only the team's members (or an admin) may change this project")
	}
	if leaderOnly && role != model.MemberLeader {
		return p, role, model.Errorf(model.CodeForbidden, "only the team leader (or an admin) may do this")
	}
	return p, role, nil
}

// projectRoleOf returns the user's role in the team, "" if not a member.
func projectRoleOf(tx *gorm.DB, projectID, userID uint) (string, error) {
	var m model.ProjectMember
	err := tx.Where("project_id = ? AND user_id = ?", projectID, userID).Limit(1).Find(&m).Error
	return m.Role, err
}

// lockProject bumps the project's version, which takes its row lock for
// the rest of the transaction: member and advisor changes of one team run
// one at a time, so the one-leader and advisor-cap checks cannot race.
func (s *Projects) lockProject(tx *gorm.DB, id uint) error {
	return tx.Model(&model.Project{}).Where("id = ?", id).
		UpdateColumns(map[string]any{"version": gorm.Expr("version + 1"), "updated_at": s.clock()}).Error
}
