package service

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/service/filetype"
)

// UploadForm opens the multipart/form-data body of an upload request
// (the handler passes http.Request.MultipartReader). Upload calls it only
// once the actor may upload.
type UploadForm func() (*multipart.Reader, error)

// uploadFile is the file part of an upload request, not yet read.
type uploadFile struct {
	kind string
	name string // as the client sent it
	r    io.Reader
}

// maxFormParts bounds the parts skipped before the file part.
const maxFormParts = 8

// Upload stores a new version of an entry's material. The body is
// multipart/form-data: a "kind" field (business_plan | deck | video), then
// a "file" part, which is streamed to storage (never buffered whole)
// within the kind's limit. Its content (magic bytes) and its name's
// extension must both be an accepted type of the kind: business plan PDF,
// deck PDF or PPTX, video MP4. The storage name is generated; the client's
// file name is kept, cleaned, for display only.
//
// Callers: the entry's team members while the entry is not locked (by the
// server clock), and the competition's organisers at any time.
// Errors: not_found (entry), failed_precondition (entry locked), invalid
// (kind or file missing, in the wrong order, of the wrong type or
// extension, empty, or interrupted), payload_too_large (over the kind's
// limit), conflict (concurrent uploads kept colliding), internal.
// Nothing is stored unless it succeeds.
func (s *Attachments) Upload(ctx context.Context, actor Actor, entryID uint, form UploadForm) (AttachmentView, error) {
	now := s.clock()
	if _, err := uploadAccess(s.db.WithContext(ctx), actor, entryID, now); err != nil {
		return AttachmentView{}, err
	}
	f, err := readUploadParts(form)
	if err != nil {
		return AttachmentView{}, err
	}
	row, err := s.store(ctx, entryID, f)
	if err != nil {
		return AttachmentView{}, err
	}
	row.UploadedBy = actor.UserID
	view, err := s.record(ctx, actor, now, row)
	if err != nil {
		if derr := s.blobs.Delete(context.WithoutCancel(ctx), row.StorageKey); derr != nil {
			err = errors.Join(err, derr)
		}
		return AttachmentView{}, model.TranslateDBError(err, "attachment")
	}
	return view, nil
}

// uploadAccess checks that the actor may add materials to the entry at now.
func uploadAccess(tx *gorm.DB, actor Actor, entryID uint, now time.Time) (EntryAccess, error) {
	acc, err := loadEntry(tx, actor, entryID)
	if err != nil {
		return acc, model.TranslateDBError(err, "entry")
	}
	if !acc.Manager && EntryLocked(now, acc.Competition, acc.Entry) {
		return acc, model.Errorf(model.CodeFailedPrecondition, "the entry is locked (deadline %s): materials can no longer be uploaded",
			EntryDeadline(acc.Competition, acc.Entry).UTC().Format(time.RFC3339))
	}
	return acc, nil
}

// readUploadParts reads the form up to the file part: the kind must come
// first. Other fields are skipped.
func readUploadParts(form UploadForm) (uploadFile, error) {
	mr, err := form()
	if err != nil {
		return uploadFile{}, model.Invalid("a multipart/form-data body is expected", model.Field("file", "required", "send the file as multipart/form-data"))
	}
	kind := ""
	for range maxFormParts {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return uploadFile{}, uploadFailure(partError{err})
		}
		switch p.FormName() {
		case "kind":
			b, err := io.ReadAll(io.LimitReader(p, 64))
			if err != nil {
				return uploadFile{}, uploadFailure(partError{err})
			}
			kind = strings.TrimSpace(string(b))
		case "file":
			if kind == "" {
				return uploadFile{}, model.Invalid("send the kind field before the file", model.Field("kind", "required", "send the kind (business_plan, deck or video) before the file"))
			}
			if kindTypes[kind] == nil {
				return uploadFile{}, model.Invalid("unknown kind", model.Field("kind", "oneof", "must be one of business_plan, deck, video"))
			}
			return uploadFile{kind: kind, name: partFileName(p), r: partReader{p}}, nil
		}
	}
	if kind == "" {
		return uploadFile{}, model.Invalid("kind and file are required", model.Field("kind", "required", "is required"), model.Field("file", "required", "is required"))
	}
	return uploadFile{}, model.Invalid("file is required", model.Field("file", "required", "is required"))
}

// partFileName is the filename parameter as sent (multipart's FileName
// already strips paths; CleanName does it the same on every platform).
func partFileName(p *multipart.Part) string {
	if _, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition")); err == nil {
		return params["filename"]
	}
	return p.FileName()
}

// store checks the file's type from its first bytes and name, then
// streams it to a new blob within the kind's limit. On error nothing is
// left in storage.
func (s *Attachments) store(ctx context.Context, entryID uint, f uploadFile) (model.Attachment, error) {
	limit := s.limits.For(f.kind)
	head := make([]byte, filetype.HeadSize)
	n, err := io.ReadFull(f.r, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return model.Attachment{}, uploadFailure(err)
	}
	head = head[:n]
	if n == 0 {
		return model.Attachment{}, model.Invalid("the file is empty", model.Field("file", "empty", "the file is empty"))
	}
	fallback := ""
	if sniffed := filetype.Sniff(head); allowedType(f.kind, sniffed) {
		fallback = sniffed.Ext()
	}
	name := filetype.CleanName(f.name, fallback)
	typ, err := filetype.Check(name, head, kindTypes[f.kind]...)
	if err != nil {
		return model.Attachment{}, model.Invalid(err.Error(), model.Field("file", "type", err.Error()))
	}
	if int64(n) > limit {
		return model.Attachment{}, tooLarge(f.kind, limit)
	}
	key, err := newStorageKey(entryID, typ.Ext())
	if err != nil {
		return model.Attachment{}, model.Internal(err)
	}
	src := io.LimitReader(io.MultiReader(bytes.NewReader(head), f.r), limit+1)
	size, sum, err := s.blobs.Put(ctx, key, src)
	if err == nil && size > limit {
		err = tooLarge(f.kind, limit)
	}
	if err != nil {
		if derr := s.blobs.Delete(context.WithoutCancel(ctx), key); derr != nil {
			err = errors.Join(err, derr)
		}
		if ctx.Err() != nil {
			err = partError{ctx.Err()}
		}
		return model.Attachment{}, uploadFailure(err)
	}
	return model.Attachment{
		EntryID: entryID, Kind: f.kind, FileName: name, ContentType: typ.ContentType(),
		SizeBytes: size, SHA256: sum, StorageKey: key,
	}, nil
}

func allowedType(kind string, t filetype.Type) bool {
	for _, a := range kindTypes[kind] {
		if a == t {
			return true
		}
	}
	return false
}

// record adds the attachment row as the next version of its kind, with
// its audit record, after the blob is stored. Two uploads racing for the
// same version collide on the unique index; the loser retries.
func (s *Attachments) record(ctx context.Context, actor Actor, now time.Time, row model.Attachment) (AttachmentView, error) {
	var view AttachmentView
	var err error
	for range 4 {
		err = model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
			if _, err := uploadAccess(tx, actor, row.EntryID, now); err != nil {
				return err
			}
			var last int
			if err := tx.Model(&model.Attachment{}).Where("entry_id = ? AND kind = ?", row.EntryID, row.Kind).
				Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
				return err
			}
			row.ID, row.Version, row.CreatedAt = 0, last+1, s.clock().UTC()
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			views, err := attachmentViews(tx, []model.Attachment{row})
			if err != nil {
				return err
			}
			view = views[0]
			return s.audit.Record(tx, actor, AuditEntry{Action: "attachment.uploaded", Entity: "attachment", EntityID: row.ID, After: view})
		})
		if err == nil || !model.IsDuplicate(err) {
			return view, err
		}
	}
	return view, &model.Error{Code: model.CodeConflict, Message: "other uploads of this material finished at the same time; retry", Err: err}
}

// newStorageKey generates a blob key: entries/<entry id>/<32 hex>.<ext>.
func newStorageKey(entryID uint, ext string) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return fmt.Sprintf("entries/%d/%s.%s", entryID, hex.EncodeToString(b[:]), ext), nil
}

func tooLarge(kind string, limit int64) *model.Error {
	msg := fmt.Sprintf("the %s may be at most %d bytes (%.1f MiB)", kind, limit, float64(limit)/(1<<20))
	return &model.Error{Code: model.CodePayloadTooLarge, Message: msg, Fields: []model.FieldError{model.Field("file", "too_large", msg)}}
}

// partReader marks errors reading the request (not EOF) as partError.
type partReader struct{ r io.Reader }

func (p partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if err != nil && err != io.EOF {
		err = partError{err}
	}
	return n, err
}

// partError is a failure to read the upload from the client.
type partError struct{ err error }

func (e partError) Error() string { return "read upload: " + e.err.Error() }
func (e partError) Unwrap() error { return e.err }

// uploadFailure maps an error of reading or storing an upload: *model.Error
// passes (the api reports a body over its limit that way), a failed read
// is an interrupted upload, anything else is internal.
func uploadFailure(err error) error {
	var me *model.Error
	if errors.As(err, &me) {
		return me
	}
	var pe partError
	if errors.As(err, &pe) {
		msg := "the upload was interrupted; send the file again"
		return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: []model.FieldError{model.Field("file", "incomplete", msg)}, Err: err}
	}
	return model.Internal(err)
}
