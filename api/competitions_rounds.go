package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type trackCreateRequest struct {
	Name        string `json:"name" validate:"required,max=100"`
	Description string `json:"description" validate:"max=5000"`
	SortOrder   int    `json:"sort_order"`
}

type trackUpdateRequest struct {
	Name        *string `json:"name" validate:"omitempty,min=1,max=100"`
	Description *string `json:"description" validate:"omitempty,max=5000"`
	SortOrder   *int    `json:"sort_order"`
}

type roundCreateRequest struct {
	Name              string  `json:"name" validate:"required,max=100"`
	SortOrder         *int    `json:"sort_order"`
	Kind              string  `json:"kind" validate:"required,max=20"`
	ScoringOpensAt    *string `json:"scoring_opens_at"`
	ScoringClosesAt   *string `json:"scoring_closes_at"`
	JudgesPerEntry    *int    `json:"judges_per_entry"`
	Aggregation       string  `json:"aggregation" validate:"max=10"`
	Blind             bool    `json:"blind"`
	AdvanceTopN       int     `json:"advance_top_n"`
	AdvanceCollegeCap int     `json:"advance_college_cap"`
	// AdvanceMinScore is a number 0–100 with at most 2 decimals, or null.
	AdvanceMinScore json.RawMessage `json:"advance_min_score"`
}

type roundUpdateRequest struct {
	Name              *string `json:"name" validate:"omitempty,min=1,max=100"`
	SortOrder         *int    `json:"sort_order"`
	Kind              *string `json:"kind" validate:"omitempty,max=20"`
	JudgesPerEntry    *int    `json:"judges_per_entry"`
	Aggregation       *string `json:"aggregation" validate:"omitempty,max=10"`
	Blind             *bool   `json:"blind"`
	AdvanceTopN       *int    `json:"advance_top_n"`
	AdvanceCollegeCap *int    `json:"advance_college_cap"`
	// ScoringOpensAt and ScoringClosesAt are RFC 3339 times; null clears.
	ScoringOpensAt  json.RawMessage `json:"scoring_opens_at"`
	ScoringClosesAt json.RawMessage `json:"scoring_closes_at"`
	// AdvanceMinScore is a number 0–100 with at most 2 decimals; null clears.
	AdvanceMinScore json.RawMessage `json:"advance_min_score"`
	Version         int             `json:"version" validate:"required,min=1"`
}

func (s *Server) registerTrackRoutes(g *gin.RouterGroup, tag string) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/competitions/:id/tracks", Tag: tag, Summary: "List a competition's tracks (sort: sort_order, id, name)",
		Response: listResponse[service.TrackView]{}, Query: withPaging(nil)}, s.listTracks)
	s.handle(g, route{Method: "POST", Path: "/api/v1/competitions/:id/tracks", Tag: tag, Summary: "Add a track (its managers; not once finished)",
		Request: trackCreateRequest{}, Response: service.TrackView{}, Status: http.StatusCreated}, s.createTrack)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/tracks/:id", Tag: tag, Summary: "Change a track (its competition's managers; not once finished)",
		Request: trackUpdateRequest{}, Response: service.TrackView{}}, s.updateTrack)
}

func (s *Server) registerRoundRoutes(g *gin.RouterGroup, tag string) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/competitions/:id/rounds", Tag: tag, Summary: "List a competition's rounds in order (sort: sort_order, id, name)",
		Response: listResponse[service.RoundView]{}, Query: withPaging(nil)}, s.listRounds)
	s.handle(g, route{Method: "POST", Path: "/api/v1/competitions/:id/rounds", Tag: tag,
		Summary: "Add a pending round (its managers): kind online_review | roadshow, aggregation mean | trimmed | zscore, judges_per_entry 1–15, advance_min_score 0–100 (2 decimals) or null",
		Request: roundCreateRequest{}, Response: service.RoundView{}, Status: http.StatusCreated}, s.createRound)
	s.handle(g, route{Method: "GET", Path: "/api/v1/rounds/:id", Tag: tag, Summary: "Get a round (whoever sees its competition, and the judges of its pool)",
		Response: service.RoundView{}}, s.getRound)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/rounds/:id", Tag: tag, Summary: "Change a pending round (its managers); null clears scoring times and advance_min_score; optimistic lock on version",
		Request: roundUpdateRequest{}, Response: service.RoundView{}}, s.updateRound)
}

func (s *Server) listTracks(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	page := q.page()
	if err == nil {
		err = q.err()
	}
	var items []service.TrackView
	var total int64
	if err == nil {
		items, total, err = s.svc.Competitions.Tracks(c.Request.Context(), actor(c), id, page)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) createTrack(c *gin.Context) {
	id, err := pathID(c, "id")
	var req trackCreateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var v service.TrackView
	if err == nil {
		v, err = s.svc.Competitions.CreateTrack(c.Request.Context(), actor(c), id, service.NewTrack{Name: req.Name, Description: req.Description, SortOrder: req.SortOrder})
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, v)
}

func (s *Server) updateTrack(c *gin.Context) {
	id, err := pathID(c, "id")
	var req trackUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var v service.TrackView
	if err == nil {
		v, err = s.svc.Competitions.UpdateTrack(c.Request.Context(), actor(c), id, service.TrackUpdate{Name: req.Name, Description: req.Description, SortOrder: req.SortOrder})
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (s *Server) listRounds(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	page := q.page()
	if err == nil {
		err = q.err()
	}
	var items []service.RoundView
	var total int64
	if err == nil {
		items, total, err = s.svc.Competitions.Rounds(c.Request.Context(), actor(c), id, page)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) createRound(c *gin.Context) {
	id, err := pathID(c, "id")
	var req roundCreateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var raw rawFields
	in := service.NewRound{Name: req.Name, SortOrder: req.SortOrder, Kind: req.Kind, JudgesPerEntry: req.JudgesPerEntry, Aggregation: req.Aggregation,
		Blind: req.Blind, AdvanceTopN: req.AdvanceTopN, AdvanceCollegeCap: req.AdvanceCollegeCap,
		ScoringOpensAt:  raw.tf.optional("scoring_opens_at", req.ScoringOpensAt),
		ScoringClosesAt: raw.tf.optional("scoring_closes_at", req.ScoringClosesAt),
		AdvanceMinScore: raw.points("advance_min_score", req.AdvanceMinScore).Value}
	if err == nil {
		err = raw.tf.err()
	}
	var v service.RoundView
	if err == nil {
		v, err = s.svc.Competitions.CreateRound(c.Request.Context(), actor(c), id, in)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, v)
}

func (s *Server) getRound(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var v service.RoundView
		if v, err = s.svc.Competitions.Round(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, v)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateRound(c *gin.Context) {
	id, err := pathID(c, "id")
	var req roundUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var raw rawFields
	in := service.RoundUpdate{Name: req.Name, SortOrder: req.SortOrder, Kind: req.Kind, JudgesPerEntry: req.JudgesPerEntry, Aggregation: req.Aggregation,
		Blind: req.Blind, AdvanceTopN: req.AdvanceTopN, AdvanceCollegeCap: req.AdvanceCollegeCap, Version: req.Version,
		ScoringOpensAt: raw.time("scoring_opens_at", req.ScoringOpensAt), ScoringClosesAt: raw.time("scoring_closes_at", req.ScoringClosesAt),
		AdvanceMinScore: raw.points("advance_min_score", req.AdvanceMinScore)}
	if err == nil {
		err = raw.tf.err()
	}
	var v service.RoundView
	if err == nil {
		v, err = s.svc.Competitions.UpdateRound(c.Request.Context(), actor(c), id, in)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// rawFields reads nullable request fields kept as raw JSON: absent stays
// unset, null clears, anything else must have the field's type.
type rawFields struct{ tf timeFields }

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// time reads an RFC 3339 string or null.
func (r *rawFields) time(field string, raw json.RawMessage) service.Clearable[time.Time] {
	if raw == nil {
		return service.Clearable[time.Time]{}
	}
	if isNull(raw) {
		return service.Clearable[time.Time]{Set: true}
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		r.tf.fields = append(r.tf.fields, model.Field(field, "type", "must be an RFC 3339 time or null"))
		return service.Clearable[time.Time]{}
	}
	return service.Clearable[time.Time]{Set: true, Value: r.tf.optional(field, &s)}
}

// points reads a JSON number (kept as its exact text for the service) or
// null.
func (r *rawFields) points(field string, raw json.RawMessage) service.Clearable[string] {
	if raw == nil {
		return service.Clearable[string]{}
	}
	if isNull(raw) {
		return service.Clearable[string]{Set: true}
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil || bytes.HasPrefix(bytes.TrimSpace(raw), []byte(`"`)) {
		r.tf.fields = append(r.tf.fields, model.Field(field, "type", "must be a number or null"))
		return service.Clearable[string]{}
	}
	text := n.String()
	return service.Clearable[string]{Set: true, Value: &text}
}
