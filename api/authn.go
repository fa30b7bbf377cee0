package api

import (
	"strings"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

// authenticate requires a valid bearer access token and stores the Actor.
func (s *Server) authenticate(c *gin.Context) {
	scheme, token, ok := strings.Cut(c.GetHeader("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		writeError(c, model.Errorf(model.CodeUnauthenticated, "sign in first: an Authorization: Bearer token is required"))
		return
	}
	actor, err := s.svc.Auth.Authenticate(c.Request.Context(), token, clientOf(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.Set(actorKey, actor)
	c.Next()
}

// authorize checks the route permission (role + route template + method)
// with Casbin; deny by default.
func (s *Server) authorize(c *gin.Context) {
	actor, _ := actorOf(c)
	if !s.svc.Auth.Allowed(actor, c.FullPath(), c.Request.Method) {
		writeError(c, model.Errorf(model.CodeForbidden, "your roles do not allow this action"))
		return
	}
	c.Next()
}

func actorOf(c *gin.Context) (service.Actor, bool) {
	v, ok := c.Get(actorKey)
	if !ok {
		return service.Actor{}, false
	}
	a, ok := v.(service.Actor)
	return a, ok
}

// actor returns the authenticated actor; routes behind authenticate have one.
func actor(c *gin.Context) service.Actor {
	a, _ := actorOf(c)
	return a
}

func clientOf(c *gin.Context) service.Client {
	return service.Client{IP: c.ClientIP(), UserAgent: c.Request.UserAgent(), RequestID: requestIDOf(c)}
}
