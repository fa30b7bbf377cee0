package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type competitionCreateRequest struct {
	Name                 string `json:"name" validate:"required,max=150"`
	Edition              int    `json:"edition"`
	Year                 int    `json:"year" validate:"required"`
	Organiser            string `json:"organiser" validate:"max=150"`
	BaseID               *uint  `json:"base_id" validate:"omitempty,min=1"`
	Description          string `json:"description" validate:"max=10000"`
	RegistrationOpensAt  string `json:"registration_opens_at" validate:"required"`
	RegistrationClosesAt string `json:"registration_closes_at" validate:"required"`
	MinTeamSize          *int   `json:"min_team_size"`
	MaxTeamSize          *int   `json:"max_team_size"`
	MaxAdvisors          *int   `json:"max_advisors"`
}

type competitionUpdateRequest struct {
	Name                 *string `json:"name" validate:"omitempty,min=1,max=150"`
	Edition              *int    `json:"edition"`
	Year                 *int    `json:"year"`
	Organiser            *string `json:"organiser" validate:"omitempty,max=150"`
	Description          *string `json:"description" validate:"omitempty,max=10000"`
	RegistrationOpensAt  *string `json:"registration_opens_at"`
	RegistrationClosesAt *string `json:"registration_closes_at"`
	MinTeamSize          *int    `json:"min_team_size"`
	MaxTeamSize          *int    `json:"max_team_size"`
	MaxAdvisors          *int    `json:"max_advisors"`
	Version              int     `json:"version" validate:"required,min=1"`
}

// timeFields parses RFC 3339 request fields, collecting field errors.
type timeFields struct{ fields []model.FieldError }

func (p *timeFields) parse(field, v string) time.Time {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		p.fields = append(p.fields, model.Field(field, "rfc3339", "must be an RFC 3339 time such as 2026-03-01T08:00:00Z"))
	}
	return t
}

func (p *timeFields) optional(field string, v *string) *time.Time {
	if v == nil {
		return nil
	}
	t := p.parse(field, *v)
	return &t
}

func (p *timeFields) err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return model.Invalid("invalid request", p.fields...)
}

func (s *Server) registerCompetitionRoutes(public, g *gin.RouterGroup) {
	const tag = "competitions"
	s.handle(public, route{Method: "GET", Path: "/api/v1/public/competitions", Public: true, Tag: tag,
		Summary:  "Competitions that are not drafts, newest first, with tracks and entry counts (no sign-in; no personal data)",
		Response: listResponse[service.PublicCompetition]{}, Query: []queryParam{{"page", "integer", "1-based page"}, {"page_size", "integer", "≤ 100"}}}, s.publicCompetitions)
	s.handle(g, route{Method: "GET", Path: "/api/v1/competitions", Tag: tag,
		Summary:  "List competitions: non-drafts, plus the drafts the caller manages; newest first (sort: id, name, year, status, created_at, registration_opens_at, registration_closes_at)",
		Response: listResponse[service.CompetitionView]{}, Query: withPaging([]queryParam{
			{"status", "string", "draft | open | registration_closed | finished | results_published"},
			{"year", "integer", "year"}, {"q", "string", "search name or organiser"},
		})}, s.listCompetitions)
	s.handle(g, route{Method: "POST", Path: "/api/v1/competitions", Tag: tag,
		Summary: "Create a draft competition (admin; a base manager for their base_id). Times RFC 3339; team 3–15 and 3 advisors by default",
		Request: competitionCreateRequest{}, Response: service.CompetitionView{}, Status: http.StatusCreated}, s.createCompetition)
	s.handle(g, route{Method: "GET", Path: "/api/v1/competitions/:id", Tag: tag, Summary: "Get a competition with counts, registration_open and the caller's allowed_actions",
		Response: service.CompetitionView{}}, s.getCompetition)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/competitions/:id", Tag: tag,
		Summary: "Change a competition before it is finished (its managers); moving registration_closes_at extends or ends registration; optimistic lock on version",
		Request: competitionUpdateRequest{}, Response: service.CompetitionView{}}, s.updateCompetition)
	s.handle(g, route{Method: "POST", Path: "/api/v1/competitions/:id/open", Tag: tag, Summary: "Open registration: draft → open (needs a track and a window ending in the future)",
		Response: service.CompetitionView{}}, s.competitionMove(s.svc.Competitions.Open))
	s.handle(g, route{Method: "POST", Path: "/api/v1/competitions/:id/close-registration", Tag: tag,
		Summary: "Close registration: open → registration_closed; a window still running ends now, so entries lock at once", Response: service.CompetitionView{}},
		s.competitionMove(s.svc.Competitions.CloseRegistration))
	s.handle(g, route{Method: "POST", Path: "/api/v1/competitions/:id/finish", Tag: tag, Summary: "Finish: registration_closed → finished",
		Response: service.CompetitionView{}}, s.competitionMove(s.svc.Competitions.Finish))
	s.registerTrackRoutes(g, tag)
	s.registerRoundRoutes(g, tag)
	s.registerJudgeRoutes(g, tag)
}

func (s *Server) publicCompetitions(c *gin.Context) {
	q := queryReader{c: c}
	page := q.page()
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Competitions.PublicList(c.Request.Context(), page)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) listCompetitions(c *gin.Context) {
	q := queryReader{c: c}
	f := service.CompetitionFilter{Status: q.string("status", 30), Year: q.int("year", 0), Q: q.string("q", 64), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Competitions.List(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createCompetition(c *gin.Context) {
	var req competitionCreateRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	var tf timeFields
	in := service.NewCompetition{Name: req.Name, Edition: req.Edition, Year: req.Year, Organiser: req.Organiser, BaseID: req.BaseID,
		Description: req.Description, RegistrationOpensAt: tf.parse("registration_opens_at", req.RegistrationOpensAt),
		RegistrationClosesAt: tf.parse("registration_closes_at", req.RegistrationClosesAt),
		MinTeamSize:          req.MinTeamSize, MaxTeamSize: req.MaxTeamSize, MaxAdvisors: req.MaxAdvisors}
	if err := tf.err(); err != nil {
		writeError(c, err)
		return
	}
	v, err := s.svc.Competitions.Create(c.Request.Context(), actor(c), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, v)
}

func (s *Server) getCompetition(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var v service.CompetitionView
		if v, err = s.svc.Competitions.Get(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, v)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateCompetition(c *gin.Context) {
	id, err := pathID(c, "id")
	var req competitionUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var tf timeFields
	in := service.CompetitionUpdate{Name: req.Name, Edition: req.Edition, Year: req.Year, Organiser: req.Organiser, Description: req.Description,
		RegistrationOpensAt: tf.optional("registration_opens_at", req.RegistrationOpensAt), RegistrationClosesAt: tf.optional("registration_closes_at", req.RegistrationClosesAt),
		MinTeamSize: req.MinTeamSize, MaxTeamSize: req.MaxTeamSize, MaxAdvisors: req.MaxAdvisors, Version: req.Version}
	if err == nil {
		err = tf.err()
	}
	if err != nil {
		writeError(c, err)
		return
	}
	v, err := s.svc.Competitions.Update(c.Request.Context(), actor(c), id, in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// competitionMove handles a state transition of a competition (no body).
func (s *Server) competitionMove(move func(ctx context.Context, a service.Actor, id uint) (service.CompetitionView, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id")
		if err == nil {
			var v service.CompetitionView
			if v, err = move(c.Request.Context(), actor(c), id); err == nil {
				c.JSON(http.StatusOK, v)
				return
			}
		}
		writeError(c, err)
	}
}
