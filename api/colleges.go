package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type collegeCreateRequest struct {
	Name      string `json:"name" validate:"required,max=100"`
	ShortName string `json:"short_name" validate:"max=50"`
	Code      string `json:"code" validate:"max=20"`
	City      string `json:"city" validate:"max=50"`
}

type collegeUpdateRequest struct {
	Name      *string `json:"name" validate:"omitempty,min=1,max=100"`
	ShortName *string `json:"short_name" validate:"omitempty,max=50"`
	Code      *string `json:"code" validate:"omitempty,max=20"`
	City      *string `json:"city" validate:"omitempty,max=50"`
	Version   int     `json:"version" validate:"required,min=1"`
}

func (s *Server) registerCollegeRoutes(g *gin.RouterGroup) {
	const tag = "colleges"
	s.handle(g, route{Method: "GET", Path: "/api/v1/colleges", Tag: tag, Summary: "List colleges (sort: id, name, code, created_at)",
		Response: listResponse[model.College]{}, Query: withPaging([]queryParam{{"q", "string", "search name, short name or code"}})}, s.listColleges)
	s.handle(g, route{Method: "POST", Path: "/api/v1/colleges", Tag: tag, Summary: "Add a college", Request: collegeCreateRequest{}, Response: model.College{}, Status: http.StatusCreated}, s.createCollege)
	s.handle(g, route{Method: "GET", Path: "/api/v1/colleges/:id", Tag: tag, Summary: "Get a college", Response: model.College{}}, s.getCollege)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/colleges/:id", Tag: tag, Summary: "Change a college (optimistic lock on version)", Request: collegeUpdateRequest{}, Response: model.College{}}, s.updateCollege)
}

func (s *Server) listColleges(c *gin.Context) {
	q := queryReader{c: c}
	f := service.CollegeFilter{Q: q.string("q", 64), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Colleges.List(c.Request.Context(), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createCollege(c *gin.Context) {
	var req collegeCreateRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	col, err := s.svc.Colleges.Create(c.Request.Context(), actor(c), service.NewCollege{Name: req.Name, ShortName: req.ShortName, Code: req.Code, City: req.City})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, col)
}

func (s *Server) getCollege(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var col model.College
		if col, err = s.svc.Colleges.Get(c.Request.Context(), id); err == nil {
			c.JSON(http.StatusOK, col)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateCollege(c *gin.Context) {
	id, err := pathID(c, "id")
	var req collegeUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	col, err := s.svc.Colleges.Update(c.Request.Context(), actor(c), id, service.CollegeUpdate{Name: req.Name, ShortName: req.ShortName, Code: req.Code, City: req.City, Version: req.Version})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, col)
}
