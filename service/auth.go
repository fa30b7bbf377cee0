package service

import (
	"context"
	"errors"
	"math"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// Auth signs users in and out, rotates refresh tokens, registers students
// and turns access tokens into Actors.
type Auth struct {
	db       *gorm.DB
	authz    *Authorizer
	audit    *Auditor
	hasher   *Hasher
	signer   *TokenSigner
	throttle *LoginThrottle
	clock    Clock

	refreshTTL        time.Duration
	allowRegistration bool
}

// AuthOptions are the settings of Auth.
type AuthOptions struct {
	RefreshTTL        time.Duration
	AllowRegistration bool
}

// NewAuth returns the authentication service.
func NewAuth(db *gorm.DB, authz *Authorizer, audit *Auditor, hasher *Hasher, signer *TokenSigner, throttle *LoginThrottle, clock Clock, opt AuthOptions) *Auth {
	return &Auth{db: db, authz: authz, audit: audit, hasher: hasher, signer: signer, throttle: throttle, clock: clock,
		refreshTTL: opt.RefreshTTL, allowRegistration: opt.AllowRegistration}
}

// Session is the answer to a login or refresh.
type Session struct {
	AccessToken  string   `json:"access_token"`
	RefreshToken string   `json:"refresh_token"`
	TokenType    string   `json:"token_type"`
	ExpiresIn    int      `json:"expires_in"`
	User         UserView `json:"user"`
}

// Client describes where a request comes from.
type Client struct {
	IP        string
	UserAgent string
	RequestID string
}

var errBadCredentials = model.Errorf(model.CodeUnauthenticated, "invalid username or password")

// Login checks a username and password and opens a session. The answer
// never says which of the two was wrong. Anyone may call it.
// Errors: unauthenticated, rate_limited (throttled or hashing busy).
func (s *Auth) Login(ctx context.Context, username, password string, c Client) (Session, error) {
	if wait := s.throttle.Blocked(username, c.IP); wait > 0 {
		return Session{}, &model.Error{Code: model.CodeRateLimited, Message: "too many failed sign-ins; try again later", RetryAfter: int(math.Ceil(wait.Seconds()))}
	}
	var u model.User
	err := s.db.WithContext(ctx).Where("username = ?", username).Take(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return Session{}, model.Internal(err)
	}
	ok, verr := s.hasher.Verify(ctx, password, u.PasswordHash)
	if verr != nil {
		return Session{}, verr
	}
	if !ok || u.Status != model.UserActive {
		s.throttle.Fail(username, c.IP)
		return Session{}, errBadCredentials
	}
	s.throttle.Succeed(username)
	actor := Actor{UserID: u.ID, Username: u.Username, RequestID: c.RequestID, IP: c.IP}
	var sess Session
	err = model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		now := s.clock()
		if err := tx.Model(&u).Update("last_login_at", now).Error; err != nil {
			return err
		}
		var err error
		sess, err = s.openSession(tx, &u, newFamilyID(), c)
		if err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "auth.login", Entity: "user", EntityID: u.ID})
	})
	if err != nil {
		return Session{}, model.TranslateDBError(err, "session")
	}
	return sess, nil
}

// openSession stores a new refresh token of the family and signs an access
// token.
func (s *Auth) openSession(tx *gorm.DB, u *model.User, family string, c Client) (Session, error) {
	raw, hash, err := newOpaqueToken()
	if err != nil {
		return Session{}, err
	}
	rt := model.RefreshToken{
		UserID: u.ID, FamilyID: family, TokenHash: hash, TokenVersion: u.TokenVersion,
		ExpiresAt: s.clock().Add(s.refreshTTL), IP: truncate(c.IP, 64), UserAgent: truncate(c.UserAgent, 255),
	}
	if err := tx.Create(&rt).Error; err != nil {
		return Session{}, err
	}
	access, exp, err := s.signer.Issue(u.ID, u.TokenVersion)
	if err != nil {
		return Session{}, err
	}
	return Session{
		AccessToken: access, RefreshToken: raw, TokenType: "Bearer",
		ExpiresIn: int(exp.Sub(s.clock()).Seconds()),
		User:      viewUser(u, s.authz.RolesOf(u.ID)),
	}, nil
}

var errRefresh = model.Errorf(model.CodeUnauthenticated, "invalid or expired refresh token; please sign in again")

// Refresh exchanges a refresh token for a new pair; the old one dies.
// Presenting a token that was already used revokes its whole family (the
// token was stolen or replayed). Anyone may call it.
// Errors: unauthenticated.
func (s *Auth) Refresh(ctx context.Context, raw string, c Client) (Session, error) {
	db := s.db.WithContext(ctx)
	var rt model.RefreshToken
	if err := db.Where("token_hash = ?", hashToken(raw)).Take(&rt).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Session{}, errRefresh
		}
		return Session{}, model.Internal(err)
	}
	if rt.UsedAt != nil || rt.RevokedAt != nil {
		if err := s.revokeFamily(ctx, rt, "auth.refresh_reuse", c); err != nil {
			return Session{}, err
		}
		return Session{}, errRefresh
	}
	now := s.clock()
	if now.After(rt.ExpiresAt) {
		return Session{}, errRefresh
	}
	var u model.User
	if err := db.Take(&u, rt.UserID).Error; err != nil {
		return Session{}, model.TranslateDBError(err, "user")
	}
	if u.Status != model.UserActive || u.TokenVersion != rt.TokenVersion {
		return Session{}, errRefresh
	}
	var sess Session
	reused := false
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		res := tx.Model(&model.RefreshToken{}).Where("id = ? AND used_at IS NULL AND revoked_at IS NULL", rt.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			reused = true // a concurrent request used it first
			return nil
		}
		var err error
		if sess, err = s.openSession(tx, &u, rt.FamilyID, c); err != nil {
			return err
		}
		actor := Actor{UserID: u.ID, Username: u.Username, RequestID: c.RequestID, IP: c.IP}
		return s.audit.Record(tx, actor, AuditEntry{Action: "auth.refresh", Entity: "user", EntityID: u.ID})
	})
	if err != nil {
		return Session{}, model.TranslateDBError(err, "session")
	}
	if reused {
		if err := s.revokeFamily(ctx, rt, "auth.refresh_reuse", c); err != nil {
			return Session{}, err
		}
		return Session{}, errRefresh
	}
	return sess, nil
}

func (s *Auth) revokeFamily(ctx context.Context, rt model.RefreshToken, action string, c Client) error {
	now := s.clock()
	actor := Actor{UserID: rt.UserID, RequestID: c.RequestID, IP: c.IP}
	var u model.User
	if err := s.db.WithContext(ctx).Select("id", "username").Take(&u, rt.UserID).Error; err == nil {
		actor.Username = u.Username
	}
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		res := tx.Model(&model.RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", rt.FamilyID).Update("revoked_at", now)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: action, Entity: "user", EntityID: rt.UserID, After: map[string]any{"family": rt.FamilyID, "revoked": res.RowsAffected}})
	})
	return model.TranslateDBError(err, "session")
}

// Logout revokes the refresh-token family of raw if it belongs to the
// actor. Unknown tokens are ignored (logging out twice is fine).
// Callers: any signed-in user.
func (s *Auth) Logout(ctx context.Context, actor Actor, raw string) error {
	var rt model.RefreshToken
	err := s.db.WithContext(ctx).Where("token_hash = ? AND user_id = ?", hashToken(raw), actor.UserID).Take(&rt).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return model.Internal(err)
	}
	return s.revokeFamily(ctx, rt, "auth.logout", Client{IP: actor.IP, RequestID: actor.RequestID})
}

// Authenticate turns an access token into the Actor of a request. It reads
// the user's current status and token version, so a disabled user or one
// whose role was removed is refused on the very next request.
// Errors: unauthenticated.
func (s *Auth) Authenticate(ctx context.Context, token string, c Client) (Actor, error) {
	id, ver, err := s.signer.Verify(token)
	if err != nil {
		return Actor{}, err
	}
	var u model.User
	err = s.db.WithContext(ctx).Select("id", "username", "status", "token_version", "college_id").Take(&u, id).Error
	if err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Actor{}, model.Errorf(model.CodeUnauthenticated, "invalid access token")
		}
		return Actor{}, model.Internal(err)
	}
	if u.Status != model.UserActive || u.TokenVersion != ver {
		return Actor{}, model.Errorf(model.CodeUnauthenticated, "access token revoked; please sign in again")
	}
	return Actor{UserID: u.ID, Username: u.Username, CollegeID: u.CollegeID, Roles: s.authz.RolesOf(u.ID), RequestID: c.RequestID, IP: c.IP}, nil
}

// Allowed reports whether the actor may call the route (template, method).
func (s *Auth) Allowed(actor Actor, path, method string) bool {
	return s.authz.Allowed(actor, path, method)
}

// RegistrationOptions tells the sign-up page whether it is open and which
// colleges to offer.
type RegistrationOptions struct {
	Enabled  bool          `json:"enabled"`
	Colleges []CollegeName `json:"colleges"`
}

// CollegeName is a college's id and name.
type CollegeName struct {
	ID   uint   `json:"id"`
	Name string `json:"name"`
}

// RegistrationOptions answers the public sign-up page.
func (s *Auth) RegistrationOptions(ctx context.Context) (RegistrationOptions, error) {
	out := RegistrationOptions{Enabled: s.allowRegistration, Colleges: []CollegeName{}}
	if !s.allowRegistration {
		return out, nil
	}
	err := s.db.WithContext(ctx).Model(&model.College{}).Select("id", "name").Order("id").Find(&out.Colleges).Error
	return out, model.TranslateDBError(err, "college")
}

// Registration is a student's self-registration.
type Registration struct {
	Username       string
	Password       string
	Name           string
	CollegeID      uint
	StudentNo      string
	Major          string
	GraduationYear int
	Email          string
	Phone          string
}

// Register creates an active student account with the student role.
// Anyone may call it while registration is switched on.
// Errors: forbidden (switched off), invalid (also a taken username),
// rate_limited.
func (s *Auth) Register(ctx context.Context, r Registration, c Client) (UserView, error) {
	if !s.allowRegistration {
		return UserView{}, model.Errorf(model.CodeForbidden, "self-registration is switched off")
	}
	if fe := checkPassword("password", r.Password, r.Username); fe != nil {
		return UserView{}, model.Invalid("invalid registration", *fe)
	}
	hash, err := s.hasher.Hash(ctx, r.Password)
	if err != nil {
		return UserView{}, err
	}
	college := r.CollegeID
	year := r.GraduationYear
	u := model.User{
		Username: strings.TrimSpace(r.Username), PasswordHash: hash, Name: strings.TrimSpace(r.Name),
		Email: r.Email, Phone: r.Phone, Status: model.UserActive, TokenVersion: 1, CollegeID: &college,
		StudentNo: r.StudentNo, Major: r.Major, GraduationYear: &year, Expertise: []string{}, Version: 1,
	}
	roles := []RoleBinding{{Role: model.RoleStudent, Domain: model.DomainAll}}
	actor := Actor{Username: u.Username, RequestID: c.RequestID, IP: c.IP}
	err = model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := requireCollege(tx, college, "college_id"); err != nil {
			return err
		}
		if err := createUser(tx, &u); err != nil {
			return err
		}
		if err := writeBindings(tx, u.ID, roles); err != nil {
			return err
		}
		actor.UserID = u.ID
		return s.audit.Record(tx, actor, AuditEntry{Action: "user.registered", Entity: "user", EntityID: u.ID, After: viewUser(&u, roles)})
	})
	if err != nil {
		return UserView{}, model.TranslateDBError(err, "user")
	}
	if err := s.authz.Reload(); err != nil {
		return UserView{}, model.Internal(err)
	}
	return viewUser(&u, roles), nil
}
