package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type ipRecordAddRequest struct {
	Kind      string  `json:"kind" validate:"required,oneof=invention_patent utility_model design_patent software_copyright trademark"`
	Title     string  `json:"title" validate:"required,max=200"`
	Number    string  `json:"number" validate:"max=64"`
	Status    string  `json:"status" validate:"required,oneof=applied granted"`
	AppliedOn *string `json:"applied_on" validate:"required,datetime=2006-01-02"`
	GrantedOn *string `json:"granted_on" validate:"omitempty,datetime=2006-01-02"`
}

type fundingEventAddRequest struct {
	On        string `json:"on" validate:"required,datetime=2006-01-02"`
	Round     string `json:"round" validate:"max=30"`
	Investor  string `json:"investor" validate:"max=100"`
	AmountFen int64  `json:"amount_fen" validate:"min=1"`
}

func (s *Server) registerProjectRecordRoutes(g *gin.RouterGroup, tag string) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/projects/:id/ip-records", Tag: tag, Summary: "List a project's patents, copyrights and trademarks (sort: id, applied_on, granted_on, kind, status)",
		Response: listResponse[service.IPRecordView]{}, Query: withPaging(nil)}, s.listProjectIPRecords)
	s.handle(g, route{Method: "POST", Path: "/api/v1/projects/:id/ip-records", Tag: tag, Summary: "Record an IP right (team members or admin); granted_on ≥ applied_on, required when granted",
		Request: ipRecordAddRequest{}, Response: service.IPRecordView{}, Status: http.StatusCreated}, s.addProjectIPRecord)
	s.handle(g, route{Method: "GET", Path: "/api/v1/projects/:id/funding-events", Tag: tag, Summary: "List a project's funding events (sort: id, on, amount_fen)",
		Response: listResponse[service.FundingEventView]{}, Query: withPaging(nil)}, s.listProjectFundingEvents)
	s.handle(g, route{Method: "POST", Path: "/api/v1/projects/:id/funding-events", Tag: tag, Summary: "Record money raised (team members or admin); amount_fen > 0",
		Request: fundingEventAddRequest{}, Response: service.FundingEventView{}, Status: http.StatusCreated}, s.addProjectFundingEvent)
}

func (s *Server) listProjectIPRecords(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	page := q.page()
	if err == nil {
		err = q.err()
	}
	var items []service.IPRecordView
	var total int64
	if err == nil {
		items, total, err = s.svc.Projects.IPRecords(c.Request.Context(), actor(c), id, page)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) addProjectIPRecord(c *gin.Context) {
	id, err := pathID(c, "id")
	var req ipRecordAddRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	r, err := s.svc.Projects.AddIPRecord(c.Request.Context(), actor(c), id, service.NewIPRecord{
		Kind: req.Kind, Title: req.Title, Number: req.Number, Status: req.Status,
		AppliedOn: projectDate(req.AppliedOn), GrantedOn: projectDate(req.GrantedOn),
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

func (s *Server) listProjectFundingEvents(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	page := q.page()
	if err == nil {
		err = q.err()
	}
	var items []service.FundingEventView
	var total int64
	if err == nil {
		items, total, err = s.svc.Projects.FundingEvents(c.Request.Context(), actor(c), id, page)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) addProjectFundingEvent(c *gin.Context) {
	id, err := pathID(c, "id")
	var req fundingEventAddRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	var on model.Date
	if d := projectDate(&req.On); d != nil {
		on = *d
	}
	f, err := s.svc.Projects.AddFundingEvent(c.Request.Context(), actor(c), id, service.NewFundingEvent{
		On: on, Round: req.Round, Investor: req.Investor, AmountFen: req.AmountFen,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, f)
}
