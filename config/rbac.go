package config

import _ "embed"

// RBACModel is the Casbin model (request, policy, role and matcher
// definitions) used for route permissions.
//
//go:embed rbac_model.conf
var RBACModel string
