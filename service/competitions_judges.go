package service

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// MaxJudgesPerRequest bounds the user_ids of one pool addition.
const MaxJudgesPerRequest = 200

// JudgeView is a judge with their profile, for building pools.
type JudgeView struct {
	ID          uint     `json:"id"`
	Username    string   `json:"username"`
	Name        string   `json:"name"`
	Title       string   `json:"title"`
	Expertise   []string `json:"expertise"`
	CollegeID   *uint    `json:"college_id"`
	CollegeName string   `json:"college_name"`
}

// viewJudges builds judge views with their college names.
func viewJudges(tx *gorm.DB, users []model.User) ([]JudgeView, error) {
	out := make([]JudgeView, len(users))
	var collegeIDs []uint
	for _, u := range users {
		if u.CollegeID != nil {
			collegeIDs = append(collegeIDs, *u.CollegeID)
		}
	}
	names := map[uint]string{}
	if len(collegeIDs) > 0 {
		var cs []model.College
		if err := tx.Select("id", "name").Where("id IN ?", collegeIDs).Find(&cs).Error; err != nil {
			return nil, err
		}
		for _, c := range cs {
			names[c.ID] = c.Name
		}
	}
	for i, u := range users {
		exp := u.Expertise
		if exp == nil {
			exp = []string{}
		}
		out[i] = JudgeView{ID: u.ID, Username: u.Username, Name: u.Name, Title: u.Title, Expertise: exp, CollegeID: u.CollegeID}
		if u.CollegeID != nil {
			out[i].CollegeName = names[*u.CollegeID]
		}
	}
	return out, nil
}

// judgeIDs returns the users holding the judge role in any domain.
func judgeIDs(tx *gorm.DB) ([]uint, error) {
	var subjects []string
	if err := tx.Model(&model.CasbinRule{}).Where("ptype = 'g' AND v1 = ?", model.RoleJudge).Distinct().Pluck("v0", &subjects).Error; err != nil {
		return nil, err
	}
	ids := make([]uint, 0, len(subjects))
	for _, s := range subjects {
		if id, ok := parseSubject(s); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// JudgeFilter selects judges. Zero fields do not filter.
type JudgeFilter struct {
	Q         string // username or name contains
	Expertise string // holds this expertise tag
	CollegeID *uint
	Page      model.Page
}

var judgeSorts = map[string]string{"id": "id", "username": "username", "name": "name"}

// Judges lists the active users holding the judge role, with their
// profiles, for building pools. Callers: admin and base managers.
// Errors: forbidden, invalid (sort).
func (s *Competitions) Judges(ctx context.Context, actor Actor, f JudgeFilter) ([]JudgeView, int64, error) {
	if !actor.IsAdmin() && len(actor.ManagedBases()) == 0 {
		return nil, 0, model.Errorf(model.CodeForbidden, "only admins and base managers list judges")
	}
	db := s.db.WithContext(ctx)
	ids, err := judgeIDs(db)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	if len(ids) == 0 {
		return []JudgeView{}, 0, nil
	}
	q := db.Model(&model.User{}).Where("id IN ? AND status = ?", ids, model.UserActive)
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("username LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!'", like, like)
	}
	if tag := strings.TrimSpace(f.Expertise); tag != "" {
		// expertise is a JSON array of strings: match one whole element.
		quoted, _ := json.Marshal(tag)
		q = q.Where("expertise LIKE ? ESCAPE '!'", "%"+escapeLike(string(quoted))+"%")
	}
	if f.CollegeID != nil {
		q = q.Where("college_id = ?", *f.CollegeID)
	}
	return pageJudges(db, q, f.Page)
}

// pageJudges counts, sorts and pages a user query into judge views.
func pageJudges(db, q *gorm.DB, page model.Page) ([]JudgeView, int64, error) {
	if page.Sort == "" {
		page.Sort = "username"
	}
	order, err := model.OrderBy(page.Sort, judgeSorts, "id")
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	var users []model.User
	if err := q.Scopes(order, model.Paginate(page)).Find(&users).Error; err != nil {
		return nil, 0, model.Internal(err)
	}
	views, err := viewJudges(db, users)
	if err != nil {
		return nil, 0, model.Internal(err)
	}
	return views, total, nil
}

// RoundJudges lists a round's judge pool (sort: username, name, id).
// Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, invalid (sort).
func (s *Competitions) RoundJudges(ctx context.Context, actor Actor, roundID uint, page model.Page) ([]JudgeView, int64, error) {
	db := s.db.WithContext(ctx)
	_, c, err := visibleRound(db, actor, roundID, false)
	if err != nil {
		return nil, 0, err
	}
	if !actor.ManagesCompetition(c) {
		return nil, 0, model.Errorf(model.CodeForbidden, "only an admin or a manager of the organising base sees the judge pool")
	}
	pool := db.Model(&model.RoundJudge{}).Select("user_id").Where("round_id = ?", roundID)
	return pageJudges(db, db.Model(&model.User{}).Where("id IN (?)", pool), page)
}

// poolChangeable refuses pool changes once the competition is finished or
// the round is closed.
func poolChangeable(r model.Round, c model.Competition) error {
	if !competitionEditable(c) {
		return competitionMoveError("change the judge pool", c.Status)
	}
	if r.Status == model.RoundClosed || r.Status == model.RoundPublished {
		return model.Errorf(model.CodeFailedPrecondition, "cannot change the judge pool: the round is %s", r.Status)
	}
	return nil
}

// AddJudges puts judges in a round's pool; each must be an active user
// holding the judge role. Judges already in the pool stay (adding twice
// changes nothing). Callers: admin, or a manager of the organising base.
// Errors: not_found, forbidden, invalid (user_ids), failed_precondition
// (competition finished, round closed).
func (s *Competitions) AddJudges(ctx context.Context, actor Actor, roundID uint, userIDs []uint) (RoundView, error) {
	ids := slices.Clone(userIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var view RoundView
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		r, c, err := managedRound(tx, actor, roundID, "change the judge pool")
		if err != nil {
			return err
		}
		if err := poolChangeable(r, c); err != nil {
			return err
		}
		if len(ids) == 0 || len(ids) > MaxJudgesPerRequest || ids[0] == 0 {
			return model.Invalid("invalid judges", model.Field("user_ids", "range", fmt.Sprintf("name 1 to %d user ids", MaxJudgesPerRequest)))
		}
		if err := requireJudges(tx, ids); err != nil {
			return err
		}
		var present []uint
		if err := tx.Model(&model.RoundJudge{}).Where("round_id = ? AND user_id IN ?", roundID, ids).Pluck("user_id", &present).Error; err != nil {
			return err
		}
		var rows []model.RoundJudge
		var added []uint
		now := s.clock()
		for _, id := range ids {
			if !slices.Contains(present, id) {
				rows = append(rows, model.RoundJudge{RoundID: roundID, UserID: id, CreatedAt: now})
				added = append(added, id)
			}
		}
		if len(rows) > 0 {
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error; err != nil {
				return err
			}
			if err := s.audit.Record(tx, actor, AuditEntry{Action: "round.judges_added", Entity: "round", EntityID: roundID,
				After: map[string]any{"user_ids": added}}); err != nil {
				return err
			}
		}
		view, err = roundView(tx, roundID)
		return err
	})
	return view, model.TranslateDBError(err, "round")
}

// requireJudges answers invalid on user_ids unless every id is an active
// user holding the judge role.
func requireJudges(tx *gorm.DB, ids []uint) error {
	judges, err := judgeIDs(tx)
	if err != nil {
		return err
	}
	var active []uint
	if err := tx.Model(&model.User{}).Where("id IN ? AND status = ?", ids, model.UserActive).Pluck("id", &active).Error; err != nil {
		return err
	}
	var bad []string
	for _, id := range ids {
		if !slices.Contains(active, id) || !slices.Contains(judges, id) {
			bad = append(bad, fmt.Sprint(id))
		}
	}
	if len(bad) > 0 {
		return model.Invalid("not judges", model.Field("user_ids", "not_judge",
			"not an active user with the judge role: "+strings.Join(bad, ", ")))
	}
	return nil
}

// RemoveJudge takes a judge out of a round's pool.
// Callers: admin, or a manager of the organising base.
// Errors: not_found (also a judge not in the pool), forbidden,
// failed_precondition (competition finished, round closed).
func (s *Competitions) RemoveJudge(ctx context.Context, actor Actor, roundID, userID uint) error {
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		r, c, err := managedRound(tx, actor, roundID, "change the judge pool")
		if err != nil {
			return err
		}
		if err := poolChangeable(r, c); err != nil {
			return err
		}
		res := tx.Where("round_id = ? AND user_id = ?", roundID, userID).Delete(&model.RoundJudge{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return model.Errorf(model.CodeNotFound, "the judge is not in this round's pool")
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "round.judge_removed", Entity: "round", EntityID: roundID,
			Before: map[string]any{"user_id": userID}})
	})
	return model.TranslateDBError(err, "round")
}
