package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type memberAddRequest struct {
	UserID   *uint  `json:"user_id" validate:"omitempty,min=1"`
	Username string `json:"username" validate:"max=64"`
	Role     string `json:"role" validate:"omitempty,oneof=leader member"`
}

type advisorAddRequest struct {
	UserID       *uint  `json:"user_id" validate:"omitempty,min=1"`
	Name         string `json:"name" validate:"max=64"`
	Organization string `json:"organization" validate:"max=100"`
	Title        string `json:"title" validate:"max=64"`
	Email        string `json:"email" validate:"omitempty,email,max=128"`
	Phone        string `json:"phone" validate:"omitempty,phone"`
	External     bool   `json:"external"`
}

func (s *Server) registerProjectMemberRoutes(g *gin.RouterGroup, tag string) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/projects/:id/members", Tag: tag, Summary: "List a team's members, leader first (sort: role, name, user_id, joined_at)",
		Response: listResponse[service.MemberView]{}, Query: withPaging(nil)}, s.listProjectMembers)
	s.handle(g, route{Method: "POST", Path: "/api/v1/projects/:id/members", Tag: tag, Summary: "Add an active student by user_id or username (leader or admin); role leader transfers the leadership",
		Request: memberAddRequest{}, Response: service.MemberView{}, Status: http.StatusCreated}, s.addProjectMember)
	s.handle(g, route{Method: "DELETE", Path: "/api/v1/projects/:id/members/:user_id", Tag: tag, Summary: "Remove a member (leader or admin, or the member themself); the leader cannot be removed",
		Status: http.StatusNoContent}, s.removeProjectMember)
	s.handle(g, route{Method: "GET", Path: "/api/v1/projects/:id/advisors", Tag: tag, Summary: "List a team's advisors (sort: id, name)",
		Response: listResponse[service.AdvisorView]{}, Query: withPaging(nil)}, s.listProjectAdvisors)
	s.handle(g, route{Method: "POST", Path: "/api/v1/projects/:id/advisors", Tag: tag, Summary: "Add an advisor: a platform user (user_id) or a named person; at most 10 (team members or admin)",
		Request: advisorAddRequest{}, Response: service.AdvisorView{}, Status: http.StatusCreated}, s.addProjectAdvisor)
}

func (s *Server) listProjectMembers(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	page := q.page()
	if err == nil {
		err = q.err()
	}
	var items []service.MemberView
	var total int64
	if err == nil {
		items, total, err = s.svc.Projects.Members(c.Request.Context(), actor(c), id, page)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) addProjectMember(c *gin.Context) {
	id, err := pathID(c, "id")
	var req memberAddRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	m, err := s.svc.Projects.AddMember(c.Request.Context(), actor(c), id, service.NewMember{UserID: req.UserID, Username: req.Username, Role: req.Role})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, m)
}

func (s *Server) removeProjectMember(c *gin.Context) {
	id, err := pathID(c, "id")
	var userID uint
	if err == nil {
		userID, err = pathID(c, "user_id")
	}
	if err == nil {
		err = s.svc.Projects.RemoveMember(c.Request.Context(), actor(c), id, userID)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) listProjectAdvisors(c *gin.Context) {
	id, err := pathID(c, "id")
	q := queryReader{c: c}
	page := q.page()
	if err == nil {
		err = q.err()
	}
	var items []service.AdvisorView
	var total int64
	if err == nil {
		items, total, err = s.svc.Projects.Advisors(c.Request.Context(), actor(c), id, page)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, page))
}

func (s *Server) addProjectAdvisor(c *gin.Context) {
	id, err := pathID(c, "id")
	var req advisorAddRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	a, err := s.svc.Projects.AddAdvisor(c.Request.Context(), actor(c), id, service.NewAdvisor{
		UserID: req.UserID, Name: req.Name, Organization: req.Organization, Title: req.Title,
		Email: req.Email, Phone: req.Phone, External: req.External,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, a)
}
