package service

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/casbin/casbin/v3"
	casbinmodel "github.com/casbin/casbin/v3/model"
	gormadapter "github.com/casbin/gorm-adapter/v3"
	"gorm.io/gorm"

	"incubator/model"
)

// Permission is a route a role may call: a Gin route template and a method.
type Permission struct {
	Method string `json:"method"`
	Path   string `json:"path"`
}

// Authorizer answers route-permission questions from Casbin policies
// (a synchronized, cached enforcer over the casbin_rule table) and knows
// every user's role bindings.
type Authorizer struct {
	enforcer *casbin.SyncedCachedEnforcer

	// reloadMu runs one Reload at a time, so an older snapshot of the
	// policies never replaces a newer one.
	reloadMu sync.Mutex
	// mu guards roles and is held for reading around every decision, so
	// Reload can drop the decisions cached from the old policy with no
	// decision in flight (the enforcer clears its cache before loading,
	// not after, and keeps cached entries forever).
	mu    sync.RWMutex
	roles map[uint][]RoleBinding // user id → bindings, rebuilt on Reload
}

// NewAuthorizer loads the Casbin model text and the policies in db.
func NewAuthorizer(db *gorm.DB, modelText string) (*Authorizer, error) {
	m, err := casbinmodel.NewModelFromString(modelText)
	if err != nil {
		return nil, fmt.Errorf("casbin model: %w", err)
	}
	adb := db.Session(&gorm.Session{NewDB: true})
	gormadapter.TurnOffAutoMigrate(adb) // the table belongs to our migrations
	adapter, err := gormadapter.NewAdapterByDBUseTableName(adb, "", "casbin_rule")
	if err != nil {
		return nil, fmt.Errorf("casbin adapter: %w", err)
	}
	e, err := casbin.NewSyncedCachedEnforcer(m, adapter)
	if err != nil {
		return nil, fmt.Errorf("casbin enforcer: %w", err)
	}
	a := &Authorizer{enforcer: e}
	if err := a.Reload(); err != nil {
		return nil, err
	}
	return a, nil
}

// Reload re-reads every policy and role binding from the database and
// clears the decision cache. Call it after committing a change to them.
func (a *Authorizer) Reload() error {
	a.reloadMu.Lock()
	defer a.reloadMu.Unlock()
	if err := a.enforcer.LoadPolicy(); err != nil {
		return fmt.Errorf("load policies: %w", err)
	}
	rules, err := a.enforcer.GetGroupingPolicy()
	if err != nil {
		return err
	}
	roles := make(map[uint][]RoleBinding)
	for _, r := range rules {
		if len(r) < 3 {
			continue
		}
		if id, ok := parseSubject(r[0]); ok {
			roles[id] = append(roles[id], RoleBinding{Role: r[1], Domain: r[2]})
		}
	}
	for _, bs := range roles {
		sortBindings(bs)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.roles = roles
	if err := a.enforcer.InvalidateCache(); err != nil {
		return fmt.Errorf("clear decision cache: %w", err)
	}
	return nil
}

// Subject is the Casbin subject of a user.
func Subject(userID uint) string { return "u:" + strconv.FormatUint(uint64(userID), 10) }

func parseSubject(s string) (uint, bool) {
	rest, ok := strings.CutPrefix(s, "u:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseUint(rest, 10, 64)
	return uint(id), err == nil
}

func sortBindings(bs []RoleBinding) {
	sort.Slice(bs, func(i, j int) bool {
		if bs[i].Role != bs[j].Role {
			return bs[i].Role < bs[j].Role
		}
		return bs[i].Domain < bs[j].Domain
	})
}

// RolesOf returns a copy of the user's role bindings.
func (a *Authorizer) RolesOf(userID uint) []RoleBinding {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return append([]RoleBinding(nil), a.roles[userID]...)
}

// UsersWithRole returns the ids of users holding role in any domain.
func (a *Authorizer) UsersWithRole(role string) []uint {
	a.mu.RLock()
	defer a.mu.RUnlock()
	var ids []uint
	for id, bs := range a.roles {
		for _, b := range bs {
			if b.Role == role {
				ids = append(ids, id)
				break
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Allowed reports whether the actor may call the route (template path and
// method): through the implicit "authenticated" role or any role they hold
// in any domain. Deny by default.
func (a *Authorizer) Allowed(actor Actor, path, method string) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if ok, _ := a.enforcer.Enforce(model.RoleAuthenticated, model.DomainAll, path, method); ok {
		return true
	}
	sub := Subject(actor.UserID)
	seen := map[string]bool{}
	for _, b := range actor.Roles {
		if seen[b.Domain] {
			continue
		}
		seen[b.Domain] = true
		if ok, _ := a.enforcer.Enforce(sub, b.Domain, path, method); ok {
			return true
		}
	}
	return false
}

// Permissions lists the routes the actor may call, for the UI's menus.
func (a *Authorizer) Permissions(actor Actor) []Permission {
	roles := map[string]bool{model.RoleAuthenticated: true}
	for _, b := range actor.Roles {
		roles[b.Role] = true
	}
	policies, _ := a.enforcer.GetPolicy()
	set := map[Permission]bool{}
	for _, p := range policies {
		if len(p) >= 4 && roles[p[0]] {
			set[Permission{Method: p[3], Path: p[2]}] = true
		}
	}
	out := make([]Permission, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// Policies returns every route permission (role, domain, path, method).
func (a *Authorizer) Policies() []Policy {
	rules, _ := a.enforcer.GetPolicy()
	out := make([]Policy, 0, len(rules))
	for _, p := range rules {
		if len(p) >= 4 {
			out = append(out, Policy{Role: p[0], Domain: p[1], Path: p[2], Method: p[3]})
		}
	}
	sortPolicies(out)
	return out
}
