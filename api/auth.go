package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/service"
)

type loginRequest struct {
	Username string `json:"username" validate:"required,max=64"`
	Password string `json:"password" validate:"required,max=128"`
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token" validate:"required,max=128"`
}

type registerRequest struct {
	Username       string `json:"username" validate:"required,username"`
	Password       string `json:"password" validate:"required,max=128"`
	Name           string `json:"name" validate:"required,max=64"`
	CollegeID      uint   `json:"college_id" validate:"required"`
	StudentNo      string `json:"student_no" validate:"required,max=32"`
	Major          string `json:"major" validate:"required,max=64"`
	GraduationYear int    `json:"graduation_year" validate:"required,gte=2000,lte=2100"`
	Email          string `json:"email" validate:"omitempty,email,max=128"`
	Phone          string `json:"phone" validate:"omitempty,phone"`
}

func (s *Server) registerAuthRoutes(public, protected *gin.RouterGroup) {
	const tag = "auth"
	s.handle(public, route{Method: "POST", Path: "/api/v1/auth/login", Public: true, Tag: tag, Summary: "Sign in with username and password",
		Request: loginRequest{}, Response: service.Session{}}, s.login)
	s.handle(public, route{Method: "POST", Path: "/api/v1/auth/refresh", Public: true, Tag: tag, Summary: "Exchange a refresh token for a new pair (the old one dies; reuse revokes the chain)",
		Request: refreshRequest{}, Response: service.Session{}}, s.refresh)
	s.handle(public, route{Method: "GET", Path: "/api/v1/auth/register", Public: true, Tag: tag, Summary: "Whether student self-registration is open, and the colleges to choose from",
		Response: service.RegistrationOptions{}}, s.registrationOptions)
	s.handle(public, route{Method: "POST", Path: "/api/v1/auth/register", Public: true, Tag: tag, Summary: "Student self-registration (can be switched off)",
		Request: registerRequest{}, Response: service.UserView{}, Status: http.StatusCreated}, s.register)
	s.handle(protected, route{Method: "POST", Path: "/api/v1/auth/logout", Tag: tag, Summary: "Sign out: revoke the refresh-token chain",
		Request: refreshRequest{}, Status: http.StatusNoContent}, s.logout)
}

func (s *Server) login(c *gin.Context) {
	var req loginRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	sess, err := s.svc.Auth.Login(c.Request.Context(), req.Username, req.Password, clientOf(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, sess)
}

func (s *Server) refresh(c *gin.Context) {
	var req refreshRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	sess, err := s.svc.Auth.Refresh(c.Request.Context(), req.RefreshToken, clientOf(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, sess)
}

func (s *Server) logout(c *gin.Context) {
	var req refreshRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	if err := s.svc.Auth.Logout(c.Request.Context(), actor(c), req.RefreshToken); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) registrationOptions(c *gin.Context) {
	opts, err := s.svc.Auth.RegistrationOptions(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, opts)
}

func (s *Server) register(c *gin.Context) {
	var req registerRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	u, err := s.svc.Auth.Register(c.Request.Context(), service.Registration{
		Username: req.Username, Password: req.Password, Name: req.Name, CollegeID: req.CollegeID,
		StudentNo: req.StudentNo, Major: req.Major, GraduationYear: req.GraduationYear, Email: req.Email, Phone: req.Phone,
	}, clientOf(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, u)
}
