package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type roleBinding struct {
	Role   string `json:"role" validate:"required,max=64"`
	Domain string `json:"domain" validate:"required,max=64"`
}

type userCreateRequest struct {
	Username       string        `json:"username" validate:"required,username"`
	Password       string        `json:"password" validate:"required,max=128"`
	Name           string        `json:"name" validate:"required,max=64"`
	Email          string        `json:"email" validate:"omitempty,email,max=128"`
	Phone          string        `json:"phone" validate:"omitempty,phone"`
	CollegeID      *uint         `json:"college_id" validate:"omitempty,min=1"`
	StudentNo      string        `json:"student_no" validate:"max=32"`
	Major          string        `json:"major" validate:"max=64"`
	GraduationYear *int          `json:"graduation_year" validate:"omitempty,gte=2000,lte=2100"`
	Title          string        `json:"title" validate:"max=64"`
	Expertise      []string      `json:"expertise" validate:"max=20,dive,required,max=32"`
	Roles          []roleBinding `json:"roles" validate:"max=50,dive"`
}

type userUpdateRequest struct {
	Name           *string   `json:"name" validate:"omitempty,min=1,max=64"`
	Email          *string   `json:"email" validate:"omitempty,email,max=128"`
	Phone          *string   `json:"phone" validate:"omitempty,phone"`
	CollegeID      *uint     `json:"college_id" validate:"omitempty,min=1"`
	Status         *string   `json:"status" validate:"omitempty,oneof=active disabled"`
	StudentNo      *string   `json:"student_no" validate:"omitempty,max=32"`
	Major          *string   `json:"major" validate:"omitempty,max=64"`
	GraduationYear *int      `json:"graduation_year" validate:"omitempty,gte=2000,lte=2100"`
	Title          *string   `json:"title" validate:"omitempty,max=64"`
	Expertise      *[]string `json:"expertise" validate:"omitempty,max=20,dive,required,max=32"`
	Version        int       `json:"version" validate:"required,min=1"`
}

type profileUpdateRequest struct {
	Name  *string `json:"name" validate:"omitempty,min=1,max=64"`
	Email *string `json:"email" validate:"omitempty,email,max=128"`
	Phone *string `json:"phone" validate:"omitempty,phone"`
}

type passwordChangeRequest struct {
	OldPassword string `json:"old_password" validate:"required,max=128"`
	NewPassword string `json:"new_password" validate:"required,max=128"`
}

func bindings(in []roleBinding) []service.RoleBinding {
	out := make([]service.RoleBinding, len(in))
	for i, r := range in {
		out[i] = service.RoleBinding{Role: r.Role, Domain: r.Domain}
	}
	return out
}

func (s *Server) registerUserRoutes(g *gin.RouterGroup) {
	const tag = "users"
	listQuery := []queryParam{{"q", "string", "search username or name"}, {"status", "string", "active | disabled"}, {"role", "string", "role name"}, {"college_id", "integer", "college"}}
	s.handle(g, route{Method: "GET", Path: "/api/v1/me", Tag: tag, Summary: "The signed-in user, roles per domain and route permissions", Response: service.Me{}}, s.me)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/me", Tag: tag, Summary: "Change own name, e-mail or phone", Request: profileUpdateRequest{}, Response: service.Me{}}, s.updateMe)
	s.handle(g, route{Method: "POST", Path: "/api/v1/me/password", Tag: tag, Summary: "Change own password (ends every session)", Request: passwordChangeRequest{}, Status: http.StatusNoContent}, s.changePassword)
	s.handle(g, route{Method: "GET", Path: "/api/v1/users", Tag: tag, Summary: "List users (sort: id, username, name, created_at, last_login_at)", Response: listResponse[service.UserView]{}, Query: withPaging(listQuery)}, s.listUsers)
	s.handle(g, route{Method: "POST", Path: "/api/v1/users", Tag: tag, Summary: "Create a user", Request: userCreateRequest{}, Response: service.UserView{}, Status: http.StatusCreated}, s.createUser)
	s.handle(g, route{Method: "GET", Path: "/api/v1/users/:id", Tag: tag, Summary: "Get a user", Response: service.UserView{}}, s.getUser)
	s.handle(g, route{Method: "PATCH", Path: "/api/v1/users/:id", Tag: tag, Summary: "Change a user (optimistic lock on version)", Request: userUpdateRequest{}, Response: service.UserView{}}, s.updateUser)
	s.handle(g, route{Method: "DELETE", Path: "/api/v1/users/:id", Tag: tag, Summary: "Disable a user (records are kept)", Status: http.StatusNoContent}, s.disableUser)
	s.handle(g, route{Method: "PUT", Path: "/api/v1/users/:id/roles", Tag: tag, Summary: "Replace a user's roles: [{role, domain}]", Request: []roleBinding{}, Response: []service.RoleBinding{}}, s.setRoles)
}

func withPaging(q []queryParam) []queryParam {
	return append(q, queryParam{"page", "integer", "1-based page"}, queryParam{"page_size", "integer", "≤ 100"}, queryParam{"sort", "string", "field, or -field for descending"})
}

func (s *Server) me(c *gin.Context) {
	me, err := s.svc.Users.Me(c.Request.Context(), actor(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, me)
}

func (s *Server) updateMe(c *gin.Context) {
	var req profileUpdateRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	me, err := s.svc.Users.UpdateProfile(c.Request.Context(), actor(c), service.ProfileUpdate{Name: req.Name, Email: req.Email, Phone: req.Phone})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, me)
}

func (s *Server) changePassword(c *gin.Context) {
	var req passwordChangeRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	if err := s.svc.Users.ChangePassword(c.Request.Context(), actor(c), req.OldPassword, req.NewPassword); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) listUsers(c *gin.Context) {
	q := queryReader{c: c}
	f := service.UserFilter{Q: q.string("q", 64), Status: q.string("status", 16), Role: q.string("role", 64), CollegeID: q.optionalID("college_id"), Page: q.page()}
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	items, total, err := s.svc.Users.List(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newList(items, total, f.Page))
}

func (s *Server) createUser(c *gin.Context) {
	var req userCreateRequest
	if err := s.bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	u, err := s.svc.Users.Create(c.Request.Context(), actor(c), service.NewUser{
		Username: req.Username, Password: req.Password, Name: req.Name, Email: req.Email, Phone: req.Phone,
		CollegeID: req.CollegeID, StudentNo: req.StudentNo, Major: req.Major, GraduationYear: req.GraduationYear,
		Title: req.Title, Expertise: req.Expertise, Roles: bindings(req.Roles),
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, u)
}

func (s *Server) getUser(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var u service.UserView
		if u, err = s.svc.Users.Get(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, u)
			return
		}
	}
	writeError(c, err)
}

func (s *Server) updateUser(c *gin.Context) {
	id, err := pathID(c, "id")
	var req userUpdateRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	u, err := s.svc.Users.Update(c.Request.Context(), actor(c), id, service.UserUpdate{
		Name: req.Name, Email: req.Email, Phone: req.Phone, CollegeID: req.CollegeID, Status: req.Status,
		StudentNo: req.StudentNo, Major: req.Major, GraduationYear: req.GraduationYear, Title: req.Title,
		Expertise: req.Expertise, Version: req.Version,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, u)
}

func (s *Server) disableUser(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		err = s.svc.Users.Disable(c.Request.Context(), actor(c), id)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) setRoles(c *gin.Context) {
	id, err := pathID(c, "id")
	var req []roleBinding
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	if req == nil {
		writeError(c, model.Invalid("a JSON array of {role, domain} is expected"))
		return
	}
	roles, err := s.svc.Users.SetRoles(c.Request.Context(), actor(c), id, bindings(req))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, roles)
}
