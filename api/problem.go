package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"incubator/model"
)

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[model.Code]int{
	model.CodeInvalid:            http.StatusBadRequest,
	model.CodeUnauthenticated:    http.StatusUnauthorized,
	model.CodeForbidden:          http.StatusForbidden,
	model.CodeNotFound:           http.StatusNotFound,
	model.CodeConflict:           http.StatusConflict,
	model.CodeFailedPrecondition: http.StatusUnprocessableEntity,
	model.CodeRateLimited:        http.StatusTooManyRequests,
	model.CodePayloadTooLarge:    http.StatusRequestEntityTooLarge,
	model.CodeMethodNotAllowed:   http.StatusMethodNotAllowed,
	model.CodeUnavailable:        http.StatusServiceUnavailable,
	model.CodeInternal:           http.StatusInternalServerError,
}

// Problem is an RFC 9457 problem-details body with a stable code.
type Problem struct {
	Type      string             `json:"type"`
	Title     string             `json:"title"`
	Status    int                `json:"status"`
	Detail    string             `json:"detail"`
	Code      model.Code         `json:"code"`
	Instance  string             `json:"instance,omitempty"`
	RequestID string             `json:"request_id,omitempty"`
	Errors    []model.FieldError `json:"errors"`
}

// problemFor builds the body for err; internal details never leave.
func problemFor(err error) (Problem, *model.Error) {
	e := model.AsError(err)
	status, ok := statusOf[e.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	detail := e.Message
	if status >= 500 && e.Code != model.CodeUnavailable {
		detail = "an unexpected error occurred; quote the request id when reporting it"
	}
	fields := e.Fields
	if fields == nil {
		fields = []model.FieldError{}
	}
	return Problem{
		Type:   "urn:incubator:problem:" + string(e.Code),
		Title:  http.StatusText(status),
		Status: status,
		Detail: detail,
		Code:   e.Code,
		Errors: fields,
	}, e
}

// writeError answers with problem+json for err and aborts the chain.
func writeError(c *gin.Context, err error) {
	p, e := problemFor(err)
	p.RequestID = requestIDOf(c)
	p.Instance = c.Request.URL.Path
	if p.Status >= 500 && e.Code != model.CodeUnavailable {
		loggerOf(c).ErrorContext(c.Request.Context(), "request failed", "request_id", p.RequestID, "route", c.FullPath(), "error", errors.Unwrap(e), "detail", e.Error())
	}
	if e.RetryAfter > 0 {
		c.Header("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	if e.Code == model.CodeUnauthenticated {
		c.Header("WWW-Authenticate", `Bearer realm="incubator"`)
	}
	writeProblem(c, p)
}

func writeProblem(c *gin.Context, p Problem) {
	c.Header("Content-Type", "application/problem+json")
	c.Header("Cache-Control", "no-store")
	c.AbortWithStatusJSON(p.Status, p)
}
