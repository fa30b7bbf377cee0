package model

import "time"

// Project stages.
const (
	StageIdea      = "idea"
	StagePrototype = "prototype"
	StageCompany   = "company"
)

// Project member roles.
const (
	MemberLeader = "leader"
	MemberMember = "member"
)

// IP record kinds and statuses.
const (
	IPInventionPatent   = "invention_patent"
	IPUtilityModel      = "utility_model"
	IPDesignPatent      = "design_patent"
	IPSoftwareCopyright = "software_copyright"
	IPTrademark         = "trademark"
	IPApplied           = "applied"
	IPGranted           = "granted"
)

// Project is a student startup team (团队) from one college, possibly with
// a registered company.
type Project struct {
	ID          uint   `gorm:"primaryKey"`
	Name        string `gorm:"size:100;not null;index"`
	Field       string `gorm:"size:50;not null;default:''"`
	CollegeID   uint   `gorm:"not null;index"`
	Stage       string `gorm:"size:20;not null"`
	Description string `gorm:"type:text"`
	// Registered company (stage company).
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
}

// ProjectMember is a student in a team; exactly one is the leader.
type ProjectMember struct {
	ID        uint   `gorm:"primaryKey"`
	ProjectID uint   `gorm:"not null;uniqueIndex:idx_member"`
	UserID    uint   `gorm:"not null;uniqueIndex:idx_member;index"`
	Role      string `gorm:"size:10;not null"`
	CreatedAt time.Time
}

// Advisor is a teacher (指导老师) of a team, a platform user or external.
type Advisor struct {
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
}

// IPRecord is a patent, copyright or trademark of a project.
type IPRecord struct {
	ID        uint   `gorm:"primaryKey"`
	ProjectID uint   `gorm:"not null;index"`
	Kind      string `gorm:"size:30;not null"`
	Title     string `gorm:"size:200;not null"`
	Number    string `gorm:"size:64;not null;default:''"`
	Status    string `gorm:"size:10;not null"`
	AppliedOn *Date
	GrantedOn *Date
	CreatedAt time.Time
}

// FundingEvent is money a project raised (amount in fen).
type FundingEvent struct {
	ID        uint   `gorm:"primaryKey"`
	ProjectID uint   `gorm:"not null;index"`
	On        Date   `gorm:"not null"`
	Round     string `gorm:"size:30;not null;default:''"`
	Investor  string `gorm:"size:100;not null;default:''"`
	AmountFen int64  `gorm:"not null"`
	CreatedAt time.Time
}
