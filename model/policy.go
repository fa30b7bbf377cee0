package model

// Role names (Casbin subjects of policies). RoleAuthenticated is implicit:
// every signed-in user holds it, and it cannot be assigned.
const (
	RoleAdmin         = "admin"
	RoleBaseManager   = "base_manager"
	RoleJudge         = "judge"
	RoleStudent       = "student"
	RolePolicyOfficer = "policy_officer"
	RoleCollegeViewer = "college_viewer"
	RoleAuthenticated = "authenticated"
	DomainAll         = "*"
	DomainBasePrefix  = "base:"
)

// AssignableRoles are the roles an admin can give to users.
var AssignableRoles = []string{RoleAdmin, RoleBaseManager, RoleJudge, RoleStudent, RolePolicyOfficer, RoleCollegeViewer}

// foundationPolicies are the route permissions of the platform foundation:
// {role, domain, route template, method}. Later migrations add their own.
var foundationPolicies = [][4]string{
	{RoleAuthenticated, DomainAll, "/api/v1/auth/logout", "POST"},
	{RoleAuthenticated, DomainAll, "/api/v1/me", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/me", "PATCH"},
	{RoleAuthenticated, DomainAll, "/api/v1/me/password", "POST"},
	{RoleAuthenticated, DomainAll, "/api/v1/colleges", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/colleges/:id", "GET"},

	{RoleAdmin, DomainAll, "/api/v1/users", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/users", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/users/:id", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/users/:id", "PATCH"},
	{RoleAdmin, DomainAll, "/api/v1/users/:id", "DELETE"},
	{RoleAdmin, DomainAll, "/api/v1/users/:id/roles", "PUT"},
	{RoleAdmin, DomainAll, "/api/v1/colleges", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/colleges/:id", "PATCH"},
	{RoleAdmin, DomainAll, "/api/v1/audit-logs", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/rbac/policies", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/rbac/policies", "PUT"},
	{RoleAdmin, DomainAll, "/metrics", "GET"},
}
