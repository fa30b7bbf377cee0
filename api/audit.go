package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"incubator/model"
	"incubator/service"
)

type auditRecord struct {
	ID        uint            `json:"id"`
	Seq       int64           `json:"seq"`
	ActorID   *uint           `json:"actor_id"`
	ActorName string          `json:"actor_name"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  string          `json:"entity_id"`
	Before    json.RawMessage `json:"before"`
	After     json.RawMessage `json:"after"`
	RequestID string          `json:"request_id"`
	IP        string          `json:"ip"`
	CreatedAt time.Time       `json:"created_at"`
	PrevHash  string          `json:"prev_hash"`
	Hash      string          `json:"hash"`
}

type auditListResponse struct {
	listResponse[auditRecord]
	Verification *service.Verification `json:"verification,omitempty"`
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}

func (s *Server) registerAuditRoutes(g *gin.RouterGroup) {
	s.handle(g, route{Method: "GET", Path: "/api/v1/audit-logs", Tag: "audit", Summary: "List audit records, newest first; verify=true also checks the hash chain",
		Response: auditListResponse{}, Query: withPaging([]queryParam{
			{"actor_id", "integer", "who"}, {"entity", "string", "entity kind, e.g. user"}, {"entity_id", "string", "entity id"},
			{"action", "string", "e.g. user.created"}, {"from", "string", "RFC 3339 time, inclusive"}, {"to", "string", "RFC 3339 time, exclusive"},
			{"verify", "boolean", "also verify the whole chain"},
		})}, s.listAudit)
}

func (s *Server) listAudit(c *gin.Context) {
	q := queryReader{c: c}
	f := service.AuditFilter{ActorID: q.optionalID("actor_id"), Entity: q.string("entity", 64), EntityID: q.string("entity_id", 64), Action: q.string("action", 64), Page: q.page()}
	f.From, f.To = q.time("from"), q.time("to")
	verify := q.bool("verify")
	if err := q.err(); err != nil {
		writeError(c, err)
		return
	}
	rows, total, err := s.svc.Audit.List(c.Request.Context(), f)
	if err != nil {
		writeError(c, err)
		return
	}
	items := make([]auditRecord, len(rows))
	for i, r := range rows {
		items[i] = auditRecord{ID: r.ID, Seq: r.Seq, ActorID: r.ActorID, ActorName: r.ActorName, Action: r.Action, Entity: r.Entity, EntityID: r.EntityID,
			Before: rawJSON(r.Before), After: rawJSON(r.After), RequestID: r.RequestID, IP: r.IP, CreatedAt: r.CreatedAt, PrevHash: r.PrevHash, Hash: r.Hash}
	}
	resp := auditListResponse{listResponse: newList(items, total, f.Page)}
	if verify {
		v, err := s.svc.Audit.Verify(c.Request.Context())
		if err != nil {
			writeError(c, err)
			return
		}
		resp.Verification = &v
	}
	c.JSON(http.StatusOK, resp)
}

func (q *queryReader) time(name string) *time.Time {
	v := q.c.Query(name)
	if v == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		q.fields = append(q.fields, model.Field(name, "type", "must be an RFC 3339 time, e.g. 2026-01-02T15:04:05Z"))
		return nil
	}
	return &t
}

func (q *queryReader) bool(name string) bool {
	switch q.c.Query(name) {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	q.fields = append(q.fields, model.Field(name, "type", "must be true or false"))
	return false
}
