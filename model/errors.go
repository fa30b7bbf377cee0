package model

import (
	"errors"
	"fmt"
)

// Code classifies an error. Clients switch on it; api maps it to HTTP.
type Code string

// Error codes, stable across releases.
const (
	CodeInvalid            Code = "invalid"
	CodeUnauthenticated    Code = "unauthenticated"
	CodeForbidden          Code = "forbidden"
	CodeNotFound           Code = "not_found"
	CodeConflict           Code = "conflict"
	CodeFailedPrecondition Code = "failed_precondition"
	CodeRateLimited        Code = "rate_limited"
	CodePayloadTooLarge    Code = "payload_too_large"
	CodeMethodNotAllowed   Code = "method_not_allowed"
	CodeUnavailable        Code = "unavailable"
	CodeInternal           Code = "internal"
)

// FieldError is one problem with one input field.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
	// Param is the rule's parameter (64 for "max"), so clients can word
	// the message in the user's language.
	Param string `json:"param,omitempty"`
}

// Error is the one error type of the service. Message is safe to show to
// clients; Err (the cause) is only logged.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	// RetryAfter, when positive, is the number of seconds a client should
	// wait (rate_limited, unavailable).
	RetryAfter int
	Err        error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a client-safe message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a CodeInvalid error carrying field errors.
func Invalid(message string, fields ...FieldError) *Error {
	return &Error{Code: CodeInvalid, Message: message, Fields: fields}
}

// Field builds a FieldError.
func Field(field, code, message string) FieldError {
	return FieldError{Field: field, Code: code, Message: message}
}

// Internal wraps an unexpected error; its details are never shown.
func Internal(err error) *Error {
	return &Error{Code: CodeInternal, Message: "internal error", Err: err}
}

// NotFound returns a CodeNotFound error for an entity kind.
func NotFound(entity string) *Error {
	return Errorf(CodeNotFound, "%s not found", entity)
}

// ErrorCode returns the code of err: its *Error's code, CodeInternal for
// any other non-nil error, "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// AsError returns err as an *Error, wrapping unknown errors as internal.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}
