package service

import (
	"gorm.io/gorm"

	"incubator/model/blob"
)

// UploadLimits are the largest accepted materials, by kind, in bytes.
type UploadLimits struct {
	BusinessPlan int64
	Deck         int64
	Video        int64
}

// Attachments stores entries' materials (streamed, typed by magic bytes,
// versioned, SHA-256 recorded) and serves authorized downloads.
type Attachments struct {
	db     *gorm.DB
	audit  *Auditor
	clock  Clock
	blobs  blob.Store
	limits UploadLimits
}

// NewAttachments returns the attachments service.
func NewAttachments(db *gorm.DB, audit *Auditor, clock Clock, blobs blob.Store, limits UploadLimits) *Attachments {
	return &Attachments{db: db, audit: audit, clock: clock, blobs: blobs, limits: limits}
}
