package api

import (
	"fmt"
	"net/http"
	"testing"

	"incubator/model"
	"incubator/service"
)

func TestProjectMembersAPI(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	leader := ts.login(t, "student22").AccessToken // leads 英德红茶新零售 with student23, student24
	member := ts.login(t, "student23").AccessToken
	id := ts.projID(t, admin, "英德红茶新零售")
	leaders := func(t *testing.T) []string {
		t.Helper()
		l := expectJSON[list[service.MemberView]](t, ts.do(t, "GET", projPath(id, "members"), member, nil), http.StatusOK)
		var out []string
		for _, m := range l.Items {
			if m.Role == model.MemberLeader {
				out = append(out, m.Username)
			}
		}
		return out
	}

	t.Run("OKAdd", func(t *testing.T) {
		m := expectJSON[service.MemberView](t, ts.do(t, "POST", projPath(id, "members"), leader, map[string]any{"username": "student30"}), http.StatusCreated)
		if m.Role != model.MemberMember || m.Username != "student30" {
			t.Fatalf("added %+v", m)
		}
		if total := ts.total(t, member, projPath(id, "members")); total != 4 {
			t.Fatalf("members = %d, want 4", total)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		expectProblem(t, ts.do(t, "POST", projPath(id, "members"), member, map[string]any{"username": "student31"}), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "DELETE", projPath(id, "members", fmt.Sprint(ts.userID(t, admin, "student24"))), member, nil), http.StatusForbidden, "forbidden")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, body := range []map[string]any{{"username": "judge01"}, {"username": "student31", "role": "owner"}, {}, {"user_id": 0}, {"username": "student31", "extra": 1}} {
			expectProblem(t, ts.do(t, "POST", projPath(id, "members"), leader, body), http.StatusBadRequest, "invalid")
		}
		if total := ts.total(t, member, projPath(id, "members")); total != 4 {
			t.Fatalf("refused additions changed the team: %d members", total)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		expectProblem(t, ts.do(t, "POST", projPath(id, "members"), leader, map[string]any{"username": "student23"}), http.StatusConflict, "conflict")
	})
	t.Run("ErrFailedPreconditionLeaderStays", func(t *testing.T) {
		lead := ts.userID(t, admin, "student22")
		expectProblem(t, ts.do(t, "DELETE", projPath(id, "members", fmt.Sprint(lead)), admin, nil), http.StatusUnprocessableEntity, "failed_precondition")
		expectProblem(t, ts.do(t, "DELETE", projPath(id, "members", fmt.Sprint(lead)), leader, nil), http.StatusUnprocessableEntity, "failed_precondition")
		if got := leaders(t); len(got) != 1 || got[0] != "student22" {
			t.Fatalf("leaders = %v", got)
		}
	})
	t.Run("OKTransferAndRemove", func(t *testing.T) {
		expectJSON[service.MemberView](t, ts.do(t, "POST", projPath(id, "members"), leader, map[string]any{"user_id": ts.userID(t, admin, "student23"), "role": "leader"}), http.StatusCreated)
		if got := leaders(t); len(got) != 1 || got[0] != "student23" {
			t.Fatalf("leaders after transfer = %v", got)
		}
		// the old leader leaves on their own; the new leader removes student30
		rec := ts.do(t, "DELETE", projPath(id, "members", fmt.Sprint(ts.userID(t, admin, "student22"))), leader, nil)
		if rec.Code != http.StatusNoContent {
			t.Fatalf("leave: %d %s", rec.Code, rec.Body)
		}
		rec = ts.do(t, "DELETE", projPath(id, "members", fmt.Sprint(ts.userID(t, admin, "student30"))), member, nil)
		if rec.Code != http.StatusNoContent {
			t.Fatalf("remove: %d %s", rec.Code, rec.Body)
		}
		expectProblem(t, ts.do(t, "GET", projPath(id), leader, nil), http.StatusNotFound, "not_found")
		if total := ts.total(t, member, projPath(id, "members")); total != 2 {
			t.Fatalf("members = %d, want 2", total)
		}
	})
}

func TestProjectAdvisorsAndRecordsAPI(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	member := ts.login(t, "student48").AccessToken // member of the first HNGS team (数智人直播营销)
	id := ts.projID(t, admin, "数智人直播营销")

	t.Run("OKAdvisors", func(t *testing.T) {
		judge := ts.userID(t, admin, "judge06")
		a := expectJSON[service.AdvisorView](t, ts.do(t, "POST", projPath(id, "advisors"), member, map[string]any{"user_id": judge}), http.StatusCreated)
		if a.UserID == nil || *a.UserID != judge || a.Name == "" {
			t.Fatalf("advisor %+v", a)
		}
		expectProblem(t, ts.do(t, "POST", projPath(id, "advisors"), member, map[string]any{"user_id": judge}), http.StatusConflict, "conflict")
		ext := expectJSON[service.AdvisorView](t, ts.do(t, "POST", projPath(id, "advisors"), member,
			map[string]any{"name": "李总", "organization": "清远某创投", "title": "合伙人", "email": "li@example.com", "external": true}), http.StatusCreated)
		if !ext.External || ext.Email != "li@example.com" {
			t.Fatalf("external advisor %+v", ext)
		}
		if total := ts.total(t, ts.login(t, "judge09").AccessToken, projPath(id, "advisors")); total != 4 {
			t.Fatalf("advisors = %d, want 4 (2 demo + 2)", total)
		}
		p := expectProblem(t, ts.do(t, "POST", projPath(id, "advisors"), member, map[string]any{"name": "x", "email": "not-mail"}), http.StatusBadRequest, "invalid")
		if !hasField(p, "email") {
			t.Errorf("fields %+v", p.Errors)
		}
	})
	t.Run("OKRecords", func(t *testing.T) {
		r := expectJSON[service.IPRecordView](t, ts.do(t, "POST", projPath(id, "ip-records"), member, map[string]any{
			"kind": "software_copyright", "title": "数智人脚本生成系统V1.0", "number": "2026SR0000001", "status": "granted",
			"applied_on": "2025-11-01", "granted_on": "2026-01-15"}), http.StatusCreated)
		if r.GrantedOn == nil || r.GrantedOn.String() != "2026-01-15" {
			t.Fatalf("ip record %+v", r)
		}
		f := expectJSON[service.FundingEventView](t, ts.do(t, "POST", projPath(id, "funding-events"), member, map[string]any{
			"on": "2026-02-01", "round": "天使轮", "investor": "清远高新区创投基金", "amount_fen": 100_000_000}), http.StatusCreated)
		if f.AmountFen != 100_000_000 {
			t.Fatalf("funding %+v", f)
		}
		v := expectJSON[service.ProjectView](t, ts.do(t, "GET", projPath(id), member, nil), http.StatusOK)
		if v.FundingTotalFen != 130_000_000 || v.IP.Applied != 2 || v.IP.Granted != 2 {
			t.Fatalf("totals: funding %d, ip %+v", v.FundingTotalFen, v.IP)
		}
	})
	t.Run("ErrInvalidRecords", func(t *testing.T) {
		for _, c := range []struct {
			path  string
			body  map[string]any
			field string
		}{
			{"ip-records", map[string]any{"kind": "utility_model", "title": "x", "status": "granted", "applied_on": "2025-11-01", "granted_on": "2025-10-01"}, "granted_on"},
			{"ip-records", map[string]any{"kind": "utility_model", "title": "x", "status": "granted", "applied_on": "2025-02-30"}, "applied_on"},
			{"ip-records", map[string]any{"kind": "poem", "title": "x", "status": "applied", "applied_on": "2025-11-01"}, "kind"},
			{"funding-events", map[string]any{"on": "2026-02-01", "amount_fen": 0}, "amount_fen"},
			{"funding-events", map[string]any{"on": "2026-02-01", "amount_fen": -100}, "amount_fen"},
			{"funding-events", map[string]any{"on": "2099-02-01", "amount_fen": 100}, "on"},
			{"funding-events", map[string]any{"on": "01/02/2026", "amount_fen": 100}, "on"},
			{"funding-events", map[string]any{"on": "2026-02-01", "amount_fen": 1.5}, "amount_fen"},
		} {
			p := expectProblem(t, ts.do(t, "POST", projPath(id, c.path), member, c.body), http.StatusBadRequest, "invalid")
			if !hasField(p, c.field) {
				t.Errorf("%s %v: fields %+v", c.path, c.body, p.Errors)
			}
		}
		if ts.total(t, member, projPath(id, "ip-records")) != 2 || ts.total(t, member, projPath(id, "funding-events")) != 2 {
			t.Fatal("refused records were written")
		}
	})
	t.Run("ErrForbiddenAndNotFound", func(t *testing.T) {
		body := map[string]any{"on": "2026-02-01", "amount_fen": 100}
		expectProblem(t, ts.do(t, "POST", projPath(id, "funding-events"), ts.login(t, "student01").AccessToken, body), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "POST", projPath(id, "funding-events"), ts.login(t, "judge02").AccessToken, body), http.StatusForbidden, "forbidden")
	})
}
