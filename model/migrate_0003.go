package model

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// Snapshot types of migration 3 (bases, spaces, projects, residency).

type baseV3 struct {
	ID            uint   `gorm:"primaryKey"`
	Name          string `gorm:"size:100;not null;uniqueIndex"`
	Kind          string `gorm:"size:20;not null"`
	HostCollegeID *uint  `gorm:"index"`
	Address       string `gorm:"size:200;not null;default:''"`
	AreaM2        int    `gorm:"not null;default:0"`
	Description   string `gorm:"type:text"`
	Version       int    `gorm:"not null;default:1"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
	HostCollege   *collegeV1 `gorm:"foreignKey:HostCollegeID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (baseV3) TableName() string { return "bases" }

type zoneV3 struct {
	ID        uint   `gorm:"primaryKey"`
	BaseID    uint   `gorm:"not null;index;uniqueIndex:idx_zone_name"`
	Name      string `gorm:"size:100;not null;uniqueIndex:idx_zone_name"`
	Kind      string `gorm:"size:30;not null"`
	SpaceType string `gorm:"size:20;not null"`
	AreaM2    int    `gorm:"not null;default:0"`
	Version   int    `gorm:"not null;default:1"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Base      *baseV3 `gorm:"foreignKey:BaseID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (zoneV3) TableName() string { return "zones" }

type roomV3 struct {
	ID        uint   `gorm:"primaryKey"`
	BaseID    uint   `gorm:"not null;index"`
	ZoneID    uint   `gorm:"not null;index;uniqueIndex:idx_room_name"`
	Name      string `gorm:"size:100;not null;uniqueIndex:idx_room_name"`
	AreaM2    int    `gorm:"not null;default:0"`
	Capacity  int    `gorm:"not null;default:0"`
	Bookable  bool   `gorm:"not null;default:false"`
	Version   int    `gorm:"not null;default:1"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Base      *baseV3 `gorm:"foreignKey:BaseID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Zone      *zoneV3 `gorm:"foreignKey:ZoneID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (roomV3) TableName() string { return "rooms" }

type workstationV3 struct {
	ID          uint   `gorm:"primaryKey"`
	BaseID      uint   `gorm:"not null;index;uniqueIndex:idx_ws_code"`
	ZoneID      uint   `gorm:"not null;index"`
	RoomID      uint   `gorm:"not null;index"`
	Code        string `gorm:"size:30;not null;uniqueIndex:idx_ws_code"`
	Status      string `gorm:"size:20;not null;index"`
	ResidencyID *uint  `gorm:"index"`
	Version     int    `gorm:"not null;default:1"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Base        *baseV3 `gorm:"foreignKey:BaseID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Zone        *zoneV3 `gorm:"foreignKey:ZoneID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Room        *roomV3 `gorm:"foreignKey:RoomID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (workstationV3) TableName() string { return "workstations" }

type projectV3 struct {
	ID                 uint    `gorm:"primaryKey"`
	Name               string  `gorm:"size:100;not null;index"`
	Field              string  `gorm:"size:50;not null;default:''"`
	CollegeID          uint    `gorm:"not null;index"`
	Stage              string  `gorm:"size:20;not null"`
	Description        string  `gorm:"type:text"`
	CompanyName        string  `gorm:"size:150;not null;default:''"`
	CreditCode         *string `gorm:"size:18;uniqueIndex"` // 统一社会信用代码, GB 32100-2015
	RegisteredOn       *Date
	CompanyRegion      string `gorm:"size:100;not null;default:''"`
	HighTechEnterprise bool   `gorm:"not null;default:false"`
	AcquiredOrListed   bool   `gorm:"not null;default:false"`
	CreatedBy          uint   `gorm:"not null"`
	Version            int    `gorm:"not null;default:1"`
	CreatedAt          time.Time
	UpdatedAt          time.Time
	College            *collegeV1 `gorm:"foreignKey:CollegeID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (projectV3) TableName() string { return "projects" }

type projectMemberV3 struct {
	ID        uint   `gorm:"primaryKey"`
	ProjectID uint   `gorm:"not null;uniqueIndex:idx_member"`
	UserID    uint   `gorm:"not null;uniqueIndex:idx_member;index"`
	Role      string `gorm:"size:10;not null"`
	CreatedAt time.Time
	Project   *projectV3 `gorm:"foreignKey:ProjectID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	User      *userV1    `gorm:"foreignKey:UserID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (projectMemberV3) TableName() string { return "project_members" }

type advisorV3 struct {
	ID           uint   `gorm:"primaryKey"`
	ProjectID    uint   `gorm:"not null;index"`
	UserID       *uint  `gorm:"index"`
	Name         string `gorm:"size:64;not null"`
	Organization string `gorm:"size:100;not null;default:''"`
	Title        string `gorm:"size:64;not null;default:''"`
	Email        string `gorm:"size:128;not null;default:''"`
	Phone        string `gorm:"size:32;not null;default:''"`
	External     bool   `gorm:"not null;default:false"`
	CreatedAt    time.Time
	Project      *projectV3 `gorm:"foreignKey:ProjectID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	User         *userV1    `gorm:"foreignKey:UserID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (advisorV3) TableName() string { return "advisors" }

type iPRecordV3 struct {
	ID        uint   `gorm:"primaryKey"`
	ProjectID uint   `gorm:"not null;index"`
	Kind      string `gorm:"size:30;not null"`
	Title     string `gorm:"size:200;not null"`
	Number    string `gorm:"size:64;not null;default:''"`
	Status    string `gorm:"size:10;not null"`
	AppliedOn *Date
	GrantedOn *Date
	CreatedAt time.Time
	Project   *projectV3 `gorm:"foreignKey:ProjectID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (iPRecordV3) TableName() string { return "ip_records" }

type fundingEventV3 struct {
	ID        uint   `gorm:"primaryKey"`
	ProjectID uint   `gorm:"not null;index"`
	On        Date   `gorm:"not null"`
	Round     string `gorm:"size:30;not null;default:''"`
	Investor  string `gorm:"size:100;not null;default:''"`
	AmountFen int64  `gorm:"not null"`
	CreatedAt time.Time
	Project   *projectV3 `gorm:"foreignKey:ProjectID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (fundingEventV3) TableName() string { return "funding_events" }

type residencyApplicationV3 struct {
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
	Project               *projectV3 `gorm:"foreignKey:ProjectID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Base                  *baseV3    `gorm:"foreignKey:BaseID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	RequestedZone         *zoneV3    `gorm:"foreignKey:RequestedZoneID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (residencyApplicationV3) TableName() string { return "residency_applications" }

type applicationReviewV3 struct {
	ID            uint   `gorm:"primaryKey"`
	ApplicationID uint   `gorm:"not null;uniqueIndex:idx_app_reviewer"`
	ReviewerID    uint   `gorm:"not null;uniqueIndex:idx_app_reviewer"`
	Score         int    `gorm:"not null"`
	Comment       string `gorm:"type:text"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Application   *residencyApplicationV3 `gorm:"foreignKey:ApplicationID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Reviewer      *userV1                 `gorm:"foreignKey:ReviewerID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (applicationReviewV3) TableName() string { return "application_reviews" }

type residencyV3 struct {
	ID                uint   `gorm:"primaryKey"`
	ProjectID         uint   `gorm:"not null;index"`
	BaseID            uint   `gorm:"not null;index"`
	ApplicationID     uint   `gorm:"not null;uniqueIndex"`
	Status            string `gorm:"size:20;not null;index"`
	StartOn           Date   `gorm:"not null"`
	EndOn             Date   `gorm:"not null"`
	ReportCadence     string `gorm:"size:10;not null"`
	FreeRentFen       int64  `gorm:"not null;default:0"`
	PropertyWaiverFen int64  `gorm:"not null;default:0"`
	ExitReason        string `gorm:"type:text"`
	ExitedOn          *Date
	Version           int `gorm:"not null;default:1"`
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Project           *projectV3              `gorm:"foreignKey:ProjectID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Base              *baseV3                 `gorm:"foreignKey:BaseID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Application       *residencyApplicationV3 `gorm:"foreignKey:ApplicationID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (residencyV3) TableName() string { return "residencies" }

type workstationAllocationV3 struct {
	ID            uint `gorm:"primaryKey"`
	ResidencyID   uint `gorm:"not null;index"`
	WorkstationID uint `gorm:"not null;index"`
	FromOn        Date `gorm:"not null"`
	ToOn          *Date
	CreatedAt     time.Time
	Residency     *residencyV3   `gorm:"foreignKey:ResidencyID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Workstation   *workstationV3 `gorm:"foreignKey:WorkstationID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (workstationAllocationV3) TableName() string { return "workstation_allocations" }

type progressReportV3 struct {
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
	Residency      *residencyV3 `gorm:"foreignKey:ResidencyID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
}

func (progressReportV3) TableName() string { return "progress_reports" }

func migrateResidencySchema() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "202611220003_spaces_projects_residency",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(&baseV3{}, &zoneV3{}, &roomV3{}, &workstationV3{}, &projectV3{}, &projectMemberV3{}, &advisorV3{}, &iPRecordV3{}, &fundingEventV3{}, &residencyApplicationV3{}, &applicationReviewV3{}, &residencyV3{}, &workstationAllocationV3{}, &progressReportV3{}); err != nil {
				return fmt.Errorf("create tables: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable("progress_reports", "workstation_allocations", "residencies", "application_reviews", "residency_applications", "funding_events", "ip_records", "advisors", "project_members", "projects", "workstations", "rooms", "zones", "bases")
		},
	}
}
