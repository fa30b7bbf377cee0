package model

import (
	"context"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migrations is the one ordered list of schema changes, run alike on SQLite
// and MySQL. Never edit a released migration: append a new one. Each
// migration uses snapshot types of its own so later model changes do not
// change what an old migration does.
func migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		migrateInit(),
		migrateFoundationPolicies(),
		migrateResidencySchema(),
		migrateResidencyPolicies(),
		migrateCompetitionSchema(),
		migrateCompetitionPolicies(),
	}
}

// Migrate brings the schema up to date.
func Migrate(ctx context.Context, db *gorm.DB) error {
	m := gormigrate.New(db.WithContext(ctx), &gormigrate.Options{
		TableName:      "migrations",
		IDColumnName:   "id",
		IDColumnSize:   191,
		UseTransaction: false, // MySQL DDL commits implicitly; each step is idempotent instead
	}, migrations())
	if err := m.Migrate(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// MigrationsDone reports whether every known migration has been applied.
func MigrationsDone(ctx context.Context, db *gorm.DB) (bool, error) {
	list := migrations()
	last := list[len(list)-1].ID
	if !db.WithContext(ctx).Migrator().HasTable("migrations") {
		return false, nil
	}
	var n int64
	if err := db.WithContext(ctx).Table("migrations").Where("id = ?", last).Count(&n).Error; err != nil {
		return false, err
	}
	return n == 1, nil
}

// Snapshot types of the first migration.
type collegeV1 struct {
	ID        uint   `gorm:"primaryKey"`
	Name      string `gorm:"size:100;not null;uniqueIndex"`
	ShortName string `gorm:"size:50;not null;default:''"`
	Code      string `gorm:"size:20;not null;default:''"`
	City      string `gorm:"size:50;not null;default:''"`
	Version   int    `gorm:"not null;default:1"`
	CreatedAt time.Time
	UpdatedAt time.Time
}
type userV1 struct {
	ID             uint       `gorm:"primaryKey"`
	Username       string     `gorm:"size:64;not null;uniqueIndex"`
	PasswordHash   string     `gorm:"size:255;not null"`
	Name           string     `gorm:"size:64;not null"`
	Email          string     `gorm:"size:128;not null;default:''"`
	Phone          string     `gorm:"size:32;not null;default:''"`
	Status         string     `gorm:"size:16;not null;index"`
	TokenVersion   int        `gorm:"not null;default:1"`
	CollegeID      *uint      `gorm:"index"`
	College        *collegeV1 `gorm:"constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	StudentNo      string     `gorm:"size:32;not null;default:''"`
	Major          string     `gorm:"size:64;not null;default:''"`
	GraduationYear *int
	Title          string `gorm:"size:64;not null;default:''"`
	Expertise      string `gorm:"type:text"`
	LastLoginAt    *time.Time
	Version        int `gorm:"not null;default:1"`
	CreatedAt      time.Time
	UpdatedAt      time.Time
}
type refreshTokenV1 struct {
	ID           uint    `gorm:"primaryKey"`
	UserID       uint    `gorm:"not null;index"`
	User         *userV1 `gorm:"constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	FamilyID     string  `gorm:"size:36;not null;index"`
	TokenHash    string  `gorm:"size:64;not null;uniqueIndex"`
	TokenVersion int     `gorm:"not null"`
	ExpiresAt    time.Time
	UsedAt       *time.Time
	RevokedAt    *time.Time
	IP           string `gorm:"size:64;not null;default:''"`
	UserAgent    string `gorm:"size:255;not null;default:''"`
	CreatedAt    time.Time
}
type casbinRuleV1 struct {
	ID    uint   `gorm:"primaryKey;autoIncrement"`
	Ptype string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V0    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V1    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V2    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V3    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V4    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V5    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
}
type auditLogV1 struct {
	ID        uint      `gorm:"primaryKey"`
	Seq       int64     `gorm:"not null;uniqueIndex"`
	ActorID   *uint     `gorm:"index"`
	ActorName string    `gorm:"size:64;not null;default:''"`
	Action    string    `gorm:"size:64;not null;index"`
	Entity    string    `gorm:"size:64;not null;index:idx_audit_entity"`
	EntityID  string    `gorm:"size:64;not null;index:idx_audit_entity"`
	Before    string    `gorm:"type:text"`
	After     string    `gorm:"type:text"`
	RequestID string    `gorm:"size:64;not null;default:''"`
	IP        string    `gorm:"size:64;not null;default:''"`
	PrevHash  string    `gorm:"size:64;not null"`
	Hash      string    `gorm:"size:64;not null"`
	CreatedAt time.Time `gorm:"index"`
}
type auditHeadV1 struct {
	ID   uint   `gorm:"primaryKey;autoIncrement:false"`
	Seq  int64  `gorm:"not null"`
	Hash string `gorm:"size:64;not null"`
}

func (collegeV1) TableName() string      { return "colleges" }
func (userV1) TableName() string         { return "users" }
func (refreshTokenV1) TableName() string { return "refresh_tokens" }
func (casbinRuleV1) TableName() string   { return "casbin_rule" }
func (auditLogV1) TableName() string     { return "audit_logs" }
func (auditHeadV1) TableName() string    { return "audit_heads" }

func migrateInit() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "202611220001_init",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(&collegeV1{}, &userV1{}, &refreshTokenV1{}, &casbinRuleV1{}, &auditLogV1{}, &auditHeadV1{}); err != nil {
				return fmt.Errorf("create tables: %w", err)
			}
			return tx.Where("id = 1").FirstOrCreate(&auditHeadV1{ID: 1, Seq: 0, Hash: GenesisHash}).Error
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable("audit_heads", "audit_logs", "casbin_rule", "refresh_tokens", "users", "colleges")
		},
	}
}

// GenesisHash is the PrevHash of the first audit record.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

func migrateFoundationPolicies() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "202611220002_foundation_policies",
		Migrate: func(tx *gorm.DB) error {
			return insertPolicies(tx, foundationPolicies)
		},
		Rollback: func(tx *gorm.DB) error { return deletePolicies(tx, foundationPolicies) },
	}
}

// insertPolicies adds route permissions that are not there yet.
func insertPolicies(tx *gorm.DB, policies [][4]string) error {
	for _, p := range policies {
		rule := CasbinRule{Ptype: "p", V0: p[0], V1: p[1], V2: p[2], V3: p[3]}
		if err := tx.Where(rule).FirstOrCreate(&rule).Error; err != nil {
			return fmt.Errorf("policy %v: %w", p, err)
		}
	}
	return nil
}

func migrateResidencyPolicies() *gormigrate.Migration {
	all := append(append(append([][4]string{}, spacePolicies...), projectPolicies...), residencyPolicies...)
	return &gormigrate.Migration{
		ID:       "202611220004_residency_policies",
		Migrate:  func(tx *gorm.DB) error { return insertPolicies(tx, all) },
		Rollback: func(tx *gorm.DB) error { return deletePolicies(tx, all) },
	}
}

// deletePolicies removes route permissions (migration rollbacks).
func deletePolicies(tx *gorm.DB, policies [][4]string) error {
	for _, p := range policies {
		if err := tx.Where("ptype = 'p' AND v0 = ? AND v1 = ? AND v2 = ? AND v3 = ?", p[0], p[1], p[2], p[3]).Delete(&CasbinRule{}).Error; err != nil {
			return err
		}
	}
	return nil
}
