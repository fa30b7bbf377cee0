package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// IPKinds are the kinds of IP record.
var IPKinds = []string{model.IPInventionPatent, model.IPUtilityModel, model.IPDesignPatent, model.IPSoftwareCopyright, model.IPTrademark}

// IPRecordView is a patent, copyright or trademark of a project.
type IPRecordView struct {
	ID        uint        `json:"id"`
	ProjectID uint        `json:"project_id"`
	Kind      string      `json:"kind"`
	Title     string      `json:"title"`
	Number    string      `json:"number"`
	Status    string      `json:"status"`
	AppliedOn *model.Date `json:"applied_on"`
	GrantedOn *model.Date `json:"granted_on"`
	CreatedAt time.Time   `json:"created_at"`
}

// FundingEventView is money a project raised.
type FundingEventView struct {
	ID        uint       `json:"id"`
	ProjectID uint       `json:"project_id"`
	On        model.Date `json:"on"`
	Round     string     `json:"round"`
	Investor  string     `json:"investor"`
	AmountFen int64      `json:"amount_fen"`
	CreatedAt time.Time  `json:"created_at"`
}

func viewIPRecord(r *model.IPRecord) IPRecordView {
	return IPRecordView{ID: r.ID, ProjectID: r.ProjectID, Kind: r.Kind, Title: r.Title, Number: r.Number, Status: r.Status,
		AppliedOn: r.AppliedOn, GrantedOn: r.GrantedOn, CreatedAt: r.CreatedAt}
}

func viewFundingEvent(f *model.FundingEvent) FundingEventView {
	return FundingEventView{ID: f.ID, ProjectID: f.ProjectID, On: f.On, Round: f.Round, Investor: f.Investor, AmountFen: f.AmountFen, CreatedAt: f.CreatedAt}
}

var (
	ipSorts      = map[string]string{"id": "id", "applied_on": "applied_on", "granted_on": "granted_on", "kind": "kind", "status": "status"}
	fundingSorts = map[string]string{"id": "id", "on": "on", "amount_fen": "amount_fen"}
)

// IPRecords lists a project's IP records (sort: id, applied_on,
// granted_on, kind, status). Callers: whoever may read the project.
// Errors: not_found, invalid (sort).
func (s *Projects) IPRecords(ctx context.Context, actor Actor, projectID uint, page model.Page) ([]IPRecordView, int64, error) {
	var rows []model.IPRecord
	total, err := s.listProjectRecords(ctx, actor, projectID, page, ipSorts, &model.IPRecord{}, &rows)
	out := make([]IPRecordView, len(rows))
	for i := range rows {
		out[i] = viewIPRecord(&rows[i])
	}
	return out, total, err
}

// FundingEvents lists a project's funding events (sort: id, on,
// amount_fen). Callers: whoever may read the project.
// Errors: not_found, invalid (sort).
func (s *Projects) FundingEvents(ctx context.Context, actor Actor, projectID uint, page model.Page) ([]FundingEventView, int64, error) {
	var rows []model.FundingEvent
	total, err := s.listProjectRecords(ctx, actor, projectID, page, fundingSorts, &model.FundingEvent{}, &rows)
	out := make([]FundingEventView, len(rows))
	for i := range rows {
		out[i] = viewFundingEvent(&rows[i])
	}
	return out, total, err
}

// listProjectRecords pages through one project's rows of a table.
func (s *Projects) listProjectRecords(ctx context.Context, actor Actor, projectID uint, page model.Page, sorts map[string]string, entity, rows any) (int64, error) {
	order, err := model.OrderBy(page.Sort, sorts, "id")
	if err != nil {
		return 0, err
	}
	var total int64
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := visibleProject(tx, actor, projectID); err != nil {
			return err
		}
		q := tx.Model(entity).Where("project_id = ?", projectID)
		if err := q.Count(&total).Error; err != nil {
			return err
		}
		return q.Scopes(order, model.Paginate(page)).Find(rows).Error
	})
	return total, model.TranslateDBError(err, "project")
}

// NewIPRecord is a patent, copyright or trademark to record. AppliedOn is
// required; GrantedOn is required for status granted, not allowed for
// status applied, and not before AppliedOn.
type NewIPRecord struct {
	Kind      string
	Title     string
	Number    string
	Status    string
	AppliedOn *model.Date
	GrantedOn *model.Date
}

// AddIPRecord records an IP right of a project. Callers: the team's
// members, admin. Errors: not_found, forbidden, invalid.
func (s *Projects) AddIPRecord(ctx context.Context, actor Actor, projectID uint, in NewIPRecord) (IPRecordView, error) {
	r := model.IPRecord{ProjectID: projectID, Kind: in.Kind, Title: strings.TrimSpace(in.Title), Number: strings.TrimSpace(in.Number),
		Status: in.Status, AppliedOn: in.AppliedOn, GrantedOn: in.GrantedOn}
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if _, _, err := writableProject(tx, actor, projectID, false); err != nil {
			return err
		}
		if err := s.checkIPRecord(&r); err != nil {
			return err
		}
		r.CreatedAt = s.clock()
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "project.ip_recorded", Entity: "project", EntityID: projectID, After: viewIPRecord(&r)})
	})
	if err != nil {
		return IPRecordView{}, model.TranslateDBError(err, "project")
	}
	return viewIPRecord(&r), nil
}

func (s *Projects) checkIPRecord(r *model.IPRecord) error {
	today := model.DateOf(s.clock())
	var fields []model.FieldError
	if !slices.Contains(IPKinds, r.Kind) {
		fields = append(fields, model.Field("kind", "oneof", "kind must be one of: "+strings.Join(IPKinds, ", ")))
	}
	if r.Title == "" {
		fields = append(fields, model.Field("title", "required", "is required"))
	}
	if r.Status != model.IPApplied && r.Status != model.IPGranted {
		fields = append(fields, model.Field("status", "oneof", "status must be applied or granted"))
	}
	switch {
	case r.AppliedOn == nil:
		fields = append(fields, model.Field("applied_on", "required", "is required"))
	case r.AppliedOn.After(today):
		fields = append(fields, model.Field("applied_on", "future", "cannot be in the future"))
	}
	switch {
	case r.Status == model.IPGranted && r.GrantedOn == nil:
		fields = append(fields, model.Field("granted_on", "required", "a granted right needs its grant date"))
	case r.Status == model.IPApplied && r.GrantedOn != nil:
		fields = append(fields, model.Field("granted_on", "not_granted", "a right still applied for has no grant date"))
	case r.GrantedOn != nil && r.GrantedOn.After(today):
		fields = append(fields, model.Field("granted_on", "future", "cannot be in the future"))
	case r.GrantedOn != nil && r.AppliedOn != nil && r.GrantedOn.Before(*r.AppliedOn):
		fields = append(fields, model.Field("granted_on", "before_applied", "cannot be before applied_on"))
	}
	if len(fields) > 0 {
		return model.Invalid("invalid IP record", fields...)
	}
	return nil
}

// NewFundingEvent is money a project raised: a date not in the future and
// a positive amount in fen.
type NewFundingEvent struct {
	On        model.Date
	Round     string
	Investor  string
	AmountFen int64
}

// AddFundingEvent records money a project raised. Callers: the team's
// members, admin. Errors: not_found, forbidden, invalid.
func (s *Projects) AddFundingEvent(ctx context.Context, actor Actor, projectID uint, in NewFundingEvent) (FundingEventView, error) {
	f := model.FundingEvent{ProjectID: projectID, On: in.On, Round: strings.TrimSpace(in.Round), Investor: strings.TrimSpace(in.Investor), AmountFen: in.AmountFen}
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if _, _, err := writableProject(tx, actor, projectID, false); err != nil {
			return err
		}
		var fields []model.FieldError
		switch {
		case f.On.IsZero():
			fields = append(fields, model.Field("on", "required", "is required"))
		case f.On.After(model.DateOf(s.clock())):
			fields = append(fields, model.Field("on", "future", "cannot be in the future"))
		}
		if f.AmountFen <= 0 {
			fields = append(fields, model.Field("amount_fen", "positive", "must be a positive amount in fen"))
		}
		if len(fields) > 0 {
			return model.Invalid("invalid funding event", fields...)
		}
		f.CreatedAt = s.clock()
		if err := tx.Create(&f).Error; err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "project.funding_recorded", Entity: "project", EntityID: projectID, After: viewFundingEvent(&f)})
	})
	if err != nil {
		return FundingEventView{}, model.TranslateDBError(err, "project")
	}
	return viewFundingEvent(&f), nil
}
