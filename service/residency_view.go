package service

import (
	"time"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/service/schedule"
)

// Actions on residencies, as allowed_actions names them.
const (
	ResidencyActionExit   = "exit"
	ResidencyActionReport = "report"
)

// Torch graduation thresholds (fen).
const (
	graduationFundingFen = 500_000_000   // > 5 million yuan raised
	graduationRevenueFen = 1_000_000_000 // > 10 million yuan revenue in 2 years
)

// WorkstationRef is a desk held by a residency.
type WorkstationRef struct {
	ID     uint   `json:"id"`
	Code   string `json:"code"`
	ZoneID uint   `json:"zone_id"`
	RoomID uint   `json:"room_id"`
}

// ResidencyFlags are the warnings of an active residency: overdue reports
// (unsubmitted past their due date), reports to file now (period ended,
// due date not passed), the agreement ending within the warning window and
// the maximum term (start + MaxTermMonths, given for every residency)
// ending within it.
type ResidencyFlags struct {
	LateReports  int        `json:"late_reports"`
	DueReports   int        `json:"due_reports"`
	ExpiringSoon bool       `json:"expiring_soon"`
	MaxTermSoon  bool       `json:"max_term_soon"`
	MaxTermEnd   model.Date `json:"max_term_end"`
}

// GraduationCheck shows which Torch graduation criteria the resident meets
// from its data; any one makes it eligible. FundingTotalFen is the
// project's funding events plus its submitted reports' funding;
// Revenue2yFen sums the submitted reports of periods ending in the last 24
// months.
type GraduationCheck struct {
	HighTechEnterprise bool  `json:"high_tech_enterprise"`
	FundingOver5m      bool  `json:"funding_over_5m"`
	RevenueOver10m2y   bool  `json:"revenue_over_10m_2y"`
	AcquiredOrListed   bool  `json:"acquired_or_listed"`
	Eligible           bool  `json:"eligible"`
	FundingTotalFen    int64 `json:"funding_total_fen"`
	Revenue2yFen       int64 `json:"revenue_2y_fen"`
}

// ResidencyView is a residency as clients see it.
type ResidencyView struct {
	ID                uint             `json:"id"`
	ProjectID         uint             `json:"project_id"`
	ProjectName       string           `json:"project_name"`
	CollegeID         uint             `json:"college_id"`
	BaseID            uint             `json:"base_id"`
	BaseName          string           `json:"base_name"`
	ApplicationID     uint             `json:"application_id"`
	Status            string           `json:"status"`
	StartOn           model.Date       `json:"start_on"`
	EndOn             model.Date       `json:"end_on"`
	ReportCadence     string           `json:"report_cadence"`
	FreeRentFen       int64            `json:"free_rent_fen"`
	PropertyWaiverFen int64            `json:"property_waiver_fen"`
	ExitReason        string           `json:"exit_reason"`
	ExitedOn          *model.Date      `json:"exited_on"`
	Workstations      []WorkstationRef `json:"workstations"`
	Flags             ResidencyFlags   `json:"flags"`
	Graduation        GraduationCheck  `json:"graduation"`
	AllowedActions    []string         `json:"allowed_actions"`
	Version           int              `json:"version"`
	CreatedAt         time.Time        `json:"created_at"`
	UpdatedAt         time.Time        `json:"updated_at"`
}

// reportFacts is what views need of a report row.
type reportFacts struct {
	ResidencyID uint
	PeriodEnd   model.Date
	DueOn       model.Date
	SubmittedAt *time.Time
	RevenueFen  int64
	FundingFen  int64
}

// residencyFacts is what the views of some residencies need, loaded in a
// few queries.
type residencyFacts struct {
	names   residencyNames
	member  map[uint]bool // project id → the actor is in the team
	desks   []model.Workstation
	reports []reportFacts
	raised  map[uint]int64 // project id → funding events' total
}

func loadResidencyFacts(tx *gorm.DB, actor Actor, rows []model.Residency) (residencyFacts, error) {
	var f residencyFacts
	ids := residencyIDsOf(rows, func(r *model.Residency) uint { return r.ID })
	projectIDs := residencyIDsOf(rows, func(r *model.Residency) uint { return r.ProjectID })
	var err error
	if f.names, err = loadResidencyNames(tx, projectIDs, residencyIDsOf(rows, func(r *model.Residency) uint { return r.BaseID })); err != nil {
		return f, err
	}
	if f.member, err = residencyTeams(tx, actor.UserID, projectIDs); err != nil {
		return f, err
	}
	if err := tx.Where("residency_id IN ? AND status = ?", ids, model.WorkstationOccupied).Order("code, id").Find(&f.desks).Error; err != nil {
		return f, err
	}
	if err := tx.Model(&model.ProgressReport{}).Where("residency_id IN ?", ids).Find(&f.reports).Error; err != nil {
		return f, err
	}
	var funding []struct {
		ProjectID uint
		Total     int64
	}
	if err := tx.Model(&model.FundingEvent{}).Select("project_id, SUM(amount_fen) AS total").Where("project_id IN ?", projectIDs).
		Group("project_id").Scan(&funding).Error; err != nil {
		return f, err
	}
	f.raised = map[uint]int64{}
	for _, e := range funding {
		f.raised[e.ProjectID] = e.Total
	}
	return f, nil
}

// viewResidencies builds the views of rows for actor.
func (s *Residency) viewResidencies(tx *gorm.DB, actor Actor, rows []model.Residency) ([]ResidencyView, error) {
	out := make([]ResidencyView, 0, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	f, err := loadResidencyFacts(tx, actor, rows)
	if err != nil {
		return nil, err
	}
	today := s.today()
	for i := range rows {
		r := &rows[i]
		p := f.names.projects[r.ProjectID]
		v := ResidencyView{
			ID: r.ID, ProjectID: r.ProjectID, ProjectName: p.Name, CollegeID: p.CollegeID, BaseID: r.BaseID, BaseName: f.names.bases[r.BaseID].Name,
			ApplicationID: r.ApplicationID, Status: r.Status, StartOn: r.StartOn, EndOn: r.EndOn, ReportCadence: r.ReportCadence,
			FreeRentFen: r.FreeRentFen, PropertyWaiverFen: r.PropertyWaiverFen, ExitReason: r.ExitReason, ExitedOn: r.ExitedOn,
			Workstations: []WorkstationRef{}, AllowedActions: []string{}, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
			Flags: s.flags(r, f.reports, today), Graduation: graduationCheck(r, p, f.raised[r.ProjectID], f.reports, today),
		}
		for _, d := range f.desks {
			if d.ResidencyID != nil && *d.ResidencyID == r.ID {
				v.Workstations = append(v.Workstations, WorkstationRef{ID: d.ID, Code: d.Code, ZoneID: d.ZoneID, RoomID: d.RoomID})
			}
		}
		if r.Status == model.ResidencyActive && actor.ManagesBase(r.BaseID) {
			v.AllowedActions = append(v.AllowedActions, ResidencyActionExit)
		}
		if r.Status == model.ResidencyActive && (f.member[r.ProjectID] || actor.IsAdmin()) {
			v.AllowedActions = append(v.AllowedActions, ResidencyActionReport)
		}
		out = append(out, v)
	}
	return out, nil
}

// flags computes the warnings of r on today from its report rows.
func (s *Residency) flags(r *model.Residency, reports []reportFacts, today model.Date) ResidencyFlags {
	f := ResidencyFlags{MaxTermEnd: r.StartOn.AddMonths(s.opt.MaxTermMonths)}
	if r.Status != model.ResidencyActive {
		return f
	}
	for _, rep := range reports {
		if rep.ResidencyID != r.ID || rep.SubmittedAt != nil {
			continue
		}
		p := schedule.Period{End: rep.PeriodEnd, Due: rep.DueOn}
		switch {
		case schedule.Late(rep.DueOn, nil, today):
			f.LateReports++
		case schedule.Due(p, false, today):
			f.DueReports++
		}
	}
	limit := today.AddDays(s.opt.WarnDays)
	f.ExpiringSoon = !r.EndOn.After(limit)
	f.MaxTermSoon = !r.StartOn.After(limit.AddMonths(-s.opt.MaxTermMonths))
	return f
}

// graduation checks the four Torch criteria for r of project p.
func graduationCheck(r *model.Residency, p model.Project, raised int64, reports []reportFacts, today model.Date) GraduationCheck {
	g := GraduationCheck{HighTechEnterprise: p.HighTechEnterprise, AcquiredOrListed: p.AcquiredOrListed, FundingTotalFen: raised}
	since := today.AddMonths(-24)
	for _, rep := range reports {
		if rep.ResidencyID != r.ID || rep.SubmittedAt == nil {
			continue
		}
		g.FundingTotalFen += rep.FundingFen
		if rep.PeriodEnd.After(since) && !rep.PeriodEnd.After(today) {
			g.Revenue2yFen += rep.RevenueFen
		}
	}
	g.FundingOver5m = g.FundingTotalFen > graduationFundingFen
	g.RevenueOver10m2y = g.Revenue2yFen > graduationRevenueFen
	g.Eligible = g.HighTechEnterprise || g.FundingOver5m || g.RevenueOver10m2y || g.AcquiredOrListed
	return g
}
