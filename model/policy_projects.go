package model

// projectPolicies are the route permissions of projects (teams), members,
// advisors, IP records and funding events.
var projectPolicies = [][4]string{}
