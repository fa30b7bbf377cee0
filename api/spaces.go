package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type baseCreateRequest struct {
	Name          string `json:"name" validate:"required,max=100"`
	Kind          string `json:"kind" validate:"required,max=20"`
	HostCollegeID *uint  `json:"host_college_id" validate:"omitempty,min=1"`
	Address       string `json:"address" validate:"max=200"`
	AreaM2        int    `json:"area_m2"`
	Description   string `json:"description" validate:"max=5000"`
}

type baseUpdateRequest struct {
	Name          *string `json:"name" validate:"omitempty,min=1,max=100"`
	Kind          *string `json:"kind" validate:"omitempty,max=20"`
	HostCollegeID *uint   `json:"host_college_id" validate:"omitempty,min=1"`
	Address       *string `json:"address" validate:"omitempty,max=200"`
	AreaM2        *int    `json:"area_m2"`
	Description   *string `json:"description" validate:"omitempty,max=5000"`
	Version       int     `json:"version" validate:"required,min=1"`
}

// spaceItems is an unpaged list of the spaces routes.
type spaceItems[T any] struct {
	Items []T `json:"items"`
}

func (s *Server) registerSpaceRoutes(g *gin.RouterGroup) {
	const tag = "spaces"
	s.handle(g, route{Method: "GET", Path: "/api/v1/bases", Tag: tag, Summary: "List bases, every signed-in user (sort: id, name, area_m2, created_at)",
		Response: listResponse[service.BaseView]{}, Query: withPaging([]queryParam{
			{"q", "string", "search name or address"}, {"kind", "string", "headquarters | campus"}, {"host_college_id", "integer", "host college"},
		})}, s.listBases)
	s.handle(g, route{Method: "POST", Path: "/api/v1/bases", Tag: tag, Summary: "Add a base (admin); kind headquarters | campus, a campus base needs host_college_id",
		Request: baseCreateRequest{}, Response: service.BaseView{}, Status: http.StatusCreated}, s.createBase)
	s.handle(g, route{Method: "GET", Path: "/api/v1/bases/:id", Tag: tag, Summary: "Get a base with its managers and counts", Response: service.BaseView{}}, s.getBase)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/bases/:id", Tag: tag, Summary: "Change a base (admin, or its manager except kind and host college); optimistic lock on version",
		Request: baseUpdateRequest{}, Response: service.BaseView{}}, s.updateBase)
	s.handle(g, route{Method: "GET", Path: "/api/v1/bases/:id/occupancy", Tag: tag, Summary: "Workstations by status, area by space type, incubatees per 1,000 m², utilisation (admin, its manager, policy officer)",
		Response: service.OccupancyView{}}, s.baseOccupancy)
	s.handle(g, route{Method: "GET", Path: "/api/v1/bases/:id/workstations", Tag: tag, Summary: "Every workstation of a base (no paging, at most 5000) for the grid (admin, its manager)",
		Response: spaceItems[service.GridWorkstation]{}, Query: []queryParam{
			{"zone_id", "integer", "only this zone"}, {"status", "string", "free | occupied | reserved | out_of_service"},
		}}, s.baseWorkstations)
	s.registerZoneRoutes(g, tag)
}

func (s *Server) listBases(c *gin.Context) {
	q := queryReader{c: c}
	f := service.BaseFilter{Q: q.string("q", 64), Kind: q.string("kind", 20), HostCollegeID: q.optionalID("host_college_id"), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Spaces.ListBases(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createBase(c *gin.Context) {
	var req baseCreateRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	b, err := s.svc.Spaces.CreateBase(c.Request.Context(), actor(c), service.NewBase{Name: req.Name, Kind: req.Kind, HostCollegeID: req.HostCollegeID,
		Address: req.Address, AreaM2: req.AreaM2, Description: req.Description})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, b)
}

func (s *Server) getBase(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var b service.BaseView
		if b, err = s.svc.Spaces.GetBase(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, b)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateBase(c *gin.Context) {
	id, err := pathID(c, "id")
	var req baseUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	b, err := s.svc.Spaces.UpdateBase(c.Request.Context(), actor(c), id, service.BaseUpdate{Name: req.Name, Kind: req.Kind, HostCollegeID: req.HostCollegeID,
		Address: req.Address, AreaM2: req.AreaM2, Description: req.Description, Version: req.Version})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, b)
}

func (s *Server) baseOccupancy(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var o service.OccupancyView
		if o, err = s.svc.Spaces.Occupancy(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, o)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) baseWorkstations(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	f := service.WorkstationFilter{ZoneID: q.optionalID("zone_id"), Status: q.string("status", 20)}
	if err == nil {
		err = q.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	items, err := s.svc.Spaces.BaseWorkstations(c.Request.Context(), actor(c), id, f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, spaceItems[service.GridWorkstation]{Items: items})
}
