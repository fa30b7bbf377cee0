package model

import "time"

// Residency application statuses.
const (
	AppDraft     = "draft"
	AppSubmitted = "submitted"
	AppReviewing = "reviewing"
	AppApproved  = "approved"
	AppRejected  = "rejected"
	AppReturned  = "returned"
	AppAdmitted  = "admitted"
)

// Residency statuses.
const (
	ResidencyActive    = "active"
	ResidencyGraduated = "graduated"
	ResidencyExited    = "exited"
	ResidencyRemoved   = "removed"
)

// Report cadences.
const (
	CadenceMonthly   = "monthly"
	CadenceQuarterly = "quarterly"
)

// ResidencyApplication is a team's application (入驻申请) to a base.
type ResidencyApplication struct {
	ID                    uint `gorm:"primaryKey"`
	ProjectID             uint `gorm:"not null;index"`
	BaseID                uint `gorm:"not null;index"`
	RequestedZoneID       *uint
	RequestedWorkstations int    `gorm:"not null;default:1"`
	Plan                  string `gorm:"type:text"`
	Status                string `gorm:"size:20;not null;index"`
	SubmittedAt           *time.Time
	DecidedAt             *time.Time
	DecisionNote          string `gorm:"type:text"`
	CreatedBy             uint   `gorm:"not null"`
	Version               int    `gorm:"not null;default:1"`
	CreatedAt             time.Time
	UpdatedAt             time.Time
}

// ApplicationReview is one reviewer's score (0–100) of an application.
type ApplicationReview struct {
	ID            uint   `gorm:"primaryKey"`
	ApplicationID uint   `gorm:"not null;uniqueIndex:idx_app_reviewer"`
	ReviewerID    uint   `gorm:"not null;uniqueIndex:idx_app_reviewer"`
	Score         int    `gorm:"not null"`
	Comment       string `gorm:"type:text"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Residency is an admitted team in a base, with its agreement.
type Residency struct {
	ID            uint   `gorm:"primaryKey"`
	ProjectID     uint   `gorm:"not null;index"`
	BaseID        uint   `gorm:"not null;index"`
	ApplicationID uint   `gorm:"not null;uniqueIndex"`
	Status        string `gorm:"size:20;not null;index"`
	StartOn       Date   `gorm:"not null"`
	EndOn         Date   `gorm:"not null"`
	ReportCadence string `gorm:"size:10;not null"`
	// Fee waivers valued in fen.
	FreeRentFen       int64  `gorm:"not null;default:0"`
	PropertyWaiverFen int64  `gorm:"not null;default:0"`
	ExitReason        string `gorm:"type:text"`
	ExitedOn          *Date
	Version           int `gorm:"not null;default:1"`
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// WorkstationAllocation records which desk a residency held and when.
type WorkstationAllocation struct {
	ID            uint `gorm:"primaryKey"`
	ResidencyID   uint `gorm:"not null;index"`
	WorkstationID uint `gorm:"not null;index"`
	FromOn        Date `gorm:"not null"`
	ToOn          *Date
	CreatedAt     time.Time
}

// ProgressReport is a periodic report of a residency; rows are generated
// with their due dates at admission and filled in by the team.
type ProgressReport struct {
	ID             uint `gorm:"primaryKey"`
	ResidencyID    uint `gorm:"not null;uniqueIndex:idx_report_period"`
	PeriodStart    Date `gorm:"not null;uniqueIndex:idx_report_period"`
	PeriodEnd      Date `gorm:"not null"`
	DueOn          Date `gorm:"not null;index"`
	SubmittedAt    *time.Time
	SubmittedBy    *uint
	RevenueFen     int64  `gorm:"not null;default:0"`
	Employees      int    `gorm:"not null;default:0"`
	GraduatesHired int    `gorm:"not null;default:0"`
	FundingFen     int64  `gorm:"not null;default:0"`
	PatentsApplied int    `gorm:"not null;default:0"`
	PatentsGranted int    `gorm:"not null;default:0"`
	Narrative      string `gorm:"type:text"`
	Version        int    `gorm:"not null;default:1"`
	CreatedAt      time.Time
	UpdatedAt      time.Time
}
