package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// entryMove is one status change of an entry, run under the entry's row
// lock: decide returns the new column values (nil: nothing to write, the
// entry is returned as it is) or an error.
type entryMove struct {
	action string // audit action, "entry.<action>"
	reason string // recorded with the audit record when set
	decide func(tx *gorm.DB, now time.Time, acc EntryAccess) (map[string]any, error)
}

// move runs m on the entry in one transaction: lock, load (not_found for
// those who may not see it), decide, write with a version bump, audit.
func (s *Entries) move(ctx context.Context, actor Actor, id uint, m entryMove) (EntryView, error) {
	var view EntryView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := lockEntryRow(tx, id); err != nil {
			return err
		}
		acc, err := loadEntry(tx, actor, id)
		if err != nil {
			return err
		}
		now := s.clock()
		changes, err := m.decide(tx, now, acc)
		if err != nil {
			return err
		}
		if changes == nil {
			view, err = viewEntry(tx, actor, now, acc.Competition, acc.Entry)
			return err
		}
		before, err := viewEntry(tx, actor, now, acc.Competition, acc.Entry)
		if err != nil {
			return err
		}
		changes["version"], changes["updated_at"] = acc.Entry.Version+1, now
		res := tx.Model(&model.Entry{}).Where("id = ? AND version = ?", id, acc.Entry.Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return staleVersion("entry", acc.Entry.Version)
		}
		var e model.Entry
		if err := tx.Take(&e, id).Error; err != nil {
			return err
		}
		if view, err = viewEntry(tx, actor, now, acc.Competition, e); err != nil {
			return err
		}
		var after any = view
		if m.reason != "" {
			after = struct {
				EntryView
				Reason string `json:"reason"`
			}{view, m.reason}
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "entry." + m.action, Entity: "entry", EntityID: id, Before: before, After: after})
	})
	return view, model.TranslateDBError(err, "entry")
}

// Submit submits a draft entry after checking the competition's rules:
// team size within [min_team_size, max_team_size], at most max_advisors
// advisors, every member an active student, a business plan uploaded,
// and the entry not locked. Submitting a submitted entry again returns it
// unchanged and writes nothing (a double click is one submission).
// Callers: the team, or an organiser on its behalf (the deadline binds
// both). Errors: not_found, failed_precondition (locked; not a draft),
// invalid (the rules, as field errors).
func (s *Entries) Submit(ctx context.Context, actor Actor, id uint) (EntryView, error) {
	return s.move(ctx, actor, id, entryMove{action: "submitted", decide: func(tx *gorm.DB, now time.Time, acc EntryAccess) (map[string]any, error) {
		switch acc.Entry.Status {
		case model.EntrySubmitted:
			return nil, nil
		case model.EntryDraft:
		default:
			return nil, model.Errorf(model.CodeFailedPrecondition, "a %s entry cannot be submitted", acc.Entry.Status)
		}
		if err := entryNotLocked(now, acc); err != nil {
			return nil, err
		}
		if err := checkEntryRules(tx, acc.Competition, acc.Entry, true); err != nil {
			return nil, err
		}
		return map[string]any{"status": model.EntrySubmitted, "submitted_at": now, "status_reason": ""}, nil
	}})
}

// Withdraw withdraws an entry (draft, submitted or qualified) until the
// competition is finished, also after the deadline: leaving is always
// allowed, and a withdrawn entry cannot come back. Withdrawing a
// withdrawn entry returns it unchanged. Callers: the team, or an organiser
// on its behalf. Errors: not_found, failed_precondition (disqualified;
// competition finished).
func (s *Entries) Withdraw(ctx context.Context, actor Actor, id uint) (EntryView, error) {
	return s.move(ctx, actor, id, entryMove{action: "withdrawn", decide: func(_ *gorm.DB, _ time.Time, acc EntryAccess) (map[string]any, error) {
		if acc.Entry.Status == model.EntryWithdrawn {
			return nil, nil
		}
		if entryCompetitionOver(acc.Competition) {
			return nil, model.Errorf(model.CodeFailedPrecondition, "the competition is %s; entries can no longer be withdrawn", acc.Competition.Status)
		}
		if acc.Entry.Status == model.EntryDisqualified {
			return nil, model.Errorf(model.CodeFailedPrecondition, "a disqualified entry cannot be withdrawn")
		}
		return map[string]any{"status": model.EntryWithdrawn}, nil
	}})
}

// organiserMove checks that the actor organises the competition, which
// is still running, and that the entry is in one of from.
func organiserMove(acc EntryAccess, verb string, from ...string) error {
	if !acc.Manager {
		return model.Errorf(model.CodeForbidden, "only the competition's organisers may %s entries", verb)
	}
	if entryCompetitionOver(acc.Competition) {
		return model.Errorf(model.CodeFailedPrecondition, "the competition is %s; entries can no longer change", acc.Competition.Status)
	}
	if !slices.Contains(from, acc.Entry.Status) {
		return model.Errorf(model.CodeFailedPrecondition, "a %s entry cannot be %sed; it must be %s", acc.Entry.Status, verb, strings.Join(from, " or "))
	}
	return nil
}

// Qualify marks a submitted entry as qualified. Qualifying a qualified
// entry returns it unchanged. Callers: organisers. Errors: not_found,
// forbidden (the team), failed_precondition (not submitted; finished).
func (s *Entries) Qualify(ctx context.Context, actor Actor, id uint) (EntryView, error) {
	return s.move(ctx, actor, id, entryMove{action: "qualified", decide: func(_ *gorm.DB, _ time.Time, acc EntryAccess) (map[string]any, error) {
		if acc.Manager && acc.Entry.Status == model.EntryQualified {
			return nil, nil
		}
		if err := organiserMove(acc, "qualify", model.EntrySubmitted); err != nil {
			return nil, err
		}
		return map[string]any{"status": model.EntryQualified, "status_reason": ""}, nil
	}})
}

// Disqualify disqualifies a submitted or qualified entry, with a reason
// shown to the team. Callers: organisers. Errors: invalid (no reason),
// not_found, forbidden (the team), failed_precondition (other statuses;
// finished).
func (s *Entries) Disqualify(ctx context.Context, actor Actor, id uint, reason string) (EntryView, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return EntryView{}, model.Invalid("invalid request", model.Field("reason", "required", "say why the entry is disqualified"))
	}
	return s.move(ctx, actor, id, entryMove{action: "disqualified", decide: func(_ *gorm.DB, _ time.Time, acc EntryAccess) (map[string]any, error) {
		if err := organiserMove(acc, "disqualify", model.EntrySubmitted, model.EntryQualified); err != nil {
			return nil, err
		}
		return map[string]any{"status": model.EntryDisqualified, "status_reason": reason}, nil
	}})
}

// EntryExtension moves one entry's deadline.
type EntryExtension struct {
	Until  time.Time
	Reason string
}

// Extend grants one entry a later deadline: the team may change and
// submit it until then, even after the competition closed registration
// (EntryLocked). The reason goes to the audit log. Callers: admins.
// Errors: invalid (until not in the future; no reason), not_found,
// forbidden (not an admin), failed_precondition (not a draft or
// submitted entry; competition not open or closed for registration).
func (s *Entries) Extend(ctx context.Context, actor Actor, id uint, in EntryExtension) (EntryView, error) {
	reason := strings.TrimSpace(in.Reason)
	var fields []model.FieldError
	if !in.Until.After(s.clock()) {
		fields = append(fields, model.Field("until", "future", "the extension must end in the future"))
	}
	if reason == "" {
		fields = append(fields, model.Field("reason", "required", "say why the deadline is extended"))
	}
	if len(fields) > 0 {
		return EntryView{}, model.Invalid("invalid extension", fields...)
	}
	until := in.Until.UTC()
	return s.move(ctx, actor, id, entryMove{action: "extended", reason: reason, decide: func(_ *gorm.DB, _ time.Time, acc EntryAccess) (map[string]any, error) {
		if !actor.IsAdmin() {
			return nil, model.Errorf(model.CodeForbidden, "only an admin may extend an entry's deadline")
		}
		if c := acc.Competition.Status; c != model.CompetitionOpen && c != model.CompetitionRegistrationClosed {
			return nil, model.Errorf(model.CodeFailedPrecondition, "the competition is %s; deadlines can no longer be extended", c)
		}
		if s := acc.Entry.Status; s != model.EntryDraft && s != model.EntrySubmitted {
			return nil, model.Errorf(model.CodeFailedPrecondition, "a %s entry cannot get an extension", s)
		}
		return map[string]any{"deadline_extended_to": until}, nil
	}})
}
