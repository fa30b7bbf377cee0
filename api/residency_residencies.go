package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type residencyExitRequest struct {
	Kind   string `json:"kind" validate:"required,oneof=graduated exited removed"`
	Reason string `json:"reason" validate:"max=2000"`
	On     string `json:"on" validate:"required"`
}

type progressReportRequest struct {
	// PeriodStart names the period (default: the earliest unsubmitted one
	// that has ended).
	PeriodStart    *string `json:"period_start"`
	RevenueFen     int64   `json:"revenue_fen" validate:"gte=0"`
	Employees      int     `json:"employees" validate:"gte=0"`
	GraduatesHired int     `json:"graduates_hired" validate:"gte=0"`
	FundingFen     int64   `json:"funding_fen" validate:"gte=0"`
	PatentsApplied int     `json:"patents_applied" validate:"gte=0"`
	PatentsGranted int     `json:"patents_granted" validate:"gte=0"`
	Narrative      string  `json:"narrative" validate:"max=20000"`
}

func (s *Server) registerResidenciesRoutes(g *gin.RouterGroup, tag string) {
	const res = "/api/v1/residencies"
	s.handle(g, route{Method: "GET", Path: res, Tag: tag,
		Summary:  "List residencies the caller may see, with flags and the graduation check. Sort: id, start_on, end_on, status, created_at",
		Response: listResponse[service.ResidencyView]{}, Query: withPaging([]queryParam{
			{"status", "string", "active | graduated | exited | removed"}, {"base_id", "integer", "only this base"},
			{"project_id", "integer", "only this project"},
			{"flag", "string", "late (active with an overdue report) | expiring (active, agreement or maximum term ending within the warning days)"}})},
		s.listResidencies)
	s.handle(g, route{Method: "GET", Path: res + "/:id", Tag: tag, Summary: "Get a residency", Response: service.ResidencyView{}}, s.getResidency)
	s.handle(g, route{Method: "POST", Path: res + "/:id/exit", Tag: tag,
		Summary: "End an active residency (graduated | exited | removed; reason required unless graduated); frees its desks (manager of the base, admin)",
		Request: residencyExitRequest{}, Response: service.ResidencyView{}}, s.exitResidency)
	s.handle(g, route{Method: "GET", Path: res + "/:id/reports", Tag: tag, Summary: "List a residency's progress reports by period. Sort: period_start, due_on, id",
		Response: listResponse[service.ProgressReportView]{}, Query: withPaging([]queryParam{{"status", "string", "pending | submitted"}})}, s.listProgressReports)
	s.handle(g, route{Method: "POST", Path: res + "/:id/reports", Tag: tag,
		Summary: "File the report of an ended period (team member of an active residency); fills in the generated row; 409 if already submitted",
		Request: progressReportRequest{}, Response: service.ProgressReportView{}}, s.fileProgressReport)
}

func (s *Server) listResidencies(c *gin.Context) {
	q := queryReader{c: c}
	f := service.ResidencyFilter{Status: q.string("status", 20), BaseID: q.optionalID("base_id"), ProjectID: q.optionalID("project_id"),
		Flag: q.string("flag", 20), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Residency.ListResidencies(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) getResidency(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var v service.ResidencyView
		if v, err = s.svc.Residency.GetResidency(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, v)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) exitResidency(c *gin.Context) {
	id, err := pathID(c, "id")
	var req residencyExitRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var dates residencyDates
	in := service.ResidencyExit{Kind: req.Kind, Reason: req.Reason, On: dates.date("on", req.On)}
	if err == nil {
		err = dates.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	v, err := s.svc.Residency.Exit(c.Request.Context(), actor(c), id, in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (s *Server) listProgressReports(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	f := service.ProgressReportFilter{Status: q.string("status", 20), Page: q.page()}
	if err == nil {
		err = q.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Residency.ListReports(c.Request.Context(), actor(c), id, f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) fileProgressReport(c *gin.Context) {
	id, err := pathID(c, "id")
	var req progressReportRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var dates residencyDates
	in := service.ProgressReportInput{PeriodStart: dates.optional("period_start", req.PeriodStart), RevenueFen: req.RevenueFen, Employees: req.Employees,
		GraduatesHired: req.GraduatesHired, FundingFen: req.FundingFen, PatentsApplied: req.PatentsApplied, PatentsGranted: req.PatentsGranted,
		Narrative: req.Narrative}
	if err == nil {
		err = dates.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	v, err := s.svc.Residency.FileReport(c.Request.Context(), actor(c), id, in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}
