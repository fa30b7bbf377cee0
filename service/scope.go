package service

import (
	"strconv"
	"strings"

	"incubator/model"
)

// BaseDomain is the Casbin domain of a base ("base:<id>").
func BaseDomain(baseID uint) string {
	return model.DomainBasePrefix + strconv.FormatUint(uint64(baseID), 10)
}

// ManagesBase reports whether the actor may manage the base: an admin, or a
// base manager holding the role in that base's domain.
func (a Actor) ManagesBase(baseID uint) bool {
	return a.IsAdmin() || a.HasIn(model.RoleBaseManager, BaseDomain(baseID))
}

// ManagedBases returns the ids of the bases the actor manages as a base
// manager (admins manage all bases; callers check IsAdmin first).
func (a Actor) ManagedBases() []uint {
	var ids []uint
	for _, r := range a.Roles {
		if r.Role != model.RoleBaseManager {
			continue
		}
		rest, ok := strings.CutPrefix(r.Domain, model.DomainBasePrefix)
		if !ok {
			continue
		}
		if id, err := strconv.ParseUint(rest, 10, 32); err == nil {
			ids = append(ids, uint(id))
		}
	}
	return ids
}
