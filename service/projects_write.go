package service

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/service/creditcode"
)

// NewProject is a team to create. LeaderID and CollegeID are for admins;
// a student creating a team leads it, in their own college.
type NewProject struct {
	Name               string
	Field              string
	Stage              string // idea when empty
	Description        string
	CompanyName        string
	CreditCode         string
	RegisteredOn       *model.Date
	CompanyRegion      string
	HighTechEnterprise bool
	AcquiredOrListed   bool
	LeaderID           *uint
	CollegeID          *uint
}

// Create adds a team with its leader as the only member. A student
// creates it with themself as leader, in their college; an admin names
// the leader (an active student) and may pick the college (the leader's
// by default). Callers: student, admin.
// Errors: forbidden, invalid (also company fields, see Update),
// failed_precondition (a student without a college).
func (s *Projects) Create(ctx context.Context, actor Actor, in NewProject) (ProjectView, error) {
	leaderID, err := projectLeaderFor(actor, in.LeaderID)
	if err != nil {
		return ProjectView{}, err
	}
	if in.CollegeID != nil && !actor.IsAdmin() {
		return ProjectView{}, model.Errorf(model.CodeForbidden, "a team belongs to its leader's college; only an admin picks another")
	}
	if in.Stage == "" {
		in.Stage = model.StageIdea
	}
	p := model.Project{
		Name: strings.TrimSpace(in.Name), Field: strings.TrimSpace(in.Field), Stage: in.Stage, Description: in.Description,
		CompanyName: strings.TrimSpace(in.CompanyName), CreditCode: normCreditCode(in.CreditCode), RegisteredOn: in.RegisteredOn,
		CompanyRegion: strings.TrimSpace(in.CompanyRegion), HighTechEnterprise: in.HighTechEnterprise, AcquiredOrListed: in.AcquiredOrListed,
		CreatedBy: actor.UserID, Version: 1,
	}
	if err := s.checkProject(&p); err != nil {
		return ProjectView{}, err
	}
	var view ProjectView
	err = model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		leader, err := requireActiveStudent(tx, leaderID, "leader_id")
		if err != nil {
			return err
		}
		switch {
		case in.CollegeID != nil:
			if err := requireCollege(tx, *in.CollegeID, "college_id"); err != nil {
				return err
			}
			p.CollegeID = *in.CollegeID
		case leader.CollegeID != nil:
			p.CollegeID = *leader.CollegeID
		case leaderID == actor.UserID:
			return model.Errorf(model.CodeFailedPrecondition, "your account has no college; ask an admin to set it before creating a team")
		default:
			return model.Invalid("invalid project", model.Field("college_id", "required", "the leader has no college; give college_id"))
		}
		now := s.clock()
		p.CreatedAt, p.UpdatedAt = now, now
		if err := createProjectRow(tx, &p); err != nil {
			return err
		}
		if err := tx.Create(&model.ProjectMember{ProjectID: p.ID, UserID: leaderID, Role: model.MemberLeader, CreatedAt: now}).Error; err != nil {
			return err
		}
		if view, err = viewProject(tx, p); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "project.created", Entity: "project", EntityID: p.ID, After: view})
	})
	if err != nil {
		return ProjectView{}, model.TranslateDBError(err, "project")
	}
	return view, nil
}

// projectLeaderFor decides who leads a new team: the student themself,
// or the student an admin names.
func projectLeaderFor(actor Actor, leaderID *uint) (uint, error) {
	switch {
	case leaderID != nil && *leaderID == actor.UserID && actor.Has(model.RoleStudent):
		return *leaderID, nil
	case leaderID != nil && actor.IsAdmin():
		return *leaderID, nil
	case leaderID != nil:
		return 0, model.Errorf(model.CodeForbidden, "a student creates a team with themself as leader; only an admin names another leader")
	case actor.Has(model.RoleStudent):
		return actor.UserID, nil
	case actor.IsAdmin():
		return 0, model.Invalid("invalid project", model.Field("leader_id", "required", "an admin names the leader of a new team"))
	}
	return 0, model.Errorf(model.CodeForbidden, "only students and admins create teams")
}

// createProjectRow inserts a project; a taken credit code is a field error.
func createProjectRow(tx *gorm.DB, p *model.Project) error {
	err := tx.Create(p).Error
	if err != nil && model.IsDuplicate(err) {
		return creditCodeTaken()
	}
	return err
}

func creditCodeTaken() error {
	return model.Invalid("credit code is taken", model.Field("credit_code", "taken", "another project has this unified social credit code"))
}

// normCreditCode trims and upper-cases a credit code; empty means none.
func normCreditCode(s string) *string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	return &s
}

// checkProject validates a project's resulting state: a name, a known
// stage, a valid credit code (GB 32100-2015) when one is given, a
// registration date not in the future, and for stage company the company
// name, credit code and registration date.
func (s *Projects) checkProject(p *model.Project) error {
	var fields []model.FieldError
	if p.Name == "" {
		fields = append(fields, model.Field("name", "required", "is required"))
	}
	if !validStage(p.Stage) {
		fields = append(fields, model.Field("stage", "oneof", "stage must be idea, prototype or company"))
	}
	if p.CreditCode != nil {
		if err := creditcode.Check(*p.CreditCode); err != nil {
			fields = append(fields, model.Field("credit_code", "credit_code", "not a valid unified social credit code: "+err.Error()))
		}
	}
	if p.RegisteredOn != nil && p.RegisteredOn.After(model.DateOf(s.clock())) {
		fields = append(fields, model.Field("registered_on", "future", "the registration date cannot be in the future"))
	}
	if p.Stage == model.StageCompany {
		if p.CompanyName == "" {
			fields = append(fields, model.Field("company_name", "required", "stage company requires the company name"))
		}
		if p.CreditCode == nil {
			fields = append(fields, model.Field("credit_code", "required", "stage company requires the unified social credit code"))
		}
		if p.RegisteredOn == nil {
			fields = append(fields, model.Field("registered_on", "required", "stage company requires the registration date"))
		}
	}
	if len(fields) > 0 {
		return model.Invalid("invalid project", fields...)
	}
	return nil
}

// ProjectUpdate changes a project; nil fields stay. An empty CreditCode
// removes the code. Version must match the stored version.
type ProjectUpdate struct {
	Name               *string
	Field              *string
	Stage              *string
	Description        *string
	CompanyName        *string
	CreditCode         *string
	RegisteredOn       *model.Date
	CompanyRegion      *string
	HighTechEnterprise *bool
	AcquiredOrListed   *bool
	Version            int
}

// Update changes a project's data and company registration; the result
// must pass the project rules (stage company needs a company name, a
// valid credit code and a registration date not in the future).
// Callers: the team's members, admin. Errors: not_found, forbidden
// (readers who are not members), invalid, conflict (stale version).
func (s *Projects) Update(ctx context.Context, actor Actor, id uint, in ProjectUpdate) (ProjectView, error) {
	var view ProjectView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		before, _, err := writableProject(tx, actor, id, false)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleVersion("project", before.Version)
		}
		after, changes := applyProjectUpdate(before, in)
		if err := s.checkProject(&after); err != nil {
			return err
		}
		beforeView, err := viewProject(tx, before)
		if err != nil {
			return err
		}
		changes["version"], changes["updated_at"] = before.Version+1, s.clock()
		res := tx.Model(&model.Project{}).Where("id = ? AND version = ?", id, before.Version).Updates(changes)
		if res.Error != nil {
			if model.IsDuplicate(res.Error) {
				return creditCodeTaken()
			}
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("project", before.Version)
		}
		if err := tx.Take(&after, id).Error; err != nil {
			return err
		}
		if view, err = viewProject(tx, after); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "project.updated", Entity: "project", EntityID: id, Before: beforeView, After: view})
	})
	if err != nil {
		return ProjectView{}, model.TranslateDBError(err, "project")
	}
	return view, nil
}

// applyProjectUpdate returns the project as the update leaves it and the
// columns to write.
func applyProjectUpdate(p model.Project, in ProjectUpdate) (model.Project, map[string]any) {
	changes := map[string]any{}
	str := func(col string, dst *string, v *string, trim bool) {
		if v == nil {
			return
		}
		*dst = *v
		if trim {
			*dst = strings.TrimSpace(*v)
		}
		changes[col] = *dst
	}
	str("name", &p.Name, in.Name, true)
	str("field", &p.Field, in.Field, true)
	str("stage", &p.Stage, in.Stage, false)
	str("description", &p.Description, in.Description, false)
	str("company_name", &p.CompanyName, in.CompanyName, true)
	str("company_region", &p.CompanyRegion, in.CompanyRegion, true)
	if in.CreditCode != nil {
		p.CreditCode = normCreditCode(*in.CreditCode)
		changes["credit_code"] = p.CreditCode
	}
	if in.RegisteredOn != nil {
		d := *in.RegisteredOn
		p.RegisteredOn = &d
		changes["registered_on"] = d
	}
	if in.HighTechEnterprise != nil {
		p.HighTechEnterprise = *in.HighTechEnterprise
		changes["high_tech_enterprise"] = p.HighTechEnterprise
	}
	if in.AcquiredOrListed != nil {
		p.AcquiredOrListed = *in.AcquiredOrListed
		changes["acquired_or_listed"] = p.AcquiredOrListed
	}
	return p, changes
}
