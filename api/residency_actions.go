package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type applicationReviewRequest struct {
	Score   *int   `json:"score" validate:"required,min=0,max=100"`
	Comment string `json:"comment" validate:"max=2000"`
}

type applicationNoteRequest struct {
	Note string `json:"note" validate:"max=2000"`
}

type applicationRequiredNoteRequest struct {
	Note string `json:"note" validate:"required,max=2000"`
}

type admitRequest struct {
	StartOn           string `json:"start_on" validate:"required"`
	EndOn             string `json:"end_on" validate:"required"`
	ReportCadence     string `json:"report_cadence" validate:"required,oneof=monthly quarterly"`
	FreeRentFen       int64  `json:"free_rent_fen" validate:"gte=0"`
	PropertyWaiverFen int64  `json:"property_waiver_fen" validate:"gte=0"`
	// WorkstationIDs are desks chosen by hand; or give ZoneID and Count
	// (default: the requested zone and count) to pick free ones.
	WorkstationIDs []uint `json:"workstation_ids" validate:"omitempty,max=20,dive,min=1"`
	ZoneID         *uint  `json:"zone_id"`
	Count          *int   `json:"count" validate:"omitempty,min=1,max=20"`
}

func (s *Server) registerResidencyActionRoutes(g *gin.RouterGroup, tag string) {
	const apps = "/api/v1/residency-applications/:id"
	appView := service.ResidencyApplicationView{}
	s.handle(g, route{Method: "POST", Path: apps + "/submit", Tag: tag, Summary: "Submit a draft or returned application for review (team member); no body",
		Response: appView}, s.submitResidencyApplication)
	s.handle(g, route{Method: "POST", Path: apps + "/review", Tag: tag, Summary: "Record or replace the caller's score 0–100 (manager of the base, admin); submitted → reviewing on the first review",
		Request: applicationReviewRequest{}, Response: appView}, s.reviewResidencyApplication)
	s.handle(g, route{Method: "POST", Path: apps + "/approve", Tag: tag, Summary: "Approve a reviewed application (reviewing → approved; manager of the base, admin); a submitted one is reviewed first; body optional",
		Request: applicationNoteRequest{}, Response: appView}, s.decideResidencyApplication(s.svc.Residency.ApproveApplication, false))
	s.handle(g, route{Method: "POST", Path: apps + "/reject", Tag: tag, Summary: "Reject a submitted or reviewing application; note required",
		Request: applicationRequiredNoteRequest{}, Response: appView}, s.decideResidencyApplication(s.svc.Residency.RejectApplication, true))
	s.handle(g, route{Method: "POST", Path: apps + "/return", Tag: tag, Summary: "Return a submitted or reviewing application to the team for changes; note required",
		Request: applicationRequiredNoteRequest{}, Response: appView}, s.decideResidencyApplication(s.svc.Residency.ReturnApplication, true))
	s.handle(g, route{Method: "POST", Path: apps + "/admit", Tag: tag,
		Summary: "Admit an approved application: creates the residency, takes the desks (409 if one is taken), generates report rows (manager of the base, admin)",
		Request: admitRequest{}, Response: service.ResidencyView{}, Status: http.StatusCreated}, s.admitResidencyApplication)
}

func (s *Server) submitResidencyApplication(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var v service.ResidencyApplicationView
		if v, err = s.svc.Residency.SubmitApplication(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, v)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) reviewResidencyApplication(c *gin.Context) {
	id, err := pathID(c, "id")
	var req applicationReviewRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	v, err := s.svc.Residency.ReviewApplication(c.Request.Context(), actor(c), id, service.ApplicationScore{Score: *req.Score, Comment: req.Comment})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// decideResidencyApplication handles approve, reject and return: a note
// (required when noteRequired) and one service call.
func (s *Server) decideResidencyApplication(decide func(context.Context, service.Actor, uint, string) (service.ResidencyApplicationView, error), noteRequired bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id")
		var note string
		if err == nil && noteRequired {
			var req applicationRequiredNoteRequest
			err = s.bindJSON(c, &req)
			note = req.Note
		} else if err == nil && c.Request.ContentLength != 0 { // the note is optional, and so is the body
			var req applicationNoteRequest
			err = s.bindJSON(c, &req)
			note = req.Note
		}
		if err != nil {
			writeError(c, err)
			return
		}
		v, err := decide(c.Request.Context(), actor(c), id, note)
		if err != nil {
			writeError(c, err)
			return
		}
		c.JSON(http.StatusOK, v)
	}
}

func (s *Server) admitResidencyApplication(c *gin.Context) {
	id, err := pathID(c, "id")
	var req admitRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var dates residencyDates
	in := service.Admission{StartOn: dates.date("start_on", req.StartOn), EndOn: dates.date("end_on", req.EndOn), ReportCadence: req.ReportCadence,
		FreeRentFen: req.FreeRentFen, PropertyWaiverFen: req.PropertyWaiverFen, WorkstationIDs: req.WorkstationIDs, ZoneID: req.ZoneID, Count: req.Count}
	if err == nil {
		err = dates.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	v, err := s.svc.Residency.Admit(c.Request.Context(), actor(c), id, in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, v)
}
