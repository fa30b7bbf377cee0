package api

import "github.com/gin-gonic/gin"

// registerCompetitionRoutes registers competitions, tracks, rounds and
// round judge pools.
func (s *Server) registerCompetitionRoutes(public, g *gin.RouterGroup) {}
