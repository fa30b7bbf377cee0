package api

import "github.com/gin-gonic/gin"

// registerProjectRoutes registers projects, members and advisors.
func (s *Server) registerProjectRoutes(g *gin.RouterGroup) {}
