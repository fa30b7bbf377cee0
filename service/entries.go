package service

import (
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"incubator/model"
)

// Entries manages competition entries: registration, the entry rules,
// submission before the server-side deadline, qualification and export.
//
// Who may do what (objects the actor may not see answer not_found):
//   - the team (the entry's members and its project's members) reads its
//     entries and, until the deadline (EntryLocked), changes and submits
//     them; it may withdraw until the competition is finished;
//   - the competition's organisers (Actor.ManagesCompetition: admins, or
//     the managers of the organising base) see every entry, change them
//     until the competition is finished, submit and withdraw on the team's
//     behalf, qualify and disqualify;
//   - only admins grant a per-entry deadline extension;
//   - judges and college viewers do not see entries here (judges get them
//     through their assignments).
type Entries struct {
	db    *gorm.DB
	audit *Auditor
	clock Clock
}

// NewEntries returns the entries service.
func NewEntries(db *gorm.DB, audit *Auditor, clock Clock) *Entries {
	return &Entries{db: db, audit: audit, clock: clock}
}

// Actions on entries, as allowed_actions names them.
const (
	EntryActionUpdate     = "update"
	EntryActionSubmit     = "submit"
	EntryActionWithdraw   = "withdraw"
	EntryActionQualify    = "qualify"
	EntryActionDisqualify = "disqualify"
	EntryActionExtend     = "extend"
)

// EntryMemberView is a student of an entry's team.
type EntryMemberView struct {
	UserID    uint   `json:"user_id"`
	Username  string `json:"username"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	StudentNo string `json:"student_no"`
}

// EntryAdvisorView is an advisor named on an entry (UserID nil for an
// advisor without an account).
type EntryAdvisorView struct {
	ID           uint   `json:"id"`
	UserID       *uint  `json:"user_id"`
	Name         string `json:"name"`
	Organization string `json:"organization"`
	Title        string `json:"title"`
}

// EntryMaterials counts the uploaded versions of each kind of material.
type EntryMaterials struct {
	BusinessPlan int `json:"business_plan"`
	Deck         int `json:"deck"`
	Video        int `json:"video"`
}

// EntryView is an entry as clients see it. Deadline is when it locks
// (EntryDeadline); Locked is decided by the server's clock.
// AllowedActions lists what the asking actor may do now.
type EntryView struct {
	ID                 uint               `json:"id"`
	CompetitionID      uint               `json:"competition_id"`
	CompetitionName    string             `json:"competition_name"`
	ProjectID          uint               `json:"project_id"`
	ProjectName        string             `json:"project_name"`
	TrackID            uint               `json:"track_id"`
	TrackName          string             `json:"track_name"`
	CollegeID          uint               `json:"college_id"`
	CollegeName        string             `json:"college_name"`
	Title              string             `json:"title"`
	Summary            string             `json:"summary"`
	Status             string             `json:"status"`
	StatusReason       string             `json:"status_reason"`
	SubmittedAt        *time.Time         `json:"submitted_at"`
	Deadline           time.Time          `json:"deadline"`
	DeadlineExtendedTo *time.Time         `json:"deadline_extended_to"`
	Locked             bool               `json:"locked"`
	Members            []EntryMemberView  `json:"members"`
	Advisors           []EntryAdvisorView `json:"advisors"`
	Materials          EntryMaterials     `json:"materials"`
	AllowedActions     []string           `json:"allowed_actions"`
	Version            int                `json:"version"`
	CreatedAt          time.Time          `json:"created_at"`
	UpdatedAt          time.Time          `json:"updated_at"`
}

// entryMemberRow is an entry member joined with their account.
type entryMemberRow struct {
	EntryID   uint
	UserID    uint
	Username  string
	Name      string
	Role      string
	StudentNo string
	Status    string
}

// entryMemberRows loads the members of the entries, leader first.
func entryMemberRows(tx *gorm.DB, ids []uint) ([]entryMemberRow, error) {
	var rows []entryMemberRow
	err := tx.Table("entry_members").
		Select("entry_members.entry_id, entry_members.user_id, users.username, users.name, entry_members.role, users.student_no, users.status").
		Joins("JOIN users ON users.id = entry_members.user_id").
		Where("entry_members.entry_id IN ?", ids).
		Order("entry_members.entry_id").Order("entry_members.role").Order("entry_members.id").
		Scan(&rows).Error
	return rows, err
}

// entryNamesByID loads id → name of the rows of a table with those columns.
func entryNamesByID(tx *gorm.DB, table string, ids []uint) (map[uint]string, error) {
	var rows []struct {
		ID   uint
		Name string
	}
	out := map[uint]string{}
	if len(ids) == 0 {
		return out, nil
	}
	if err := tx.Table(table).Select("id, name").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// entryTeamIDs returns which of the entries have userID on their team
// (the entry's members or its project's members), as onEntryTeam decides.
func entryTeamIDs(tx *gorm.DB, userID uint, entries []model.Entry) (map[uint]bool, error) {
	out := map[uint]bool{}
	if userID == 0 || len(entries) == 0 {
		return out, nil
	}
	ids := make([]uint, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	var mine []uint
	err := tx.Model(&model.Entry{}).Where("id IN ?", ids).
		Where("(id IN (SELECT entry_id FROM entry_members WHERE user_id = ?) OR project_id IN (SELECT project_id FROM project_members WHERE user_id = ?))", userID, userID).
		Pluck("id", &mine).Error
	for _, id := range mine {
		out[id] = true
	}
	return out, err
}

// viewEntries builds the views of entries of one competition for actor,
// in a fixed number of queries.
func viewEntries(tx *gorm.DB, actor Actor, now time.Time, c model.Competition, entries []model.Entry) ([]EntryView, error) {
	out := make([]EntryView, len(entries))
	if len(entries) == 0 {
		return out, nil
	}
	ids, projectIDs, collegeIDs := make([]uint, len(entries)), make([]uint, len(entries)), make([]uint, len(entries))
	for i, e := range entries {
		ids[i], projectIDs[i], collegeIDs[i] = e.ID, e.ProjectID, e.CollegeID
	}
	projects, err := entryNamesByID(tx, "projects", projectIDs)
	if err != nil {
		return nil, err
	}
	colleges, err := entryNamesByID(tx, "colleges", collegeIDs)
	if err != nil {
		return nil, err
	}
	var tracks []model.Track
	if err := tx.Where("competition_id = ?", c.ID).Find(&tracks).Error; err != nil {
		return nil, err
	}
	trackNames := map[uint]string{}
	for _, t := range tracks {
		trackNames[t.ID] = t.Name
	}
	team, err := entryTeamIDs(tx, actor.UserID, entries)
	if err != nil {
		return nil, err
	}
	manager := actor.ManagesCompetition(c)
	index := make(map[uint]int, len(entries))
	for i := range entries {
		e := &entries[i]
		index[e.ID] = i
		out[i] = EntryView{
			ID: e.ID, CompetitionID: e.CompetitionID, CompetitionName: c.Name, ProjectID: e.ProjectID, ProjectName: projects[e.ProjectID],
			TrackID: e.TrackID, TrackName: trackNames[e.TrackID], CollegeID: e.CollegeID, CollegeName: colleges[e.CollegeID],
			Title: e.Title, Summary: e.Summary, Status: e.Status, StatusReason: e.StatusReason, SubmittedAt: e.SubmittedAt,
			Deadline: EntryDeadline(c, *e), DeadlineExtendedTo: e.DeadlineExtendedTo, Locked: EntryLocked(now, c, *e),
			Members: []EntryMemberView{}, Advisors: []EntryAdvisorView{},
			AllowedActions: entryActions(actor, now, c, *e, team[e.ID], manager),
			Version:        e.Version, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt,
		}
	}
	return out, fillEntryParts(tx, ids, index, out)
}

// fillEntryParts adds members, advisors and material counts to views.
func fillEntryParts(tx *gorm.DB, ids []uint, index map[uint]int, out []EntryView) error {
	members, err := entryMemberRows(tx, ids)
	if err != nil {
		return err
	}
	for _, m := range members {
		v := &out[index[m.EntryID]]
		v.Members = append(v.Members, EntryMemberView{UserID: m.UserID, Username: m.Username, Name: m.Name, Role: m.Role, StudentNo: m.StudentNo})
	}
	var advisors []model.EntryAdvisor
	if err := tx.Where("entry_id IN ?", ids).Order("id").Find(&advisors).Error; err != nil {
		return err
	}
	for _, a := range advisors {
		v := &out[index[a.EntryID]]
		v.Advisors = append(v.Advisors, EntryAdvisorView{ID: a.ID, UserID: a.UserID, Name: a.Name, Organization: a.Organization, Title: a.Title})
	}
	counts, err := entryMaterialCounts(tx, ids)
	if err != nil {
		return err
	}
	for _, m := range counts {
		v := &out[index[m.EntryID]]
		switch m.Kind {
		case model.AttachmentBusinessPlan:
			v.Materials.BusinessPlan = m.N
		case model.AttachmentDeck:
			v.Materials.Deck = m.N
		case model.AttachmentVideo:
			v.Materials.Video = m.N
		}
	}
	return nil
}

// entryMaterialCount is how many versions of one kind an entry has, and the
// newest version number.
type entryMaterialCount struct {
	EntryID uint
	Kind    string
	N       int
	Latest  int
}

func entryMaterialCounts(tx *gorm.DB, ids []uint) ([]entryMaterialCount, error) {
	var rows []entryMaterialCount
	err := tx.Model(&model.Attachment{}).Select("entry_id, kind, COUNT(*) AS n, MAX(version) AS latest").
		Where("entry_id IN ?", ids).Group("entry_id, kind").Order("entry_id").Order("kind").Scan(&rows).Error
	return rows, err
}

// viewEntry builds the view of one entry for actor.
func viewEntry(tx *gorm.DB, actor Actor, now time.Time, c model.Competition, e model.Entry) (EntryView, error) {
	vs, err := viewEntries(tx, actor, now, c, []model.Entry{e})
	if err != nil {
		return EntryView{}, err
	}
	return vs[0], nil
}

// lockEntryRow takes the entry's row lock for the transaction before
// loadEntry reads it, so that concurrent actions on one entry run one
// after the other and each sees the other's result. A missing entry is
// left for loadEntry to report.
func lockEntryRow(tx *gorm.DB, id uint) error {
	var e model.Entry
	return tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Limit(1).Find(&e).Error
}
