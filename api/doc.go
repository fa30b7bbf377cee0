// Package api is the HTTP face of the service: the Gin router, middleware
// (request id, access log, recovery, metrics, security headers, CORS, body
// limits, authentication, route permissions), handlers, request and
// response types, the one code → HTTP table, the OpenAPI document and the
// embedded UI.
//
// It may import service and model (for the error type and views), gin and
// HTTP libraries; never GORM: handlers do not touch the database.
package api
