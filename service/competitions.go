package service

import (
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// Competitions manages competitions, their tracks, rounds and judge pools.
//
// Scope: a competition with no base is organised zone-wide (admins manage
// it); one with a base is managed by admins and that base's managers.
// Visibility: every signed-in user sees competitions that are not drafts,
// with their tracks and rounds; drafts only their managers (others get
// not_found); a judge also sees the rounds whose pool they are in. A
// visible competition the actor does not manage answers forbidden to
// changes.
type Competitions struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewCompetitions returns the competitions service.
func NewCompetitions(db *gorm.DB, audit *Auditor, clock Clock) *Competitions {
	return &Competitions{db: db, audit: audit, clock: clock}
}

// Competition actions named in CompetitionView.AllowedActions.
const (
	CompetitionActionUpdate            = "update"
	CompetitionActionOpen              = "open"
	CompetitionActionCloseRegistration = "close_registration"
	CompetitionActionFinish            = "finish"
)

var competitionStatuses = []string{model.CompetitionDraft, model.CompetitionOpen, model.CompetitionRegistrationClosed,
	model.CompetitionFinished, model.CompetitionResultsPublished}

// CompetitionView is a competition as clients see it, with its counts,
// whether registration is open now (server clock) and what the actor may
// do with it. EntryCount counts submitted and qualified entries.
type CompetitionView struct {
	ID                   uint      `json:"id"`
	Name                 string    `json:"name"`
	Edition              int       `json:"edition"`
	Year                 int       `json:"year"`
	Organiser            string    `json:"organiser"`
	BaseID               *uint     `json:"base_id"`
	BaseName             string    `json:"base_name"`
	Description          string    `json:"description"`
	RegistrationOpensAt  time.Time `json:"registration_opens_at"`
	RegistrationClosesAt time.Time `json:"registration_closes_at"`
	Status               string    `json:"status"`
	MinTeamSize          int       `json:"min_team_size"`
	MaxTeamSize          int       `json:"max_team_size"`
	MaxAdvisors          int       `json:"max_advisors"`
	TrackCount           int64     `json:"track_count"`
	RoundCount           int64     `json:"round_count"`
	EntryCount           int64     `json:"entry_count"`
	RegistrationOpen     bool      `json:"registration_open"`
	AllowedActions       []string  `json:"allowed_actions"`
	Version              int       `json:"version"`
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// RegistrationOpen reports whether teams may register at now: the
// competition is open and now lies in [opens, closes).
func RegistrationOpen(now time.Time, c model.Competition) bool {
	return c.Status == model.CompetitionOpen && !now.Before(c.RegistrationOpensAt) && now.Before(c.RegistrationClosesAt)
}

// competitionActions lists what the actor may do with c in its state.
func competitionActions(actor Actor, c model.Competition) []string {
	out := []string{}
	if !actor.ManagesCompetition(c) {
		return out
	}
	switch c.Status {
	case model.CompetitionDraft:
		out = append(out, CompetitionActionUpdate, CompetitionActionOpen)
	case model.CompetitionOpen:
		out = append(out, CompetitionActionUpdate, CompetitionActionCloseRegistration)
	case model.CompetitionRegistrationClosed:
		out = append(out, CompetitionActionUpdate, CompetitionActionFinish)
	}
	return out
}

// competitionEditable reports whether c may still change (tracks, rounds,
// window, limits): not once it is finished.
func competitionEditable(c model.Competition) bool {
	return c.Status != model.CompetitionFinished && c.Status != model.CompetitionResultsPublished
}

// competitionMoveError is the failed_precondition error of a move the
// competition's state does not allow.
func competitionMoveError(action, current string) error {
	return model.Errorf(model.CodeFailedPrecondition, "cannot %s: the competition is %s", action, current)
}

// competitionVisible reports whether the actor may see c.
func competitionVisible(actor Actor, c model.Competition) bool {
	return c.Status != model.CompetitionDraft || actor.ManagesCompetition(c)
}

// visibleCompetition loads a competition the actor may see (lock: for
// update); drafts of others are not found.
func visibleCompetition(tx *gorm.DB, actor Actor, id uint, lock bool) (model.Competition, error) {
	var c model.Competition
	q := tx
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&c, id).Error; err != nil {
		return c, model.TranslateDBError(err, "competition")
	}
	if !competitionVisible(actor, c) {
		return c, model.NotFound("competition")
	}
	return c, nil
}

// managedCompetition loads a competition for update and answers forbidden
// unless the actor manages it (not_found when they cannot even see it).
func managedCompetition(tx *gorm.DB, actor Actor, id uint, what string) (model.Competition, error) {
	c, err := visibleCompetition(tx, actor, id, true)
	if err != nil {
		return c, err
	}
	if !actor.ManagesCompetition(c) {
		return c, model.Errorf(model.CodeForbidden, "only an admin or a manager of the organising base may %s", what)
	}
	return c, nil
}

// visibleCompetitions restricts a competition query to what the actor may
// see: everything for an admin, else non-drafts plus drafts of the bases
// they manage.
func visibleCompetitions(q *gorm.DB, actor Actor) *gorm.DB {
	if actor.IsAdmin() {
		return q
	}
	if bases := actor.ManagedBases(); len(bases) > 0 {
		return q.Where("status <> ? OR base_id IN ?", model.CompetitionDraft, bases)
	}
	return q.Where("status <> ?", model.CompetitionDraft)
}

// countedEntryStatuses are the entries counted in entry_count.
var countedEntryStatuses = []string{model.EntrySubmitted, model.EntryQualified}

// viewCompetitions builds the views of competitions with their base names
// and counts, in a fixed number of queries.
func viewCompetitions(tx *gorm.DB, actor Actor, now time.Time, rows []model.Competition) ([]CompetitionView, error) {
	out := make([]CompetitionView, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]uint, len(rows))
	var baseIDs []uint
	for i, c := range rows {
		ids[i] = c.ID
		if c.BaseID != nil {
			baseIDs = append(baseIDs, *c.BaseID)
		}
	}
	bases := map[uint]string{}
	if len(baseIDs) > 0 {
		var bs []model.Base
		if err := tx.Select("id", "name").Where("id IN ?", baseIDs).Find(&bs).Error; err != nil {
			return nil, err
		}
		for _, b := range bs {
			bases[b.ID] = b.Name
		}
	}
	tracks, err := countBy(tx, &model.Track{}, "competition_id", ids)
	if err != nil {
		return nil, err
	}
	rounds, err := countBy(tx, &model.Round{}, "competition_id", ids)
	if err != nil {
		return nil, err
	}
	entries, err := countBy(tx.Where("status IN ?", countedEntryStatuses), &model.Entry{}, "competition_id", ids)
	if err != nil {
		return nil, err
	}
	for i, c := range rows {
		out[i] = CompetitionView{
			ID: c.ID, Name: c.Name, Edition: c.Edition, Year: c.Year, Organiser: c.Organiser, BaseID: c.BaseID,
			Description: c.Description, RegistrationOpensAt: c.RegistrationOpensAt.UTC(), RegistrationClosesAt: c.RegistrationClosesAt.UTC(),
			Status: c.Status, MinTeamSize: c.MinTeamSize, MaxTeamSize: c.MaxTeamSize, MaxAdvisors: c.MaxAdvisors,
			TrackCount: tracks[c.ID], RoundCount: rounds[c.ID], EntryCount: entries[c.ID],
			RegistrationOpen: RegistrationOpen(now, c), AllowedActions: competitionActions(actor, c),
			Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		}
		if c.BaseID != nil {
			out[i].BaseName = bases[*c.BaseID]
		}
	}
	return out, nil
}

// competitionView builds the view of one competition read in tx.
func competitionView(tx *gorm.DB, actor Actor, now time.Time, id uint) (CompetitionView, error) {
	var c model.Competition
	if err := tx.Take(&c, id).Error; err != nil {
		return CompetitionView{}, err
	}
	views, err := viewCompetitions(tx, actor, now, []model.Competition{c})
	if err != nil {
		return CompetitionView{}, err
	}
	return views[0], nil
}
