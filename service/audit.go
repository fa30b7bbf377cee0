package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// Auditor writes and reads the hash-chained audit log.
type Auditor struct {
	db    *gorm.DB
	clock Clock
}

// NewAuditor returns an Auditor over db.
func NewAuditor(db *gorm.DB, clock Clock) *Auditor {
	return &Auditor{db: db, clock: clock}
}

// AuditEntry is one state change to record. Before and After are marshalled
// to JSON; they must not contain secrets (use public views, not entities).
type AuditEntry struct {
	Action   string
	Entity   string
	EntityID any
	Before   any
	After    any
}

// Record appends entry to the chain inside tx, the use case's transaction.
// It locks the chain head, so concurrent writers append one at a time.
func (a *Auditor) Record(tx *gorm.DB, actor Actor, e AuditEntry) error {
	var head model.AuditHead
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&head, 1).Error; err != nil {
		return fmt.Errorf("lock audit head: %w", err)
	}
	before, err := marshalAudit(e.Before)
	if err != nil {
		return err
	}
	after, err := marshalAudit(e.After)
	if err != nil {
		return err
	}
	rec := model.AuditLog{
		Seq:       head.Seq + 1,
		ActorID:   actor.actorID(),
		ActorName: truncate(actor.Username, 64),
		Action:    e.Action,
		Entity:    e.Entity,
		EntityID:  fmt.Sprint(e.EntityID),
		Before:    before,
		After:     after,
		RequestID: truncate(actor.RequestID, 64),
		IP:        truncate(actor.IP, 64),
		PrevHash:  head.Hash,
		CreatedAt: a.clock().UTC().Truncate(time.Millisecond),
	}
	rec.Hash = auditHash(rec)
	if err := tx.Create(&rec).Error; err != nil {
		return fmt.Errorf("append audit record: %w", err)
	}
	res := tx.Model(&model.AuditHead{}).Where("id = 1 AND seq = ?", head.Seq).
		Updates(map[string]any{"seq": rec.Seq, "hash": rec.Hash})
	if res.Error != nil {
		return fmt.Errorf("advance audit head: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return model.Errorf(model.CodeConflict, "concurrent audit append; retry")
	}
	return nil
}

func marshalAudit(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("marshal audit value: %w", err)
	}
	return string(b), nil
}

// truncate cuts s to at most n bytes on a rune boundary and replaces
// invalid UTF-8 (headers such as User-Agent come from clients): MySQL's
// utf8mb4 columns refuse both a split rune and stray bytes.
func truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// auditHash is SHA-256 over the previous hash and every content field, in a
// fixed, unambiguous layout (lengths prefix free-text fields).
func auditHash(r model.AuditLog) string {
	var b strings.Builder
	actor := uint(0)
	if r.ActorID != nil {
		actor = *r.ActorID
	}
	fields := []string{
		strconv.FormatInt(r.Seq, 10), r.PrevHash, strconv.FormatUint(uint64(actor), 10), r.ActorName,
		r.Action, r.Entity, r.EntityID, r.Before, r.After, r.RequestID, r.IP,
		strconv.FormatInt(r.CreatedAt.UTC().UnixMilli(), 10),
	}
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Verification is the result of checking the audit chain.
type Verification struct {
	OK         bool   `json:"ok"`
	Checked    int64  `json:"checked"`
	BrokenAtID *uint  `json:"broken_at_id"`
	Reason     string `json:"reason,omitempty"`
}

// Verify recomputes the whole chain and reports the first record that was
// altered, removed or inserted out of order, and a truncated tail.
// Callers: admin (the route is admin-only) and the CLI.
func (a *Auditor) Verify(ctx context.Context) (Verification, error) {
	db := a.db.WithContext(ctx)
	prev := model.GenesisHash
	var seq int64
	var v Verification
	var batch []model.AuditLog
	broken := func(r model.AuditLog, reason string) (Verification, error) {
		id := r.ID
		v.BrokenAtID, v.Reason = &id, reason
		return v, nil
	}
	for {
		batch = batch[:0]
		if err := db.Where("seq > ?", seq).Order("seq").Limit(1000).Find(&batch).Error; err != nil {
			return v, model.Internal(err)
		}
		for _, r := range batch {
			switch {
			case r.Seq != seq+1:
				return broken(r, fmt.Sprintf("sequence gap: expected %d, found %d", seq+1, r.Seq))
			case r.PrevHash != prev:
				return broken(r, "previous-hash link does not match")
			case auditHash(r) != r.Hash:
				return broken(r, "record content does not match its hash")
			}
			prev, seq = r.Hash, r.Seq
			v.Checked++
		}
		if len(batch) < 1000 {
			break
		}
	}
	var head model.AuditHead
	if err := db.First(&head, 1).Error; err != nil {
		return v, model.Internal(err)
	}
	if head.Seq != seq || head.Hash != prev {
		v.Reason = fmt.Sprintf("chain ends at %d but the head says %d: records were removed", seq, head.Seq)
		return v, nil
	}
	v.OK = true
	return v, nil
}

// AuditFilter selects audit records. Zero fields do not filter.
type AuditFilter struct {
	ActorID  *uint
	Entity   string
	EntityID string
	Action   string
	From, To *time.Time
	Page     model.Page
}

var auditSorts = map[string]string{"id": "id", "created_at": "created_at", "action": "action"}

// List returns audit records, newest first by default.
// Callers: admin. Errors: invalid (sort).
func (a *Auditor) List(ctx context.Context, f AuditFilter) ([]model.AuditLog, int64, error) {
	q := a.db.WithContext(ctx).Model(&model.AuditLog{})
	if f.ActorID != nil {
		q = q.Where("actor_id = ?", *f.ActorID)
	}
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.From != nil {
		q = q.Where("created_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("created_at < ?", f.To.UTC())
	}
	sort := f.Page.Sort
	if sort == "" {
		sort = "-id"
	}
	order, err := model.OrderBy(sort, auditSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.AuditLog
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	return rows, total, nil
}
