package service

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// UserView is a user as clients and the audit log see it: no secrets.
type UserView struct {
	ID             uint          `json:"id"`
	Username       string        `json:"username"`
	Name           string        `json:"name"`
	Email          string        `json:"email"`
	Phone          string        `json:"phone"`
	Status         string        `json:"status"`
	CollegeID      *uint         `json:"college_id"`
	StudentNo      string        `json:"student_no"`
	Major          string        `json:"major"`
	GraduationYear *int          `json:"graduation_year"`
	Title          string        `json:"title"`
	Expertise      []string      `json:"expertise"`
	Roles          []RoleBinding `json:"roles"`
	LastLoginAt    *time.Time    `json:"last_login_at"`
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
	Version        int           `json:"version"`
}

func viewUser(u *model.User, roles []RoleBinding) UserView {
	if roles == nil {
		roles = []RoleBinding{}
	}
	exp := u.Expertise
	if exp == nil {
		exp = []string{}
	}
	return UserView{
		ID: u.ID, Username: u.Username, Name: u.Name, Email: u.Email, Phone: u.Phone, Status: u.Status,
		CollegeID: u.CollegeID, StudentNo: u.StudentNo, Major: u.Major, GraduationYear: u.GraduationYear,
		Title: u.Title, Expertise: exp, Roles: roles, LastLoginAt: u.LastLoginAt,
		CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, Version: u.Version,
	}
}

// Users manages accounts and their roles.
type Users struct {
	db     *gorm.DB
	authz  *Authorizer
	audit  *Auditor
	hasher *Hasher
	clock  Clock
}

// NewUsers returns the user-management service.
func NewUsers(db *gorm.DB, authz *Authorizer, audit *Auditor, hasher *Hasher, clock Clock) *Users {
	return &Users{db: db, authz: authz, audit: audit, hasher: hasher, clock: clock}
}

// UserFilter selects users. Zero fields do not filter.
type UserFilter struct {
	Q         string
	Status    string
	Role      string
	CollegeID *uint
	Page      model.Page
}

var userSorts = map[string]string{"id": "id", "username": "username", "name": "name", "created_at": "created_at", "last_login_at": "last_login_at"}

// visibleUsers restricts a query to the users the actor may see: everyone
// for an admin, the own college's users for a college viewer, else only
// themselves.
func visibleUsers(q *gorm.DB, actor Actor) *gorm.DB {
	switch {
	case actor.IsAdmin():
		return q
	case actor.Has(model.RoleCollegeViewer) && actor.CollegeID != nil:
		return q.Where("college_id = ? OR id = ?", *actor.CollegeID, actor.UserID)
	default:
		return q.Where("id = ?", actor.UserID)
	}
}

// List returns the users the actor may see. Callers: whoever holds the
// route permission; rows are limited by visibleUsers.
// Errors: invalid (sort, status).
func (s *Users) List(ctx context.Context, actor Actor, f UserFilter) ([]UserView, int64, error) {
	q := visibleUsers(s.db.WithContext(ctx).Model(&model.User{}), actor)
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("username LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!'", like, like)
	}
	if f.Status != "" {
		if f.Status != model.UserActive && f.Status != model.UserDisabled {
			return nil, 0, model.Invalid("invalid filter", model.Field("status", "oneof", "status must be active or disabled"))
		}
		q = q.Where("status = ?", f.Status)
	}
	if f.Role != "" {
		ids := s.authz.UsersWithRole(f.Role)
		if len(ids) == 0 {
			return []UserView{}, 0, nil
		}
		q = q.Where("id IN ?", ids)
	}
	if f.CollegeID != nil {
		q = q.Where("college_id = ?", *f.CollegeID)
	}
	order, err := model.OrderBy(f.Page.Sort, userSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.User
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	out := make([]UserView, len(rows))
	for i := range rows {
		out[i] = viewUser(&rows[i], s.authz.RolesOf(rows[i].ID))
	}
	return out, total, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`!`, `!!`, `%`, `!%`, `_`, `!_`).Replace(s)
}

// Get returns one user the actor may see. Errors: not_found.
func (s *Users) Get(ctx context.Context, actor Actor, id uint) (UserView, error) {
	var u model.User
	if err := visibleUsers(s.db.WithContext(ctx), actor).Take(&u, id).Error; err != nil {
		return UserView{}, model.TranslateDBError(err, "user")
	}
	return viewUser(&u, s.authz.RolesOf(u.ID)), nil
}

// NewUser is an account created by an admin.
type NewUser struct {
	Username       string
	Password       string
	Name           string
	Email          string
	Phone          string
	CollegeID      *uint
	StudentNo      string
	Major          string
	GraduationYear *int
	Title          string
	Expertise      []string
	Roles          []RoleBinding
}

// Create adds an active account with optional roles. Callers: admin.
// Errors: forbidden, invalid (also a taken username, as a field error),
// rate_limited.
func (s *Users) Create(ctx context.Context, actor Actor, in NewUser) (UserView, error) {
	if !actor.IsAdmin() && !actor.system {
		return UserView{}, model.Errorf(model.CodeForbidden, "only an admin creates accounts")
	}
	if fe := checkPassword("password", in.Password, in.Username); fe != nil {
		return UserView{}, model.Invalid("invalid user", *fe)
	}
	roles, err := validateBindings(in.Roles)
	if err != nil {
		return UserView{}, err
	}
	hash, err := s.hasher.Hash(ctx, in.Password)
	if err != nil {
		return UserView{}, err
	}
	exp := in.Expertise
	if exp == nil {
		exp = []string{}
	}
	u := model.User{
		Username: strings.TrimSpace(in.Username), PasswordHash: hash, Name: strings.TrimSpace(in.Name), Email: in.Email, Phone: in.Phone,
		Status: model.UserActive, TokenVersion: 1, CollegeID: in.CollegeID, StudentNo: in.StudentNo, Major: in.Major,
		GraduationYear: in.GraduationYear, Title: in.Title, Expertise: exp, Version: 1,
	}
	err = model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if in.CollegeID != nil {
			if err := requireCollege(tx, *in.CollegeID, "college_id"); err != nil {
				return err
			}
		}
		if err := createUser(tx, &u); err != nil {
			return err
		}
		if err := writeBindings(tx, u.ID, roles); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "user.created", Entity: "user", EntityID: u.ID, After: viewUser(&u, roles)})
	})
	if err != nil {
		return UserView{}, model.TranslateDBError(err, "user")
	}
	if len(roles) > 0 {
		if err := s.authz.Reload(); err != nil {
			return UserView{}, model.Internal(err)
		}
	}
	return viewUser(&u, roles), nil
}

func createUser(tx *gorm.DB, u *model.User) error {
	err := tx.Create(u).Error
	if err != nil && model.IsDuplicate(err) {
		return model.Invalid("username is taken", model.Field("username", "taken", "this username is already in use"))
	}
	return err
}

func requireCollege(tx *gorm.DB, id uint, field string) error {
	var n int64
	if err := tx.Model(&model.College{}).Where("id = ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return model.Invalid("unknown college", model.Field(field, "not_found", "no such college"))
	}
	return nil
}

func writeBindings(tx *gorm.DB, userID uint, roles []RoleBinding) error {
	if err := tx.Where("ptype = 'g' AND v0 = ?", Subject(userID)).Delete(&model.CasbinRule{}).Error; err != nil {
		return err
	}
	for _, r := range roles {
		if err := tx.Create(&model.CasbinRule{Ptype: "g", V0: Subject(userID), V1: r.Role, V2: r.Domain}).Error; err != nil {
			return err
		}
	}
	return nil
}

// UserUpdate changes an account; nil fields stay. Version must match the
// stored version (optimistic locking).
type UserUpdate struct {
	Name           *string
	Email          *string
	Phone          *string
	CollegeID      *uint
	Status         *string
	StudentNo      *string
	Major          *string
	GraduationYear *int
	Title          *string
	Expertise      *[]string
	Version        int
}

// Update changes an account. Disabling it revokes every token at once.
// Callers: admin. Errors: forbidden, not_found, invalid, conflict (stale
// version), failed_precondition (disabling yourself).
func (s *Users) Update(ctx context.Context, actor Actor, id uint, in UserUpdate) (UserView, error) {
	if !actor.IsAdmin() {
		return UserView{}, model.Errorf(model.CodeForbidden, "only an admin changes accounts")
	}
	if in.Status != nil && *in.Status != model.UserActive && *in.Status != model.UserDisabled {
		return UserView{}, model.Invalid("invalid user", model.Field("status", "oneof", "status must be active or disabled"))
	}
	if in.Status != nil && *in.Status == model.UserDisabled && id == actor.UserID {
		return UserView{}, model.Errorf(model.CodeFailedPrecondition, "you cannot disable your own account")
	}
	var after model.User
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var before model.User
		if err := tx.Take(&before, id).Error; err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleVersion("user", before.Version)
		}
		changes := map[string]any{"version": before.Version + 1, "updated_at": s.clock()}
		set := func(col string, v any) { changes[col] = v }
		if in.Name != nil {
			set("name", strings.TrimSpace(*in.Name))
		}
		if in.Email != nil {
			set("email", *in.Email)
		}
		if in.Phone != nil {
			set("phone", *in.Phone)
		}
		if in.CollegeID != nil {
			if err := requireCollege(tx, *in.CollegeID, "college_id"); err != nil {
				return err
			}
			set("college_id", *in.CollegeID)
		}
		if in.StudentNo != nil {
			set("student_no", *in.StudentNo)
		}
		if in.Major != nil {
			set("major", *in.Major)
		}
		if in.GraduationYear != nil {
			set("graduation_year", *in.GraduationYear)
		}
		if in.Title != nil {
			set("title", *in.Title)
		}
		if in.Status != nil && *in.Status != before.Status {
			set("status", *in.Status)
			if *in.Status == model.UserDisabled {
				set("token_version", before.TokenVersion+1)
				if err := revokeAllTokens(tx, id, s.clock()); err != nil {
					return err
				}
			}
		}
		q := tx.Model(&model.User{}).Where("id = ? AND version = ?", id, before.Version)
		if in.Expertise != nil {
			// serialized column: go through the struct so the serializer runs
			if err := tx.Model(&model.User{ID: id}).Select("expertise").Updates(&model.User{Expertise: *in.Expertise}).Error; err != nil {
				return err
			}
		}
		res := q.Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("user", before.Version)
		}
		if err := tx.Take(&after, id).Error; err != nil {
			return err
		}
		roles := s.authz.RolesOf(id)
		return s.audit.Record(tx, actor, AuditEntry{Action: "user.updated", Entity: "user", EntityID: id, Before: viewUser(&before, roles), After: viewUser(&after, roles)})
	})
	if err != nil {
		return UserView{}, model.TranslateDBError(err, "user")
	}
	return viewUser(&after, s.authz.RolesOf(id)), nil
}

func staleVersion(entity string, current int) error {
	return &model.Error{Code: model.CodeConflict, Message: entity + " was changed by someone else; reload and retry",
		Fields: []model.FieldError{model.Field("version", "stale", "current version is "+strconv.Itoa(current))}}
}

func revokeAllTokens(tx *gorm.DB, userID uint, now time.Time) error {
	return tx.Model(&model.RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", now).Error
}

// Disable switches an account off (it is kept for the record). Repeating it
// is harmless. Callers: admin. Errors: forbidden, not_found,
// failed_precondition (yourself).
func (s *Users) Disable(ctx context.Context, actor Actor, id uint) error {
	u, err := s.Get(ctx, actor, id)
	if err != nil {
		return err
	}
	if u.Status == model.UserDisabled {
		return nil
	}
	status := model.UserDisabled
	_, err = s.Update(ctx, actor, id, UserUpdate{Status: &status, Version: u.Version})
	return err
}

// SetRoles replaces the user's role bindings. Removing any role bumps the
// token version, so the user's tokens die at once. An admin cannot drop
// their own admin role. Callers: admin. Errors: forbidden, not_found,
// invalid, failed_precondition.
func (s *Users) SetRoles(ctx context.Context, actor Actor, id uint, bindings []RoleBinding) ([]RoleBinding, error) {
	if !actor.IsAdmin() {
		return nil, model.Errorf(model.CodeForbidden, "only an admin assigns roles")
	}
	roles, err := validateBindings(bindings)
	if err != nil {
		return nil, err
	}
	admin := RoleBinding{Role: model.RoleAdmin, Domain: model.DomainAll}
	if id == actor.UserID && !slices.Contains(roles, admin) {
		return nil, model.Errorf(model.CodeFailedPrecondition, "you cannot remove your own admin role")
	}
	before := s.authz.RolesOf(id)
	removed := false
	for _, b := range before {
		removed = removed || !slices.Contains(roles, b)
	}
	err = model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var u model.User
		if err := tx.Select("id", "token_version").Take(&u, id).Error; err != nil {
			return err
		}
		if err := writeBindings(tx, id, roles); err != nil {
			return err
		}
		if removed {
			if err := tx.Model(&model.User{}).Where("id = ?", id).Update("token_version", gorm.Expr("token_version + 1")).Error; err != nil {
				return err
			}
			if err := revokeAllTokens(tx, id, s.clock()); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "user.roles_set", Entity: "user", EntityID: id, Before: before, After: roles})
	})
	if err != nil {
		return nil, model.TranslateDBError(err, "user")
	}
	if err := s.authz.Reload(); err != nil {
		return nil, model.Internal(err)
	}
	return roles, nil
}

// CreateAdmin creates the first (or another) administrator from the
// command line. Errors: invalid (also a taken username).
func (s *Users) CreateAdmin(ctx context.Context, username, password string) (UserView, error) {
	if strings.TrimSpace(username) == "" {
		return UserView{}, model.Invalid("invalid user", model.Field("username", "required", "username is required"))
	}
	return s.Create(ctx, SystemActor("cli"), NewUser{
		Username: username, Password: password, Name: username,
		Roles: []RoleBinding{{Role: model.RoleAdmin, Domain: model.DomainAll}},
	})
}

// Me is the signed-in user with what the UI needs to draw menus.
type Me struct {
	UserView
	Permissions []Permission `json:"permissions"`
}

// Me returns the actor's own account and permissions. Errors: not_found.
func (s *Users) Me(ctx context.Context, actor Actor) (Me, error) {
	var u model.User
	if err := s.db.WithContext(ctx).Take(&u, actor.UserID).Error; err != nil {
		return Me{}, model.TranslateDBError(err, "user")
	}
	return Me{UserView: viewUser(&u, s.authz.RolesOf(u.ID)), Permissions: s.authz.Permissions(actor)}, nil
}

// ProfileUpdate is what users may change about themselves.
type ProfileUpdate struct {
	Name  *string
	Email *string
	Phone *string
}

// UpdateProfile changes the actor's own name, e-mail or phone.
// Callers: any signed-in user. Errors: not_found.
func (s *Users) UpdateProfile(ctx context.Context, actor Actor, in ProfileUpdate) (Me, error) {
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var before model.User
		if err := tx.Take(&before, actor.UserID).Error; err != nil {
			return err
		}
		changes := map[string]any{"version": gorm.Expr("version + 1"), "updated_at": s.clock()}
		if in.Name != nil {
			changes["name"] = strings.TrimSpace(*in.Name)
		}
		if in.Email != nil {
			changes["email"] = *in.Email
		}
		if in.Phone != nil {
			changes["phone"] = *in.Phone
		}
		if err := tx.Model(&model.User{}).Where("id = ?", actor.UserID).Updates(changes).Error; err != nil {
			return err
		}
		var after model.User
		if err := tx.Take(&after, actor.UserID).Error; err != nil {
			return err
		}
		roles := s.authz.RolesOf(actor.UserID)
		return s.audit.Record(tx, actor, AuditEntry{Action: "user.profile_updated", Entity: "user", EntityID: actor.UserID, Before: viewUser(&before, roles), After: viewUser(&after, roles)})
	})
	if err != nil {
		return Me{}, model.TranslateDBError(err, "user")
	}
	return s.Me(ctx, actor)
}

// ChangePassword sets a new password after checking the old one. Every
// session of the user ends (token version bump); the client signs in again.
// Callers: any signed-in user. Errors: invalid (wrong old password, weak
// new one), rate_limited.
func (s *Users) ChangePassword(ctx context.Context, actor Actor, oldPassword, newPassword string) error {
	var u model.User
	if err := s.db.WithContext(ctx).Take(&u, actor.UserID).Error; err != nil {
		return model.TranslateDBError(err, "user")
	}
	ok, err := s.hasher.Verify(ctx, oldPassword, u.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return model.Invalid("wrong password", model.Field("old_password", "mismatch", "the current password is wrong"))
	}
	if fe := checkPassword("new_password", newPassword, u.Username); fe != nil {
		return model.Invalid("invalid password", *fe)
	}
	hash, err := s.hasher.Hash(ctx, newPassword)
	if err != nil {
		return err
	}
	err = model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Model(&model.User{}).Where("id = ?", u.ID).Updates(map[string]any{
			"password_hash": hash, "token_version": gorm.Expr("token_version + 1"), "updated_at": s.clock(),
		}).Error; err != nil {
			return err
		}
		if err := revokeAllTokens(tx, u.ID, s.clock()); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "user.password_changed", Entity: "user", EntityID: u.ID})
	})
	return model.TranslateDBError(err, "user")
}
