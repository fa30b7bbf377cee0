package service

import (
	"context"
	"time"

	"incubator/model"
)

// CompetitionFilter selects competitions. Zero fields do not filter.
type CompetitionFilter struct {
	Status string
	Year   int
	Q      string // name or organiser contains
	Page   model.Page
}

var competitionSorts = map[string]string{
	"id": "id", "name": "name", "year": "year", "status": "status", "created_at": "created_at",
	"registration_opens_at": "registration_opens_at", "registration_closes_at": "registration_closes_at",
}

// List returns the competitions the actor may see, newest first unless
// sorted otherwise: non-drafts for everyone, plus the drafts they manage.
// Callers: every signed-in user. Errors: invalid (status, sort).
func (s *Competitions) List(ctx context.Context, actor Actor, f CompetitionFilter) ([]CompetitionView, int64, error) {
	db := s.db.WithContext(ctx)
	q := visibleCompetitions(db.Model(&model.Competition{}), actor)
	if f.Status != "" {
		var fields []model.FieldError
		if checkOneOf("status", f.Status, competitionStatuses, &fields); len(fields) > 0 {
			return nil, 0, model.Invalid("invalid filter", fields...)
		}
		q = q.Where("status = ?", f.Status)
	}
	if f.Year != 0 {
		q = q.Where("year = ?", f.Year)
	}
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("name LIKE ? ESCAPE '!' OR organiser LIKE ? ESCAPE '!'", like, like)
	}
	if f.Page.Sort == "" {
		f.Page.Sort = "-id"
	}
	order, err := model.OrderBy(f.Page.Sort, competitionSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Competition
	if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	views, err := viewCompetitions(db, actor, s.clock(), rows)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return views, total, nil
}

// Get returns one competition the actor may see. Callers: every signed-in
// user. Errors: not_found (also a draft the actor does not manage).
func (s *Competitions) Get(ctx context.Context, actor Actor, id uint) (CompetitionView, error) {
	db := s.db.WithContext(ctx)
	c, err := visibleCompetition(db, actor, id, false)
	if err != nil {
		return CompetitionView{}, err
	}
	views, err := viewCompetitions(db, actor, s.clock(), []model.Competition{c})
	if err != nil {
		return CompetitionView{}, model.Internal(err)
	}
	return views[0], nil
}

// PublicTrack is a track on the public listing.
type PublicTrack struct {
	ID   uint   `json:"id"`
	Name string `json:"name"`
}

// PublicCompetition is a competition as anyone may see it, without a
// token: no personal data, no internal settings. EntryCount counts
// submitted and qualified entries.
type PublicCompetition struct {
	ID                   uint          `json:"id"`
	Name                 string        `json:"name"`
	Edition              int           `json:"edition"`
	Year                 int           `json:"year"`
	Organiser            string        `json:"organiser"`
	Status               string        `json:"status"`
	RegistrationOpensAt  time.Time     `json:"registration_opens_at"`
	RegistrationClosesAt time.Time     `json:"registration_closes_at"`
	Tracks               []PublicTrack `json:"tracks"`
	EntryCount           int64         `json:"entry_count"`
}

// PublicList returns the competitions that are not drafts, newest first
// (year, then id). Callers: anyone, no sign-in needed.
func (s *Competitions) PublicList(ctx context.Context, page model.Page) ([]PublicCompetition, int64, error) {
	db := s.db.WithContext(ctx)
	q := db.Model(&model.Competition{}).Where("status <> ?", model.CompetitionDraft)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Competition
	if err := q.Order("year DESC").Order("id DESC").Scopes(model.Paginate(page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	out := make([]PublicCompetition, len(rows))
	if len(rows) == 0 {
		return out, total, nil
	}
	ids := make([]uint, len(rows))
	index := make(map[uint]int, len(rows))
	for i, c := range rows {
		ids[i], index[c.ID] = c.ID, i
		out[i] = PublicCompetition{ID: c.ID, Name: c.Name, Edition: c.Edition, Year: c.Year, Organiser: c.Organiser, Status: c.Status,
			RegistrationOpensAt: c.RegistrationOpensAt.UTC(), RegistrationClosesAt: c.RegistrationClosesAt.UTC(), Tracks: []PublicTrack{}}
	}
	var tracks []model.Track
	if err := db.Select("id", "competition_id", "name").Where("competition_id IN ?", ids).Order("sort_order").Order("id").Find(&tracks).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	for _, t := range tracks {
		p := &out[index[t.CompetitionID]]
		p.Tracks = append(p.Tracks, PublicTrack{ID: t.ID, Name: t.Name})
	}
	entries, err := countBy(db.Where("status IN ?", countedEntryStatuses), &model.Entry{}, "competition_id", ids)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	for id, n := range entries {
		out[index[id]].EntryCount = n
	}
	return out, total, nil
}
