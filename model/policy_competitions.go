package model

// competitionPolicies are the route permissions of competitions, tracks,
// rounds and round judge pools: {role, domain, route template, method}.
//
// Every signed-in user reads competitions, tracks and rounds (the service
// hides drafts from all but their managers, and shows judges the rounds
// whose pool they are in). Base managers hold the management routes in
// domain "*", so they apply in whichever base they manage; the service
// confines them to the competitions their base organises. The public
// listing (GET /api/v1/public/competitions) needs no permission.
var competitionPolicies = [][4]string{
	{RoleAuthenticated, DomainAll, "/api/v1/competitions", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/competitions/:id", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/competitions/:id/tracks", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/competitions/:id/rounds", "GET"},
	{RoleAuthenticated, DomainAll, "/api/v1/rounds/:id", "GET"},

	{RoleAdmin, DomainAll, "/api/v1/competitions", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id", "PATCH"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/open", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/close-registration", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/finish", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/tracks", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/tracks/:id", "PATCH"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/rounds", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/rounds/:id", "PATCH"},
	{RoleAdmin, DomainAll, "/api/v1/rounds/:id/judges", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/rounds/:id/judges", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/rounds/:id/judges/:user_id", "DELETE"},
	{RoleAdmin, DomainAll, "/api/v1/judges", "GET"},

	{RoleBaseManager, DomainAll, "/api/v1/competitions", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id", "PATCH"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/open", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/close-registration", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/finish", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/tracks", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/tracks/:id", "PATCH"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/rounds", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/rounds/:id", "PATCH"},
	{RoleBaseManager, DomainAll, "/api/v1/rounds/:id/judges", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/rounds/:id/judges", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/rounds/:id/judges/:user_id", "DELETE"},
	{RoleBaseManager, DomainAll, "/api/v1/judges", "GET"},
}
