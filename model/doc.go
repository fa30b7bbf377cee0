// Package model owns the persistent entities (a file per aggregate), the
// versioned migrations that create them on SQLite and MySQL alike, Open for
// both engines, the one error type of the service, and reusable query scopes
// (pagination, sorting).
//
// It may import GORM, the database drivers and config (for Open). It must
// not import gin, net/http, api or service.
package model
