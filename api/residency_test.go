package api

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"incubator/model"
	"incubator/service"
)

// resTeam creates a fresh student of the college hosting baseID (via the
// API) and a team led by them (in the database), and returns the
// project id and the student's token.
func (ts *testServer) resTeam(t *testing.T, admin string, baseID uint, username string) (uint, string) {
	t.Helper()
	var b model.Base
	if err := ts.svc.DB.Take(&b, baseID).Error; err != nil || b.HostCollegeID == nil {
		t.Fatalf("base %d: %v %+v", baseID, err, b)
	}
	body := map[string]any{"username": username, "password": "Passw0rd-" + username, "name": "学生" + username, "college_id": *b.HostCollegeID,
		"roles": []roleBinding{{Role: model.RoleStudent, Domain: model.DomainAll}}}
	u := expectJSON[service.UserView](t, ts.do(t, "POST", "/api/v1/users", admin, body), http.StatusCreated)
	p := model.Project{Name: "团队" + username, CollegeID: *b.HostCollegeID, Stage: model.StageIdea, CreatedBy: u.ID, Version: 1}
	if err := ts.svc.DB.Create(&p).Error; err != nil {
		t.Fatal(err)
	}
	if err := ts.svc.DB.Create(&model.ProjectMember{ProjectID: p.ID, UserID: u.ID, Role: model.MemberLeader}).Error; err != nil {
		t.Fatal(err)
	}
	return p.ID, ts.login(t, username, "Passw0rd-"+username).AccessToken
}

func resAppPath(id uint, action string) string {
	if action == "" {
		return fmt.Sprintf("/api/v1/residency-applications/%d", id)
	}
	return fmt.Sprintf("/api/v1/residency-applications/%d/%s", id, action)
}

func resPath(id uint, rest string) string {
	return fmt.Sprintf("/api/v1/residencies/%d%s", id, rest)
}

// resApply creates and submits an application of a team to a base.
func (ts *testServer) resApply(t *testing.T, token string, projectID, baseID uint) service.ResidencyApplicationView {
	t.Helper()
	v := expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", "/api/v1/residency-applications", token,
		map[string]any{"project_id": projectID, "base_id": baseID, "requested_workstations": 2, "plan": "入驻计划"}), http.StatusCreated)
	return expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(v.ID, "submit"), token, nil), http.StatusOK)
}

func TestResidencyFlow(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	mgr := ts.login(t, "manager_gdpt").AccessToken
	project, student := ts.resTeam(t, admin, service.DemoBaseGDPT, "flow_student")

	created := ts.do(t, "POST", "/api/v1/residency-applications", student, map[string]any{"project_id": project, "base_id": service.DemoBaseGDPT, "plan": "计划"})
	raw := expectJSON[map[string]any](t, created, http.StatusCreated)
	for _, k := range []string{"id", "project_id", "project_name", "college_id", "base_id", "base_name", "requested_zone_id", "requested_workstations", "plan",
		"status", "submitted_at", "decided_at", "decision_note", "reviews", "average_score", "allowed_actions", "version", "created_at", "updated_at"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("application view lacks %q: %v", k, raw)
		}
	}
	app := decode[service.ResidencyApplicationView](t, created)
	if app.Status != model.AppDraft || app.RequestedWorkstations != 1 || !slices.Equal(app.AllowedActions, []string{"update", "submit"}) {
		t.Fatalf("created = %+v", app)
	}
	expectProblem(t, ts.do(t, "POST", "/api/v1/residency-applications", student, map[string]any{"project_id": project, "base_id": service.DemoBaseGDPT}),
		http.StatusConflict, "conflict")
	app = expectJSON[service.ResidencyApplicationView](t, ts.do(t, "PATCH", resAppPath(app.ID, ""), student, map[string]any{"requested_workstations": 2, "version": app.Version}), http.StatusOK)
	expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(app.ID, "submit"), student, nil), http.StatusOK)
	expectProblem(t, ts.do(t, "POST", resAppPath(app.ID, "approve"), mgr, map[string]any{}), http.StatusUnprocessableEntity, "failed_precondition")
	app = expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(app.ID, "review"), mgr, map[string]any{"score": 0, "comment": "需改进"}), http.StatusOK)
	if app.Status != model.AppReviewing || app.AverageScore == nil || *app.AverageScore != 0 || len(app.Reviews) != 1 {
		t.Fatalf("after review = %+v", app)
	}
	expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(app.ID, "approve"), mgr, nil), http.StatusOK) // the body is optional

	rec := ts.do(t, "POST", resAppPath(app.ID, "admit"), mgr, map[string]any{"start_on": "2026-03-01", "end_on": "2028-02-29", "report_cadence": "quarterly",
		"free_rent_fen": 600000, "property_waiver_fen": 120000})
	rraw := expectJSON[map[string]any](t, rec, http.StatusCreated)
	for _, k := range []string{"id", "project_id", "project_name", "base_id", "base_name", "application_id", "status", "start_on", "end_on", "report_cadence",
		"free_rent_fen", "property_waiver_fen", "exit_reason", "exited_on", "workstations", "flags", "graduation", "allowed_actions", "version", "created_at", "updated_at"} {
		if _, ok := rraw[k]; !ok {
			t.Errorf("residency view lacks %q", k)
		}
	}
	flags, _ := rraw["flags"].(map[string]any)
	grad, _ := rraw["graduation"].(map[string]any)
	for _, k := range []string{"late_reports", "due_reports", "expiring_soon", "max_term_soon", "max_term_end"} {
		if _, ok := flags[k]; !ok {
			t.Errorf("flags lack %q: %v", k, flags)
		}
	}
	for _, k := range []string{"high_tech_enterprise", "funding_over_5m", "revenue_over_10m_2y", "acquired_or_listed", "eligible", "funding_total_fen", "revenue_2y_fen"} {
		if _, ok := grad[k]; !ok {
			t.Errorf("graduation lacks %q: %v", k, grad)
		}
	}
	res := decode[service.ResidencyView](t, rec)
	if res.StartOn.String() != "2026-03-01" || rraw["start_on"] != "2026-03-01" || len(res.Workstations) != 2 || res.Flags.MaxTermEnd.String() != "2030-03-01" {
		t.Fatalf("residency = %+v", res)
	}

	reports := expectJSON[list[map[string]any]](t, ts.do(t, "GET", resPath(res.ID, "/reports"), student, nil), http.StatusOK)
	if reports.Total != 9 || reports.Items[0]["period_start"] != "2026-03-01" || reports.Items[0]["due_on"] != "2026-04-10" || reports.Items[0]["status"] != "pending" {
		t.Fatalf("reports = %d %v", reports.Total, reports.Items)
	}
	for _, k := range []string{"id", "residency_id", "period_start", "period_end", "due_on", "status", "late", "submitted_at", "submitted_by", "revenue_fen",
		"employees", "graduates_hired", "funding_fen", "patents_applied", "patents_granted", "narrative"} {
		if _, ok := reports.Items[0][k]; !ok {
			t.Errorf("report view lacks %q", k)
		}
	}
	expectProblem(t, ts.do(t, "POST", resPath(res.ID, "/reports"), student, map[string]any{"period_start": "2026-03-01", "revenue_fen": 1}),
		http.StatusUnprocessableEntity, "failed_precondition")

	exited := expectJSON[service.ResidencyView](t, ts.do(t, "POST", resPath(res.ID, "/exit"), mgr, map[string]any{"kind": "exited", "reason": "团队解散", "on": "2026-03-01"}), http.StatusOK)
	if exited.Status != model.ResidencyExited || len(exited.Workstations) != 0 {
		t.Fatalf("exited = %+v", exited)
	}
	if l := expectJSON[list[service.ResidencyView]](t, ts.do(t, "GET", "/api/v1/residencies?status=exited&project_id="+fmt.Sprint(project), mgr, nil), http.StatusOK); l.Total != 1 {
		t.Fatalf("exited residencies of the project = %d", l.Total)
	}
}
