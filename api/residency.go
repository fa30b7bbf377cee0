package api

import "github.com/gin-gonic/gin"

// registerResidencyRoutes registers residency applications, residencies
// and reports.
func (s *Server) registerResidencyRoutes(g *gin.RouterGroup) {}
