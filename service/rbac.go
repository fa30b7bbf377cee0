package service

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"

	"gorm.io/gorm"

	"incubator/model"
)

// Policy is a route permission: role in domain may call method on path.
type Policy struct {
	Role   string `json:"role"`
	Domain string `json:"domain"`
	Path   string `json:"path"`
	Method string `json:"method"`
}

func sortPolicies(ps []Policy) {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Role != b.Role {
			return a.Role < b.Role
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Method != b.Method {
			return a.Method < b.Method
		}
		return a.Domain < b.Domain
	})
}

var domainPattern = regexp.MustCompile(`^(\*|base:[1-9][0-9]{0,9})$`)

var httpMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// RBAC manages route permissions (Casbin "p" rules).
type RBAC struct {
	db    *gorm.DB
	authz *Authorizer
	audit *Auditor
}

// NewRBAC returns the route-permission service.
func NewRBAC(db *gorm.DB, authz *Authorizer, audit *Auditor) *RBAC {
	return &RBAC{db: db, authz: authz, audit: audit}
}

// List returns every route permission. Callers: admin.
func (s *RBAC) List(ctx context.Context) []Policy { return s.authz.Policies() }

// Replace swaps the whole set of route permissions for policies. Each path
// must be one of knownRoutes ("METHOD path"). The set must keep admin's
// access to the permission routes themselves, so nobody locks the platform.
// Callers: admin. Errors: invalid (with field errors per item),
// failed_precondition (lock-out).
func (s *RBAC) Replace(ctx context.Context, actor Actor, policies []Policy, knownRoutes map[string]bool) ([]Policy, error) {
	var fields []model.FieldError
	seen := map[Policy]bool{}
	clean := make([]Policy, 0, len(policies))
	for i, p := range policies {
		prefix := fmt.Sprintf("items[%d].", i)
		if p.Role != model.RoleAuthenticated && !slices.Contains(model.AssignableRoles, p.Role) {
			fields = append(fields, model.Field(prefix+"role", "unknown_role", "unknown role "+p.Role))
		}
		if !domainPattern.MatchString(p.Domain) {
			fields = append(fields, model.Field(prefix+"domain", "invalid_domain", `domain must be "*" or "base:<id>"`))
		}
		if !slices.Contains(httpMethods, p.Method) {
			fields = append(fields, model.Field(prefix+"method", "invalid_method", "method must be one of GET, POST, PUT, PATCH, DELETE"))
		} else if !knownRoutes[p.Method+" "+p.Path] {
			fields = append(fields, model.Field(prefix+"path", "unknown_route", "no protected route "+p.Method+" "+p.Path))
		}
		if !seen[p] {
			seen[p] = true
			clean = append(clean, p)
		}
	}
	if len(fields) > 0 {
		return nil, model.Invalid("invalid route permissions", fields...)
	}
	for _, must := range []Policy{
		{model.RoleAdmin, model.DomainAll, "/api/v1/rbac/policies", "GET"},
		{model.RoleAdmin, model.DomainAll, "/api/v1/rbac/policies", "PUT"},
	} {
		if !seen[must] {
			return nil, model.Errorf(model.CodeFailedPrecondition, "admin must keep %s %s, or nobody could repair the permissions", must.Method, must.Path)
		}
	}
	before := s.authz.Policies()
	sortPolicies(clean)
	err := model.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Where("ptype = ?", "p").Delete(&model.CasbinRule{}).Error; err != nil {
			return err
		}
		rows := make([]model.CasbinRule, len(clean))
		for i, p := range clean {
			rows[i] = model.CasbinRule{Ptype: "p", V0: p.Role, V1: p.Domain, V2: p.Path, V3: p.Method}
		}
		if len(rows) > 0 {
			if err := tx.CreateInBatches(rows, 200).Error; err != nil {
				return err
			}
		}
		return s.audit.Record(tx, actor, AuditEntry{Action: "rbac.policies_replaced", Entity: "rbac_policies", EntityID: "all", Before: before, After: clean})
	})
	if err != nil {
		return nil, model.TranslateDBError(err, "policy")
	}
	if err := s.authz.Reload(); err != nil {
		return nil, model.Internal(err)
	}
	return s.authz.Policies(), nil
}

// validateBindings checks role bindings given to a user.
func validateBindings(bindings []RoleBinding) ([]RoleBinding, error) {
	var fields []model.FieldError
	seen := map[RoleBinding]bool{}
	out := make([]RoleBinding, 0, len(bindings))
	for i, b := range bindings {
		prefix := fmt.Sprintf("[%d].", i)
		if !slices.Contains(model.AssignableRoles, b.Role) {
			fields = append(fields, model.Field(prefix+"role", "unknown_role", "unknown role "+b.Role))
		}
		if !domainPattern.MatchString(b.Domain) {
			fields = append(fields, model.Field(prefix+"domain", "invalid_domain", `domain must be "*" or "base:<id>"`))
		} else if b.Role == model.RoleAdmin && b.Domain != model.DomainAll {
			fields = append(fields, model.Field(prefix+"domain", "invalid_domain", `admin is a platform role; its domain is "*"`))
		}
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	if len(fields) > 0 {
		return nil, model.Invalid("invalid roles", fields...)
	}
	sortBindings(out)
	return out, nil
}
