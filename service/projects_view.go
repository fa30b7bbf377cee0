package service

import (
	"gorm.io/gorm"

	"incubator/model"
)

// projectMemberRow is a member joined with their account.
type projectMemberRow struct {
	ProjectID      uint
	UserID         uint
	Username       string
	Name           string
	Role           string
	StudentNo      string
	Major          string
	GraduationYear *int
}

// projectMemberRows loads the members of the projects, leader first, then
// in the order they joined.
func projectMemberRows(tx *gorm.DB, ids []uint) ([]projectMemberRow, error) {
	var rows []projectMemberRow
	err := tx.Table("project_members").
		Select("project_members.project_id, project_members.user_id, users.username, users.name, project_members.role, users.student_no, users.major, users.graduation_year").
		Joins("JOIN users ON users.id = project_members.user_id").
		Where("project_members.project_id IN ?", ids).
		Order("project_members.project_id").Order("project_members.role").Order("project_members.id").
		Scan(&rows).Error
	return rows, err
}

// summarizeProjects adds the college, leader, member count, funding total
// and IP counts to projects, in a fixed number of queries.
func summarizeProjects(tx *gorm.DB, rows []model.Project) ([]ProjectSummary, error) {
	out := make([]ProjectSummary, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]uint, len(rows))
	collegeIDs := make([]uint, 0, len(rows))
	for i, p := range rows {
		ids[i] = p.ID
		collegeIDs = append(collegeIDs, p.CollegeID)
	}
	var colleges []model.College
	if err := tx.Select("id", "name").Where("id IN ?", collegeIDs).Find(&colleges).Error; err != nil {
		return nil, err
	}
	collegeNames := map[uint]string{}
	for _, c := range colleges {
		collegeNames[c.ID] = c.Name
	}
	members, err := projectMemberRows(tx, ids)
	if err != nil {
		return nil, err
	}
	var funding []struct {
		ProjectID uint
		Total     int64
	}
	if err := tx.Model(&model.FundingEvent{}).Select("project_id, SUM(amount_fen) AS total").
		Where("project_id IN ?", ids).Group("project_id").Scan(&funding).Error; err != nil {
		return nil, err
	}
	var ip []struct {
		ProjectID uint
		Applied   int64
		Granted   int64
	}
	if err := tx.Model(&model.IPRecord{}).
		Select("project_id, COUNT(*) AS applied, SUM(CASE WHEN status = ? THEN 1 ELSE 0 END) AS granted", model.IPGranted).
		Where("project_id IN ?", ids).Group("project_id").Scan(&ip).Error; err != nil {
		return nil, err
	}
	index := make(map[uint]int, len(rows))
	for i := range rows {
		p := &rows[i]
		index[p.ID] = i
		out[i] = ProjectSummary{
			ID: p.ID, Name: p.Name, Field: p.Field, CollegeID: p.CollegeID, CollegeName: collegeNames[p.CollegeID],
			Stage: p.Stage, Description: p.Description, CompanyName: p.CompanyName, CreditCode: p.CreditCode,
			RegisteredOn: p.RegisteredOn, CompanyRegion: p.CompanyRegion, HighTechEnterprise: p.HighTechEnterprise,
			AcquiredOrListed: p.AcquiredOrListed, CreatedBy: p.CreatedBy, Version: p.Version,
			CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
		}
	}
	for _, m := range members {
		s := &out[index[m.ProjectID]]
		s.MemberCount++
		if m.Role == model.MemberLeader {
			id := m.UserID
			s.LeaderID, s.LeaderName = &id, m.Name
		}
	}
	for _, f := range funding {
		out[index[f.ProjectID]].FundingTotalFen = f.Total
	}
	for _, r := range ip {
		out[index[r.ProjectID]].IP = ProjectIP{Applied: r.Applied, Granted: r.Granted}
	}
	return out, nil
}

// viewProject builds the full view of one project.
func viewProject(tx *gorm.DB, p model.Project) (ProjectView, error) {
	sums, err := summarizeProjects(tx, []model.Project{p})
	if err != nil {
		return ProjectView{}, err
	}
	rows, err := projectMemberRows(tx, []uint{p.ID})
	if err != nil {
		return ProjectView{}, err
	}
	members := make([]MemberView, len(rows))
	for i, m := range rows {
		members[i] = viewMember(m)
	}
	var advisors []model.Advisor
	if err := tx.Where("project_id = ?", p.ID).Order("id").Find(&advisors).Error; err != nil {
		return ProjectView{}, err
	}
	av := make([]AdvisorView, len(advisors))
	for i := range advisors {
		av[i] = viewAdvisor(&advisors[i])
	}
	return ProjectView{ProjectSummary: sums[0], Members: members, Advisors: av}, nil
}

func viewMember(m projectMemberRow) MemberView {
	return MemberView{UserID: m.UserID, Username: m.Username, Name: m.Name, Role: m.Role,
		StudentNo: m.StudentNo, Major: m.Major, GraduationYear: m.GraduationYear}
}

func viewAdvisor(a *model.Advisor) AdvisorView {
	return AdvisorView{ID: a.ID, UserID: a.UserID, Name: a.Name, Organization: a.Organization, Title: a.Title,
		Email: a.Email, Phone: a.Phone, External: a.External}
}
