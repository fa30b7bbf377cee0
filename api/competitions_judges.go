package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type judgesAddRequest struct {
	UserIDs []uint `json:"user_ids" validate:"required,min=1,max=200,dive,min=1"`
}

func (s *Server) registerJudgeRoutes(g *gin.RouterGroup, tag string) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/rounds/:id/judges", Tag: tag, Summary: "List a round's judge pool with profiles (its competition's managers; sort: username, name, id)",
		Response: listResponse[service.JudgeView]{}, Query: withPaging(nil)}, s.listRoundJudges)
	s.handle(g, route{Method: "POST", Path: "/api/v1/rounds/:id/judges", Tag: tag,
		Summary: "Add active users with the judge role to a round's pool (its managers); adding twice changes nothing; answers the round",
		Request: judgesAddRequest{}, Response: service.RoundView{}}, s.addRoundJudges)
	s.handle(g, route{Method: "DELETE", Path: "/api/v1/rounds/:id/judges/:user_id", Tag: tag, Summary: "Take a judge out of a round's pool (its managers)",
		Status: http.StatusNoContent}, s.removeRoundJudge)
	s.handle(g, route{Method: "GET", Path: "/api/v1/judges", Tag: tag, Summary: "Active judges with their profiles, for building pools (admin, base managers; sort: username, name, id)",
		Response: listResponse[service.JudgeView]{}, Query: withPaging([]queryParam{
			{"q", "string", "search username or name"}, {"expertise", "string", "holds this expertise tag"}, {"college_id", "integer", "college"},
		})}, s.listJudges)
}

func (s *Server) listRoundJudges(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	page := q.page()
	if err == nil {
		err = q.err()
	}
	var items []service.JudgeView
	var total int64
	if err == nil {
		items, total, err = s.svc.Competitions.RoundJudges(c.Request.Context(), actor(c), id, page)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) addRoundJudges(c *gin.Context) {
	id, err := pathID(c, "id")
	var req judgesAddRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var v service.RoundView
	if err == nil {
		v, err = s.svc.Competitions.AddJudges(c.Request.Context(), actor(c), id, req.UserIDs)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (s *Server) removeRoundJudge(c *gin.Context) {
	id, err := pathID(c, "id")
	var userID uint
	if err == nil {
		userID, err = pathID(c, "user_id")
	}
	if err == nil {
		err = s.svc.Competitions.RemoveJudge(c.Request.Context(), actor(c), id, userID)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) listJudges(c *gin.Context) {
	q := queryReader{c: c}
	f := service.JudgeFilter{Q: q.string("q", 64), Expertise: q.string("expertise", 64), CollegeID: q.optionalID("college_id"), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Competitions.Judges(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}
