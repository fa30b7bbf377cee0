package service

import (
	"gorm.io/gorm"
)

// Projects manages student teams: members, advisors, company, IP and
// funding. Students see and edit only their own teams.
type Projects struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewProjects returns the projects service.
func NewProjects(db *gorm.DB, audit *Auditor, clock Clock) *Projects {
	return &Projects{db: db, audit: audit, clock: clock}
}
