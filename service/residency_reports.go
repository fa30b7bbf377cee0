package service

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/service/schedule"
)

// Progress report statuses (derived: a report is submitted once filed).
const (
	ProgressReportPending   = "pending"
	ProgressReportSubmitted = "submitted"
)

// ProgressReportView is a progress report as clients see it.
type ProgressReportView struct {
	ID             uint       `json:"id"`
	ResidencyID    uint       `json:"residency_id"`
	PeriodStart    model.Date `json:"period_start"`
	PeriodEnd      model.Date `json:"period_end"`
	DueOn          model.Date `json:"due_on"`
	Status         string     `json:"status"`
	Late           bool       `json:"late"`
	SubmittedAt    *time.Time `json:"submitted_at"`
	SubmittedBy    *uint      `json:"submitted_by"`
	RevenueFen     int64      `json:"revenue_fen"`
	Employees      int        `json:"employees"`
	GraduatesHired int        `json:"graduates_hired"`
	FundingFen     int64      `json:"funding_fen"`
	PatentsApplied int        `json:"patents_applied"`
	PatentsGranted int        `json:"patents_granted"`
	Narrative      string     `json:"narrative"`
	Version        int        `json:"version"`
}

func viewProgressReport(r *model.ProgressReport, today model.Date) ProgressReportView {
	v := ProgressReportView{
		ID: r.ID, ResidencyID: r.ResidencyID, PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd, DueOn: r.DueOn, Status: ProgressReportPending,
		SubmittedAt: r.SubmittedAt, SubmittedBy: r.SubmittedBy, RevenueFen: r.RevenueFen, Employees: r.Employees,
		GraduatesHired: r.GraduatesHired, FundingFen: r.FundingFen, PatentsApplied: r.PatentsApplied, PatentsGranted: r.PatentsGranted,
		Narrative: r.Narrative, Version: r.Version,
	}
	var on *model.Date
	if r.SubmittedAt != nil {
		v.Status = ProgressReportSubmitted
		d := model.DateOf(*r.SubmittedAt)
		on = &d
	}
	v.Late = schedule.Late(r.DueOn, on, today)
	return v
}

// ProgressReportFilter selects the reports of a residency.
type ProgressReportFilter struct {
	Status string // pending | submitted
	Page   model.Page
}

var progressReportSorts = map[string]string{"period_start": "period_start", "due_on": "due_on", "id": "id"}

// ListReports returns the report rows of a residency the actor may see
// (team members, the base's managers, admin, the college's viewer),
// by period. Errors: not_found, invalid (status, sort).
func (s *Residency) ListReports(ctx context.Context, actor Actor, residencyID uint, f ProgressReportFilter) ([]ProgressReportView, int64, error) {
	db := s.db.WithContext(ctx)
	if err := takeResidencyRow(db, actor, &model.Residency{}, residencyID, false, false); err != nil {
		return nil, 0, model.TranslateDBError(err, "residency")
	}
	q := db.Model(&model.ProgressReport{}).Where("residency_id = ?", residencyID)
	switch f.Status {
	case "":
	case ProgressReportPending:
		q = q.Where("submitted_at IS NULL")
	case ProgressReportSubmitted:
		q = q.Where("submitted_at IS NOT NULL")
	default:
		return nil, 0, model.Invalid("invalid filter", model.Field("status", "oneof", "status must be pending or submitted"))
	}
	order, err := model.OrderBy(f.Page.Sort, progressReportSorts, "period_start")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.ProgressReport
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	today := s.today()
	out := make([]ProgressReportView, len(rows))
	for i := range rows {
		out[i] = viewProgressReport(&rows[i], today)
	}
	return out, total, nil
}

// ProgressReportInput is a team's progress report on one period. A nil
// PeriodStart files the earliest unsubmitted period that has ended.
type ProgressReportInput struct {
	PeriodStart    *model.Date
	RevenueFen     int64
	Employees      int
	GraduatesHired int
	FundingFen     int64
	PatentsApplied int
	PatentsGranted int
	Narrative      string
}

func (in ProgressReportInput) check() error {
	var fs []model.FieldError
	for _, c := range []struct {
		name string
		v    int64
	}{{"revenue_fen", in.RevenueFen}, {"employees", int64(in.Employees)}, {"graduates_hired", int64(in.GraduatesHired)},
		{"funding_fen", in.FundingFen}, {"patents_applied", int64(in.PatentsApplied)}, {"patents_granted", int64(in.PatentsGranted)}} {
		if c.v < 0 {
			fs = append(fs, model.Field(c.name, "min", "must be ≥ 0"))
		}
	}
	if len(fs) > 0 {
		return model.Invalid("invalid report", fs...)
	}
	return nil
}

// FileReport fills in the report of one period of an active residency.
// Callers: members of the team, admin (acting for it). Errors: invalid (negative numbers, no
// period starting on PeriodStart), not_found, forbidden,
// failed_precondition (residency not active, period not ended, nothing to
// file), conflict (already submitted).
func (s *Residency) FileReport(ctx context.Context, actor Actor, residencyID uint, in ProgressReportInput) (ProgressReportView, error) {
	if err := in.check(); err != nil {
		return ProgressReportView{}, err
	}
	today := s.today()
	var view ProgressReportView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var r model.Residency
		if err := takeResidencyRow(tx, actor, &r, residencyID, false, false); err != nil {
			return model.TranslateDBError(err, "residency")
		}
		member, err := inResidencyTeam(tx, actor.UserID, r.ProjectID)
		if err != nil {
			return err
		}
		if !member && !actor.IsAdmin() {
			return model.Errorf(model.CodeForbidden, "only a member of the team files its reports")
		}
		if r.Status != model.ResidencyActive {
			return residencyMoveError("residency", "file a report", r.Status)
		}
		rep, err := reportToFile(tx, residencyID, in.PeriodStart, today)
		if err != nil {
			return err
		}
		now := s.clock()
		res := tx.Model(&model.ProgressReport{}).Where("id = ? AND submitted_at IS NULL", rep.ID).Updates(map[string]any{
			"submitted_at": now, "submitted_by": actor.actorID(), "revenue_fen": in.RevenueFen, "employees": in.Employees,
			"graduates_hired": in.GraduatesHired, "funding_fen": in.FundingFen, "patents_applied": in.PatentsApplied,
			"patents_granted": in.PatentsGranted, "narrative": strings.TrimSpace(in.Narrative), "version": rep.Version + 1, "updated_at": now,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return model.Errorf(model.CodeConflict, "the report for the period from %s is already submitted", rep.PeriodStart)
		}
		var after model.ProgressReport
		if err := tx.Take(&after, rep.ID).Error; err != nil {
			return err
		}
		view = viewProgressReport(&after, today)
		return s.audit.Record(tx, actor, AuditEntry{Action: "progress_report.submitted", Entity: "progress_report", EntityID: rep.ID,
			Before: viewProgressReport(&rep, today), After: view})
	})
	return view, model.TranslateDBError(err, "progress report")
}

// reportToFile finds the row a filing targets: the period starting
// on start, or the earliest unsubmitted period that has ended.
func reportToFile(tx *gorm.DB, residencyID uint, start *model.Date, today model.Date) (model.ProgressReport, error) {
	var rep model.ProgressReport
	q := tx.Where("residency_id = ?", residencyID)
	if start == nil {
		err := q.Where("submitted_at IS NULL AND period_end < ?", today).Order("period_start").Take(&rep).Error
		if model.ErrorCode(model.TranslateDBError(err, "")) == model.CodeNotFound {
			return rep, model.Errorf(model.CodeFailedPrecondition, "no report is open for filing: every ended period is submitted")
		}
		return rep, err
	}
	err := q.Where("period_start = ?", *start).Take(&rep).Error
	if model.ErrorCode(model.TranslateDBError(err, "")) == model.CodeNotFound {
		return rep, model.Invalid("unknown period", model.Field("period_start", "not_found", "no report period starts on "+start.String()))
	}
	if err != nil {
		return rep, err
	}
	if rep.SubmittedAt != nil {
		return rep, model.Errorf(model.CodeConflict, "the report for the period from %s is already submitted", rep.PeriodStart)
	}
	if !schedule.Ended(rep.PeriodEnd, today) {
		return rep, model.Errorf(model.CodeFailedPrecondition, "the period from %s ends on %s; report after it ends", rep.PeriodStart, rep.PeriodEnd)
	}
	return rep, nil
}
