package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type residencyApplicationCreateRequest struct {
	ProjectID             uint   `json:"project_id" validate:"required"`
	BaseID                uint   `json:"base_id" validate:"required"`
	RequestedZoneID       *uint  `json:"requested_zone_id"`
	RequestedWorkstations *int   `json:"requested_workstations" validate:"omitempty,min=1,max=20"`
	Plan                  string `json:"plan" validate:"max=20000"`
}

type residencyApplicationUpdateRequest struct {
	// RequestedZoneID 0 clears the requested zone.
	RequestedZoneID       *uint   `json:"requested_zone_id"`
	RequestedWorkstations *int    `json:"requested_workstations" validate:"omitempty,min=1,max=20"`
	Plan                  *string `json:"plan" validate:"omitempty,max=20000"`
	Version               int     `json:"version" validate:"required,min=1"`
}

// registerResidencyRoutes registers residency applications, residencies
// and reports.
func (s *Server) registerResidencyRoutes(g *gin.RouterGroup) {
	const tag = "residency"
	const apps = "/api/v1/residency-applications"
	appView := service.ResidencyApplicationView{}
	s.handle(g, route{Method: "GET", Path: apps, Tag: tag,
		Summary:  "List residency applications the caller may see (managers: their bases' non-drafts; students: their teams'; college viewers: their college's). Sort: id, status, submitted_at, created_at, updated_at",
		Response: listResponse[service.ResidencyApplicationView]{}, Query: withPaging([]queryParam{
			{"status", "string", "draft | submitted | reviewing | approved | rejected | returned | admitted"},
			{"base_id", "integer", "only this base"}, {"project_id", "integer", "only this project"}})}, s.listResidencyApplications)
	s.handle(g, route{Method: "POST", Path: apps, Tag: tag, Summary: "Start a draft application of a team to a base (team member); 409 while the project has an open application there",
		Request: residencyApplicationCreateRequest{}, Response: appView, Status: http.StatusCreated}, s.createResidencyApplication)
	s.handle(g, route{Method: "GET", Path: apps + "/:id", Tag: tag, Summary: "Get a residency application with its reviews and the caller's allowed_actions", Response: appView}, s.getResidencyApplication)
	s.handle(g, route{Method: "PATCH", Path: apps + "/:id", Tag: tag, Summary: "Change a draft or returned application (team member; optimistic lock on version; requested_zone_id 0 clears it)",
		Request: residencyApplicationUpdateRequest{}, Response: appView}, s.updateResidencyApplication)
	s.registerResidencyActionRoutes(g, tag)
	s.registerResidenciesRoutes(g, tag)
}

func (s *Server) listResidencyApplications(c *gin.Context) {
	q := queryReader{c: c}
	f := service.ResidencyApplicationFilter{Status: q.string("status", 20), BaseID: q.optionalID("base_id"), ProjectID: q.optionalID("project_id"), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Residency.ListApplications(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createResidencyApplication(c *gin.Context) {
	var req residencyApplicationCreateRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	in := service.NewResidencyApplication{ProjectID: req.ProjectID, BaseID: req.BaseID, RequestedZoneID: req.RequestedZoneID, Plan: req.Plan}
	if req.RequestedWorkstations != nil {
		in.RequestedWorkstations = *req.RequestedWorkstations
	}
	v, err := s.svc.Residency.CreateApplication(c.Request.Context(), actor(c), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, v)
}

func (s *Server) getResidencyApplication(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var v service.ResidencyApplicationView
		if v, err = s.svc.Residency.GetApplication(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, v)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateResidencyApplication(c *gin.Context) {
	id, err := pathID(c, "id")
	var req residencyApplicationUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	v, err := s.svc.Residency.UpdateApplication(c.Request.Context(), actor(c), id, service.ResidencyApplicationUpdate{
		RequestedZoneID: req.RequestedZoneID, RequestedWorkstations: req.RequestedWorkstations, Plan: req.Plan, Version: req.Version})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// residencyDates parses "YYYY-MM-DD" request fields, collecting field
// errors so a request reports all of them.
type residencyDates struct {
	fields []model.FieldError
}

func (r *residencyDates) date(field, s string) model.Date {
	if s == "" {
		return model.Date{}
	}
	d, err := model.ParseDate(s)
	if err != nil {
		r.fields = append(r.fields, model.Field(field, "date", "must be a date YYYY-MM-DD"))
	}
	return d
}

func (r *residencyDates) optional(field string, s *string) *model.Date {
	if s == nil {
		return nil
	}
	d := r.date(field, *s)
	if d.IsZero() {
		return nil
	}
	return &d
}

func (r *residencyDates) err() error {
	if len(r.fields) == 0 {
		return nil
	}
	return model.Invalid("invalid request", r.fields...)
}
