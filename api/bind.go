package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"incubator/model"
)

var (
	usernamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,64}$`)
	phonePattern    = regexp.MustCompile(`^\+?[0-9][0-9 -]{4,19}$`)
)

// newValidator returns the request validator: field names are JSON names,
// plus the "username" and "phone" rules.
func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	_ = v.RegisterValidation("username", func(fl validator.FieldLevel) bool { return usernamePattern.MatchString(fl.Field().String()) })
	_ = v.RegisterValidation("phone", func(fl validator.FieldLevel) bool { return phonePattern.MatchString(fl.Field().String()) })
	return v
}

// bindJSON decodes the body strictly (unknown fields, trailing data and
// wrong types are errors) and validates it. It returns *model.Error with
// field errors; 413 when the body exceeds the limit.
func (s *Server) bindJSON(c *gin.Context, dst any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return decodeError(err)
		}
		return model.Invalid("malformed JSON: unexpected data after the object")
	}
	return s.validateStruct(dst)
}

func decodeError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &mbe):
		return &model.Error{Code: model.CodePayloadTooLarge, Message: fmt.Sprintf("request body is larger than %d bytes", mbe.Limit)}
	case errors.Is(err, io.EOF):
		return model.Invalid("request body is empty; a JSON object is expected")
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return model.Invalid("malformed JSON")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return model.Invalid("invalid request", model.Field(field, "type", "must be "+jsonKind(typ.Type)))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return model.Invalid("invalid request", model.Field(name, "unknown_field", "unknown field"))
	}
	return model.Invalid("malformed JSON")
}

func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// validateStruct runs the validator and maps its errors to field errors.
func (s *Server) validateStruct(v any) error {
	var err error
	if rv := reflect.Indirect(reflect.ValueOf(v)); rv.Kind() == reflect.Slice {
		err = s.validate.Var(rv.Interface(), "max=200,dive")
	} else {
		err = s.validate.Struct(v)
	}
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return model.Internal(err)
	}
	fields := make([]model.FieldError, 0, len(verrs))
	for _, fe := range verrs {
		fields = append(fields, model.FieldError{Field: fieldPath(fe.Namespace()), Code: fe.Tag(), Message: fieldMessage(fe), Param: fe.Param()})
	}
	return model.Invalid("invalid request", fields...)
}

// fieldPath drops the struct name: "userCreate.roles[0].role" → "roles[0].role";
// a top-level slice ("[0].role") stays as it is.
func fieldPath(ns string) string {
	if i := strings.IndexAny(ns, ".["); i >= 0 && !strings.HasPrefix(ns, "[") {
		if ns[i] == '.' {
			return ns[i+1:]
		}
		return ns[i:]
	}
	return ns
}

func fieldMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "max":
		if fe.Kind() == reflect.String {
			return "must be at most " + fe.Param() + " characters"
		}
		if fe.Kind() == reflect.Slice {
			return "must have at most " + fe.Param() + " items"
		}
		return "must be at most " + fe.Param()
	case "min":
		if fe.Kind() == reflect.String {
			return "must be at least " + fe.Param() + " characters"
		}
		if fe.Kind() == reflect.Slice {
			return "must have at least " + fe.Param() + " items"
		}
		return "must be at least " + fe.Param()
	case "gte":
		return "must be ≥ " + fe.Param()
	case "lte":
		return "must be ≤ " + fe.Param()
	case "oneof":
		return "must be one of: " + fe.Param()
	case "email":
		return "must be an e-mail address"
	case "username":
		return "3–64 letters, digits, '_', '.' or '-'"
	case "phone":
		return "must be a phone number"
	}
	return "is invalid (" + fe.Tag() + ")"
}

// pathID reads a positive integer path parameter. A malformed id is
// not_found: no object has it.
func pathID(c *gin.Context, name string) (uint, error) {
	id, err := strconv.ParseUint(c.Param(name), 10, 32)
	if err != nil || id == 0 {
		return 0, model.NotFound("resource")
	}
	return uint(id), nil
}

// queryReader collects query-parameter errors so a request reports all.
type queryReader struct {
	c      *gin.Context
	fields []model.FieldError
}

func (q *queryReader) int(name string, def int) int {
	v := q.c.Query(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		q.fields = append(q.fields, model.Field(name, "type", "must be an integer"))
		return def
	}
	return n
}

func (q *queryReader) optionalID(name string) *uint {
	v := q.c.Query(name)
	if v == "" {
		return nil
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil || n == 0 {
		q.fields = append(q.fields, model.Field(name, "type", "must be a positive integer"))
		return nil
	}
	id := uint(n)
	return &id
}

func (q *queryReader) string(name string, maxLen int) string {
	v := q.c.Query(name)
	if len(v) > maxLen {
		q.fields = append(q.fields, model.Field(name, "max", fmt.Sprintf("must be at most %d characters", maxLen)))
		return ""
	}
	return v
}

func (q *queryReader) page() model.Page {
	p := model.Page{Page: q.int("page", 1), PageSize: q.int("page_size", model.DefaultPageSize), Sort: q.string("sort", 64)}
	if p.Page < 1 {
		q.fields = append(q.fields, model.Field("page", "min", "must be at least 1"))
	}
	if p.PageSize < 1 {
		q.fields = append(q.fields, model.Field("page_size", "min", "must be at least 1"))
	}
	return p.Normalize()
}

func (q *queryReader) err() error {
	if len(q.fields) == 0 {
		return nil
	}
	return model.Invalid("invalid query parameters", q.fields...)
}

// listResponse is the envelope of every list.
type listResponse[T any] struct {
	Items    []T   `json:"items"`
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
}

func newList[T any](items []T, total int64, p model.Page) listResponse[T] {
	if items == nil {
		items = []T{}
	}
	return listResponse[T]{Items: items, Total: total, Page: p.Page, PageSize: p.PageSize}
}
