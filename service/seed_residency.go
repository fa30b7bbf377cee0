package service

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// Demo residency layout (indexes into demoWorld.projects).
const (
	demoGraduatedResident = 8  // graduated a few weeks ago, desks freed
	demoLateResident      = 13 // two overdue reports
	demoFirstReportLate   = 0  // its first report was filed after the due date
	demoReportDueDays     = 10 // as the service's default
)

// demoNearEnd are residents whose 12-month agreement ends within 30 days.
var demoNearEnd = map[int]bool{2: true, 10: true}

// demoApplicantStates are the states of the applicant teams' applications.
var demoApplicantStates = []string{model.AppDraft, model.AppSubmitted, model.AppReviewing, model.AppApproved, model.AppRejected, model.AppReturned}

// seedResidency creates demo applications in every state, residencies
// with desks and months of progress reports (some late, one graduated).
// It needs the bases and teams of seedSpaces and seedProjects.
func seedResidency(tx *gorm.DB, w *demoWorld) error {
	if len(w.bases) == 0 || len(w.projects) == 0 {
		return nil
	}
	sd := residencySeeder{tx: tx, w: w}
	for i, p := range w.projects {
		if err := sd.resident(i, p); err != nil {
			return fmt.Errorf("resident %s: %w", p.Name, err)
		}
	}
	for i, p := range w.applicants {
		if err := sd.applicant(demoApplicantStates[i%len(demoApplicantStates)], p); err != nil {
			return fmt.Errorf("applicant %s: %w", p.Name, err)
		}
	}
	return nil
}

type residencySeeder struct {
	tx *gorm.DB
	w  *demoWorld
}

// seedAt is a time on day d (UTC).
func seedAt(d model.Date, hour int) time.Time { return d.Time.Add(time.Duration(hour) * time.Hour) }

// baseOf is the campus base of the project's college (the headquarters
// when the college has none).
func (sd residencySeeder) baseOf(p model.Project) model.Base {
	for _, b := range sd.w.bases {
		if b.HostCollegeID != nil && *b.HostCollegeID == p.CollegeID {
			return b
		}
	}
	return sd.w.bases[0]
}

// reviewer is the base's demo manager, or admin for bases without one.
func (sd residencySeeder) reviewer(baseID uint) uint {
	switch baseID {
	case DemoBaseGDPT:
		return sd.w.users["manager_gdpt"].ID
	case DemoBaseGDKM:
		return sd.w.users["manager_gdkm"].ID
	}
	return sd.w.users["admin"].ID
}

// makerZone is the maker-incubation zone of the base, if it has one.
func (sd residencySeeder) makerZone(baseID uint) *uint {
	var z model.Zone
	if err := sd.tx.Where("base_id = ? AND kind = ?", baseID, model.ZoneMakerIncubation).Order("id").Take(&z).Error; err != nil {
		return nil
	}
	return &z.ID
}

// application creates an application in state with one review by the
// base's manager unless draft or submitted; created days before today.
func (sd residencySeeder) application(p model.Project, b model.Base, state string, created model.Date, score int) (model.ResidencyApplication, error) {
	a := model.ResidencyApplication{
		ProjectID: p.ID, BaseID: b.ID, RequestedZoneID: sd.makerZone(b.ID), RequestedWorkstations: 2, Status: state,
		Plan:      fmt.Sprintf("%s团队计划入驻%s：完成产品原型迭代、开展小批量试产，并申请知识产权。", p.Name, b.Name),
		CreatedBy: sd.leader(p.ID), Version: 1, CreatedAt: seedAt(created, 2), UpdatedAt: seedAt(created.AddDays(20), 6),
	}
	if state != model.AppDraft {
		t := seedAt(created.AddDays(3), 3)
		a.SubmittedAt = &t
	}
	switch state {
	case model.AppApproved, model.AppAdmitted, model.AppRejected, model.AppReturned:
		t := seedAt(created.AddDays(20), 6)
		a.DecidedAt = &t
		a.DecisionNote = map[string]string{
			model.AppApproved: "评审通过，同意入驻。", model.AppAdmitted: "评审通过，同意入驻。",
			model.AppRejected: "项目与基地定位不符，暂不予入驻。", model.AppReturned: "请补充市场调研数据和团队分工后重新提交。",
		}[state]
	}
	if err := sd.tx.Create(&a).Error; err != nil {
		return a, err
	}
	if state == model.AppDraft || state == model.AppSubmitted {
		return a, nil
	}
	t := seedAt(created.AddDays(10), 7)
	return a, sd.tx.Create(&model.ApplicationReview{ApplicationID: a.ID, ReviewerID: sd.reviewer(b.ID), Score: score,
		Comment: "团队结构合理，商业模式清晰。", CreatedAt: t, UpdatedAt: t}).Error
}

// leader is the leader of a team (0 if it has none).
func (sd residencySeeder) leader(projectID uint) uint {
	var m model.ProjectMember
	if err := sd.tx.Where("project_id = ? AND role = ?", projectID, model.MemberLeader).Take(&m).Error; err != nil {
		return sd.w.users["admin"].ID
	}
	return m.UserID
}

// applicant creates an applicant team's application in state.
func (sd residencySeeder) applicant(state string, p model.Project) error {
	_, err := sd.application(p, sd.baseOf(p), state, sd.w.today.AddDays(-40), 82)
	return err
}
