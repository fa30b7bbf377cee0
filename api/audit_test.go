package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"incubator/model"
	"incubator/service"
)

type auditList struct {
	list[auditRecord]
	Verification *service.Verification `json:"verification"`
}

// auditOf returns the one record matching the query, failing otherwise.
func (ts *testServer) auditOf(t *testing.T, token, query string) auditRecord {
	t.Helper()
	l := expectJSON[auditList](t, ts.do(t, "GET", "/api/v1/audit-logs?"+query, token, nil), http.StatusOK)
	if l.Total != 1 || len(l.Items) != 1 {
		t.Fatalf("audit records for %s: %d, want 1", query, l.Total)
	}
	return l.Items[0]
}

func (ts *testServer) verifyAudit(t *testing.T, token string) service.Verification {
	t.Helper()
	l := expectJSON[auditList](t, ts.do(t, "GET", "/api/v1/audit-logs?verify=true&page_size=1", token, nil), http.StatusOK)
	if l.Verification == nil {
		t.Fatal("verify=true answered without a verification")
	}
	return *l.Verification
}

func TestAudit(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin")
	tok := admin.AccessToken
	withID := func(method, path, requestID string, body any) *httpRecorder {
		return ts.send(t, request{Method: method, Path: path, Token: tok, Body: body, Header: map[string]string{"X-Request-ID": requestID}})
	}
	var created service.UserView

	t.Run("CreateUser", func(t *testing.T) {
		rec := withID("POST", "/api/v1/users", "req-audit-create-1", map[string]any{"username": "audited", "password": "Audit-2024x", "name": "被审计"})
		created = expectJSON[service.UserView](t, rec, http.StatusCreated)
		r := ts.auditOf(t, tok, fmt.Sprintf("entity=user&entity_id=%d&action=user.created", created.ID))
		if r.ActorID == nil || *r.ActorID != admin.User.ID || r.ActorName != "admin" {
			t.Errorf("actor = %v %q", r.ActorID, r.ActorName)
		}
		if r.RequestID != "req-audit-create-1" || r.IP == "" || r.Hash == "" || r.PrevHash == "" || r.Seq == 0 {
			t.Errorf("record = %+v", r)
		}
		if !r.CreatedAt.Equal(ts.clock.Now()) {
			t.Errorf("created_at = %v, want the service clock %v", r.CreatedAt, ts.clock.Now())
		}
		if string(r.Before) != "null" {
			t.Errorf("before = %s", r.Before)
		}
		var after service.UserView
		if err := json.Unmarshal(r.After, &after); err != nil || after.Username != "audited" || after.ID != created.ID {
			t.Errorf("after = %s (%v)", r.After, err)
		}
		if s := strings.ToLower(string(r.After)); strings.Contains(s, "audit-2024x") || strings.Contains(s, "argon2") || strings.Contains(s, "password") {
			t.Errorf("the audit record holds a secret: %s", r.After)
		}
	})

	t.Run("SetRoles", func(t *testing.T) {
		rec := withID("PUT", userPath(created.ID)+"/roles", "req-audit-roles-1", []roleBinding{{Role: model.RoleJudge, Domain: "*"}})
		expectJSON[[]service.RoleBinding](t, rec, http.StatusOK)
		r := ts.auditOf(t, tok, fmt.Sprintf("entity=user&entity_id=%d&action=user.roles_set", created.ID))
		var before, after []service.RoleBinding
		_ = json.Unmarshal(r.Before, &before)
		_ = json.Unmarshal(r.After, &after)
		if len(before) != 0 || len(after) != 1 || after[0].Role != model.RoleJudge || r.RequestID != "req-audit-roles-1" {
			t.Errorf("record = before %s after %s request %q", r.Before, r.After, r.RequestID)
		}
		if r.ActorID == nil || *r.ActorID != admin.User.ID {
			t.Errorf("actor = %v", r.ActorID)
		}
	})

	t.Run("UpdateCollege", func(t *testing.T) {
		old := expectJSON[model.College](t, ts.do(t, "GET", collegePath(4), tok, nil), http.StatusOK)
		rec := withID("PATCH", collegePath(4), "req-audit-college-1", map[string]any{"name": "改名学院", "version": old.Version})
		expectJSON[model.College](t, rec, http.StatusOK)
		r := ts.auditOf(t, tok, "entity=college&entity_id=4&action=college.updated")
		var before, after model.College
		_ = json.Unmarshal(r.Before, &before)
		_ = json.Unmarshal(r.After, &after)
		if before.Name != old.Name || after.Name != "改名学院" || after.Version != old.Version+1 || r.RequestID != "req-audit-college-1" {
			t.Errorf("record = before %s after %s request %q", r.Before, r.After, r.RequestID)
		}
	})

	t.Run("RefusedChangeIsNotAudited", func(t *testing.T) {
		n := ts.total(t, tok, "/api/v1/audit-logs")
		old := expectJSON[model.College](t, ts.do(t, "GET", collegePath(4), tok, nil), http.StatusOK)
		expectProblem(t, ts.do(t, "PATCH", collegePath(4), tok, map[string]any{"name": "stale", "version": old.Version - 1}), http.StatusConflict, "conflict")
		if m := ts.total(t, tok, "/api/v1/audit-logs"); m != n {
			t.Fatalf("audit records %d → %d after a refused change", n, m)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		byAdmin := expectJSON[auditList](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/audit-logs?actor_id=%d&page_size=100", admin.User.ID), tok, nil), http.StatusOK)
		if byAdmin.Total < 4 {
			t.Fatalf("records by admin = %d", byAdmin.Total)
		}
		for i, r := range byAdmin.Items {
			if r.ActorID == nil || *r.ActorID != admin.User.ID {
				t.Errorf("actor filter let %+v through", r)
			}
			if i > 0 && r.ID >= byAdmin.Items[i-1].ID {
				t.Errorf("not newest first: %d after %d", r.ID, byAdmin.Items[i-1].ID)
			}
		}
		now := ts.clock.Now()
		past := expectJSON[auditList](t, ts.do(t, "GET", "/api/v1/audit-logs?to="+now.Add(-1).Format("2006-01-02T15:04:05Z"), tok, nil), http.StatusOK)
		if past.Total != 0 {
			t.Errorf("records before the clock's start: %d", past.Total)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		officer := ts.login(t, "officer").AccessToken
		expectProblem(t, ts.do(t, "GET", "/api/v1/audit-logs", officer, nil), http.StatusForbidden, "forbidden")
	})

	t.Run("VerifyOK", func(t *testing.T) {
		v := ts.verifyAudit(t, tok)
		if !v.OK || v.BrokenAtID != nil || v.Checked != ts.total(t, tok, "/api/v1/audit-logs") {
			t.Fatalf("verification = %+v", v)
		}
	})

	t.Run("VerifyDetectsEditedRecord", func(t *testing.T) {
		r := ts.auditOf(t, tok, fmt.Sprintf("entity=user&entity_id=%d&action=user.created", created.ID))
		if err := ts.svc.DB.Exec("UPDATE audit_logs SET action = ? WHERE id = ?", "user.viewed", r.ID).Error; err != nil {
			t.Fatal(err)
		}
		v := ts.verifyAudit(t, tok)
		if v.OK || v.BrokenAtID == nil || *v.BrokenAtID != r.ID {
			t.Fatalf("after editing record %d: %+v", r.ID, v)
		}
		// Put it back: the chain verifies again, so the check is exact.
		if err := ts.svc.DB.Exec("UPDATE audit_logs SET action = ? WHERE id = ?", "user.created", r.ID).Error; err != nil {
			t.Fatal(err)
		}
		if v := ts.verifyAudit(t, tok); !v.OK {
			t.Fatalf("after restoring record %d: %+v", r.ID, v)
		}
		// Editing and re-hashing one record breaks the link of the next.
		if err := ts.svc.DB.Exec("UPDATE audit_logs SET hash = ? WHERE id = ?", strings.Repeat("f", 64), r.ID).Error; err != nil {
			t.Fatal(err)
		}
		if v := ts.verifyAudit(t, tok); v.OK || v.BrokenAtID == nil || *v.BrokenAtID != r.ID {
			t.Fatalf("after replacing the hash of %d: %+v", r.ID, v)
		}
		if err := ts.svc.DB.Exec("UPDATE audit_logs SET hash = ? WHERE id = ?", r.Hash, r.ID).Error; err != nil {
			t.Fatal(err)
		}
		if v := ts.verifyAudit(t, tok); !v.OK {
			t.Fatalf("after restoring the hash of %d: %+v", r.ID, v)
		}
	})

	t.Run("VerifyDetectsDeletedLastRecord", func(t *testing.T) {
		last := expectJSON[auditList](t, ts.do(t, "GET", "/api/v1/audit-logs?page_size=1", tok, nil), http.StatusOK).Items[0]
		if err := ts.svc.DB.Exec("DELETE FROM audit_logs WHERE id = ?", last.ID).Error; err != nil {
			t.Fatal(err)
		}
		v := ts.verifyAudit(t, tok)
		if v.OK || v.Reason == "" {
			t.Fatalf("after deleting the last record %d: %+v", last.ID, v)
		}
	})

	t.Run("VerifyDetectsDeletedMiddleRecord", func(t *testing.T) {
		rows := expectJSON[auditList](t, ts.do(t, "GET", "/api/v1/audit-logs?sort=id&page_size=3", tok, nil), http.StatusOK).Items
		if len(rows) != 3 {
			t.Fatalf("records = %d", len(rows))
		}
		if err := ts.svc.DB.Exec("DELETE FROM audit_logs WHERE id = ?", rows[1].ID).Error; err != nil {
			t.Fatal(err)
		}
		v := ts.verifyAudit(t, tok)
		if v.OK || v.BrokenAtID == nil || *v.BrokenAtID != rows[2].ID {
			t.Fatalf("after deleting record %d: %+v", rows[1].ID, v)
		}
	})
}
