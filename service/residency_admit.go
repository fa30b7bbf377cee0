package service

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
	"incubator/service/schedule"
)

// Admission is the agreement of an approved application: its dates,
// report cadence, fee waivers (fen) and desks — either WorkstationIDs
// chosen by hand, or Count free desks picked from ZoneID (default: the
// requested zone and count; without a zone, from the whole base).
type Admission struct {
	StartOn           model.Date
	EndOn             model.Date
	ReportCadence     string
	FreeRentFen       int64
	PropertyWaiverFen int64
	WorkstationIDs    []uint
	ZoneID            *uint
	Count             *int
}

// check returns the field errors of an admission on its own.
func (in Admission) check(maxTermMonths int) error {
	var fs []model.FieldError
	if in.StartOn.IsZero() {
		fs = append(fs, model.Field("start_on", "required", "is required"))
	}
	switch {
	case in.EndOn.IsZero():
		fs = append(fs, model.Field("end_on", "required", "is required"))
	case !in.StartOn.IsZero() && !in.EndOn.After(in.StartOn):
		fs = append(fs, model.Field("end_on", "after", "must be after start_on"))
	case !in.StartOn.IsZero() && in.EndOn.After(in.StartOn.AddMonths(maxTermMonths)):
		fs = append(fs, model.Field("end_on", "max_term", fmt.Sprintf("an agreement runs at most %d months (until %s)", maxTermMonths, in.StartOn.AddMonths(maxTermMonths))))
	}
	if in.ReportCadence != model.CadenceMonthly && in.ReportCadence != model.CadenceQuarterly {
		fs = append(fs, model.Field("report_cadence", "oneof", "must be monthly or quarterly"))
	}
	if in.FreeRentFen < 0 {
		fs = append(fs, model.Field("free_rent_fen", "min", "must be ≥ 0"))
	}
	if in.PropertyWaiverFen < 0 {
		fs = append(fs, model.Field("property_waiver_fen", "min", "must be ≥ 0"))
	}
	if len(in.WorkstationIDs) > 0 && (in.ZoneID != nil || in.Count != nil) {
		fs = append(fs, model.Field("workstation_ids", "exclusive", "give workstation_ids or zone_id and count, not both"))
	}
	if len(in.WorkstationIDs) > MaxRequestedWorkstations {
		fs = append(fs, model.Field("workstation_ids", "max", "at most 20 workstations"))
	}
	ids := slices.Clone(in.WorkstationIDs)
	slices.Sort(ids)
	if len(slices.Compact(ids)) != len(in.WorkstationIDs) {
		fs = append(fs, model.Field("workstation_ids", "unique", "a workstation is listed twice"))
	}
	if in.Count != nil && (*in.Count < 1 || *in.Count > MaxRequestedWorkstations) {
		fs = append(fs, model.Field("count", "range", "must be between 1 and 20"))
	}
	if len(fs) > 0 {
		return model.Invalid("invalid admission", fs...)
	}
	return nil
}

// Admit admits an approved application: it creates the residency with its
// agreement, takes the desks (each by a conditional update, so two
// admissions never get the same desk), records the allocations and
// generates the progress-report rows with their due dates (approved →
// admitted). Callers: a manager of the base, admin. Errors: invalid (dates,
// cadence, amounts, desks of another base), not_found, forbidden,
// failed_precondition (not approved; the project already resides in the
// base; a member leads another resident team there; too few free desks),
// conflict (a desk is taken or was just taken: nothing is written).
func (s *Residency) Admit(ctx context.Context, actor Actor, id uint, in Admission) (ResidencyView, error) {
	if err := in.check(s.opt.MaxTermMonths); err != nil {
		return ResidencyView{}, err
	}
	var r model.Residency
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		// Lock the application and its project before any plain read, so
		// that on MySQL the snapshot of the checks below is taken after
		// both locks (a concurrent admission of the project is visible).
		var locked model.ResidencyApplication
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&locked, id).Error; err != nil {
			return model.TranslateDBError(err, "residency application")
		}
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&model.Project{}, locked.ProjectID).Error; err != nil {
			return err
		}
		app, err := s.managedApplication(tx, actor, id, "admit")
		if err != nil {
			return err
		}
		if app.Status != model.AppApproved {
			return model.Errorf(model.CodeFailedPrecondition, "cannot admit the application: it is %s (only an approved application is admitted)", app.Status)
		}
		if err := checkAdmissible(tx, app); err != nil {
			return err
		}
		desks, err := s.chooseDesks(tx, app, in)
		if err != nil {
			return err
		}
		now := s.clock()
		r = model.Residency{
			ProjectID: app.ProjectID, BaseID: app.BaseID, ApplicationID: app.ID, Status: model.ResidencyActive,
			StartOn: in.StartOn, EndOn: in.EndOn, ReportCadence: in.ReportCadence, FreeRentFen: in.FreeRentFen,
			PropertyWaiverFen: in.PropertyWaiverFen, Version: 1, CreatedAt: now, UpdatedAt: now,
		}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		taken, err := takeDesks(tx, r, desks)
		if err != nil {
			return err
		}
		if err := createReportRows(tx, r, s.opt.ReportDueDays); err != nil {
			return err
		}
		after, err := s.updateApplication(tx, app, map[string]any{"status": model.AppAdmitted, "version": app.Version + 1, "updated_at": now})
		if err != nil {
			return err
		}
		return s.auditAdmission(tx, actor, app, after, r, taken)
	})
	if err != nil {
		return ResidencyView{}, model.TranslateDBError(err, "residency")
	}
	return s.GetResidency(ctx, actor, r.ID)
}

// auditAdmission records an admission: the application's move and the
// new residency with its desks.
func (s *Residency) auditAdmission(tx *gorm.DB, actor Actor, before, after model.ResidencyApplication, r model.Residency, desks []string) error {
	if err := s.audit.Record(tx, actor, AuditEntry{Action: "residency_application.admit", Entity: "residency_application", EntityID: before.ID,
		Before: residencyApplicationAudit{Status: before.Status, DecisionNote: before.DecisionNote, Version: before.Version},
		After:  residencyApplicationAudit{Status: after.Status, DecisionNote: after.DecisionNote, Version: after.Version}}); err != nil {
		return err
	}
	return s.audit.Record(tx, actor, AuditEntry{Action: "residency.created", Entity: "residency", EntityID: r.ID,
		After: residencyAudit{Status: r.Status, StartOn: r.StartOn, EndOn: r.EndOn, ReportCadence: r.ReportCadence,
			FreeRentFen: r.FreeRentFen, PropertyWaiverFen: r.PropertyWaiverFen, Workstations: desks}})
}

// residencyAudit is what the audit log keeps of a residency's changes.
type residencyAudit struct {
	Status            string      `json:"status"`
	StartOn           model.Date  `json:"start_on"`
	EndOn             model.Date  `json:"end_on"`
	ReportCadence     string      `json:"report_cadence,omitempty"`
	FreeRentFen       int64       `json:"free_rent_fen"`
	PropertyWaiverFen int64       `json:"property_waiver_fen"`
	ExitReason        string      `json:"exit_reason,omitempty"`
	ExitedOn          *model.Date `json:"exited_on,omitempty"`
	Workstations      []string    `json:"workstations,omitempty"`
}

// checkAdmissible enforces the residency rules of the project at the base:
// no second active residency, and no member who leads another team
// residing there. The caller holds the project's row lock.
func checkAdmissible(tx *gorm.DB, app model.ResidencyApplication) error {
	var n int64
	if err := tx.Model(&model.Residency{}).Where("project_id = ? AND base_id = ? AND status = ?", app.ProjectID, app.BaseID, model.ResidencyActive).
		Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return model.Errorf(model.CodeFailedPrecondition, "the project already holds an active residency in this base")
	}
	err := tx.Model(&model.ProjectMember{}).
		Where("role = ? AND project_id <> ?", model.MemberLeader, app.ProjectID).
		Where("user_id IN (SELECT user_id FROM project_members WHERE project_id = ?)", app.ProjectID).
		Where("project_id IN (SELECT project_id FROM residencies WHERE base_id = ? AND status = ?)", app.BaseID, model.ResidencyActive).
		Count(&n).Error
	if err != nil {
		return err
	}
	if n > 0 {
		return model.Errorf(model.CodeFailedPrecondition, "a member of the team already leads another team residing in this base")
	}
	return nil
}

// chooseDesks returns the candidate desks of an admission in the order
// they are to be taken: the chosen ones, or the free desks of the zone.
func (s *Residency) chooseDesks(tx *gorm.DB, app model.ResidencyApplication, in Admission) (deskChoice, error) {
	if len(in.WorkstationIDs) > 0 {
		return chosenDesks(tx, app.BaseID, in.WorkstationIDs)
	}
	zoneID := in.ZoneID
	if zoneID == nil {
		zoneID = app.RequestedZoneID
	}
	need := app.RequestedWorkstations
	if in.Count != nil {
		need = *in.Count
	}
	q := tx.Where("base_id = ? AND status = ?", app.BaseID, model.WorkstationFree)
	if zoneID != nil {
		var n int64
		if err := tx.Model(&model.Zone{}).Where("id = ? AND base_id = ?", *zoneID, app.BaseID).Count(&n).Error; err != nil {
			return deskChoice{}, err
		}
		if n == 0 {
			return deskChoice{}, model.Invalid("zone of another base", model.Field("zone_id", "not_found", "no such zone in this base"))
		}
		q = q.Where("zone_id = ?", *zoneID)
	}
	var ws []model.Workstation
	if err := q.Order("code, id").Find(&ws).Error; err != nil {
		return deskChoice{}, err
	}
	if len(ws) < need {
		return deskChoice{}, model.Errorf(model.CodeFailedPrecondition, "only %d free workstations, %d needed", len(ws), need)
	}
	return deskChoice{candidates: ws, need: need}, nil
}

// chosenDesks checks desks chosen by hand: all of the base (else invalid)
// and free when read (else conflict).
func chosenDesks(tx *gorm.DB, baseID uint, ids []uint) (deskChoice, error) {
	var ws []model.Workstation
	if err := tx.Where("id IN ?", ids).Order("id").Find(&ws).Error; err != nil {
		return deskChoice{}, err
	}
	byID := map[uint]model.Workstation{}
	for _, w := range ws {
		byID[w.ID] = w
	}
	for _, id := range ids {
		if w, ok := byID[id]; !ok || w.BaseID != baseID {
			return deskChoice{}, model.Invalid("workstation of another base",
				model.Field("workstation_ids", "not_found", fmt.Sprintf("workstation %d is not a workstation of this base", id)))
		}
	}
	for _, w := range ws {
		if w.Status != model.WorkstationFree {
			return deskChoice{}, model.Errorf(model.CodeConflict, "workstation %s is %s", w.Code, w.Status)
		}
	}
	return deskChoice{candidates: ws, need: len(ws), chosen: true}, nil
}

// deskChoice is the desks an admission tries to take.
type deskChoice struct {
	candidates []model.Workstation
	need       int
	chosen     bool // chosen by hand: every candidate must be taken
}

// takeDesks takes the desks for r, each with a conditional update that
// succeeds only while the desk is free, and records the allocations. A
// desk chosen by hand that was just taken fails the admission (conflict);
// an automatic pick moves on to the next free desk.
func takeDesks(tx *gorm.DB, r model.Residency, c deskChoice) ([]string, error) {
	var codes []string
	for _, w := range c.candidates {
		if len(codes) == c.need {
			break
		}
		res := tx.Exec("UPDATE workstations SET status = ?, residency_id = ?, version = version + 1, updated_at = ? WHERE id = ? AND status = ?",
			model.WorkstationOccupied, r.ID, r.CreatedAt, w.ID, model.WorkstationFree)
		if res.Error != nil {
			return nil, res.Error
		}
		if res.RowsAffected != 1 {
			if c.chosen {
				return nil, model.Errorf(model.CodeConflict, "workstation %s was just taken", w.Code)
			}
			continue
		}
		if err := tx.Create(&model.WorkstationAllocation{ResidencyID: r.ID, WorkstationID: w.ID, FromOn: r.StartOn, CreatedAt: r.CreatedAt}).Error; err != nil {
			return nil, err
		}
		codes = append(codes, w.Code)
	}
	if len(codes) < c.need {
		return nil, model.Errorf(model.CodeConflict, "free workstations were just taken; retry")
	}
	return codes, nil
}

// createReportRows generates the progress-report rows of r's agreement.
func createReportRows(tx *gorm.DB, r model.Residency, dueDays int) error {
	periods, err := schedule.Periods(r.StartOn, r.EndOn, r.ReportCadence, dueDays)
	if err != nil {
		return err
	}
	rows := make([]model.ProgressReport, len(periods))
	for i, p := range periods {
		rows[i] = model.ProgressReport{ResidencyID: r.ID, PeriodStart: p.Start, PeriodEnd: p.End, DueOn: p.Due, Version: 1,
			CreatedAt: r.CreatedAt, UpdatedAt: r.CreatedAt}
	}
	return tx.CreateInBatches(rows, 100).Error
}
