package service

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// EntryFilter selects a competition's entries. Zero fields do not filter.
type EntryFilter struct {
	TrackID   *uint
	CollegeID *uint
	Status    string
	Q         string // title or project name contains
	Page      model.Page
}

// EntryTrackCount is how many entries a track has.
type EntryTrackCount struct {
	TrackID uint   `json:"track_id"`
	Name    string `json:"name"`
	Count   int64  `json:"count"`
}

// EntryCollegeCount is how many entries came from a college.
type EntryCollegeCount struct {
	CollegeID uint   `json:"college_id"`
	Name      string `json:"name"`
	Count     int64  `json:"count"`
}

// EntryCounts are a competition's entries counted per track (every track,
// in track order), per college (colleges with entries, by name) and per
// status (every status).
type EntryCounts struct {
	ByTrack   []EntryTrackCount   `json:"by_track"`
	ByCollege []EntryCollegeCount `json:"by_college"`
	ByStatus  map[string]int64    `json:"by_status"`
}

// EntryList is a page of entries; Counts (organisers only) cover the
// whole competition, ignoring filters and paging.
type EntryList struct {
	Items  []EntryView
	Total  int64
	Counts *EntryCounts
}

var entrySorts = map[string]string{
	"id": "entries.id", "title": "entries.title", "status": "entries.status", "submitted_at": "entries.submitted_at",
	"created_at": "entries.created_at", "updated_at": "entries.updated_at", "track_id": "entries.track_id", "college_id": "entries.college_id",
}

// EntryStatuses are the statuses of entries in workflow order.
var EntryStatuses = []string{model.EntryDraft, model.EntrySubmitted, model.EntryQualified, model.EntryDisqualified, model.EntryWithdrawn}

// entryCompetition loads a competition for an entry use case; a draft
// competition is not_found for anyone but its organisers.
func entryCompetition(tx *gorm.DB, actor Actor, id uint) (model.Competition, bool, error) {
	var c model.Competition
	if err := tx.Take(&c, id).Error; err != nil {
		return c, false, model.TranslateDBError(err, "competition")
	}
	manager := actor.ManagesCompetition(c)
	if c.Status == model.CompetitionDraft && !manager {
		return c, false, model.NotFound("competition")
	}
	return c, manager, nil
}

// List returns a competition's entries: all of them with counts for its
// organisers, the entries of their own teams for students (without
// counts). Sort: id, title, status, submitted_at, created_at, updated_at,
// track_id, college_id. Callers: organisers, students; anyone else is
// forbidden. Errors: not_found (competition), forbidden, invalid (sort,
// status).
func (s *Entries) List(ctx context.Context, actor Actor, competitionID uint, f EntryFilter) (EntryList, error) {
	out := EntryList{Items: []EntryView{}}
	if f.Status != "" && !slices.Contains(EntryStatuses, f.Status) {
		return out, model.Invalid("invalid filter", model.Field("status", "oneof", "status must be one of draft, submitted, qualified, disqualified, withdrawn"))
	}
	order, err := model.OrderBy(f.Page.Sort, entrySorts, "entries.id")
	if err != nil {
		return out, err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, manager, err := entryCompetition(tx, actor, competitionID)
		if err != nil {
			return err
		}
		q := tx.Model(&model.Entry{}).Where("entries.competition_id = ?", c.ID)
		if !manager {
			// A student sees their teams' entries, a college viewer their
			// college's; someone holding both sees either.
			var conds []string
			var args []any
			if actor.Has(model.RoleStudent) {
				conds = append(conds, "entries.id IN (SELECT entry_id FROM entry_members WHERE user_id = ?) OR entries.project_id IN (SELECT project_id FROM project_members WHERE user_id = ?)")
				args = append(args, actor.UserID, actor.UserID)
			}
			if actor.Has(model.RoleCollegeViewer) && actor.CollegeID != nil {
				conds = append(conds, "entries.college_id = ?")
				args = append(args, *actor.CollegeID)
			}
			if len(conds) == 0 {
				return model.Errorf(model.CodeForbidden, "only the competition's organisers list its entries")
			}
			q = q.Where("("+strings.Join(conds, ") OR (")+")", args...)
		}
		q = filterEntries(q, f)
		if err := q.Count(&out.Total).Error; err != nil {
			return err
		}
		var rows []model.Entry
		if err := q.Scopes(order, model.Paginate(f.Page)).Find(&rows).Error; err != nil {
			return err
		}
		if out.Items, err = viewEntries(tx, actor, s.clock(), c, rows); err != nil {
			return err
		}
		if manager {
			counts, err := countEntries(tx, c.ID)
			out.Counts = &counts
			return err
		}
		return nil
	})
	return out, model.TranslateDBError(err, "competition")
}

func filterEntries(q *gorm.DB, f EntryFilter) *gorm.DB {
	if f.TrackID != nil {
		q = q.Where("entries.track_id = ?", *f.TrackID)
	}
	if f.CollegeID != nil {
		q = q.Where("entries.college_id = ?", *f.CollegeID)
	}
	if f.Status != "" {
		q = q.Where("entries.status = ?", f.Status)
	}
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("(entries.title LIKE ? ESCAPE '!' OR entries.project_id IN (SELECT id FROM projects WHERE name LIKE ? ESCAPE '!'))", like, like)
	}
	return q
}

// countEntries counts a competition's entries per track, college and
// status.
func countEntries(tx *gorm.DB, competitionID uint) (EntryCounts, error) {
	out := EntryCounts{ByTrack: []EntryTrackCount{}, ByCollege: []EntryCollegeCount{}, ByStatus: map[string]int64{}}
	for _, st := range EntryStatuses {
		out.ByStatus[st] = 0
	}
	var byTrack []struct {
		ID    uint
		Name  string
		Count int64
	}
	err := tx.Table("tracks").Select("tracks.id, tracks.name, COUNT(entries.id) AS count").
		Joins("LEFT JOIN entries ON entries.track_id = tracks.id").
		Where("tracks.competition_id = ?", competitionID).
		Group("tracks.id, tracks.name, tracks.sort_order").Order("tracks.sort_order").Order("tracks.id").Scan(&byTrack).Error
	if err != nil {
		return out, err
	}
	for _, t := range byTrack {
		out.ByTrack = append(out.ByTrack, EntryTrackCount{TrackID: t.ID, Name: t.Name, Count: t.Count})
	}
	var byCollege []struct {
		ID    uint
		Name  string
		Count int64
	}
	err = tx.Table("entries").Select("colleges.id, colleges.name, COUNT(*) AS count").
		Joins("JOIN colleges ON colleges.id = entries.college_id").
		Where("entries.competition_id = ?", competitionID).
		Group("colleges.id, colleges.name").Order("colleges.id").Scan(&byCollege).Error
	if err != nil {
		return out, err
	}
	for _, c := range byCollege {
		out.ByCollege = append(out.ByCollege, EntryCollegeCount{CollegeID: c.ID, Name: c.Name, Count: c.Count})
	}
	var byStatus []struct {
		Status string
		Count  int64
	}
	err = tx.Model(&model.Entry{}).Select("status, COUNT(*) AS count").Where("competition_id = ?", competitionID).
		Group("status").Scan(&byStatus).Error
	for _, st := range byStatus {
		out.ByStatus[st.Status] = st.Count
	}
	return out, err
}

// Get returns one entry. Callers: the entry's team and the competition's
// organisers; anyone else gets not_found. Errors: not_found.
func (s *Entries) Get(ctx context.Context, actor Actor, id uint) (EntryView, error) {
	var v EntryView
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		acc, err := loadEntryToRead(tx, actor, id)
		if err != nil {
			return err
		}
		v, err = viewEntry(tx, actor, s.clock(), acc.Competition, acc.Entry)
		return err
	})
	return v, model.TranslateDBError(err, "entry")
}
