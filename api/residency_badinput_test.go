package api

import (
	"net/http"
	"testing"

	"incubator/model"
	"incubator/service"
)

func TestResidencyBadInput(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	mgr := ts.login(t, "manager_gdpt").AccessToken
	project, student := ts.resTeam(t, admin, service.DemoBaseGDPT, "bad_student")
	app := ts.resApply(t, student, project, service.DemoBaseGDPT)
	expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(app.ID, "review"), mgr, map[string]any{"score": 75}), http.StatusOK)
	expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(app.ID, "approve"), mgr, map[string]any{}), http.StatusOK)

	var other model.Workstation
	if err := ts.svc.DB.Where("base_id = ? AND status = ?", service.DemoBaseGDKM, model.WorkstationFree).Take(&other).Error; err != nil {
		t.Fatal(err)
	}
	admit := func(change func(map[string]any)) map[string]any {
		b := map[string]any{"start_on": "2026-03-01", "end_on": "2028-02-29", "report_cadence": "quarterly", "count": 1}
		if change != nil {
			change(b)
		}
		return b
	}
	counts := func(t *testing.T) [3]int64 {
		t.Helper()
		return [3]int64{ts.total(t, admin, "/api/v1/residencies"), ts.total(t, admin, "/api/v1/residency-applications?status=approved"), ts.total(t, admin, "/api/v1/audit-logs")}
	}
	cases := []struct {
		name, method, path string
		body               any
		status             int
		code               string
		fields             []string
	}{
		{"AdmitEndBeforeStart", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) { b["end_on"] = "2026-02-28" }), 400, "invalid", []string{"end_on"}},
		{"AdmitImpossibleDate", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) { b["start_on"] = "2026-02-30" }), 400, "invalid", []string{"start_on"}},
		{"AdmitOverMaxTerm", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) { b["end_on"] = "2030-03-02" }), 400, "invalid", []string{"end_on"}},
		{"AdmitNegativeRent", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) { b["free_rent_fen"] = -100 }), 400, "invalid", []string{"free_rent_fen"}},
		{"AdmitBadCadence", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) { b["report_cadence"] = "yearly" }), 400, "invalid", []string{"report_cadence"}},
		{"AdmitDeskOfAnotherBase", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) {
			delete(b, "count")
			b["workstation_ids"] = []uint{other.ID}
		}), 400, "invalid", []string{"workstation_ids"}},
		{"AdmitTooManyDesks", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) { b["count"] = 21 }), 400, "invalid", []string{"count"}},
		{"AdmitUnknownField", "POST", resAppPath(app.ID, "admit"), admit(func(b map[string]any) { b["residency_id"] = 1 }), 400, "invalid", []string{"residency_id"}},
		{"ReviewScoreTooHigh", "POST", resAppPath(app.ID, "review"), map[string]any{"score": 101}, 400, "invalid", []string{"score"}},
		{"ReviewScoreMissing", "POST", resAppPath(app.ID, "review"), map[string]any{"comment": "x"}, 400, "invalid", []string{"score"}},
		{"RejectWithoutNote", "POST", resAppPath(app.ID, "reject"), map[string]any{}, 400, "invalid", []string{"note"}},
		{"CreateTooManyDesks", "POST", "/api/v1/residency-applications", map[string]any{"project_id": project, "base_id": 3, "requested_workstations": 21}, 400, "invalid", []string{"requested_workstations"}},
		{"CreateZeroDesks", "POST", "/api/v1/residency-applications", map[string]any{"project_id": project, "base_id": 3, "requested_workstations": 0}, 400, "invalid", []string{"requested_workstations"}},
		{"ListBadStatus", "GET", "/api/v1/residency-applications?status=open", nil, 400, "invalid", []string{"status"}},
		{"ListBadFlag", "GET", "/api/v1/residencies?flag=red", nil, 400, "invalid", []string{"flag"}},
		{"ListBadSort", "GET", "/api/v1/residencies?sort=project_name", nil, 400, "invalid", []string{"sort"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			token := mgr
			if c.method == "POST" && c.path == "/api/v1/residency-applications" {
				token = student
			}
			before := counts(t)
			p := expectProblem(t, ts.do(t, c.method, c.path, token, c.body), c.status, c.code)
			for _, f := range c.fields {
				if !hasField(p, f) {
					t.Errorf("no field error on %q: %+v", f, p.Errors)
				}
			}
			if after := counts(t); after != before {
				t.Fatalf("a refused request wrote: %v → %v", before, after)
			}
		})
	}

	t.Run("ExitBadInput", func(t *testing.T) {
		res := expectJSON[service.ResidencyView](t, ts.do(t, "POST", resAppPath(app.ID, "admit"), mgr, admit(nil)), http.StatusCreated)
		for _, body := range []map[string]any{
			{"kind": "removed", "on": "2026-03-01"},                          // reason required
			{"kind": "graduated", "on": "2026-03-02"},                        // in the future
			{"kind": "graduated", "on": "2026-02-28"},                        // before the start
			{"kind": "graduated", "on": "01/03/2026"},                        // not a date
			{"kind": "paused", "on": "2026-03-01", "reason": "x"},            // unknown kind
			{"kind": "graduated", "on": "2026-03-01", "version": float64(1)}, // unknown field
		} {
			before := counts(t)
			expectProblem(t, ts.do(t, "POST", resPath(res.ID, "/exit"), mgr, body), http.StatusBadRequest, "invalid")
			if after := counts(t); after != before {
				t.Fatalf("a refused exit wrote: %v", body)
			}
		}
		if r := expectJSON[service.ResidencyView](t, ts.do(t, "GET", resPath(res.ID, ""), mgr, nil), http.StatusOK); r.Status != model.ResidencyActive || len(r.Workstations) != 1 {
			t.Fatalf("residency after refused exits = %+v", r)
		}
		p := expectProblem(t, ts.do(t, "POST", resPath(res.ID, "/reports"), student, map[string]any{"revenue_fen": -1, "employees": -2, "period_start": "2026-13-01"}),
			http.StatusBadRequest, "invalid")
		for _, f := range []string{"revenue_fen", "employees"} {
			if !hasField(p, f) {
				t.Errorf("report: no field error on %q: %+v", f, p.Errors)
			}
		}
	})
}
