package model

// spacePolicies are the route permissions of bases, zones, rooms and
// workstations: {role, domain, route template, method}.
var spacePolicies = [][4]string{}
