package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type policy struct {
	Role   string `json:"role" validate:"required,max=64"`
	Domain string `json:"domain" validate:"required,max=64"`
	Path   string `json:"path" validate:"required,max=100"`
	Method string `json:"method" validate:"required,max=10"`
}

type policiesRequest struct {
	Items []policy `json:"items" validate:"required,max=5000,dive"`
}

type policiesResponse struct {
	Items []service.Policy `json:"items"`
}

func (s *Server) registerRBACRoutes(g *gin.RouterGroup) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/rbac/policies", Tag: "rbac", Summary: "Route permissions per role", Response: policiesResponse{}}, s.listPolicies)
	s.handle(g, route{Method: "PUT", Path: "/api/v1/rbac/policies", Tag: "rbac", Summary: "Replace all route permissions", Request: policiesRequest{}, Response: policiesResponse{}}, s.replacePolicies)
}

func (s *Server) listPolicies(c *gin.Context) {
	c.JSON(http.StatusOK, policiesResponse{Items: s.svc.RBAC.List(c.Request.Context())})
}

func (s *Server) replacePolicies(c *gin.Context) {
	var req policiesRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	in := make([]service.Policy, len(req.Items))
	for i, p := range req.Items {
		in[i] = service.Policy{Role: p.Role, Domain: p.Domain, Path: p.Path, Method: p.Method}
	}
	out, err := s.svc.RBAC.Replace(c.Request.Context(), actor(c), in, s.protectedRoutes())
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, policiesResponse{Items: out})
}
