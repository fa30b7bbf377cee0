package model

import "time"

// Base kinds.
const (
	BaseHeadquarters = "headquarters"
	BaseCampus       = "campus"
)

// Zone kinds: the five functional zones of a campus base (功能分区) or a
// custom one.
const (
	ZoneMakerIncubation  = "maker_incubation"  // 创客孵化区
	ZoneTraining         = "training"          // 创业培训区
	ZoneRoadshow         = "roadshow"          // 路演中心
	ZoneTalent           = "talent"            // 人才基地
	ZoneSchoolEnterprise = "school_enterprise" // 校企合作区
	ZoneCustom           = "custom"
)

// Space types of a zone, for the Torch statistics.
const (
	SpaceIncubatee     = "incubatee"
	SpacePublicService = "public_service"
	SpaceOffice        = "office"
)

// Workstation statuses.
const (
	WorkstationFree         = "free"
	WorkstationOccupied     = "occupied"
	WorkstationReserved     = "reserved"
	WorkstationOutOfService = "out_of_service"
)

// Base is the headquarters or a campus base (校内基地) in a college.
// Its managers hold base_manager in the Casbin domain "base:<id>".
type Base struct {
	ID            uint   `gorm:"primaryKey"`
	Name          string `gorm:"size:100;not null;uniqueIndex"`
	Kind          string `gorm:"size:20;not null"`
	HostCollegeID *uint  `gorm:"index"`
	Address       string `gorm:"size:200;not null;default:''"`
	// AreaM2 is the total floor area in whole square metres.
	AreaM2      int    `gorm:"not null;default:0"`
	Description string `gorm:"type:text"`
	Version     int    `gorm:"not null;default:1"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Zone is a functional area of a base.
type Zone struct {
	ID        uint   `gorm:"primaryKey"`
	BaseID    uint   `gorm:"not null;index;uniqueIndex:idx_zone_name"`
	Name      string `gorm:"size:100;not null;uniqueIndex:idx_zone_name"`
	Kind      string `gorm:"size:30;not null"`
	SpaceType string `gorm:"size:20;not null"`
	AreaM2    int    `gorm:"not null;default:0"`
	Version   int    `gorm:"not null;default:1"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Room is a room of a zone; bookable rooms host events.
type Room struct {
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
}

// Workstation (工位) is a desk given to a resident team. While occupied,
// ResidencyID names the holder; taking one is a conditional update on its
// status, so two admissions never get the same desk.
type Workstation struct {
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
}
