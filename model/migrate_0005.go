package model

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// Snapshot types of migration 5 (competitions, entries, attachments).

type competitionV5 struct {
	ID                   uint   `gorm:"primaryKey"`
	Name                 string `gorm:"size:150;not null"`
	Edition              int    `gorm:"not null;default:1"`
	Year                 int    `gorm:"not null;index"`
	Organiser            string `gorm:"size:150;not null;default:''"`
	BaseID               *uint  `gorm:"index"`
	Description          string `gorm:"type:text"`
	RegistrationOpensAt  time.Time
	RegistrationClosesAt time.Time
	Status               string `gorm:"size:30;not null;index"`
	MinTeamSize          int    `gorm:"not null;default:3"`
	MaxTeamSize          int    `gorm:"not null;default:15"`
	MaxAdvisors          int    `gorm:"not null;default:3"`
	CreatedBy            uint   `gorm:"not null"`
	Version              int    `gorm:"not null;default:1"`
	CreatedAt            time.Time
	UpdatedAt            time.Time
	Base                 *baseV3 `gorm:"foreignKey:BaseID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Creator              *userV1 `gorm:"foreignKey:CreatedBy;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (competitionV5) TableName() string { return "competitions" }

type trackV5 struct {
	ID            uint   `gorm:"primaryKey"`
	CompetitionID uint   `gorm:"not null;uniqueIndex:idx_track_name"`
	Name          string `gorm:"size:100;not null;uniqueIndex:idx_track_name"`
	Description   string `gorm:"type:text"`
	SortOrder     int    `gorm:"not null;default:0"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Competition   *competitionV5 `gorm:"foreignKey:CompetitionID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (trackV5) TableName() string { return "tracks" }

type roundV5 struct {
	ID                uint   `gorm:"primaryKey"`
	CompetitionID     uint   `gorm:"not null;uniqueIndex:idx_round_order"`
	SortOrder         int    `gorm:"not null;uniqueIndex:idx_round_order"`
	Name              string `gorm:"size:100;not null"`
	Kind              string `gorm:"size:20;not null"`
	ScoringOpensAt    *time.Time
	ScoringClosesAt   *time.Time
	JudgesPerEntry    int    `gorm:"not null;default:5"`
	Aggregation       string `gorm:"size:10;not null;default:'mean'"`
	Blind             bool   `gorm:"not null;default:false"`
	AdvanceTopN       int    `gorm:"not null;default:0"`
	AdvanceCollegeCap int    `gorm:"not null;default:0"`
	AdvanceMinScore   *int
	Status            string `gorm:"size:20;not null;default:'pending'"`
	Version           int    `gorm:"not null;default:1"`
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Competition       *competitionV5 `gorm:"foreignKey:CompetitionID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (roundV5) TableName() string { return "rounds" }

type roundJudgeV5 struct {
	ID        uint `gorm:"primaryKey"`
	RoundID   uint `gorm:"not null;uniqueIndex:idx_round_judge"`
	UserID    uint `gorm:"not null;uniqueIndex:idx_round_judge;index"`
	CreatedAt time.Time
	Round     *roundV5 `gorm:"foreignKey:RoundID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	User      *userV1  `gorm:"foreignKey:UserID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (roundJudgeV5) TableName() string { return "round_judges" }

type entryV5 struct {
	ID                 uint   `gorm:"primaryKey"`
	CompetitionID      uint   `gorm:"not null;uniqueIndex:idx_entry_project;index:idx_entry_comp_status"`
	ProjectID          uint   `gorm:"not null;uniqueIndex:idx_entry_project"`
	TrackID            uint   `gorm:"not null;index"`
	CollegeID          uint   `gorm:"not null;index"`
	Title              string `gorm:"size:150;not null"`
	Summary            string `gorm:"type:text"`
	Status             string `gorm:"size:20;not null;index:idx_entry_comp_status"`
	StatusReason       string `gorm:"type:text"`
	SubmittedAt        *time.Time
	DeadlineExtendedTo *time.Time
	CreatedBy          uint `gorm:"not null"`
	Version            int  `gorm:"not null;default:1"`
	CreatedAt          time.Time
	UpdatedAt          time.Time
	Competition        *competitionV5 `gorm:"foreignKey:CompetitionID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Project            *projectV3     `gorm:"foreignKey:ProjectID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Track              *trackV5       `gorm:"foreignKey:TrackID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	College            *collegeV1     `gorm:"foreignKey:CollegeID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (entryV5) TableName() string { return "entries" }

type entryMemberV5 struct {
	ID      uint     `gorm:"primaryKey"`
	EntryID uint     `gorm:"not null;uniqueIndex:idx_entry_member"`
	UserID  uint     `gorm:"not null;uniqueIndex:idx_entry_member;index"`
	Role    string   `gorm:"size:10;not null"`
	Entry   *entryV5 `gorm:"foreignKey:EntryID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	User    *userV1  `gorm:"foreignKey:UserID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (entryMemberV5) TableName() string { return "entry_members" }

type entryAdvisorV5 struct {
	ID           uint     `gorm:"primaryKey"`
	EntryID      uint     `gorm:"not null;index"`
	UserID       *uint    `gorm:"index"`
	Name         string   `gorm:"size:64;not null"`
	Organization string   `gorm:"size:100;not null;default:''"`
	Title        string   `gorm:"size:64;not null;default:''"`
	Entry        *entryV5 `gorm:"foreignKey:EntryID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	User         *userV1  `gorm:"foreignKey:UserID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (entryAdvisorV5) TableName() string { return "entry_advisors" }

type attachmentV5 struct {
	ID          uint   `gorm:"primaryKey"`
	EntryID     uint   `gorm:"not null;uniqueIndex:idx_attachment_version"`
	Kind        string `gorm:"size:20;not null;uniqueIndex:idx_attachment_version"`
	Version     int    `gorm:"not null;uniqueIndex:idx_attachment_version"`
	FileName    string `gorm:"size:255;not null"`
	ContentType string `gorm:"size:100;not null"`
	SizeBytes   int64  `gorm:"not null"`
	SHA256      string `gorm:"size:64;not null"`
	StorageKey  string `gorm:"size:200;not null;uniqueIndex"`
	UploadedBy  uint   `gorm:"not null"`
	CreatedAt   time.Time
	Entry       *entryV5 `gorm:"foreignKey:EntryID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Uploader    *userV1  `gorm:"foreignKey:UploadedBy;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (attachmentV5) TableName() string { return "attachments" }

func migrateCompetitionSchema() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "202611220005_competitions",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(&competitionV5{}, &trackV5{}, &roundV5{}, &roundJudgeV5{}, &entryV5{}, &entryMemberV5{}, &entryAdvisorV5{}, &attachmentV5{}); err != nil {
				return fmt.Errorf("create tables: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable("attachments", "entry_advisors", "entry_members", "entries", "round_judges", "rounds", "tracks", "competitions")
		},
	}
}

func migrateCompetitionPolicies() *gormigrate.Migration {
	all := append(append([][4]string{}, competitionPolicies...), entryPolicies...)
	return &gormigrate.Migration{
		ID:       "202611220006_competition_policies",
		Migrate:  func(tx *gorm.DB) error { return insertPolicies(tx, all) },
		Rollback: func(tx *gorm.DB) error { return deletePolicies(tx, all) },
	}
}
