package service

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

var memberSorts = map[string]string{"role": "project_members.role", "name": "users.name", "user_id": "project_members.user_id", "joined_at": "project_members.id"}

// Members lists a team's members, the leader first by default (sort:
// role, name, user_id, joined_at). Callers: whoever may read the project.
// Errors: not_found, invalid (sort).
func (s *Projects) Members(ctx context.Context, actor Actor, projectID uint, page model.Page) ([]MemberView, int64, error) {
	if page.Sort == "" {
		page.Sort = "role"
	}
	order, err := model.OrderBy(page.Sort, memberSorts, "project_members.id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	var rows []projectMemberRow
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := visibleProject(tx, actor, projectID); err != nil {
			return err
		}
		q := tx.Table("project_members").Joins("JOIN users ON users.id = project_members.user_id").
			Where("project_members.project_id = ?", projectID)
		if err := q.Count(&total).Error; err != nil {
			return err
		}
		return q.Select("project_members.project_id, project_members.user_id, users.username, users.name, project_members.role, users.student_no, users.major, users.graduation_year").
			Scopes(order, model.Paginate(page)).Scan(&rows).Error
	})
	if err != nil {
		return nil, 0, model.TranslateDBError(err, "project")
	}
	out := make([]MemberView, len(rows))
	for i, m := range rows {
		out[i] = viewMember(m)
	}
	return out, total, nil
}

// NewMember names a student to add by UserID or Username, with a role
// (member when empty).
type NewMember struct {
	UserID   *uint
	Username string
	Role     string
}

// AddMember adds an active student to a team. Adding someone as leader
// transfers the leadership: the old leader becomes a member in the same
// transaction (an existing member may be promoted this way), so a team
// always has exactly one leader. Callers: the team leader, admin.
// Errors: not_found, forbidden, invalid (unknown, inactive or non-student
// user; role), conflict (already in the team in that role),
// failed_precondition (demoting the leader).
func (s *Projects) AddMember(ctx context.Context, actor Actor, projectID uint, in NewMember) (MemberView, error) {
	if in.Role == "" {
		in.Role = model.MemberMember
	}
	if in.Role != model.MemberLeader && in.Role != model.MemberMember {
		return MemberView{}, model.Invalid("invalid member", model.Field("role", "oneof", "role must be leader or member"))
	}
	if (in.UserID == nil) == (in.Username == "") {
		return MemberView{}, model.Invalid("invalid member", model.Field("user_id", "required", "give either user_id or username"))
	}
	var view MemberView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := s.lockProject(tx, projectID); err != nil {
			return err
		}
		if _, _, err := writableProject(tx, actor, projectID, true); err != nil {
			return err
		}
		u, err := findMemberCandidate(tx, in)
		if err != nil {
			return err
		}
		existing, err := projectRoleOf(tx, projectID, u.ID)
		if err != nil {
			return err
		}
		switch {
		case existing == in.Role:
			return model.Errorf(model.CodeConflict, "%s is already %s of this team", u.Username, map[string]string{model.MemberLeader: "the leader", model.MemberMember: "a member"}[in.Role])
		case existing == model.MemberLeader:
			return model.Errorf(model.CodeFailedPrecondition, "a team has exactly one leader: make another member the leader instead")
		}
		entry := AuditEntry{Action: "project.member_added", Entity: "project", EntityID: projectID}
		if in.Role == model.MemberLeader {
			old, err := s.transferLeader(tx, projectID, u.ID, existing != "")
			if err != nil {
				return err
			}
			entry.Action, entry.Before = "project.leader_transferred", map[string]any{"leader_id": old}
		} else if err := tx.Create(&model.ProjectMember{ProjectID: projectID, UserID: u.ID, Role: in.Role, CreatedAt: s.clock()}).Error; err != nil {
			return err
		}
		view = MemberView{UserID: u.ID, Username: u.Username, Name: u.Name, Role: in.Role, StudentNo: u.StudentNo, Major: u.Major, GraduationYear: u.GraduationYear}
		entry.After = view
		return s.audit.Record(tx, actor, entry)
	})
	if err != nil {
		return MemberView{}, model.TranslateDBError(err, "project member")
	}
	return view, nil
}

// transferLeader demotes the current leader and makes userID the leader
// (promoting a member, or adding them). It returns the old leader's id.
func (s *Projects) transferLeader(tx *gorm.DB, projectID, userID uint, isMember bool) (uint, error) {
	var old model.ProjectMember
	if err := tx.Where("project_id = ? AND role = ?", projectID, model.MemberLeader).Limit(1).Find(&old).Error; err != nil {
		return 0, err
	}
	if err := tx.Model(&model.ProjectMember{}).Where("project_id = ? AND role = ?", projectID, model.MemberLeader).
		Update("role", model.MemberMember).Error; err != nil {
		return 0, err
	}
	if isMember {
		return old.UserID, tx.Model(&model.ProjectMember{}).Where("project_id = ? AND user_id = ?", projectID, userID).
			Update("role", model.MemberLeader).Error
	}
	return old.UserID, tx.Create(&model.ProjectMember{ProjectID: projectID, UserID: userID, Role: model.MemberLeader, CreatedAt: s.clock()}).Error
}

// findMemberCandidate loads the student a NewMember names.
func findMemberCandidate(tx *gorm.DB, in NewMember) (model.User, error) {
	if in.UserID != nil {
		return requireActiveStudent(tx, *in.UserID, "user_id")
	}
	var u model.User
	if err := tx.Where("username = ?", strings.TrimSpace(in.Username)).Limit(1).Find(&u).Error; err != nil {
		return u, err
	}
	if u.ID == 0 {
		return u, model.Invalid("invalid member", model.Field("username", "not_found", "no such user"))
	}
	return requireActiveStudent(tx, u.ID, "username")
}

// requireActiveStudent loads an active account holding the student role;
// anything else is a field error on field.
func requireActiveStudent(tx *gorm.DB, userID uint, field string) (model.User, error) {
	var u model.User
	if err := tx.Where("id = ?", userID).Limit(1).Find(&u).Error; err != nil {
		return u, err
	}
	if u.ID == 0 {
		return u, model.Invalid("invalid student", model.Field(field, "not_found", "no such user"))
	}
	if u.Status != model.UserActive {
		return u, model.Invalid("invalid student", model.Field(field, "inactive", "the account is disabled"))
	}
	var n int64
	if err := tx.Model(&model.CasbinRule{}).Where("ptype = 'g' AND v0 = ? AND v1 = ?", Subject(u.ID), model.RoleStudent).Count(&n).Error; err != nil {
		return u, err
	}
	if n == 0 {
		return u, model.Invalid("invalid student", model.Field(field, "not_student", "team members must be students of the platform"))
	}
	return u, nil
}

// RemoveMember takes a student out of a team. The leader cannot be
// removed (transfer the leadership first). Callers: the team leader,
// admin, or a member removing themself. Errors: not_found (project, or
// the user is not in the team), forbidden, failed_precondition.
func (s *Projects) RemoveMember(ctx context.Context, actor Actor, projectID, userID uint) error {
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := s.lockProject(tx, projectID); err != nil {
			return err
		}
		_, mine, err := writableProject(tx, actor, projectID, userID != actor.UserID)
		if err != nil {
			return err
		}
		role, err := projectRoleOf(tx, projectID, userID)
		switch {
		case err != nil:
			return err
		case role == "":
			return model.NotFound("project member")
		case role == model.MemberLeader && mine == model.MemberLeader && userID == actor.UserID:
			return model.Errorf(model.CodeFailedPrecondition, "the leader cannot leave the team; make another member the leader first")
		case role == model.MemberLeader:
			return model.Errorf(model.CodeFailedPrecondition, "the leader cannot be removed; make another member the leader first")
		}
		if err := tx.Where("project_id = ? AND user_id = ?", projectID, userID).Delete(&model.ProjectMember{}).Error; err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "project.member_removed", Entity: "project", EntityID: projectID,
			Before: map[string]any{"user_id": userID, "role": role}})
	})
	return model.TranslateDBError(err, "project")
}
