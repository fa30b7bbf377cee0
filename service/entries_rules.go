package service

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// The entry rules: who may change an entry when, what a submission must
// meet, and what the views offer as allowed actions.

// entryCompetitionOver reports a competition past registration and rounds:
// its entries no longer change.
func entryCompetitionOver(c model.Competition) bool {
	return c.Status == model.CompetitionFinished || c.Status == model.CompetitionResultsPublished
}

// entryActions lists what actor may do with the entry at now; the use
// cases check the same rules.
func entryActions(actor Actor, now time.Time, c model.Competition, e model.Entry, team, manager bool) []string {
	out := []string{}
	over := entryCompetitionOver(c)
	locked := EntryLocked(now, c, e)
	open := e.Status == model.EntryDraft || e.Status == model.EntrySubmitted
	if (manager && !over) || (team && !locked && open) {
		out = append(out, EntryActionUpdate)
	}
	if (team || manager) && e.Status == model.EntryDraft && !locked {
		out = append(out, EntryActionSubmit)
	}
	if (team || manager) && !over && (open || e.Status == model.EntryQualified) {
		out = append(out, EntryActionWithdraw)
	}
	if manager && !over && e.Status == model.EntrySubmitted {
		out = append(out, EntryActionQualify)
	}
	if manager && !over && (e.Status == model.EntrySubmitted || e.Status == model.EntryQualified) {
		out = append(out, EntryActionDisqualify)
	}
	if actor.IsAdmin() && !over && c.Status != model.CompetitionDraft && open {
		out = append(out, EntryActionExtend)
	}
	return out
}

// checkEditable decides whether the actor may change the entry now:
// organisers until the competition is finished, the team while the entry
// is a draft or submitted and not locked.
func checkEditable(now time.Time, acc EntryAccess) error {
	if acc.Manager {
		if entryCompetitionOver(acc.Competition) {
			return model.Errorf(model.CodeFailedPrecondition, "the competition is %s; its entries can no longer change", acc.Competition.Status)
		}
		return nil
	}
	if err := entryNotLocked(now, acc); err != nil {
		return err
	}
	if s := acc.Entry.Status; s != model.EntryDraft && s != model.EntrySubmitted {
		return model.Errorf(model.CodeFailedPrecondition, "a %s entry can no longer be changed", s)
	}
	return nil
}

// entryNotLocked answers failed_precondition naming the deadline when the
// entry is locked at now.
func entryNotLocked(now time.Time, acc EntryAccess) error {
	if !EntryLocked(now, acc.Competition, acc.Entry) {
		return nil
	}
	d := EntryDeadline(acc.Competition, acc.Entry).UTC().Format(time.RFC3339)
	if now.Before(EntryDeadline(acc.Competition, acc.Entry)) {
		return model.Errorf(model.CodeFailedPrecondition, "the entry is locked: the competition is %s (deadline %s)", acc.Competition.Status, d)
	}
	return model.Errorf(model.CodeFailedPrecondition, "the entry is locked: its deadline %s has passed", d)
}

// checkEntryRules checks the competition's entry rules: team size, the
// number of advisors, every member an active student, and (withPlan) an
// uploaded business plan. All violations are reported together.
func checkEntryRules(tx *gorm.DB, c model.Competition, e model.Entry, withPlan bool) error {
	members, err := entryMemberRows(tx, []uint{e.ID})
	if err != nil {
		return err
	}
	var fields []model.FieldError
	if n := len(members); n < c.MinTeamSize || n > c.MaxTeamSize {
		fields = append(fields, model.Field("members", "team_size",
			fmt.Sprintf("the team has %d members; this competition needs %d to %d", n, c.MinTeamSize, c.MaxTeamSize)))
	}
	var advisors int64
	if err := tx.Model(&model.EntryAdvisor{}).Where("entry_id = ?", e.ID).Count(&advisors).Error; err != nil {
		return err
	}
	if int(advisors) > c.MaxAdvisors {
		fields = append(fields, model.Field("advisor_ids", "max",
			fmt.Sprintf("%d advisors named; this competition allows at most %d", advisors, c.MaxAdvisors)))
	}
	bad, err := nonStudentMembers(tx, members)
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		fields = append(fields, model.Field("members", "not_student",
			"every member must be an active student of the platform; not: "+strings.Join(bad, ", ")))
	}
	if withPlan {
		var plans int64
		if err := tx.Model(&model.Attachment{}).Where("entry_id = ? AND kind = ?", e.ID, model.AttachmentBusinessPlan).Count(&plans).Error; err != nil {
			return err
		}
		if plans == 0 {
			fields = append(fields, model.Field("materials.business_plan", "required", "upload the business plan first"))
		}
	}
	if len(fields) > 0 {
		return model.Invalid("the entry does not meet the competition's rules", fields...)
	}
	return nil
}

// nonStudentMembers returns the usernames of members who are disabled or
// do not hold the student role.
func nonStudentMembers(tx *gorm.DB, members []entryMemberRow) ([]string, error) {
	if len(members) == 0 {
		return nil, nil
	}
	subjects := make([]string, len(members))
	for i, m := range members {
		subjects[i] = Subject(m.UserID)
	}
	var students []string
	if err := tx.Model(&model.CasbinRule{}).Where("ptype = 'g' AND v1 = ? AND v0 IN ?", model.RoleStudent, subjects).
		Distinct().Pluck("v0", &students).Error; err != nil {
		return nil, err
	}
	var bad []string
	for i, m := range members {
		if m.Status != model.UserActive || !slices.Contains(students, subjects[i]) {
			bad = append(bad, m.Username)
		}
	}
	return bad, nil
}
