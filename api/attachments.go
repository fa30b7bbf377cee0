package api

import "github.com/gin-gonic/gin"

// registerAttachmentRoutes registers material uploads and downloads.
func (s *Server) registerAttachmentRoutes(g *gin.RouterGroup) {}
