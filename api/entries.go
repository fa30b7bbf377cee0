package api

import "github.com/gin-gonic/gin"

// registerEntryRoutes registers entries, their actions and the export.
func (s *Server) registerEntryRoutes(g *gin.RouterGroup) {}
