package api

import "github.com/gin-gonic/gin"

// registerSpaceRoutes registers bases, zones, rooms and workstations.
func (s *Server) registerSpaceRoutes(g *gin.RouterGroup) {}
