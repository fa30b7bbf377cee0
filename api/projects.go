package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type projectCreateRequest struct {
	Name               string  `json:"name" validate:"required,max=100"`
	Field              string  `json:"field" validate:"max=50"`
	Stage              string  `json:"stage" validate:"omitempty,oneof=idea prototype company"`
	Description        string  `json:"description" validate:"max=5000"`
	CompanyName        string  `json:"company_name" validate:"max=150"`
	CreditCode         string  `json:"credit_code" validate:"max=32"`
	RegisteredOn       *string `json:"registered_on" validate:"omitempty,datetime=2006-01-02"`
	CompanyRegion      string  `json:"company_region" validate:"max=100"`
	HighTechEnterprise bool    `json:"high_tech_enterprise"`
	AcquiredOrListed   bool    `json:"acquired_or_listed"`
	LeaderID           *uint   `json:"leader_id" validate:"omitempty,min=1"`
	CollegeID          *uint   `json:"college_id" validate:"omitempty,min=1"`
}

type projectUpdateRequest struct {
	Name               *string `json:"name" validate:"omitempty,min=1,max=100"`
	Field              *string `json:"field" validate:"omitempty,max=50"`
	Stage              *string `json:"stage" validate:"omitempty,oneof=idea prototype company"`
	Description        *string `json:"description" validate:"omitempty,max=5000"`
	CompanyName        *string `json:"company_name" validate:"omitempty,max=150"`
	CreditCode         *string `json:"credit_code" validate:"omitempty,max=32"`
	RegisteredOn       *string `json:"registered_on" validate:"omitempty,datetime=2006-01-02"`
	CompanyRegion      *string `json:"company_region" validate:"omitempty,max=100"`
	HighTechEnterprise *bool   `json:"high_tech_enterprise"`
	AcquiredOrListed   *bool   `json:"acquired_or_listed"`
	Version            int     `json:"version" validate:"required,min=1"`
}

// registerProjectRoutes registers projects, members and advisors.
func (s *Server) registerProjectRoutes(g *gin.RouterGroup) {
	const tag = "projects"
	listQuery := withPaging([]queryParam{
		{"q", "string", "search name or company name"}, {"college_id", "integer", "college"}, {"field", "string", "field (领域), exact"},
		{"stage", "string", "idea | prototype | company"}, {"mine", "boolean", "only teams I belong to"},
		{"base_id", "integer", "with a residency application (not draft) or a residency in this base"},
	})
	s.handle(g, route{Method: "GET", Path: "/api/v1/projects", Tag: tag, Summary: "List the projects I may read, without members and advisors arrays (sort: id, name, field, stage, college_id, created_at, updated_at)",
		Response: listResponse[service.ProjectSummary]{}, Query: listQuery}, s.listProjects)
	s.handle(g, route{Method: "POST", Path: "/api/v1/projects", Tag: tag, Summary: "Create a team: a student leads it in their college; an admin names leader_id",
		Request: projectCreateRequest{}, Response: service.ProjectView{}, Status: http.StatusCreated}, s.createProject)
	s.handle(g, route{Method: "GET", Path: "/api/v1/projects/:id", Tag: tag, Summary: "Get a project with members and advisors", Response: service.ProjectView{}}, s.getProject)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/projects/:id", Tag: tag, Summary: "Change a project (team members or admin; optimistic lock on version; stage company needs company_name, a valid credit_code and registered_on)",
		Request: projectUpdateRequest{}, Response: service.ProjectView{}}, s.updateProject)
	s.registerProjectMemberRoutes(g, tag)
	s.registerProjectRecordRoutes(g, tag)
}

// projectDate converts a validated "YYYY-MM-DD" (nil stays nil).
func projectDate(s *string) *model.Date {
	if s == nil {
		return nil
	}
	d, err := model.ParseDate(*s)
	if err != nil {
		return nil
	}
	return &d
}

func (s *Server) listProjects(c *gin.Context) {
	q := queryReader{c: c}
	f := service.ProjectFilter{
		Q: q.string("q", 64), CollegeID: q.optionalID("college_id"), Field: q.string("field", 50), Stage: q.string("stage", 16),
		BaseID: q.optionalID("base_id"), Page: q.page(),
	}
	switch mine := q.string("mine", 5); mine {
	case "", "false":
	case "true":
		f.Mine = true
	default:
		q.fields = append(q.fields, model.Field("mine", "type", "must be true or false"))
	}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Projects.List(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createProject(c *gin.Context) {
	var req projectCreateRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	p, err := s.svc.Projects.Create(c.Request.Context(), actor(c), service.NewProject{
		Name: req.Name, Field: req.Field, Stage: req.Stage, Description: req.Description, CompanyName: req.CompanyName,
		CreditCode: req.CreditCode, RegisteredOn: projectDate(req.RegisteredOn), CompanyRegion: req.CompanyRegion,
		HighTechEnterprise: req.HighTechEnterprise, AcquiredOrListed: req.AcquiredOrListed, LeaderID: req.LeaderID, CollegeID: req.CollegeID,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func (s *Server) getProject(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var p service.ProjectView
		if p, err = s.svc.Projects.Get(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, p)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateProject(c *gin.Context) {
	id, err := pathID(c, "id")
	var req projectUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	p, err := s.svc.Projects.Update(c.Request.Context(), actor(c), id, service.ProjectUpdate{
		Name: req.Name, Field: req.Field, Stage: req.Stage, Description: req.Description, CompanyName: req.CompanyName,
		CreditCode: req.CreditCode, RegisteredOn: projectDate(req.RegisteredOn), CompanyRegion: req.CompanyRegion,
		HighTechEnterprise: req.HighTechEnterprise, AcquiredOrListed: req.AcquiredOrListed, Version: req.Version,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}
