package service

import "gorm.io/gorm"

// Entries manages competition entries: registration, the entry rules,
// submission before the server-side deadline, qualification and export.
type Entries struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewEntries returns the entries service.
func NewEntries(db *gorm.DB, audit *Auditor, clock Clock) *Entries {
	return &Entries{db: db, audit: audit, clock: clock}
}
