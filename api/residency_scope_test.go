package api

import (
	"net/http"
	"slices"
	"testing"

	"incubator/model"
	"incubator/service"
)

// TestResidencyScoping checks every residency route for managers of base
// 2 and 3, students of team X (resident in base 2) and Y (applying to
// base 3), the GDPT college viewer and admin: objects they may not see
// answer 404, actions their roles or ties do not allow 403.
func TestResidencyScoping(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	projX, studentX := ts.resTeam(t, admin, service.DemoBaseGDPT, "team_x")
	projY, studentY := ts.resTeam(t, admin, service.DemoBaseGDKM, "team_y")
	tokens := map[string]string{
		"admin": admin, "manager_gdpt": ts.login(t, "manager_gdpt").AccessToken, "manager_gdkm": ts.login(t, "manager_gdkm").AccessToken,
		"student_x": studentX, "student_y": studentY, "viewer_gdpt": ts.login(t, "viewer_gdpt").AccessToken,
	}
	appX := ts.resApply(t, studentX, projX, service.DemoBaseGDPT)
	expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(appX.ID, "review"), tokens["manager_gdpt"], map[string]any{"score": 90}), http.StatusOK)
	expectJSON[service.ResidencyApplicationView](t, ts.do(t, "POST", resAppPath(appX.ID, "approve"), tokens["manager_gdpt"], map[string]any{}), http.StatusOK)
	resX := expectJSON[service.ResidencyView](t, ts.do(t, "POST", resAppPath(appX.ID, "admit"), tokens["manager_gdpt"],
		map[string]any{"start_on": "2026-03-01", "end_on": "2027-02-28", "report_cadence": "monthly", "count": 1}), http.StatusCreated)
	appY := ts.resApply(t, studentY, projY, service.DemoBaseGDKM)

	const ok, nf, fb, pre, bad = http.StatusOK, http.StatusNotFound, http.StatusForbidden, http.StatusUnprocessableEntity, http.StatusBadRequest
	// status per actor: admin, manager_gdpt, manager_gdkm, student_x, student_y, viewer_gdpt
	order := []string{"admin", "manager_gdpt", "manager_gdkm", "student_x", "student_y", "viewer_gdpt"}
	future := map[string]any{"kind": "graduated", "on": "2026-02-28"} // before the start: 400 once past the access checks
	cases := []struct {
		name, method, path string
		body               any
		want               [6]int
	}{
		{"GetAppX", "GET", resAppPath(appX.ID, ""), nil, [6]int{ok, ok, nf, ok, nf, ok}},
		{"GetAppY", "GET", resAppPath(appY.ID, ""), nil, [6]int{ok, nf, ok, nf, ok, nf}},
		{"PatchAppY", "PATCH", resAppPath(appY.ID, ""), map[string]any{"plan": "x", "version": appY.Version}, [6]int{pre, fb, fb, nf, pre, fb}},
		{"SubmitAppY", "POST", resAppPath(appY.ID, "submit"), nil, [6]int{pre, fb, fb, nf, pre, fb}},
		{"ApproveAppY", "POST", resAppPath(appY.ID, "approve"), map[string]any{}, [6]int{pre, nf, pre, fb, fb, fb}},
		{"RejectAppX", "POST", resAppPath(appX.ID, "reject"), map[string]any{"note": "x"}, [6]int{pre, pre, nf, fb, fb, fb}},
		{"ReturnAppX", "POST", resAppPath(appX.ID, "return"), map[string]any{"note": "x"}, [6]int{pre, pre, nf, fb, fb, fb}},
		{"ReviewAppX", "POST", resAppPath(appX.ID, "review"), map[string]any{"score": 50}, [6]int{pre, pre, nf, fb, fb, fb}},
		{"AdmitAppY", "POST", resAppPath(appY.ID, "admit"), map[string]any{"start_on": "2026-03-01", "end_on": "2027-02-28", "report_cadence": "monthly"},
			[6]int{pre, nf, pre, fb, fb, fb}},
		{"GetResX", "GET", resPath(resX.ID, ""), nil, [6]int{ok, ok, nf, ok, nf, ok}},
		{"ReportsResX", "GET", resPath(resX.ID, "/reports"), nil, [6]int{ok, ok, nf, ok, nf, ok}},
		{"FileReportResX", "POST", resPath(resX.ID, "/reports"), map[string]any{"revenue_fen": 1}, [6]int{pre, fb, fb, pre, nf, fb}},
		{"ExitResX", "POST", resPath(resX.ID, "/exit"), future, [6]int{bad, bad, nf, fb, fb, fb}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i, who := range order {
				rec := ts.do(t, c.method, c.path, tokens[who], c.body)
				if rec.Code != c.want[i] {
					t.Errorf("%s as %s: %d, want %d: %s", c.name, who, rec.Code, c.want[i], rec.Body)
				}
			}
		})
	}

	t.Run("Lists", func(t *testing.T) {
		apps := map[string][]uint{}
		residencies := map[string][]uint{}
		for _, who := range order {
			for _, a := range expectJSON[list[service.ResidencyApplicationView]](t, ts.do(t, "GET", "/api/v1/residency-applications?page_size=100", tokens[who], nil), ok).Items {
				apps[who] = append(apps[who], a.ID)
				if (who == "manager_gdpt" && a.BaseID != service.DemoBaseGDPT) || (who == "manager_gdkm" && a.BaseID != service.DemoBaseGDKM) {
					t.Errorf("%s lists application %d of base %d", who, a.ID, a.BaseID)
				}
			}
			for _, r := range expectJSON[list[service.ResidencyView]](t, ts.do(t, "GET", "/api/v1/residencies?page_size=100", tokens[who], nil), ok).Items {
				residencies[who] = append(residencies[who], r.ID)
			}
		}
		for i, who := range order {
			if got, want := slices.Contains(apps[who], appX.ID), cases[0].want[i] == ok; got != want {
				t.Errorf("%s lists application X: %v, want %v", who, got, want)
			}
			if got, want := slices.Contains(apps[who], appY.ID), cases[1].want[i] == ok; got != want {
				t.Errorf("%s lists application Y: %v, want %v", who, got, want)
			}
			if got, want := slices.Contains(residencies[who], resX.ID), cases[9].want[i] == ok; got != want {
				t.Errorf("%s lists residency X: %v, want %v", who, got, want)
			}
		}
		if len(apps["student_x"]) != 1 || len(residencies["student_x"]) != 1 || len(apps["student_y"]) != 1 || len(residencies["student_y"]) != 0 {
			t.Errorf("students see applications %v / %v and residencies %v / %v; want only their own", apps["student_x"], apps["student_y"],
				residencies["student_x"], residencies["student_y"])
		}
	})

	t.Run("ErrForbiddenJudge", func(t *testing.T) {
		judge := ts.login(t, "judge01").AccessToken
		for _, path := range []string{"/api/v1/residency-applications", "/api/v1/residencies", resAppPath(appX.ID, ""), resPath(resX.ID, "/reports")} {
			expectProblem(t, ts.do(t, "GET", path, judge, nil), http.StatusForbidden, string(model.CodeForbidden))
		}
	})
}
