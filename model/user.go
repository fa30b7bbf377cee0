package model

import "time"

// User statuses.
const (
	UserActive   = "active"
	UserDisabled = "disabled"
)

// User is a person who signs in: admin, base manager, judge, student,
// policy officer or college viewer. Roles are Casbin grouping rules, not
// columns. Profile fields for students and judges live here too.
type User struct {
	ID           uint   `gorm:"primaryKey"`
	Username     string `gorm:"size:64;not null;uniqueIndex"`
	PasswordHash string `gorm:"size:255;not null"`
	Name         string `gorm:"size:64;not null"`
	Email        string `gorm:"size:128;not null;default:''"`
	Phone        string `gorm:"size:32;not null;default:''"`
	Status       string `gorm:"size:16;not null;index"`
	// TokenVersion invalidates every token of the user when it changes
	// (disabled, password changed, a role removed).
	TokenVersion int   `gorm:"not null;default:1"`
	CollegeID    *uint `gorm:"index"`
	// Student profile.
	StudentNo      string `gorm:"size:32;not null;default:''"`
	Major          string `gorm:"size:64;not null;default:''"`
	GraduationYear *int
	// Judge profile.
	Title       string   `gorm:"size:64;not null;default:''"`
	Expertise   []string `gorm:"serializer:json;type:text"`
	LastLoginAt *time.Time
	Version     int `gorm:"not null;default:1"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// College is a school whose students, advisors and judges use the platform.
type College struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Name      string    `gorm:"size:100;not null;uniqueIndex" json:"name"`
	ShortName string    `gorm:"size:50;not null;default:''" json:"short_name"`
	Code      string    `gorm:"size:20;not null;default:''" json:"code"`
	City      string    `gorm:"size:50;not null;default:''" json:"city"`
	Version   int       `gorm:"not null;default:1" json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// RefreshToken is an opaque refresh token, stored only as its SHA-256.
// Tokens of one login form a family (chain); each use rotates the token, and
// presenting a used token again revokes the whole family.
type RefreshToken struct {
	ID           uint   `gorm:"primaryKey"`
	UserID       uint   `gorm:"not null;index"`
	FamilyID     string `gorm:"size:36;not null;index"`
	TokenHash    string `gorm:"size:64;not null;uniqueIndex"`
	TokenVersion int    `gorm:"not null"`
	ExpiresAt    time.Time
	UsedAt       *time.Time
	RevokedAt    *time.Time
	IP           string `gorm:"size:64;not null;default:''"`
	UserAgent    string `gorm:"size:255;not null;default:''"`
	CreatedAt    time.Time
}

// CasbinRule is a Casbin policy ("p": role, domain, route, method) or
// grouping ("g": user, role, domain) row, in the gorm-adapter's layout.
type CasbinRule struct {
	ID    uint   `gorm:"primaryKey;autoIncrement"`
	Ptype string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V0    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V1    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V2    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V3    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V4    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
	V5    string `gorm:"size:100;uniqueIndex:idx_casbin_rule"`
}

// TableName is the gorm-adapter's table name.
func (CasbinRule) TableName() string { return "casbin_rule" }
