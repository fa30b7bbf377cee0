package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type entryCreateRequest struct {
	ProjectID  uint   `json:"project_id" validate:"required,min=1"`
	TrackID    uint   `json:"track_id" validate:"required,min=1"`
	Title      string `json:"title" validate:"required,max=150"`
	Summary    string `json:"summary" validate:"max=5000"`
	AdvisorIDs []uint `json:"advisor_ids" validate:"max=10,dive,min=1"`
}

type entryUpdateRequest struct {
	Title      *string `json:"title" validate:"omitempty,min=1,max=150"`
	Summary    *string `json:"summary" validate:"omitempty,max=5000"`
	TrackID    *uint   `json:"track_id" validate:"omitempty,min=1"`
	AdvisorIDs *[]uint `json:"advisor_ids" validate:"omitempty,max=10,dive,min=1"`
	SyncTeam   bool    `json:"sync_team"`
	Version    int     `json:"version" validate:"required,min=1"`
}

// entryListResponse is a page of entries; counts (organisers only) cover
// the whole competition.
type entryListResponse struct {
	Items    []service.EntryView  `json:"items"`
	Total    int64                `json:"total"`
	Page     int                  `json:"page"`
	PageSize int                  `json:"page_size"`
	Counts   *service.EntryCounts `json:"counts,omitempty"`
}

// registerEntryRoutes registers entries, their actions and the export.
func (s *Server) registerEntryRoutes(g *gin.RouterGroup) {
	const tag = "entries"
	listQuery := withPaging([]queryParam{
		{"track_id", "integer", "track"}, {"college_id", "integer", "college"},
		{"status", "string", "draft | submitted | qualified | disqualified | withdrawn"}, {"q", "string", "search title or project name"},
	})
	s.handle(g, route{Method: "GET", Path: "/api/v1/competitions/:id/entries", Tag: tag,
		Summary:  "List a competition's entries: all with counts per track, college and status for organisers; a student's own teams' entries (sort: id, title, status, submitted_at, created_at, updated_at, track_id, college_id)",
		Response: entryListResponse{}, Query: listQuery}, s.listEntries)
	s.handle(g, route{Method: "POST", Path: "/api/v1/competitions/:id/entries", Tag: tag,
		Summary: "Register a project as a draft entry while registration is open (a member of the project, or an organiser); the team is copied from the project; a project enters once (409)",
		Request: entryCreateRequest{}, Response: service.EntryView{}, Status: http.StatusCreated}, s.createEntry)
	s.handle(g, route{Method: "GET", Path: "/api/v1/entries/:id", Tag: tag, Summary: "Get an entry (its team and the competition's organisers)",
		Response: service.EntryView{}}, s.getEntry)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/entries/:id", Tag: tag,
		Summary: "Change an entry: the team until it locks (422 naming the deadline), organisers until the competition is finished; sync_team copies the project's members again; optimistic lock on version",
		Request: entryUpdateRequest{}, Response: service.EntryView{}}, s.updateEntry)
	s.registerEntryActionRoutes(g, tag)
}

func (s *Server) listEntries(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		writeError(c, err)
		return
	}
	q := queryReader{c: c}
	f := service.EntryFilter{TrackID: q.optionalID("track_id"), CollegeID: q.optionalID("college_id"), Status: q.string("status", 16), Q: q.string("q", 64), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	l, err := s.svc.Entries.List(c.Request.Context(), actor(c), id, f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, entryListResponse{Items: l.Items, Total: l.Total, Page: f.Page.Page, PageSize: f.Page.PageSize, Counts: l.Counts})
}

func (s *Server) createEntry(c *gin.Context) {
	id, err := pathID(c, "id")
	var req entryCreateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	e, err := s.svc.Entries.Create(c.Request.Context(), actor(c), id, service.NewEntry{
		ProjectID: req.ProjectID, TrackID: req.TrackID, Title: req.Title, Summary: req.Summary, AdvisorIDs: req.AdvisorIDs,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, e)
}

func (s *Server) getEntry(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var e service.EntryView
		if e, err = s.svc.Entries.Get(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, e)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateEntry(c *gin.Context) {
	id, err := pathID(c, "id")
	var req entryUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	e, err := s.svc.Entries.Update(c.Request.Context(), actor(c), id, service.EntryUpdate{
		Title: req.Title, Summary: req.Summary, TrackID: req.TrackID, AdvisorIDs: req.AdvisorIDs, SyncTeam: req.SyncTeam, Version: req.Version,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, e)
}
