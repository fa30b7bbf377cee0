package service

import "gorm.io/gorm"

// Competitions manages competitions, their tracks, rounds and judge pools.
type Competitions struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewCompetitions returns the competitions service.
func NewCompetitions(db *gorm.DB, audit *Auditor, clock Clock) *Competitions {
	return &Competitions{db: db, audit: audit, clock: clock}
}
