package model

// spacePolicies are the route permissions of bases, zones, rooms and
// workstations: {role, domain, route template, method}. Base managers hold
// theirs in domain "*", so they apply in whichever base they manage; the
// spaces service confines them to that base's objects.
//
// Bases and their zones are readable by every signed-in user (students
// pick a base and a zone when they apply). Rooms, workstations and the
// occupancy figures are for admins and base managers (occupancy also for
// policy officers).
var spacePolicies = [][4]string{
	{RoleAuthenticated, DomainAll, "/api/v1/bases", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/bases/:id", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/bases/:id/zones", "GET"},

	{RoleAdmin, DomainAll, "/api/v1/bases", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/bases/:id", "PATCH"},
	{RoleAdmin, DomainAll, "/api/v1/bases/:id/occupancy", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/bases/:id/workstations", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/bases/:id/zones", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/zones/:id/rooms", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/zones/:id/rooms", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/rooms/:id/workstations", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/rooms/:id/workstations", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/workstations/:id", "PATCH"},

	{RoleBaseManager, DomainAll, "/api/v1/bases/:id", "PATCH"},
	{RoleBaseManager, DomainAll, "/api/v1/bases/:id/occupancy", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/bases/:id/workstations", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/bases/:id/zones", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/zones/:id/rooms", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/zones/:id/rooms", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/rooms/:id/workstations", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/rooms/:id/workstations", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/workstations/:id", "PATCH"},

	{RolePolicyOfficer, DomainAll, "/api/v1/bases/:id/occupancy", "GET"},
}
