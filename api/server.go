package api

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
	"github.com/prometheus/client_golang/prometheus"

	"incubator/model"
	"incubator/service"
)

// Options configure the HTTP layer.
type Options struct {
	Log            *slog.Logger
	MaxBodyBytes   int64
	TrustedProxies []string
	CORSOrigins    []string
	RequestTimeout time.Duration
	// TransferTimeout bounds uploads, downloads and exports instead.
	TransferTimeout time.Duration
	// Ready reports whether the service can take traffic (DB answers,
	// migrations done); /readyz answers 503 while it returns an error.
	Ready func(ctx context.Context) error
	// UI is the built frontend (index.html and assets); may be nil.
	UI fs.FS
	// Collectors are extra Prometheus collectors (e.g. DB pool stats).
	Collectors []prometheus.Collector
	Version    string
}

// Server is the HTTP API.
type Server struct {
	svc      *service.Services
	opt      Options
	engine   *gin.Engine
	validate *validator.Validate
	metrics  *metrics
	routes   []route
}

// route is a registered endpoint with what the OpenAPI document says of it.
type route struct {
	Method   string
	Path     string
	Public   bool
	Tag      string
	Summary  string
	Request  any // body type, nil for none
	Response any // success body type, nil for none
	Status   int // success status
	Query    []queryParam
}

type queryParam struct {
	Name, Type, Description string
}

// New builds the router over the services.
func New(svc *service.Services, opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = 1 << 20
	}
	if opt.TransferTimeout == 0 {
		opt.TransferTimeout = 30 * time.Minute
	}
	if opt.RequestTimeout == 0 {
		opt.RequestTimeout = 30 * time.Second
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(opt.TrustedProxies); err != nil {
		return nil, err
	}
	s := &Server{svc: svc, opt: opt, engine: e, validate: newValidator(), metrics: newMetrics(opt.Collectors...)}
	// recovery sits inside requestID, metrics and accessLog so that a
	// panicking request is logged and counted as the 500 it answers.
	e.Use(withLogger(opt.Log), requestID, s.metrics.middleware, accessLog(opt.Log), recovery(opt.Log), securityHeaders, cors(opt.CORSOrigins), bodyLimit(opt.MaxBodyBytes))
	e.NoRoute(s.noRoute)
	e.NoMethod(func(c *gin.Context) {
		writeError(c, model.Errorf(model.CodeMethodNotAllowed, "method %s is not allowed here", c.Request.Method))
	})

	public := e.Group("", noStore, s.withTimeout)
	protected := e.Group("", noStore, s.withTimeout, s.authenticate, s.authorize, s.extendTransferDeadlines)
	s.registerOperationsRoutes(public, protected)
	s.registerAuthRoutes(public, protected)
	s.registerUserRoutes(protected)
	s.registerCollegeRoutes(protected)
	s.registerAuditRoutes(protected)
	s.registerRBACRoutes(protected)
	s.registerSpaceRoutes(protected)
	s.registerProjectRoutes(protected)
	s.registerResidencyRoutes(protected)
	s.registerCompetitionRoutes(public, protected)
	s.registerEntryRoutes(protected)
	s.registerAttachmentRoutes(protected)
	s.registerDocsRoutes(public)
	return s, nil
}

// Handler is the http.Handler of the API.
func (s *Server) Handler() http.Handler { return s.engine }

// handle registers h under r on g and records r for the OpenAPI document.
func (s *Server) handle(g *gin.RouterGroup, r route, h gin.HandlerFunc) {
	if r.Status == 0 {
		r.Status = http.StatusOK
	}
	s.routes = append(s.routes, r)
	g.Handle(r.Method, r.Path, h)
}

// PublicRoutes lists the routes answered without a token ("METHOD path").
func (s *Server) PublicRoutes() map[string]bool {
	out := map[string]bool{}
	for _, r := range s.routes {
		if r.Public {
			out[r.Method+" "+r.Path] = true
		}
	}
	return out
}

// protectedRoutes lists routes behind authentication ("METHOD path"),
// the only ones a route permission can name.
func (s *Server) protectedRoutes() map[string]bool {
	out := map[string]bool{}
	for _, r := range s.routes {
		if !r.Public {
			out[r.Method+" "+r.Path] = true
		}
	}
	return out
}

// Routes returns the router's registered routes (method, template).
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

func (s *Server) registerOperationsRoutes(public, protected *gin.RouterGroup) {
	s.handle(public, route{Method: "GET", Path: "/healthz", Public: true, Tag: "operations", Summary: "Process is up", Response: healthResponse{}}, func(c *gin.Context) {
		c.JSON(http.StatusOK, healthResponse{Status: "ok", Version: s.opt.Version})
	})
	s.handle(public, route{Method: "GET", Path: "/readyz", Public: true, Tag: "operations", Summary: "Database answers and migrations are done (503 otherwise)", Response: healthResponse{}}, s.readyz)
	s.handle(protected, route{Method: "GET", Path: "/metrics", Tag: "operations", Summary: "Prometheus metrics (text format)"}, s.metrics.handler())
}

type healthResponse struct {
	Status  string `json:"status"`
	Version string `json:"version,omitempty"`
}

func (s *Server) readyz(c *gin.Context) {
	if s.opt.Ready != nil {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
		defer cancel()
		if err := s.opt.Ready(ctx); err != nil {
			s.opt.Log.Warn("not ready", "error", err)
			writeError(c, &model.Error{Code: model.CodeUnavailable, Message: "not ready: the database is unreachable or migrations are pending", RetryAfter: 1})
			return
		}
	}
	c.JSON(http.StatusOK, healthResponse{Status: "ready", Version: s.opt.Version})
}
