package model

// entryPolicies are the route permissions of entries and their materials.
//
// Entries: the service admits a student to their teams' entries and an
// organiser (admin, or a base manager of the organising base) to every
// entry of the competition; judges and college viewers hold no entry
// route (judges see entries through their assignments).
var entryPolicies = [][4]string{
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/entries", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/entries", "GET"},
	{RoleStudent, DomainAll, "/api/v1/competitions/:id/entries", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/entries", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/entries", "POST"},
	{RoleStudent, DomainAll, "/api/v1/competitions/:id/entries", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/competitions/:id/entries.xlsx", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/competitions/:id/entries.xlsx", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id", "GET"},
	{RoleStudent, DomainAll, "/api/v1/entries/:id", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id", "PATCH"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id", "PATCH"},
	{RoleStudent, DomainAll, "/api/v1/entries/:id", "PATCH"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id/submit", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id/submit", "POST"},
	{RoleStudent, DomainAll, "/api/v1/entries/:id/submit", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id/withdraw", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id/withdraw", "POST"},
	{RoleStudent, DomainAll, "/api/v1/entries/:id/withdraw", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id/qualify", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id/qualify", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id/disqualify", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id/disqualify", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id/extension", "POST"},

	// Materials (attachments): the service admits the entry's team and its organisers.
	{RoleAdmin, DomainAll, "/api/v1/entries/:id/attachments", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id/attachments", "GET"},
	{RoleStudent, DomainAll, "/api/v1/entries/:id/attachments", "GET"},
	{RoleAdmin, DomainAll, "/api/v1/entries/:id/attachments", "POST"},
	{RoleBaseManager, DomainAll, "/api/v1/entries/:id/attachments", "POST"},
	{RoleStudent, DomainAll, "/api/v1/entries/:id/attachments", "POST"},
	{RoleAdmin, DomainAll, "/api/v1/attachments/:id/download", "GET"},
	{RoleBaseManager, DomainAll, "/api/v1/attachments/:id/download", "GET"},
	{RoleStudent, DomainAll, "/api/v1/attachments/:id/download", "GET"},

	// College viewers read their own college's entries (the service
	// restricts the rows).
	{RoleCollegeViewer, DomainAll, "/api/v1/competitions/:id/entries", "GET"},
	{RoleCollegeViewer, DomainAll, "/api/v1/entries/:id", "GET"},
	{RoleCollegeViewer, DomainAll, "/api/v1/entries/:id/attachments", "GET"},
	{RoleCollegeViewer, DomainAll, "/api/v1/attachments/:id/download", "GET"},
}
