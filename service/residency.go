package service

import (
	"gorm.io/gorm"
)

// ResidencyOptions are the incubation terms.
type ResidencyOptions struct {
	MaxTermMonths int
	WarnDays      int
}

// Residency runs residency applications, admissions, residencies and
// progress reports.
type Residency struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
	opt   ResidencyOptions
}

// NewResidency returns the residency service.
func NewResidency(db *gorm.DB, audit *Auditor, clock Clock, opt ResidencyOptions) *Residency {
	if opt.MaxTermMonths == 0 {
		opt.MaxTermMonths = 48
	}
	if opt.WarnDays == 0 {
		opt.WarnDays = 30
	}
	return &Residency{db: db, audit: audit, clock: clock, opt: opt}
}
