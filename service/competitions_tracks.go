package service

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// TrackView is a track (group or field) of a competition.
type TrackView struct {
	ID            uint   `json:"id"`
	CompetitionID uint   `json:"competition_id"`
	Name          string `json:"name"`
	Description   string `json:"description"`
	SortOrder     int    `json:"sort_order"`
}

func viewTrack(t *model.Track) TrackView {
	return TrackView{ID: t.ID, CompetitionID: t.CompetitionID, Name: t.Name, Description: t.Description, SortOrder: t.SortOrder}
}

var trackSorts = map[string]string{"sort_order": "sort_order", "id": "id", "name": "name"}

// Tracks lists a competition's tracks, by sort_order unless sorted
// otherwise. Callers: every signed-in user who may see the competition.
// Errors: not_found, invalid (sort).
func (s *Competitions) Tracks(ctx context.Context, actor Actor, competitionID uint, page model.Page) ([]TrackView, int64, error) {
	db := s.db.WithContext(ctx)
	if _, err := visibleCompetition(db, actor, competitionID, false); err != nil {
		return nil, 0, err
	}
	if page.Sort == "" {
		page.Sort = "sort_order"
	}
	order, err := model.OrderBy(page.Sort, trackSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	q := db.Model(&model.Track{}).Where("competition_id = ?", competitionID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var rows []model.Track
	if err := q.Scopes(order, model.Paginate(page)).Find(&rows).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	out := make([]TrackView, len(rows))
	for i := range rows {
		out[i] = viewTrack(&rows[i])
	}
	return out, total, nil
}

// NewTrack is a track to add.
type NewTrack struct {
	Name        string
	Description string
	SortOrder   int
}

// CreateTrack adds a track to a competition that is not finished.
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, invalid (name, a taken name as a field
// error), failed_precondition (finished).
func (s *Competitions) CreateTrack(ctx context.Context, actor Actor, competitionID uint, in NewTrack) (TrackView, error) {
	var fields []model.FieldError
	t := model.Track{CompetitionID: competitionID, Name: checkName("name", in.Name, &fields), Description: in.Description, SortOrder: in.SortOrder}
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		c, err := managedCompetition(tx, actor, competitionID, "add tracks")
		if err != nil {
			return err
		}
		if !competitionEditable(c) {
			return competitionMoveError("add a track", c.Status)
		}
		if err := fieldErrors("invalid track", fields); err != nil {
			return err
		}
		if err := tx.Create(&t).Error; err != nil {
			return trackNameTaken(err)
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "track.created", Entity: "track", EntityID: t.ID, After: viewTrack(&t)})
	})
	return viewTrack(&t), model.TranslateDBError(err, "track")
}

func trackNameTaken(err error) error {
	if model.IsDuplicate(err) {
		return model.Invalid("track exists", model.Field("name", "taken", "the competition has a track with this name"))
	}
	return err
}

// TrackUpdate changes a track; nil fields stay.
type TrackUpdate struct {
	Name        *string
	Description *string
	SortOrder   *int
}

// UpdateTrack changes a track of a competition that is not finished.
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, invalid (a taken name),
// failed_precondition (finished).
func (s *Competitions) UpdateTrack(ctx context.Context, actor Actor, id uint, in TrackUpdate) (TrackView, error) {
	var fields []model.FieldError
	changes := map[string]any{}
	if in.Name != nil {
		changes["name"] = checkName("name", *in.Name, &fields)
	}
	if in.Description != nil {
		changes["description"] = *in.Description
	}
	if in.SortOrder != nil {
		changes["sort_order"] = *in.SortOrder
	}
	var after model.Track
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var before model.Track
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&before, id).Error; err != nil {
			return model.TranslateDBError(err, "track")
		}
		c, err := managedCompetition(tx, actor, before.CompetitionID, "change tracks")
		if err != nil {
			return trackNotFound(err)
		}
		if !competitionEditable(c) {
			return competitionMoveError("change a track", c.Status)
		}
		if err := fieldErrors("invalid track", fields); err != nil {
			return err
		}
		if len(changes) > 0 {
			changes["updated_at"] = s.clock()
			if err := tx.Model(&model.Track{}).Where("id = ?", id).Updates(changes).Error; err != nil {
				return trackNameTaken(err)
			}
		}
		if err := tx.Take(&after, id).Error; err != nil {
			return err
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "track.updated", Entity: "track", EntityID: id, Before: viewTrack(&before), After: viewTrack(&after)})
	})
	return viewTrack(&after), model.TranslateDBError(err, "track")
}

// trackNotFound names the track when its competition is not visible.
func trackNotFound(err error) error {
	if model.ErrorCode(err) == model.CodeNotFound {
		return model.NotFound("track")
	}
	return err
}
