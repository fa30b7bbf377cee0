package service

import (
	"math"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// Actions on residency applications, as allowed_actions names them.
const (
	AppActionUpdate  = "update"
	AppActionSubmit  = "submit"
	AppActionReview  = "review"
	AppActionApprove = "approve"
	AppActionReject  = "reject"
	AppActionReturn  = "return"
	AppActionAdmit   = "admit"
)

// ApplicationReviewView is one reviewer's score of an application.
type ApplicationReviewView struct {
	ReviewerID   uint      `json:"reviewer_id"`
	ReviewerName string    `json:"reviewer_name"`
	Score        int       `json:"score"`
	Comment      string    `json:"comment"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// ResidencyApplicationView is a residency application as clients see it,
// with its reviews and the actions the requesting actor may take.
type ResidencyApplicationView struct {
	ID                    uint                    `json:"id"`
	ProjectID             uint                    `json:"project_id"`
	ProjectName           string                  `json:"project_name"`
	CollegeID             uint                    `json:"college_id"`
	BaseID                uint                    `json:"base_id"`
	BaseName              string                  `json:"base_name"`
	RequestedZoneID       *uint                   `json:"requested_zone_id"`
	RequestedWorkstations int                     `json:"requested_workstations"`
	Plan                  string                  `json:"plan"`
	Status                string                  `json:"status"`
	SubmittedAt           *time.Time              `json:"submitted_at"`
	DecidedAt             *time.Time              `json:"decided_at"`
	DecisionNote          string                  `json:"decision_note"`
	Reviews               []ApplicationReviewView `json:"reviews"`
	// AverageScore is the mean review score to 2 decimals, null without reviews.
	AverageScore   *float64  `json:"average_score"`
	AllowedActions []string  `json:"allowed_actions"`
	CreatedBy      uint      `json:"created_by"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// residencyApplicationActions lists what actor may do with an application in its
// current state: team members (and admin) edit and submit drafts and
// returned ones; the base's managers (and admin) review, decide and admit.
func residencyApplicationActions(a *model.ResidencyApplication, actor Actor, member bool) []string {
	out := []string{}
	if (member || actor.IsAdmin()) && (a.Status == model.AppDraft || a.Status == model.AppReturned) {
		out = append(out, AppActionUpdate, AppActionSubmit)
	}
	if actor.ManagesBase(a.BaseID) {
		switch a.Status {
		case model.AppSubmitted:
			out = append(out, AppActionReview, AppActionReject, AppActionReturn)
		case model.AppReviewing:
			out = append(out, AppActionReview, AppActionApprove, AppActionReject, AppActionReturn)
		case model.AppApproved:
			out = append(out, AppActionAdmit)
		}
	}
	return out
}

// viewResidencyApplications builds the views of apps for actor in a few queries.
func viewResidencyApplications(tx *gorm.DB, actor Actor, apps []model.ResidencyApplication) ([]ResidencyApplicationView, error) {
	out := make([]ResidencyApplicationView, 0, len(apps))
	if len(apps) == 0 {
		return out, nil
	}
	projectIDs := residencyIDsOf(apps, func(a *model.ResidencyApplication) uint { return a.ProjectID })
	names, err := loadResidencyNames(tx, projectIDs, residencyIDsOf(apps, func(a *model.ResidencyApplication) uint { return a.BaseID }))
	if err != nil {
		return nil, err
	}
	member, err := residencyTeams(tx, actor.UserID, projectIDs)
	if err != nil {
		return nil, err
	}
	reviews, err := loadApplicationReviews(tx, residencyIDsOf(apps, func(a *model.ResidencyApplication) uint { return a.ID }))
	if err != nil {
		return nil, err
	}
	for i := range apps {
		a := &apps[i]
		p := names.projects[a.ProjectID]
		v := ResidencyApplicationView{
			ID: a.ID, ProjectID: a.ProjectID, ProjectName: p.Name, CollegeID: p.CollegeID,
			BaseID: a.BaseID, BaseName: names.bases[a.BaseID].Name, RequestedZoneID: a.RequestedZoneID,
			RequestedWorkstations: a.RequestedWorkstations, Plan: a.Plan, Status: a.Status,
			SubmittedAt: a.SubmittedAt, DecidedAt: a.DecidedAt, DecisionNote: a.DecisionNote,
			Reviews: reviews[a.ID], AllowedActions: residencyApplicationActions(a, actor, member[a.ProjectID]),
			CreatedBy: a.CreatedBy, Version: a.Version, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
		}
		if v.Reviews == nil {
			v.Reviews = []ApplicationReviewView{}
		}
		v.AverageScore = averageReviewScore(v.Reviews)
		out = append(out, v)
	}
	return out, nil
}

// viewResidencyApplication builds one application's view.
func viewResidencyApplication(tx *gorm.DB, actor Actor, a model.ResidencyApplication) (ResidencyApplicationView, error) {
	vs, err := viewResidencyApplications(tx, actor, []model.ResidencyApplication{a})
	if err != nil {
		return ResidencyApplicationView{}, err
	}
	return vs[0], nil
}

func loadApplicationReviews(tx *gorm.DB, appIDs []uint) (map[uint][]ApplicationReviewView, error) {
	var rows []struct {
		model.ApplicationReview
		ReviewerName string
	}
	err := tx.Model(&model.ApplicationReview{}).
		Select("application_reviews.*, users.name AS reviewer_name").
		Joins("JOIN users ON users.id = application_reviews.reviewer_id").
		Where("application_reviews.application_id IN ?", appIDs).
		Order("application_reviews.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := map[uint][]ApplicationReviewView{}
	for _, r := range rows {
		out[r.ApplicationID] = append(out[r.ApplicationID], ApplicationReviewView{
			ReviewerID: r.ReviewerID, ReviewerName: r.ReviewerName, Score: r.Score, Comment: r.Comment, UpdatedAt: r.UpdatedAt,
		})
	}
	return out, nil
}

// averageReviewScore is the mean score rounded to 2 decimals, nil without reviews.
func averageReviewScore(rs []ApplicationReviewView) *float64 {
	if len(rs) == 0 {
		return nil
	}
	sum := 0
	for _, r := range rs {
		sum += r.Score
	}
	avg := math.Round(float64(sum)*100/float64(len(rs))) / 100
	return &avg
}
