package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type zoneCreateRequest struct {
	Name      string `json:"name" validate:"required,max=100"`
	Kind      string `json:"kind" validate:"required,max=30"`
	SpaceType string `json:"space_type" validate:"required,max=20"`
	AreaM2    int    `json:"area_m2"`
}

type roomCreateRequest struct {
	Name     string `json:"name" validate:"required,max=100"`
	AreaM2   int    `json:"area_m2"`
	Capacity int    `json:"capacity"`
	Bookable bool   `json:"bookable"`
}

// workstationCreateRequest creates one workstation (code) or several
// (prefix and count, numbered from start: "A-", 12 → A-01 … A-12).
type workstationCreateRequest struct {
	Code   string `json:"code" validate:"max=30"`
	Prefix string `json:"prefix" validate:"max=28"`
	Count  int    `json:"count"`
	Start  int    `json:"start"`
	Status string `json:"status" validate:"max=20"`
}

type workstationUpdateRequest struct {
	Code    *string `json:"code" validate:"omitempty,min=1,max=30"`
	Status  *string `json:"status" validate:"omitempty,max=20"`
	Version int     `json:"version" validate:"required,min=1"`
}

func (s *Server) registerZoneRoutes(g *gin.RouterGroup, tag string) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/bases/:id/zones", Tag: tag, Summary: "List a base's zones, every signed-in user (sort: id, name, area_m2, kind)",
		Response: listResponse[service.ZoneView]{}, Query: withPaging([]queryParam{
			{"kind", "string", "maker_incubation | training | roadshow | talent | school_enterprise | custom"},
			{"space_type", "string", "incubatee | public_service | office"},
		})}, s.listZones)
	s.handle(g, route{Method: "POST", Path: "/api/v1/bases/:id/zones", Tag: tag, Summary: "Add a zone (admin, the base's manager); zone areas may not exceed the base's area (422)",
		Request: zoneCreateRequest{}, Response: service.ZoneView{}, Status: http.StatusCreated}, s.createZone)
	s.handle(g, route{Method: "GET", Path: "/api/v1/zones/:id/rooms", Tag: tag, Summary: "List a zone's rooms (admin, the base's manager; sort: id, name, area_m2, capacity)",
		Response: listResponse[service.RoomView]{}, Query: withPaging([]queryParam{{"bookable", "boolean", "only (non-)bookable rooms"}})}, s.listRooms)
	s.handle(g, route{Method: "POST", Path: "/api/v1/zones/:id/rooms", Tag: tag, Summary: "Add a room (admin, the base's manager)",
		Request: roomCreateRequest{}, Response: service.RoomView{}, Status: http.StatusCreated}, s.createRoom)
	s.handle(g, route{Method: "GET", Path: "/api/v1/rooms/:id/workstations", Tag: tag, Summary: "List a room's workstations (admin, the base's manager; sort: id, code, status)",
		Response: listResponse[service.WorkstationView]{}, Query: withPaging([]queryParam{{"status", "string", "free | occupied | reserved | out_of_service"}})}, s.listWorkstations)
	s.handle(g, route{Method: "POST", Path: "/api/v1/rooms/:id/workstations", Tag: tag,
		Summary: "Add workstations (admin, the base's manager): {code} for one, or {prefix, count, start?} for count of them (prefix \"A-\", count 12 → A-01…A-12); status free (default) | reserved | out_of_service",
		Request: workstationCreateRequest{}, Response: spaceItems[service.WorkstationView]{}, Status: http.StatusCreated}, s.createWorkstations)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/workstations/:id", Tag: tag,
		Summary: "Rename a workstation or move it between free, reserved and out_of_service (admin, the base's manager); occupied is set only by admission and exit (422)",
		Request: workstationUpdateRequest{}, Response: service.WorkstationView{}}, s.updateWorkstation)
}

func (s *Server) listZones(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	f := service.ZoneFilter{Kind: q.string("kind", 30), SpaceType: q.string("space_type", 20), Page: q.page()}
	if err == nil {
		err = q.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Spaces.ListZones(c.Request.Context(), actor(c), id, f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createZone(c *gin.Context) {
	id, err := pathID(c, "id")
	var req zoneCreateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	z, err := s.svc.Spaces.CreateZone(c.Request.Context(), actor(c), id, service.NewZone{Name: req.Name, Kind: req.Kind, SpaceType: req.SpaceType, AreaM2: req.AreaM2})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, z)
}

func (s *Server) listRooms(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	f := service.RoomFilter{Bookable: roomBookableFilter(&q), Page: q.page()}
	if err == nil {
		err = q.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Spaces.ListRooms(c.Request.Context(), actor(c), id, f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

// roomBookableFilter reads the optional "bookable" query parameter.
func roomBookableFilter(q *queryReader) *bool {
	if q.c.Query("bookable") == "" {
		return nil
	}
	v := q.bool("bookable")
	return &v
}

func (s *Server) createRoom(c *gin.Context) {
	id, err := pathID(c, "id")
	var req roomCreateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	r, err := s.svc.Spaces.CreateRoom(c.Request.Context(), actor(c), id, service.NewRoom{Name: req.Name, AreaM2: req.AreaM2, Capacity: req.Capacity, Bookable: req.Bookable})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

func (s *Server) listWorkstations(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	f := service.WorkstationFilter{Status: q.string("status", 20), Page: q.page()}
	if err == nil {
		err = q.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Spaces.ListWorkstations(c.Request.Context(), actor(c), id, f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createWorkstations(c *gin.Context) {
	id, err := pathID(c, "id")
	var req workstationCreateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	items, err := s.svc.Spaces.CreateWorkstations(c.Request.Context(), actor(c), id,
		service.NewWorkstations{Code: req.Code, Prefix: req.Prefix, Count: req.Count, Start: req.Start, Status: req.Status})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, spaceItems[service.WorkstationView]{Items: items})
}

func (s *Server) updateWorkstation(c *gin.Context) {
	id, err := pathID(c, "id")
	var req workstationUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	w, err := s.svc.Spaces.UpdateWorkstation(c.Request.Context(), actor(c), id, service.WorkstationUpdate{Code: req.Code, Status: req.Status, Version: req.Version})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, w)
}
