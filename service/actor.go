package service

import (
	"time"

	"incubator/model"
)

// Clock returns the current time; injected so tests control it.
type Clock func() time.Time

// RoleBinding is a role held in a domain ("*" or "base:<id>").
type RoleBinding struct {
	Role   string `json:"role"`
	Domain string `json:"domain"`
}

// Actor is who performs a use case: the signed-in user with every role
// they hold, and the request it came from (for the audit log).
type Actor struct {
	UserID    uint
	Username  string
	CollegeID *uint
	Roles     []RoleBinding
	RequestID string
	IP        string
	// system marks command-line and start-up work (see SystemActor); an
	// Actor built from a request never has it.
	system bool
}

// SystemActor is the actor of command-line and start-up work.
func SystemActor(what string) Actor {
	return Actor{Username: "system:" + what, system: true}
}

// HasIn reports whether the actor holds role in domain exactly.
func (a Actor) HasIn(role, domain string) bool {
	for _, r := range a.Roles {
		if r.Role == role && r.Domain == domain {
			return true
		}
	}
	return false
}

// Has reports whether the actor holds role in any domain.
func (a Actor) Has(role string) bool {
	for _, r := range a.Roles {
		if r.Role == role {
			return true
		}
	}
	return false
}

// IsAdmin reports a platform administrator (admin in domain "*").
func (a Actor) IsAdmin() bool { return a.HasIn(model.RoleAdmin, model.DomainAll) }

// actorID is the actor's user id for foreign-key columns, nil for system.
func (a Actor) actorID() *uint {
	if a.UserID == 0 {
		return nil
	}
	id := a.UserID
	return &id
}
