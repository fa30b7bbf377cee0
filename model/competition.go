package model

import "time"

// Competition statuses.
const (
	CompetitionDraft              = "draft"
	CompetitionOpen               = "open"
	CompetitionRegistrationClosed = "registration_closed"
	CompetitionFinished           = "finished"
	CompetitionResultsPublished   = "results_published"
)

// Round kinds, aggregation methods and statuses.
const (
	RoundOnlineReview = "online_review"
	RoundRoadshow     = "roadshow"

	AggregateMean    = "mean"
	AggregateTrimmed = "trimmed"
	AggregateZScore  = "zscore"

	RoundPending   = "pending"
	RoundAssigning = "assigning"
	RoundScoring   = "scoring"
	RoundClosed    = "closed"
	RoundPublished = "published"
)

// Entry statuses.
const (
	EntryDraft        = "draft"
	EntrySubmitted    = "submitted"
	EntryQualified    = "qualified"
	EntryDisqualified = "disqualified"
	EntryWithdrawn    = "withdrawn"
)

// Attachment kinds.
const (
	AttachmentBusinessPlan = "business_plan"
	AttachmentDeck         = "deck"
	AttachmentVideo        = "video"
)

// Competition is an innovation and entrepreneurship contest (创新创业大赛),
// organised zone-wide (BaseID nil: admins) or by a base (its managers).
type Competition struct {
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
}

// Track is a group of a competition (创意组, 初创组, or a field).
type Track struct {
	ID            uint   `gorm:"primaryKey"`
	CompetitionID uint   `gorm:"not null;uniqueIndex:idx_track_name"`
	Name          string `gorm:"size:100;not null;uniqueIndex:idx_track_name"`
	Description   string `gorm:"type:text"`
	SortOrder     int    `gorm:"not null;default:0"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Round is a stage of a competition (school round, final). Its
// advancement rule is stored here and applied by judging.
type Round struct {
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
	// AdvanceMinScore is a threshold in hundredths of a point (nil: none).
	AdvanceMinScore *int
	Status          string `gorm:"size:20;not null;default:'pending'"`
	Version         int    `gorm:"not null;default:1"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// RoundJudge puts a judge in a round's pool.
type RoundJudge struct {
	ID        uint `gorm:"primaryKey"`
	RoundID   uint `gorm:"not null;uniqueIndex:idx_round_judge"`
	UserID    uint `gorm:"not null;uniqueIndex:idx_round_judge;index"`
	CreatedAt time.Time
}

// Entry is a project's registration in a competition; a project enters a
// competition once.
type Entry struct {
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
}

// EntryMember is a student of an entry's team (copied from the project).
type EntryMember struct {
	ID      uint   `gorm:"primaryKey"`
	EntryID uint   `gorm:"not null;uniqueIndex:idx_entry_member"`
	UserID  uint   `gorm:"not null;uniqueIndex:idx_entry_member;index"`
	Role    string `gorm:"size:10;not null"`
}

// EntryAdvisor is an advisor named on an entry (at most MaxAdvisors).
type EntryAdvisor struct {
	ID           uint   `gorm:"primaryKey"`
	EntryID      uint   `gorm:"not null;index"`
	UserID       *uint  `gorm:"index"`
	Name         string `gorm:"size:64;not null"`
	Organization string `gorm:"size:100;not null;default:''"`
	Title        string `gorm:"size:64;not null;default:''"`
}

// Attachment is one uploaded version of an entry's material. New uploads
// add versions; old ones are kept. StorageKey is generated by the server.
type Attachment struct {
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
}
