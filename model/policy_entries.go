package model

// entryPolicies are the route permissions of entries and their materials.
var entryPolicies = [][4]string{}
