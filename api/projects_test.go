package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"incubator/model"
	"incubator/service"
)

// projID returns the id of a project found by name, as admin.
func (ts *testServer) projID(t *testing.T, adminToken, name string) uint {
	t.Helper()
	l := expectJSON[list[service.ProjectSummary]](t, ts.do(t, "GET", "/api/v1/projects?q="+url.QueryEscape(name), adminToken, nil), http.StatusOK)
	for _, p := range l.Items {
		if p.Name == name {
			return p.ID
		}
	}
	t.Fatalf("no project %q", name)
	return 0
}

func projPath(id uint, rest ...string) string {
	p := fmt.Sprintf("/api/v1/projects/%d", id)
	for _, r := range rest {
		p += "/" + r
	}
	return p
}

func TestProjectsAPI(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	leader := ts.login(t, "student01").AccessToken // leads 烯导科技 (GDPT) with student02, student03
	other := ts.login(t, "student04").AccessToken  // leads 巡天 (GDPT)
	viewer := ts.login(t, "viewer_gdpt").AccessToken
	mgrGDPT, mgrGDKM := ts.login(t, "manager_gdpt").AccessToken, ts.login(t, "manager_gdkm").AccessToken
	mine := ts.projID(t, admin, "烯导科技·石墨烯导热膜")
	gdkm := ts.projID(t, admin, "英德红茶新零售")

	t.Run("OKGetShape", func(t *testing.T) {
		rec := ts.do(t, "GET", projPath(mine), leader, nil)
		raw := expectJSON[map[string]json.RawMessage](t, rec, http.StatusOK)
		for _, k := range []string{"id", "name", "field", "college_id", "college_name", "stage", "description", "company_name", "credit_code",
			"registered_on", "company_region", "high_tech_enterprise", "acquired_or_listed", "leader_id", "leader_name", "member_count",
			"members", "advisors", "funding_total_fen", "ip", "created_by", "version", "created_at", "updated_at"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("project view has no %q: %s", k, rec.Body)
			}
		}
		v := decode[service.ProjectView](t, rec)
		if v.Stage != model.StageCompany || v.CreditCode == nil || len(*v.CreditCode) != 18 || v.RegisteredOn == nil || v.MemberCount != 3 ||
			len(v.Members) != 3 || v.Members[0].Username != "student01" || v.FundingTotalFen != 570_000_000 || len(v.Advisors) != 2 {
			t.Fatalf("view %s", rec.Body)
		}
		var date string
		if json.Unmarshal(raw["registered_on"], &date) != nil || len(date) != 10 {
			t.Errorf("registered_on = %s, want YYYY-MM-DD", raw["registered_on"])
		}
		items := expectJSON[list[map[string]json.RawMessage]](t, ts.do(t, "GET", "/api/v1/projects?mine=true", leader, nil), http.StatusOK)
		if items.Total != 1 || items.Items[0]["members"] != nil || items.Items[0]["leader_name"] == nil {
			t.Fatalf("student01's list: %+v", items)
		}
	})
	t.Run("ErrNotFoundVisibility", func(t *testing.T) {
		for _, c := range []struct {
			token, path string
		}{
			{other, projPath(mine)}, {other, projPath(mine, "members")}, {other, projPath(mine, "funding-events")},
			{viewer, projPath(gdkm)}, {viewer, projPath(gdkm, "advisors")}, {mgrGDPT, projPath(gdkm)}, {mgrGDKM, projPath(mine, "ip-records")},
			{admin, projPath(999999)}, {admin, "/api/v1/projects/abc"},
		} {
			expectProblem(t, ts.do(t, "GET", c.path, c.token, nil), http.StatusNotFound, "not_found")
		}
		expectProblem(t, ts.do(t, "PATCH", projPath(mine), other, map[string]any{"name": "x", "version": 1}), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "POST", projPath(mine, "members"), other, map[string]any{"username": "student04"}), http.StatusNotFound, "not_found")
	})
	t.Run("OKManagerOfApplicationBase", func(t *testing.T) {
		// residency applications belong to another feature: insert one directly
		var n int64
		ts.svc.DB.Model(&model.Base{}).Where("id = ?", service.DemoBaseGDPT).Count(&n)
		if n == 0 {
			if err := ts.svc.DB.Create(&model.Base{ID: service.DemoBaseGDPT, Name: "测试基地", Kind: model.BaseCampus, Version: 1}).Error; err != nil {
				t.Fatal(err)
			}
		}
		fresh := expectJSON[service.ProjectView](t, ts.do(t, "POST", "/api/v1/projects", ts.login(t, "student35").AccessToken, map[string]any{"name": "跨校申请团队"}), http.StatusCreated)
		expectProblem(t, ts.do(t, "GET", projPath(fresh.ID), mgrGDPT, nil), http.StatusNotFound, "not_found")
		app := model.ResidencyApplication{ProjectID: fresh.ID, BaseID: service.DemoBaseGDPT, RequestedWorkstations: 1, Status: model.AppSubmitted, CreatedBy: 1, Version: 1}
		if err := ts.svc.DB.Create(&app).Error; err != nil {
			t.Fatal(err)
		}
		expectJSON[service.ProjectView](t, ts.do(t, "GET", projPath(fresh.ID), mgrGDPT, nil), http.StatusOK)
		expectJSON[list[service.MemberView]](t, ts.do(t, "GET", projPath(fresh.ID, "members"), mgrGDPT, nil), http.StatusOK)
		expectProblem(t, ts.do(t, "GET", projPath(fresh.ID), mgrGDKM, nil), http.StatusNotFound, "not_found")
		if total := ts.total(t, mgrGDPT, fmt.Sprintf("/api/v1/projects?base_id=%d&q=%s", service.DemoBaseGDPT, url.QueryEscape("跨校申请团队"))); total != 1 {
			t.Fatalf("manager's base_id list: %d, want 1", total)
		}
		expectProblem(t, ts.do(t, "PATCH", projPath(fresh.ID), mgrGDPT, map[string]any{"name": "x", "version": fresh.Version}), http.StatusForbidden, "forbidden")
	})
	t.Run("ErrForbiddenReadOnly", func(t *testing.T) {
		v := expectJSON[service.ProjectView](t, ts.do(t, "GET", projPath(mine), viewer, nil), http.StatusOK)
		expectProblem(t, ts.do(t, "PATCH", projPath(mine), viewer, map[string]any{"name": "x", "version": v.Version}), http.StatusForbidden, "forbidden")
		// route permission: viewers may not post at all
		expectProblem(t, ts.do(t, "POST", projPath(mine, "advisors"), viewer, map[string]any{"name": "x"}), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "POST", "/api/v1/projects", ts.login(t, "officer").AccessToken, map[string]any{"name": "x"}), http.StatusForbidden, "forbidden")
	})
	t.Run("ErrInvalidQuery", func(t *testing.T) {
		for q, field := range map[string]string{"stage=bogus": "stage", "mine=maybe": "mine", "sort=password": "sort", "college_id=-1": "college_id"} {
			p := expectProblem(t, ts.do(t, "GET", "/api/v1/projects?"+q, admin, nil), http.StatusBadRequest, "invalid")
			if !hasField(p, field) {
				t.Errorf("%s: fields %+v", q, p.Errors)
			}
		}
	})
}

func TestProjectsAPICreditCode(t *testing.T) {
	ts := newTestServer(t)
	tok := ts.login(t, "student30").AccessToken
	created := expectJSON[service.ProjectView](t, ts.do(t, "POST", "/api/v1/projects", tok, map[string]any{"name": "清远预制菜二号", "field": "食品"}), http.StatusCreated)
	if created.LeaderID == nil || created.Members[0].Username != "student30" || created.CollegeName != "广东科贸职业学院" || created.Stage != model.StageIdea {
		t.Fatalf("created %+v", created)
	}
	company := func(code string) map[string]any {
		return map[string]any{"stage": "company", "company_name": "清远二号食品有限公司", "credit_code": code, "registered_on": "2025-12-01", "version": created.Version}
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, code := range []string{"91441800MA4W1JT007", "91441800MA4W1JT00", "91441800MA4W1JTOO6", "91441800MA4W1JT006XXXXXXXXXXXXXXXXXX", "B1441800MA4W1JT006", ""} {
			p := expectProblem(t, ts.do(t, "PATCH", projPath(created.ID), tok, company(code)), http.StatusBadRequest, "invalid")
			if !hasField(p, "credit_code") {
				t.Errorf("credit code %q: fields %+v", code, p.Errors)
			}
		}
		p := expectProblem(t, ts.do(t, "POST", "/api/v1/projects", tok, map[string]any{"name": "x", "credit_code": "12345"}), http.StatusBadRequest, "invalid")
		if !hasField(p, "credit_code") {
			t.Errorf("create: fields %+v", p.Errors)
		}
		future := company("91441800MA4W1JT006")
		future["registered_on"] = "2099-01-01"
		p = expectProblem(t, ts.do(t, "PATCH", projPath(created.ID), tok, future), http.StatusBadRequest, "invalid")
		if !hasField(p, "registered_on") || hasField(p, "credit_code") {
			t.Errorf("future registration: fields %+v", p.Errors)
		}
		future["registered_on"] = "2025-13-01"
		p = expectProblem(t, ts.do(t, "PATCH", projPath(created.ID), tok, future), http.StatusBadRequest, "invalid")
		if !hasField(p, "registered_on") {
			t.Errorf("impossible date: fields %+v", p.Errors)
		}
		// nothing was written
		v := expectJSON[service.ProjectView](t, ts.do(t, "GET", projPath(created.ID), tok, nil), http.StatusOK)
		if v.Version != created.Version || v.Stage != model.StageIdea || v.CreditCode != nil {
			t.Fatalf("refused updates changed the project: %+v", v.ProjectSummary)
		}
	})
	t.Run("OK", func(t *testing.T) {
		v := expectJSON[service.ProjectView](t, ts.do(t, "PATCH", projPath(created.ID), tok, company("91441800ma4w1jt006")), http.StatusOK)
		if v.CreditCode == nil || *v.CreditCode != "91441800MA4W1JT006" || v.Version != created.Version+1 || v.RegisteredOn.String() != "2025-12-01" {
			t.Fatalf("updated %+v", v.ProjectSummary)
		}
		expectProblem(t, ts.do(t, "PATCH", projPath(created.ID), tok, company("91441800MA4W1JT006")), http.StatusConflict, "conflict")
	})
}
