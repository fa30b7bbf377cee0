package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type entryDisqualifyRequest struct {
	Reason string `json:"reason" validate:"required,max=2000"`
}

type entryExtensionRequest struct {
	Until  string `json:"until" validate:"required,max=40"`
	Reason string `json:"reason" validate:"required,max=2000"`
}

// registerEntryActionRoutes registers the entry workflow moves and the
// organisers' export.
func (s *Server) registerEntryActionRoutes(g *gin.RouterGroup, tag string) {
	s.handle(g, route{Method: "POST", Path: "/api/v1/entries/:id/submit", Tag: tag,
		Summary:  "Submit a draft entry; the rules (team size, advisors, students, business plan) are checked with field errors; submitting a submitted entry again returns it unchanged (idempotent)",
		Response: service.EntryView{}}, s.entryMove(s.svc.Entries.Submit))
	s.handle(g, route{Method: "POST", Path: "/api/v1/entries/:id/withdraw", Tag: tag,
		Summary:  "Withdraw a draft, submitted or qualified entry until the competition is finished (the team, or an organiser); idempotent",
		Response: service.EntryView{}}, s.entryMove(s.svc.Entries.Withdraw))
	s.handle(g, route{Method: "POST", Path: "/api/v1/entries/:id/qualify", Tag: tag, Summary: "Qualify a submitted entry (organisers)",
		Response: service.EntryView{}}, s.entryMove(s.svc.Entries.Qualify))
	s.handle(g, route{Method: "POST", Path: "/api/v1/entries/:id/disqualify", Tag: tag, Summary: "Disqualify a submitted or qualified entry with a reason (organisers)",
		Request: entryDisqualifyRequest{}, Response: service.EntryView{}}, s.disqualifyEntry)
	s.handle(g, route{Method: "POST", Path: "/api/v1/entries/:id/extension", Tag: tag,
		Summary: "Extend one entry's deadline to until (RFC 3339, in the future), reopening it even after registration closed (admin; audited with the reason)",
		Request: entryExtensionRequest{}, Response: service.EntryView{}}, s.extendEntry)
	s.handle(g, route{Method: "GET", Path: "/api/v1/competitions/:id/entries.xlsx", Tag: tag,
		Summary: "Excel workbook of the competition's entries with members, advisors and materials, and counts per track and college (organisers)"}, s.exportEntries)
}

// entryMove answers a bodyless entry action.
func (s *Server) entryMove(do func(ctx context.Context, actor service.Actor, id uint) (service.EntryView, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id")
		if err == nil {
			var e service.EntryView
			if e, err = do(c.Request.Context(), actor(c), id); err == nil {
				c.JSON(http.StatusOK, e)
				return
			}
		}
		writeError(c, err)
	}
}

func (s *Server) disqualifyEntry(c *gin.Context) {
	id, err := pathID(c, "id")
	var req entryDisqualifyRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	e, err := s.svc.Entries.Disqualify(c.Request.Context(), actor(c), id, req.Reason)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, e)
}

func (s *Server) extendEntry(c *gin.Context) {
	id, err := pathID(c, "id")
	var req entryExtensionRequest
	if err == nil {
		err = s.bindJSON(c, &req)
	}
	var until time.Time
	if err == nil {
		if until, err = time.Parse(time.RFC3339, req.Until); err != nil {
			err = model.Invalid("invalid request", model.Field("until", "datetime", "must be an RFC 3339 time such as 2026-03-31T23:59:59+08:00"))
		}
	}
	if err != nil {
		writeError(c, err)
		return
	}
	e, err := s.svc.Entries.Extend(c.Request.Context(), actor(c), id, service.EntryExtension{Until: until, Reason: req.Reason})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, e)
}

// exportEntries streams the workbook; an error after the first byte can
// only be logged.
func (s *Server) exportEntries(c *gin.Context) {
	id, err := pathID(c, "id")
	var x *service.EntryExport
	if err == nil {
		x, err = s.svc.Entries.Export(c.Request.Context(), actor(c), id)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	defer x.Close()
	c.Header("Content-Type", x.ContentType())
	c.Header("Content-Disposition", exportDisposition(x.Filename, "entries.xlsx"))
	c.Status(http.StatusOK)
	if _, err := x.WriteTo(c.Writer); err != nil {
		loggerOf(c).WarnContext(c.Request.Context(), "entry export interrupted", "request_id", requestIDOf(c), "error", err)
	}
}

// exportDisposition is an attachment Content-Disposition for name: an
// ASCII fallback (non-ASCII, quotes, backslashes and controls replaced)
// and the UTF-8 name percent-encoded per RFC 5987 / 6266.
func exportDisposition(name, fallback string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f || r == '"' || r == '\\' || r == '/' || r == ';' {
			return '_'
		}
		return r
	}, name)
	if strings.Trim(ascii, "_.- ") == "" {
		ascii = fallback
	}
	var b strings.Builder
	for _, c := range []byte(name) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		const hex = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + b.String()
}
