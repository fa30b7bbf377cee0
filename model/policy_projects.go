package model

// projectReaders may read projects; the service limits which ones (a
// student their teams, a college viewer their college's, a base manager
// those applying to or resident in their bases).
var projectReaders = []string{RoleAdmin, RoleBaseManager, RoleJudge, RoleStudent, RolePolicyOfficer, RoleCollegeViewer}

// projectWriters may change projects; the service limits it to the
// team's members (the leader for members) and admins.
var projectWriters = []string{RoleAdmin, RoleStudent}

// projectPolicies are the route permissions of projects (teams), members,
// advisors, IP records and funding events.
var projectPolicies = func() [][4]string {
	const p = "/api/v1/projects"
	var out [][4]string
	grant := func(roles []string, path, method string) {
		for _, r := range roles {
			out = append(out, [4]string{r, DomainAll, path, method})
		}
	}
	for _, sub := range []string{"", "/:id", "/:id/members", "/:id/advisors", "/:id/ip-records", "/:id/funding-events"} {
		grant(projectReaders, p+sub, "GET")
	}
	grant(projectWriters, p, "POST")
	grant(projectWriters, p+"/:id", "PATCH")
	for _, sub := range []string{"/:id/members", "/:id/advisors", "/:id/ip-records", "/:id/funding-events"} {
		grant(projectWriters, p+sub, "POST")
	}
	grant(projectWriters, p+"/:id/members/:user_id", "DELETE")
	return out
}()
