package service

import (
	"gorm.io/gorm"
)

// Spaces manages bases, zones, rooms and workstations. Base managers act
// only inside their own base; other bases' objects are not found.
type Spaces struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewSpaces returns the spaces service.
func NewSpaces(db *gorm.DB, audit *Auditor, clock Clock) *Spaces {
	return &Spaces{db: db, audit: audit, clock: clock}
}
