package service

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// MaxAdvisors is how many advisors a team may have (competition entries
// take at most 3 of them).
const MaxAdvisors = 10

var advisorSorts = map[string]string{"id": "id", "name": "name"}

// Advisors lists a team's advisors (sort: id, name).
// Callers: whoever may read the project. Errors: not_found, invalid (sort).
func (s *Projects) Advisors(ctx context.Context, actor Actor, projectID uint, page model.Page) ([]AdvisorView, int64, error) {
	order, err := model.OrderBy(page.Sort, advisorSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	var rows []model.Advisor
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := visibleProject(tx, actor, projectID); err != nil {
			return err
		}
		q := tx.Model(&model.Advisor{}).Where("project_id = ?", projectID)
		if err := q.Count(&total).Error; err != nil {
			return err
		}
		return q.Scopes(order, model.Paginate(page)).Find(&rows).Error
	})
	if err != nil {
		return nil, 0, model.TranslateDBError(err, "project")
	}
	out := make([]AdvisorView, len(rows))
	for i := range rows {
		out[i] = viewAdvisor(&rows[i])
	}
	return out, total, nil
}

// NewAdvisor is a teacher to add to a team: a platform user (UserID; the
// empty fields default to the account's name, college, title, e-mail and
// phone) or a person without an account (Name required). External marks
// advisors from outside the team's college (industry mentors).
type NewAdvisor struct {
	UserID       *uint
	Name         string
	Organization string
	Title        string
	Email        string
	Phone        string
	External     bool
}

// AddAdvisor adds an advisor to a team, at most MaxAdvisors.
// Callers: the team's members, admin. Errors: not_found, forbidden,
// invalid (no name; unknown or disabled user; a member of the team),
// conflict (the user already advises the team), failed_precondition
// (the cap is reached).
func (s *Projects) AddAdvisor(ctx context.Context, actor Actor, projectID uint, in NewAdvisor) (AdvisorView, error) {
	a := model.Advisor{
		ProjectID: projectID, UserID: in.UserID, Name: strings.TrimSpace(in.Name), Organization: strings.TrimSpace(in.Organization),
		Title: strings.TrimSpace(in.Title), Email: strings.TrimSpace(in.Email), Phone: strings.TrimSpace(in.Phone), External: in.External,
	}
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := s.lockProject(tx, projectID); err != nil {
			return err
		}
		if _, _, err := writableProject(tx, actor, projectID, false); err != nil {
			return err
		}
		if in.UserID != nil {
			if err := advisorFromUser(tx, projectID, &a); err != nil {
				return err
			}
		}
		if a.Name == "" {
			return model.Invalid("invalid advisor", model.Field("name", "required", "give the advisor's name (or user_id)"))
		}
		var n int64
		if err := tx.Model(&model.Advisor{}).Where("project_id = ?", projectID).Count(&n).Error; err != nil {
			return err
		}
		if n >= MaxAdvisors {
			return model.Errorf(model.CodeFailedPrecondition, "a team has at most %d advisors", MaxAdvisors)
		}
		a.CreatedAt = s.clock()
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "project.advisor_added", Entity: "project", EntityID: projectID, After: viewAdvisor(&a)})
	})
	if err != nil {
		return AdvisorView{}, model.TranslateDBError(err, "advisor")
	}
	return viewAdvisor(&a), nil
}

// advisorFromUser checks the advisor's account and fills the empty fields
// from it.
func advisorFromUser(tx *gorm.DB, projectID uint, a *model.Advisor) error {
	var u model.User
	if err := tx.Where("id = ?", *a.UserID).Limit(1).Find(&u).Error; err != nil {
		return err
	}
	if u.ID == 0 || u.Status != model.UserActive {
		return model.Invalid("invalid advisor", model.Field("user_id", "not_found", "no such active user"))
	}
	role, err := projectRoleOf(tx, projectID, u.ID)
	if err != nil {
		return err
	}
	if role != "" {
		return model.Invalid("invalid advisor", model.Field("user_id", "member", "a member of the team cannot be its advisor"))
	}
	var dup int64
	if err := tx.Model(&model.Advisor{}).Where("project_id = ? AND user_id = ?", projectID, u.ID).Count(&dup).Error; err != nil {
		return err
	}
	if dup > 0 {
		return model.Errorf(model.CodeConflict, "%s already advises this team", u.Name)
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&a.Name, u.Name)
	fill(&a.Title, u.Title)
	fill(&a.Email, u.Email)
	fill(&a.Phone, u.Phone)
	if a.Organization == "" && u.CollegeID != nil {
		var c model.College
		if err := tx.Select("name").Where("id = ?", *u.CollegeID).Limit(1).Find(&c).Error; err != nil {
			return err
		}
		a.Organization = c.Name
	}
	return nil
}
