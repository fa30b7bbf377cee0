package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/model/blob"
	"incubator/service/filetype"
)

// UploadLimits are the largest accepted materials, by kind, in bytes.
type UploadLimits struct {
	BusinessPlan int64
	Deck         int64
	Video        int64
}

// Default upload limits, used for a limit left at zero.
const (
	DefaultUploadPlanBytes  = 20 << 20
	DefaultUploadDeckBytes  = 50 << 20
	DefaultUploadVideoBytes = 200 << 20
	// UploadOverheadBytes is what a multipart request may carry beyond
	// its file: boundaries, part headers and the kind field.
	UploadOverheadBytes = 64 << 10
)

// For returns the limit of a kind (0 for an unknown kind).
func (l UploadLimits) For(kind string) int64 {
	switch kind {
	case model.AttachmentBusinessPlan:
		return l.BusinessPlan
	case model.AttachmentDeck:
		return l.Deck
	case model.AttachmentVideo:
		return l.Video
	}
	return 0
}

// kindTypes are the file types each kind accepts (by content and extension).
var kindTypes = map[string][]filetype.Type{
	model.AttachmentBusinessPlan: {filetype.PDF},
	model.AttachmentDeck:         {filetype.PDF, filetype.PPTX},
	model.AttachmentVideo:        {filetype.MP4},
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

// NewAttachments returns the attachments service. Limits left at zero
// take the defaults (20, 50 and 200 MiB).
func NewAttachments(db *gorm.DB, audit *Auditor, clock Clock, blobs blob.Store, limits UploadLimits) *Attachments {
	for _, l := range []struct {
		v   *int64
		def int64
	}{{&limits.BusinessPlan, DefaultUploadPlanBytes}, {&limits.Deck, DefaultUploadDeckBytes}, {&limits.Video, DefaultUploadVideoBytes}} {
		if *l.v <= 0 {
			*l.v = l.def
		}
	}
	return &Attachments{db: db, audit: audit, clock: clock, blobs: blobs, limits: limits}
}

// Limits returns the upload limits by kind.
func (s *Attachments) Limits() UploadLimits { return s.limits }

// MaxRequestBytes is the largest upload request body: the largest kind's
// limit plus multipart overhead.
func (s *Attachments) MaxRequestBytes() int64 {
	return max(s.limits.BusinessPlan, s.limits.Deck, s.limits.Video) + UploadOverheadBytes
}

// AttachmentView is one version of an entry's material.
type AttachmentView struct {
	ID             uint      `json:"id"`
	EntryID        uint      `json:"entry_id"`
	Kind           string    `json:"kind"`
	Version        int       `json:"version"`
	FileName       string    `json:"file_name"`
	ContentType    string    `json:"content_type"`
	SizeBytes      int64     `json:"size_bytes"`
	SHA256         string    `json:"sha256"`
	UploadedBy     uint      `json:"uploaded_by"`
	UploadedByName string    `json:"uploaded_by_name"`
	CreatedAt      time.Time `json:"created_at"`
	DownloadURL    string    `json:"download_url"`
}

// CurrentAttachments names the newest version of each kind (nil: none).
type CurrentAttachments struct {
	BusinessPlan *uint `json:"business_plan"`
	Deck         *uint `json:"deck"`
	Video        *uint `json:"video"`
}

// of returns the field of a kind (nil for an unknown kind).
func (c *CurrentAttachments) of(kind string) **uint {
	switch kind {
	case model.AttachmentBusinessPlan:
		return &c.BusinessPlan
	case model.AttachmentDeck:
		return &c.Deck
	case model.AttachmentVideo:
		return &c.Video
	}
	return nil
}

// AttachmentList is every version of an entry's materials, newest first
// within each kind (business_plan, deck, video), and the current ones.
type AttachmentList struct {
	Items   []AttachmentView   `json:"items"`
	Total   int64              `json:"total"`
	Current CurrentAttachments `json:"current"`
}

// attachmentViews maps rows to views with their uploaders' names.
func attachmentViews(tx *gorm.DB, rows []model.Attachment) ([]AttachmentView, error) {
	ids := make([]uint, 0, len(rows))
	for _, a := range rows {
		ids = append(ids, a.UploadedBy)
	}
	var users []model.User
	if len(ids) > 0 {
		if err := tx.Select("id", "name").Where("id IN ?", ids).Find(&users).Error; err != nil {
			return nil, err
		}
	}
	names := make(map[uint]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	out := make([]AttachmentView, 0, len(rows))
	for _, a := range rows {
		out = append(out, AttachmentView{
			ID: a.ID, EntryID: a.EntryID, Kind: a.Kind, Version: a.Version, FileName: a.FileName,
			ContentType: a.ContentType, SizeBytes: a.SizeBytes, SHA256: a.SHA256,
			UploadedBy: a.UploadedBy, UploadedByName: names[a.UploadedBy], CreatedAt: a.CreatedAt,
			DownloadURL: fmt.Sprintf("/api/v1/attachments/%d/download", a.ID),
		})
	}
	return out, nil
}

// List returns every version of an entry's materials. Callers: the
// entry's team members and the competition's organisers.
// Errors: not_found (no such entry, or one the actor may not see).
func (s *Attachments) List(ctx context.Context, actor Actor, entryID uint) (AttachmentList, error) {
	db := s.db.WithContext(ctx)
	if _, err := loadEntryToRead(db, actor, entryID); err != nil {
		return AttachmentList{}, model.TranslateDBError(err, "entry")
	}
	var rows []model.Attachment
	if err := db.Where("entry_id = ?", entryID).Order("kind, version DESC").Find(&rows).Error; err != nil {
		return AttachmentList{}, model.Internal(err)
	}
	items, err := attachmentViews(db, rows)
	if err != nil {
		return AttachmentList{}, model.Internal(err)
	}
	out := AttachmentList{Items: items, Total: int64(len(items))}
	for i := range items {
		if cur := out.Current.of(items[i].Kind); cur != nil && *cur == nil {
			*cur = &items[i].ID
		}
	}
	return out, nil
}

// Download is an attachment's content with what a response needs.
type Download struct {
	FileName    string
	ContentType string
	SizeBytes   int64
	ModTime     time.Time
	// Content must be closed by the caller.
	Content io.ReadSeekCloser
}

// Open returns an attachment's content. Callers: the entry's team members
// and the competition's organisers. Errors: not_found (no such
// attachment, or one whose entry the actor may not see), internal (the
// stored file is missing).
func (s *Attachments) Open(ctx context.Context, actor Actor, id uint) (Download, error) {
	db := s.db.WithContext(ctx)
	var a model.Attachment
	if err := db.Take(&a, id).Error; err != nil {
		return Download{}, model.TranslateDBError(err, "attachment")
	}
	if _, err := loadEntryToRead(db, actor, a.EntryID); err != nil {
		if model.ErrorCode(err) == model.CodeNotFound {
			return Download{}, model.NotFound("attachment")
		}
		return Download{}, model.TranslateDBError(err, "attachment")
	}
	rc, err := s.blobs.Open(ctx, a.StorageKey)
	if err != nil {
		if errors.Is(err, blob.ErrNotFound) {
			err = fmt.Errorf("attachment %d: stored file %s is missing: %w", a.ID, a.StorageKey, err)
		}
		return Download{}, model.Internal(err)
	}
	return Download{FileName: a.FileName, ContentType: a.ContentType, SizeBytes: a.SizeBytes, ModTime: a.CreatedAt, Content: rc}, nil
}
