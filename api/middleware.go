package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"incubator/model"
)

const (
	requestIDKey = "request_id"
	actorKey     = "actor"
	loggerKey    = "logger"
)

// withLogger makes the server's logger available to writeError.
func withLogger(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set(loggerKey, log)
		c.Next()
	}
}

func loggerOf(c *gin.Context) *slog.Logger {
	if l, ok := c.Value(loggerKey).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// requestID takes a well-formed X-Request-ID from the client or makes one,
// and echoes it on the response.
func requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if !requestIDPattern.MatchString(id) {
		id = uuid.NewString()
	}
	c.Set(requestIDKey, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

func requestIDOf(c *gin.Context) string { return c.GetString(requestIDKey) }

// recovery turns a panic into a logged 500 without details.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			rec := recover()
			if rec == nil {
				return
			}
			if rec == http.ErrAbortHandler {
				panic(rec)
			}
			log.Error("panic", "request_id", requestIDOf(c), "route", c.FullPath(), "panic", fmt.Sprint(rec), "stack", string(debug.Stack()))
			if !c.Writer.Written() {
				writeError(c, model.Internal(fmt.Errorf("panic: %v", rec)))
			} else {
				c.Abort()
			}
		}()
		c.Next()
	}
}

// accessLog writes one structured line per request.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		attrs := []any{
			"request_id", requestIDOf(c), "method", c.Request.Method, "route", c.FullPath(),
			"path", c.Request.URL.Path, "status", c.Writer.Status(), "bytes", c.Writer.Size(),
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000, "ip", c.ClientIP(),
		}
		if a, ok := actorOf(c); ok {
			attrs = append(attrs, "user_id", a.UserID)
		}
		level := slog.LevelInfo
		if c.Writer.Status() >= 500 {
			level = slog.LevelError
		}
		log.Log(c.Request.Context(), level, "request", attrs...)
	}
}

// securityHeaders sets conservative browser protections on every answer.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
	c.Next()
}

// cors allows the configured origins (none by default: same-origin only).
func cors(origins []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if origin == "" || !slices.Contains(origins, origin) {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-ID, Idempotency-Key, Accept-Language")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

// bodyLimit refuses bodies over max before reading them and caps reads.
// Streamed uploads are the exception: their handlers apply their own,
// larger limit the same way (see uploadAttachment).
func bodyLimit(max int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Method == http.MethodPost && c.FullPath() == attachmentsPath {
			c.Next()
			return
		}
		if c.Request.ContentLength > max {
			writeError(c, bodyTooLarge(max))
			return
		}
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		}
		c.Next()
	}
}

// bodyTooLarge is the error of a request body over max bytes.
func bodyTooLarge(max int64) error {
	return &model.Error{Code: model.CodePayloadTooLarge, Message: "request body is larger than " + strconv.FormatInt(max, 10) + " bytes"}
}

// noStore keeps API answers out of caches.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// transferRoutes move large bodies (materials up to hundreds of MB, the
// entries workbook): they get TransferTimeout instead of RequestTimeout.
var transferRoutes = map[string]bool{
	"POST /api/v1/entries/:id/attachments":      true,
	"GET /api/v1/attachments/:id/download":      true,
	"GET /api/v1/competitions/:id/entries.xlsx": true,
}

func isTransfer(c *gin.Context) bool { return transferRoutes[c.Request.Method+" "+c.FullPath()] }

// withTimeout bounds the request context (DB calls and streaming follow it).
func (s *Server) withTimeout(c *gin.Context) {
	d := s.opt.RequestTimeout
	if isTransfer(c) {
		d = s.opt.TransferTimeout
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), d)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// extendTransferDeadlines pushes the connection's read and write deadlines
// (http.Server ReadTimeout/WriteTimeout) out to TransferTimeout for an
// authorized transfer, so a slow client can finish a large upload or
// download. It runs after authorization: strangers never get the time.
func (s *Server) extendTransferDeadlines(c *gin.Context) {
	if isTransfer(c) {
		rc := http.NewResponseController(c.Writer)
		deadline := time.Now().Add(s.opt.TransferTimeout)
		_ = rc.SetReadDeadline(deadline)
		_ = rc.SetWriteDeadline(deadline)
	}
	c.Next()
}
