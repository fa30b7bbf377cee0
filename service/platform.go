package service

import (
	"context"
	"time"

	"gorm.io/gorm"

	"incubator/model/blob"
)

// Options are the settings the services need, mapped from config by main.
type Options struct {
	Clock             Clock
	RBACModel         string
	JWTSecret         []byte
	JWTIssuer         string
	JWTAudience       string
	AccessTTL         time.Duration
	RefreshTTL        time.Duration
	AllowRegistration bool

	Argon2MemoryKiB     uint32
	Argon2Time          uint32
	MaxConcurrentHashes int
	HashWait            time.Duration

	MaxFailuresPerAccount int
	MaxFailuresPerIP      int
	FailureWindow         time.Duration
	LockoutFor            time.Duration

	// Residency terms (see config.Residency).
	ResidencyMaxTermMonths int
	ResidencyWarnDays      int

	// Blobs stores uploaded materials; Upload* limit them by kind.
	Blobs            blob.Store
	UploadPlanBytes  int64
	UploadDeckBytes  int64
	UploadVideoBytes int64
}

// Services is every use-case service, built over one database.
type Services struct {
	DB           *gorm.DB
	Authz        *Authorizer
	Audit        *Auditor
	Hasher       *Hasher
	Auth         *Auth
	Users        *Users
	Colleges     *Colleges
	RBAC         *RBAC
	Spaces       *Spaces
	Projects     *Projects
	Residency    *Residency
	Competitions *Competitions
	Entries      *Entries
	Attachments  *Attachments
	Blobs        blob.Store
	Clock        Clock
}

// New builds the services. The database must be migrated.
func New(db *gorm.DB, o Options) (*Services, error) {
	clock := o.Clock
	if clock == nil {
		clock = func() time.Time { return time.Now().UTC() }
	}
	authz, err := NewAuthorizer(db, o.RBACModel)
	if err != nil {
		return nil, err
	}
	audit := NewAuditor(db, clock)
	hasher := NewHasher(o.Argon2MemoryKiB, o.Argon2Time, o.MaxConcurrentHashes, o.HashWait)
	signer := NewTokenSigner(o.JWTSecret, o.JWTIssuer, o.JWTAudience, o.AccessTTL, clock)
	throttle := NewLoginThrottle(clock, o.MaxFailuresPerAccount, o.MaxFailuresPerIP, o.FailureWindow, o.LockoutFor)
	return &Services{
		DB: db, Authz: authz, Audit: audit, Hasher: hasher,
		Auth:         NewAuth(db, authz, audit, hasher, signer, throttle, clock, AuthOptions{RefreshTTL: o.RefreshTTL, AllowRegistration: o.AllowRegistration}),
		Users:        NewUsers(db, authz, audit, hasher, clock),
		Colleges:     NewColleges(db, audit, clock),
		RBAC:         NewRBAC(db, authz, audit),
		Spaces:       NewSpaces(db, audit, clock),
		Projects:     NewProjects(db, audit, clock),
		Residency:    NewResidency(db, audit, clock, ResidencyOptions{MaxTermMonths: o.ResidencyMaxTermMonths, WarnDays: o.ResidencyWarnDays}),
		Competitions: NewCompetitions(db, audit, clock),
		Entries:      NewEntries(db, audit, clock),
		Attachments: NewAttachments(db, audit, clock, o.Blobs, UploadLimits{
			BusinessPlan: o.UploadPlanBytes, Deck: o.UploadDeckBytes, Video: o.UploadVideoBytes,
		}),
		Blobs: o.Blobs,
		Clock: clock,
	}, nil
}

// SeedDemo seeds demo data into an empty database (see SeedDemo).
func (s *Services) SeedDemo(ctx context.Context) (bool, error) {
	return SeedDemo(ctx, s.DB, s.Authz, s.Audit, s.Hasher, s.Clock, s.Blobs)
}
