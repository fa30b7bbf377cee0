package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"path"
	"reflect"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3gen"
	"github.com/gin-gonic/gin"

	"incubator/model"
)

func (s *Server) registerDocsRoutes(public *gin.RouterGroup) {
	s.handle(public, route{Method: "GET", Path: "/api/openapi.json", Public: true, Tag: "operations", Summary: "This OpenAPI 3 document"}, s.openAPI)
	s.handle(public, route{Method: "GET", Path: "/api/docs", Public: true, Tag: "operations", Summary: "Browsable API documentation"}, s.docsPage)
}

// OpenAPI builds the OpenAPI 3 document from the registered routes.
func (s *Server) OpenAPI() (*openapi3.T, error) {
	doc := &openapi3.T{
		OpenAPI: "3.0.3",
		Info:    &openapi3.Info{Title: "Incubator platform API", Version: s.opt.Version, Description: "Errors are application/problem+json (RFC 9457) with a stable `code` and field `errors`."},
		Paths:   openapi3.NewPaths(),
		Components: &openapi3.Components{
			Schemas: openapi3.Schemas{},
			SecuritySchemes: openapi3.SecuritySchemes{
				"bearer": &openapi3.SecuritySchemeRef{Value: openapi3.NewJWTSecurityScheme()},
			},
		},
	}
	problem, err := openapi3gen.NewSchemaRefForValue(Problem{}, doc.Components.Schemas, schemaOptions...)
	if err != nil {
		return nil, err
	}
	for _, r := range s.routes {
		op := openapi3.NewOperation()
		op.Tags = []string{r.Tag}
		op.Summary = r.Summary
		op.OperationID = strings.ToLower(r.Method) + strings.NewReplacer("/", "_", ":", "", "-", "_", ".", "_").Replace(r.Path)
		if !r.Public {
			op.Security = &openapi3.SecurityRequirements{{"bearer": []string{}}}
		}
		oasPath := r.Path
		for _, seg := range strings.Split(r.Path, "/") {
			if name, ok := strings.CutPrefix(seg, ":"); ok {
				oasPath = strings.Replace(oasPath, seg, "{"+name+"}", 1)
				op.AddParameter(openapi3.NewPathParameter(name).WithSchema(openapi3.NewIntegerSchema()))
			}
		}
		for _, q := range r.Query {
			sch := openapi3.NewStringSchema()
			switch q.Type {
			case "integer":
				sch = openapi3.NewIntegerSchema()
			case "boolean":
				sch = openapi3.NewBoolSchema()
			}
			op.AddParameter(openapi3.NewQueryParameter(q.Name).WithSchema(sch).WithDescription(q.Description))
		}
		if r.Request != nil {
			ref, err := openapi3gen.NewSchemaRefForValue(r.Request, doc.Components.Schemas, schemaOptions...)
			if err != nil {
				return nil, err
			}
			op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(true).WithJSONSchemaRef(ref)}
		}
		ok := openapi3.NewResponse().WithDescription(http.StatusText(r.Status))
		if r.Response != nil {
			ref, err := openapi3gen.NewSchemaRefForValue(r.Response, doc.Components.Schemas, schemaOptions...)
			if err != nil {
				return nil, err
			}
			ok = ok.WithJSONSchemaRef(ref)
		}
		op.Responses = openapi3.NewResponses()
		op.AddResponse(r.Status, ok)
		op.Responses.Set("default", &openapi3.ResponseRef{Value: openapi3.NewResponse().WithDescription("Problem (RFC 9457)").
			WithContent(openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(problem)})})
		item := doc.Paths.Value(oasPath)
		if item == nil {
			item = &openapi3.PathItem{}
			doc.Paths.Set(oasPath, item)
		}
		item.SetOperation(r.Method, op)
	}
	return doc, nil
}

var (
	dateType = reflect.TypeOf(model.Date{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

// schemaOptions describe types whose JSON differs from their Go shape:
// model.Date travels as "YYYY-MM-DD"; raw JSON is any value.
var schemaOptions = []openapi3gen.Option{openapi3gen.SchemaCustomizer(
	func(_ string, t reflect.Type, _ reflect.StructTag, schema *openapi3.Schema) error {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t {
		case dateType:
			nullable := schema.Nullable
			*schema = *openapi3.NewStringSchema()
			schema.Format, schema.Nullable = "date", nullable
		case rawType:
			*schema = openapi3.Schema{Description: "any JSON value", Nullable: true}
		}
		return nil
	})}

func (s *Server) openAPI(c *gin.Context) {
	doc, err := s.OpenAPI()
	if err != nil {
		writeError(c, model.Internal(err))
		return
	}
	c.JSON(http.StatusOK, doc)
}

const docsScript = `window.addEventListener('load',function(){window.ui=SwaggerUIBundle({url:'/api/openapi.json',dom_id:'#ui',deepLinking:true})});`

var docsHTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Incubator API</title>
<link rel="stylesheet" href="/apidocs/swagger-ui.css"></head><body>
<noscript>The OpenAPI document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<div id="ui"><p style="font-family:sans-serif">Loading… (the OpenAPI document is at <a href="/api/openapi.json">/api/openapi.json</a>)</p></div>
<script src="/apidocs/swagger-ui-bundle.js"></script><script>` + docsScript + `</script></body></html>`

var docsScriptHash = func() string {
	sum := sha256.Sum256([]byte(docsScript))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

func (s *Server) docsPage(c *gin.Context) {
	c.Header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' "+docsScriptHash+"; object-src 'none'; frame-ancestors 'none'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(docsHTML))
}

// noRoute answers unknown API paths with problem+json and everything else
// from the UI: a file if it exists, else index.html (SPA fallback).
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/api" || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		writeError(c, model.Errorf(model.CodeNotFound, "no route %s %s", c.Request.Method, p))
		return
	}
	if s.opt.UI == nil {
		c.Data(http.StatusNotFound, "text/plain; charset=utf-8", []byte("The UI is not built. Run `make run` (or `make ui`) to build it.\n"))
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name != "" {
		if f, err := s.opt.UI.Open(name); err == nil {
			st, serr := f.Stat()
			_ = f.Close()
			if serr == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					c.Header("Cache-Control", "public, max-age=31536000, immutable")
				}
				c.FileFromFS(name, http.FS(s.opt.UI))
				return
			}
		}
	}
	index, err := fs.ReadFile(s.opt.UI, "index.html")
	if errors.Is(err, fs.ErrNotExist) {
		c.Data(http.StatusNotFound, "text/plain; charset=utf-8", []byte("The UI is not built. Run `make run` (or `make ui`) to build it.\n"))
		return
	}
	if err != nil {
		writeError(c, model.Internal(err))
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", index)
}
