package api

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"incubator/service"
)

// compBody is a valid competition of base (0: zone-wide) whose window
// opens in an hour and closes in ten days of the test clock.
func (ts *testServer) compBody(base uint) map[string]any {
	now := ts.clock.Now()
	b := map[string]any{
		"name": "测试大赛", "edition": 1, "year": 2026, "organiser": "清远高新区", "description": "说明",
		"registration_opens_at":  now.Add(time.Hour).Format(time.RFC3339),
		"registration_closes_at": now.Add(10 * 24 * time.Hour).Format(time.RFC3339),
	}
	if base != 0 {
		b["base_id"] = base
	}
	return b
}

// compFixture is a competition made over HTTP with one track and one
// round.
type compFixture struct {
	Comp  service.CompetitionView
	Track service.TrackView
	Round service.RoundView
}

// compCreate creates a competition as token with a track and a round, and
// opens it when open is set.
func (ts *testServer) compCreate(t *testing.T, token string, base uint, open bool) compFixture {
	t.Helper()
	var f compFixture
	f.Comp = expectJSON[service.CompetitionView](t, ts.do(t, "POST", "/api/v1/competitions", token, ts.compBody(base)), http.StatusCreated)
	f.Track = expectJSON[service.TrackView](t, ts.do(t, "POST", compPath(f.Comp.ID, "/tracks"), token, map[string]any{"name": "新材料", "sort_order": 1}), http.StatusCreated)
	f.Round = expectJSON[service.RoundView](t, ts.do(t, "POST", compPath(f.Comp.ID, "/rounds"), token,
		map[string]any{"name": "校赛", "sort_order": 1, "kind": "online_review", "judges_per_entry": 5, "aggregation": "mean"}), http.StatusCreated)
	if open {
		f.Comp = expectJSON[service.CompetitionView](t, ts.do(t, "POST", compPath(f.Comp.ID, "/open"), token, nil), http.StatusOK)
	}
	return f
}

func compPath(id uint, rest string) string  { return fmt.Sprintf("/api/v1/competitions/%d%s", id, rest) }
func roundPath(id uint, rest string) string { return fmt.Sprintf("/api/v1/rounds/%d%s", id, rest) }
func trackPath(id uint) string              { return fmt.Sprintf("/api/v1/tracks/%d", id) }

// TestCompetitionScoping checks every competition route for admin, the
// manager of the organising base (GDPT), the manager of another base
// (GDKM), a student and a judge: a draft D and an open competition O of
// base GDPT, and a zone-wide draft Z. Objects the caller may not see
// answer 404, visible ones they may not change 403.
func TestCompetitionScoping(t *testing.T) {
	ts := newTestServer(t)
	order := []string{"admin", "manager_gdpt", "manager_gdkm", "student01", "judge01"}
	tokens := map[string]string{}
	for _, who := range order {
		tokens[who] = ts.login(t, who).AccessToken
	}
	d := ts.compCreate(t, tokens["manager_gdpt"], service.DemoBaseGDPT, false)
	o := ts.compCreate(t, tokens["manager_gdpt"], service.DemoBaseGDPT, true)
	z := ts.compCreate(t, tokens["admin"], 0, false)
	judge := ts.userID(t, tokens["admin"], "judge01")
	student := ts.userID(t, tokens["admin"], "student01")
	expectJSON[service.RoundView](t, ts.do(t, "POST", roundPath(d.Round.ID, "/judges"), tokens["manager_gdpt"], map[string]any{"user_ids": []uint{judge}}), http.StatusOK)

	const ok, created, bad, fb, nf, stale, pre = 200, 201, 400, 403, 404, 409, 422
	addJudge := map[string]any{"user_ids": []uint{judge}}
	cases := []struct {
		name, method, path string
		body               any
		want               [5]int // admin, manager_gdpt, manager_gdkm, student01, judge01
	}{
		{"ListDraftTracksZ", "GET", compPath(z.Comp.ID, "/tracks"), nil, [5]int{ok, nf, nf, nf, nf}},
		{"GetZ", "GET", compPath(z.Comp.ID, ""), nil, [5]int{ok, nf, nf, nf, nf}},
		{"GetD", "GET", compPath(d.Comp.ID, ""), nil, [5]int{ok, ok, nf, nf, nf}},
		{"GetO", "GET", compPath(o.Comp.ID, ""), nil, [5]int{ok, ok, ok, ok, ok}},
		{"CreateInGDPT", "POST", "/api/v1/competitions", ts.compBody(service.DemoBaseGDPT), [5]int{created, created, fb, fb, fb}},
		{"CreateZoneWide", "POST", "/api/v1/competitions", ts.compBody(0), [5]int{created, fb, fb, fb, fb}},
		{"PatchD", "PATCH", compPath(d.Comp.ID, ""), map[string]any{"name": "x", "version": 99}, [5]int{stale, stale, nf, fb, fb}},
		{"PatchO", "PATCH", compPath(o.Comp.ID, ""), map[string]any{"name": "x", "version": 99}, [5]int{stale, stale, fb, fb, fb}},
		{"PatchZ", "PATCH", compPath(z.Comp.ID, ""), map[string]any{"name": "x", "version": 99}, [5]int{stale, nf, nf, fb, fb}},
		{"OpenO", "POST", compPath(o.Comp.ID, "/open"), nil, [5]int{pre, pre, fb, fb, fb}},
		{"CloseD", "POST", compPath(d.Comp.ID, "/close-registration"), nil, [5]int{pre, pre, nf, fb, fb}},
		{"FinishO", "POST", compPath(o.Comp.ID, "/finish"), nil, [5]int{pre, pre, fb, fb, fb}},
		{"TracksD", "GET", compPath(d.Comp.ID, "/tracks"), nil, [5]int{ok, ok, nf, nf, nf}},
		{"TracksO", "GET", compPath(o.Comp.ID, "/tracks"), nil, [5]int{ok, ok, ok, ok, ok}},
		{"AddTrackD", "POST", compPath(d.Comp.ID, "/tracks"), map[string]any{"name": "新材料"}, [5]int{bad, bad, nf, fb, fb}},
		{"AddTrackO", "POST", compPath(o.Comp.ID, "/tracks"), map[string]any{"name": "新材料"}, [5]int{bad, bad, fb, fb, fb}},
		{"PatchTrackD", "PATCH", trackPath(d.Track.ID), map[string]any{"sort_order": 2}, [5]int{ok, ok, nf, fb, fb}},
		{"PatchTrackO", "PATCH", trackPath(o.Track.ID), map[string]any{"sort_order": 2}, [5]int{ok, ok, fb, fb, fb}},
		{"RoundsD", "GET", compPath(d.Comp.ID, "/rounds"), nil, [5]int{ok, ok, nf, nf, nf}},
		{"RoundsO", "GET", compPath(o.Comp.ID, "/rounds"), nil, [5]int{ok, ok, ok, ok, ok}},
		{"AddRoundD", "POST", compPath(d.Comp.ID, "/rounds"), map[string]any{"name": "x", "kind": "online_review", "sort_order": 1}, [5]int{bad, bad, nf, fb, fb}},
		{"AddRoundO", "POST", compPath(o.Comp.ID, "/rounds"), map[string]any{"name": "x", "kind": "online_review", "sort_order": 1}, [5]int{bad, bad, fb, fb, fb}},
		{"GetRoundD", "GET", roundPath(d.Round.ID, ""), nil, [5]int{ok, ok, nf, nf, ok}}, // judge01 is in its pool
		{"GetRoundO", "GET", roundPath(o.Round.ID, ""), nil, [5]int{ok, ok, ok, ok, ok}},
		{"GetRoundZ", "GET", roundPath(z.Round.ID, ""), nil, [5]int{ok, nf, nf, nf, nf}},
		{"PatchRoundD", "PATCH", roundPath(d.Round.ID, ""), map[string]any{"name": "x", "version": 99}, [5]int{stale, stale, nf, fb, fb}},
		{"PatchRoundO", "PATCH", roundPath(o.Round.ID, ""), map[string]any{"name": "x", "version": 99}, [5]int{stale, stale, fb, fb, fb}},
		{"PoolD", "GET", roundPath(d.Round.ID, "/judges"), nil, [5]int{ok, ok, nf, fb, fb}},
		{"PoolO", "GET", roundPath(o.Round.ID, "/judges"), nil, [5]int{ok, ok, fb, fb, fb}},
		{"AddJudgeD", "POST", roundPath(d.Round.ID, "/judges"), addJudge, [5]int{ok, ok, nf, fb, fb}},
		{"AddJudgeO", "POST", roundPath(o.Round.ID, "/judges"), addJudge, [5]int{ok, ok, fb, fb, fb}},
		{"RemoveNonMemberO", "DELETE", roundPath(o.Round.ID, fmt.Sprintf("/judges/%d", student)), nil, [5]int{nf, nf, fb, fb, fb}},
		{"Judges", "GET", "/api/v1/judges", nil, [5]int{ok, ok, ok, fb, fb}},
		{"ListAll", "GET", "/api/v1/competitions", nil, [5]int{ok, ok, ok, ok, ok}},
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

	t.Run("RemoveJudge", func(t *testing.T) {
		path := roundPath(o.Round.ID, fmt.Sprintf("/judges/%d", judge))
		expectProblem(t, ts.do(t, "DELETE", path, tokens["manager_gdkm"], nil), fb, "forbidden")
		if rec := ts.do(t, "DELETE", path, tokens["manager_gdpt"], nil); rec.Code != http.StatusNoContent {
			t.Fatalf("remove as organiser: %d %s", rec.Code, rec.Body)
		}
		if r := expectJSON[service.RoundView](t, ts.do(t, "GET", roundPath(o.Round.ID, ""), tokens["admin"], nil), ok); r.JudgeCount != 0 {
			t.Errorf("judge_count = %d after removal", r.JudgeCount)
		}
	})

	t.Run("ListsHideOthersDrafts", func(t *testing.T) {
		for _, who := range order {
			l := expectJSON[list[service.CompetitionView]](t, ts.do(t, "GET", "/api/v1/competitions?page_size=100", tokens[who], nil), ok)
			var ids []uint
			for _, c := range l.Items {
				ids = append(ids, c.ID)
				if c.Status == "draft" && who != "admin" && (who != "manager_gdpt" || c.BaseID == nil || *c.BaseID != service.DemoBaseGDPT) {
					t.Errorf("%s lists draft %d", who, c.ID)
				}
			}
			if !slices.Contains(ids, o.Comp.ID) {
				t.Errorf("%s does not list the open competition", who)
			}
			if got, want := slices.Contains(ids, d.Comp.ID), who == "admin" || who == "manager_gdpt"; got != want {
				t.Errorf("%s lists draft D: %v, want %v", who, got, want)
			}
		}
		drafts := expectJSON[list[service.CompetitionView]](t, ts.do(t, "GET", "/api/v1/competitions?status=draft&q=测试&year=2026", tokens["manager_gdpt"], nil), ok)
		if drafts.Total < 1 {
			t.Error("the organiser does not find their drafts by status, q and year")
		}
	})

	t.Run("AllowedActions", func(t *testing.T) {
		want := map[string][]string{"admin": {"update", "close_registration"}, "manager_gdpt": {"update", "close_registration"},
			"manager_gdkm": {}, "student01": {}, "judge01": {}}
		for _, who := range order {
			v := expectJSON[service.CompetitionView](t, ts.do(t, "GET", compPath(o.Comp.ID, ""), tokens[who], nil), ok)
			if !slices.Equal(v.AllowedActions, want[who]) {
				t.Errorf("%s: allowed_actions %v, want %v", who, v.AllowedActions, want[who])
			}
		}
	})
}
