// Package service holds the use cases of the incubator platform: business
// rules, object-level authorization against an Actor, and one transaction
// per use case with its audit record. Pure algorithms live in
// sub-packages without a database.
//
// It may import model, GORM and libraries; never gin, net/http or api.
// Every exported method documents who may call it and which error codes it
// returns (codes from model: invalid, unauthenticated, forbidden, not_found,
// conflict, failed_precondition, rate_limited, internal).
package service
