package model

// competitionPolicies are the route permissions of competitions, tracks,
// rounds and round judge pools: {role, domain, route template, method}.
var competitionPolicies = [][4]string{}
