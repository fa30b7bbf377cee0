package api

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
)

// TestPublicCompetitions lists competitions without a token: no drafts,
// only the public fields, entry counts as stored.
func TestPublicCompetitions(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	draft := ts.compCreate(t, admin, 0, false)
	open := ts.compCreate(t, admin, service.DemoBaseGDPT, true)

	rec := ts.do(t, "GET", "/api/v1/public/competitions?page_size=100", "", nil)
	raw := expectJSON[list[map[string]json.RawMessage]](t, rec, http.StatusOK)
	items := expectJSON[list[service.PublicCompetition]](t, rec, http.StatusOK).Items
	wantKeys := []string{"edition", "entry_count", "id", "name", "organiser", "registration_closes_at", "registration_opens_at", "status", "tracks", "year"}
	for _, item := range raw.Items {
		if keys := slices.Sorted(maps.Keys(item)); !slices.Equal(keys, wantKeys) {
			t.Fatalf("public item fields %v, want %v", keys, wantKeys)
		}
	}
	var counted []struct {
		CompetitionID uint
		N             int64
	}
	if err := ts.svc.DB.Model(&model.Entry{}).Select("competition_id, COUNT(*) AS n").
		Where("status IN ?", []string{model.EntrySubmitted, model.EntryQualified}).Group("competition_id").Scan(&counted).Error; err != nil {
		t.Fatal(err)
	}
	want := map[uint]int64{}
	for _, c := range counted {
		want[c.CompetitionID] = c.N
	}
	var ids []uint
	for i, c := range items {
		ids = append(ids, c.ID)
		if c.Status == model.CompetitionDraft {
			t.Errorf("public list shows draft %d", c.ID)
		}
		if c.EntryCount != want[c.ID] {
			t.Errorf("competition %d: entry_count %d, want %d", c.ID, c.EntryCount, want[c.ID])
		}
		if i > 0 && (items[i-1].Year < c.Year || (items[i-1].Year == c.Year && items[i-1].ID < c.ID)) {
			t.Errorf("not newest first: %d before %d", items[i-1].ID, c.ID)
		}
	}
	if slices.Contains(ids, draft.Comp.ID) || !slices.Contains(ids, open.Comp.ID) {
		t.Fatalf("public ids %v: want open %d, not draft %d", ids, open.Comp.ID, draft.Comp.ID)
	}
	for _, c := range items {
		if c.ID == open.Comp.ID && (len(c.Tracks) != 1 || c.Tracks[0].Name != "新材料" || c.EntryCount != 0) {
			t.Errorf("open competition on the public list: %+v", c)
		}
	}
	if raw.Total != int64(len(items)) {
		t.Errorf("total %d, items %d", raw.Total, len(items))
	}
}

// TestCompetitionBadInput sends malformed competitions, rounds and pools:
// each answers 400 naming the field, and nothing is written.
func TestCompetitionBadInput(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	f := ts.compCreate(t, admin, service.DemoBaseGDPT, false)
	student := ts.userID(t, admin, "student01")
	comp := func(change func(map[string]any)) map[string]any {
		b := ts.compBody(service.DemoBaseGDPT)
		change(b)
		return b
	}
	round := func(change func(map[string]any)) map[string]any {
		b := map[string]any{"name": "复赛", "sort_order": 5, "kind": "roadshow"}
		change(b)
		return b
	}
	cases := []struct {
		name, method, path string
		body               any
		field              string
	}{
		{"OpensNotRFC3339", "POST", "/api/v1/competitions", comp(func(b map[string]any) { b["registration_opens_at"] = "2026-03-01 08:00" }), "registration_opens_at"},
		{"ClosesBeforeOpens", "POST", "/api/v1/competitions", comp(func(b map[string]any) { b["registration_closes_at"] = "2026-01-01T00:00:00Z" }), "registration_closes_at"},
		{"NoName", "POST", "/api/v1/competitions", comp(func(b map[string]any) { delete(b, "name") }), "name"},
		{"UnknownField", "POST", "/api/v1/competitions", comp(func(b map[string]any) { b["status"] = "open" }), "status"},
		{"TeamTooBig", "POST", "/api/v1/competitions", comp(func(b map[string]any) { b["max_team_size"] = 51 }), "max_team_size"},
		{"UnknownBase", "POST", "/api/v1/competitions", comp(func(b map[string]any) { b["base_id"] = 999 }), "base_id"},
		{"PatchCloses", "PATCH", compPath(f.Comp.ID, ""), map[string]any{"registration_closes_at": "soon", "version": 1}, "registration_closes_at"},
		{"TrackNoName", "POST", compPath(f.Comp.ID, "/tracks"), map[string]any{"description": "x"}, "name"},
		{"MinScoreString", "POST", compPath(f.Comp.ID, "/rounds"), round(func(b map[string]any) { b["advance_min_score"] = "80" }), "advance_min_score"},
		{"MinScoreDecimals", "POST", compPath(f.Comp.ID, "/rounds"), round(func(b map[string]any) { b["advance_min_score"] = 80.125 }), "advance_min_score"},
		{"MinScoreRange", "POST", compPath(f.Comp.ID, "/rounds"), round(func(b map[string]any) { b["advance_min_score"] = 101 }), "advance_min_score"},
		{"Judges16", "POST", compPath(f.Comp.ID, "/rounds"), round(func(b map[string]any) { b["judges_per_entry"] = 16 }), "judges_per_entry"},
		{"Kind", "POST", compPath(f.Comp.ID, "/rounds"), round(func(b map[string]any) { b["kind"] = "vote" }), "kind"},
		{"ScoringWindow", "POST", compPath(f.Comp.ID, "/rounds"), round(func(b map[string]any) {
			b["scoring_opens_at"], b["scoring_closes_at"] = "2026-04-02T00:00:00Z", "2026-04-01T00:00:00Z"
		}), "scoring_closes_at"},
		{"PatchScoringOpens", "PATCH", roundPath(f.Round.ID, ""), map[string]any{"scoring_opens_at": 5, "version": 1}, "scoring_opens_at"},
		{"PoolEmpty", "POST", roundPath(f.Round.ID, "/judges"), map[string]any{"user_ids": []uint{}}, "user_ids"},
		{"PoolStudent", "POST", roundPath(f.Round.ID, "/judges"), map[string]any{"user_ids": []uint{student}}, "user_ids"},
	}
	counts := func() [4]int64 {
		var n [4]int64
		for i, m := range []any{&model.Competition{}, &model.Track{}, &model.Round{}, &model.RoundJudge{}} {
			if err := ts.svc.DB.Model(m).Count(&n[i]).Error; err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	audits := ts.total(t, admin, "/api/v1/audit-logs")
	before := counts()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := expectProblem(t, ts.do(t, c.method, c.path, admin, c.body), http.StatusBadRequest, "invalid")
			if !hasField(p, c.field) {
				t.Errorf("field errors %+v do not name %s", p.Errors, c.field)
			}
		})
	}
	if after := counts(); after != before {
		t.Errorf("rows (competitions, tracks, rounds, pool) %v → %v after bad input", before, after)
	}
	if n := ts.total(t, admin, "/api/v1/audit-logs"); n != audits {
		t.Errorf("audit records %d → %d after bad input", audits, n)
	}

	t.Run("MinScoreRoundTrip", func(t *testing.T) {
		r := expectJSON[service.RoundView](t, ts.do(t, "PATCH", roundPath(f.Round.ID, ""), admin,
			map[string]any{"advance_min_score": 75.5, "scoring_opens_at": "2026-04-01T08:00:00+08:00", "version": f.Round.Version}), http.StatusOK)
		if string(r.AdvanceMinScore) != "75.50" || r.ScoringOpensAt == nil || !r.ScoringOpensAt.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("after patch: min score %s, scoring opens %v", r.AdvanceMinScore, r.ScoringOpensAt)
		}
		rec := ts.do(t, "PATCH", roundPath(f.Round.ID, ""), admin, map[string]any{"advance_min_score": nil, "scoring_opens_at": nil, "version": r.Version})
		cleared := expectJSON[map[string]json.RawMessage](t, rec, http.StatusOK)
		if string(cleared["advance_min_score"]) != "null" || string(cleared["scoring_opens_at"]) != "null" {
			t.Errorf("after clearing: %s", rec.Body)
		}
	})

	t.Run("RegistrationOpenByServerClock", func(t *testing.T) {
		o := ts.compCreate(t, admin, 0, true)
		get := func() bool { // a fresh token: the clock moves past the last one's expiry
			tok := ts.login(t, "student01").AccessToken
			return expectJSON[service.CompetitionView](t, ts.do(t, "GET", compPath(o.Comp.ID, ""), tok, nil), http.StatusOK).RegistrationOpen
		}
		ts.clock.Advance(o.Comp.RegistrationOpensAt.Sub(ts.clock.Now()) - time.Second)
		if get() {
			t.Error("open one second before the window")
		}
		ts.clock.Advance(2 * time.Second)
		if !get() {
			t.Error("closed one second into the window")
		}
	})
}
