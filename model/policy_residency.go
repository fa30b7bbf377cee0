package model

// residencyPolicies are the route permissions of residency applications,
// residencies and progress reports.
var residencyPolicies = [][4]string{}
