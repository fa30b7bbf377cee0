package api

import (
	"fmt"
	"net/http"
	"testing"

	"incubator/model"
	"incubator/service"
)

// spaceIDs are objects of one demo base, looked up as admin.
type spaceIDs struct {
	base, zone, room, desk uint
	deskVersion            int
	baseVersion            int
}

func lookupSpace(t *testing.T, ts *testServer, admin string, baseID uint) spaceIDs {
	t.Helper()
	ids := spaceIDs{base: baseID}
	ids.baseVersion = expectJSON[service.BaseView](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d", baseID), admin, nil), http.StatusOK).Version
	zones := expectJSON[list[service.ZoneView]](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d/zones?kind=maker_incubation", baseID), admin, nil), http.StatusOK)
	if len(zones.Items) != 1 {
		t.Fatalf("base %d maker zones = %+v", baseID, zones.Items)
	}
	ids.zone = zones.Items[0].ID
	rooms := expectJSON[list[service.RoomView]](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/zones/%d/rooms", ids.zone), admin, nil), http.StatusOK)
	ids.room = rooms.Items[0].ID
	desks := expectJSON[list[service.WorkstationView]](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/rooms/%d/workstations?status=free&sort=-code", ids.room), admin, nil), http.StatusOK)
	ids.desk, ids.deskVersion = desks.Items[0].ID, desks.Items[0].Version
	return ids
}

// TestSpacesAccess is the base-scoping matrix: every spaces route for an
// admin, the manager of base 2 on base 2 and on base 3, a student, a
// college viewer and a policy officer.
func TestSpacesAccess(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	own, other := lookupSpace(t, ts, admin, service.DemoBaseGDPT), lookupSpace(t, ts, admin, service.DemoBaseGDKM)
	tokens := map[string]string{"admin": admin}
	for _, u := range []string{"manager_gdpt", "student01", "viewer_gdpt", "officer"} {
		tokens[u] = ts.login(t, u).AccessToken
	}
	n := 0
	uniq := func(prefix string) string { n++; return fmt.Sprintf("%s%d", prefix, n) }
	zone := func() map[string]any {
		return map[string]any{"name": uniq("区"), "kind": "custom", "space_type": "office", "area_m2": 0}
	}
	room := func() map[string]any { return map[string]any{"name": uniq("室"), "capacity": 4} }
	desk := func() map[string]any { return map[string]any{"code": uniq("D")} }
	base := func() map[string]any {
		return map[string]any{"name": uniq("基地"), "kind": "headquarters", "area_m2": 100}
	}
	addr := func(v int) map[string]any { return map[string]any{"address": uniq("地址"), "version": v} }

	type call struct {
		who          string
		method, path string
		body         func() map[string]any
		status       int
		code         string
	}
	p := func(f string, a ...any) string { return "/api/v1" + fmt.Sprintf(f, a...) }
	var calls []call
	for _, who := range []string{"admin", "manager_gdpt", "student01", "viewer_gdpt", "officer"} {
		calls = append(calls,
			call{who, "GET", p("/bases"), nil, 200, ""},
			call{who, "GET", p("/bases/%d", other.base), nil, 200, ""},
			call{who, "GET", p("/bases/%d/zones", other.base), nil, 200, ""},
			call{who, "GET", p("/bases/999"), nil, 404, "not_found"},
		)
	}
	forbidden := func(who string) []call {
		return []call{
			{who, "POST", p("/bases"), base, 403, "forbidden"},
			{who, "PATCH", p("/bases/%d", own.base), func() map[string]any { return addr(own.baseVersion) }, 403, "forbidden"},
			{who, "POST", p("/bases/%d/zones", own.base), zone, 403, "forbidden"},
			{who, "GET", p("/zones/%d/rooms", own.zone), nil, 403, "forbidden"},
			{who, "POST", p("/zones/%d/rooms", own.zone), room, 403, "forbidden"},
			{who, "GET", p("/rooms/%d/workstations", own.room), nil, 403, "forbidden"},
			{who, "POST", p("/rooms/%d/workstations", own.room), desk, 403, "forbidden"},
			{who, "PATCH", p("/workstations/%d", own.desk), func() map[string]any { return map[string]any{"status": "reserved", "version": own.deskVersion} }, 403, "forbidden"},
			{who, "GET", p("/bases/%d/workstations", own.base), nil, 403, "forbidden"},
		}
	}
	calls = append(calls, forbidden("student01")...)
	calls = append(calls, forbidden("viewer_gdpt")...)
	calls = append(calls, forbidden("officer")[:8]...) // officers may read occupancy, below
	for _, who := range []string{"student01", "viewer_gdpt"} {
		calls = append(calls, call{who, "GET", p("/bases/%d/occupancy", own.base), nil, 403, "forbidden"})
	}
	calls = append(calls,
		call{"officer", "GET", p("/bases/%d/occupancy", other.base), nil, 200, ""},
		call{"officer", "GET", p("/bases/%d/workstations", own.base), nil, 403, "forbidden"},

		call{"manager_gdpt", "POST", p("/bases"), base, 403, "forbidden"},
		call{"manager_gdpt", "PATCH", p("/bases/%d", own.base), func() map[string]any { return addr(own.baseVersion) }, 200, ""},
		call{"manager_gdpt", "PATCH", p("/bases/%d", other.base), func() map[string]any { return addr(other.baseVersion) }, 403, "forbidden"},
		call{"manager_gdpt", "PATCH", p("/bases/%d", own.base), func() map[string]any { return map[string]any{"kind": "headquarters", "version": own.baseVersion + 1} }, 403, "forbidden"},
		call{"manager_gdpt", "GET", p("/bases/%d/occupancy", own.base), nil, 200, ""},
		call{"manager_gdpt", "GET", p("/bases/%d/occupancy", other.base), nil, 403, "forbidden"},
		call{"manager_gdpt", "POST", p("/bases/%d/zones", own.base), zone, 201, ""},
		call{"manager_gdpt", "POST", p("/bases/%d/zones", other.base), zone, 403, "forbidden"},
		call{"manager_gdpt", "GET", p("/zones/%d/rooms", own.zone), nil, 200, ""},
		call{"manager_gdpt", "GET", p("/zones/%d/rooms", other.zone), nil, 404, "not_found"},
		call{"manager_gdpt", "POST", p("/zones/%d/rooms", own.zone), room, 201, ""},
		call{"manager_gdpt", "POST", p("/zones/%d/rooms", other.zone), room, 403, "forbidden"},
		call{"manager_gdpt", "GET", p("/rooms/%d/workstations", own.room), nil, 200, ""},
		call{"manager_gdpt", "GET", p("/rooms/%d/workstations", other.room), nil, 404, "not_found"},
		call{"manager_gdpt", "POST", p("/rooms/%d/workstations", own.room), desk, 201, ""},
		call{"manager_gdpt", "POST", p("/rooms/%d/workstations", other.room), desk, 404, "not_found"},
		call{"manager_gdpt", "PATCH", p("/workstations/%d", own.desk), func() map[string]any { return map[string]any{"status": "reserved", "version": own.deskVersion} }, 200, ""},
		call{"manager_gdpt", "PATCH", p("/workstations/%d", other.desk), func() map[string]any { return map[string]any{"status": "reserved", "version": other.deskVersion} }, 404, "not_found"},
		call{"manager_gdpt", "GET", p("/bases/%d/workstations", own.base), nil, 200, ""},
		call{"manager_gdpt", "GET", p("/bases/%d/workstations", other.base), nil, 404, "not_found"},

		call{"admin", "POST", p("/bases"), base, 201, ""},
		call{"admin", "PATCH", p("/bases/%d", other.base), func() map[string]any { return addr(other.baseVersion) }, 200, ""},
		call{"admin", "GET", p("/bases/%d/occupancy", other.base), nil, 200, ""},
		call{"admin", "POST", p("/bases/%d/zones", other.base), zone, 201, ""},
		call{"admin", "GET", p("/zones/%d/rooms", other.zone), nil, 200, ""},
		call{"admin", "POST", p("/zones/%d/rooms", other.zone), room, 201, ""},
		call{"admin", "GET", p("/rooms/%d/workstations", other.room), nil, 200, ""},
		call{"admin", "POST", p("/rooms/%d/workstations", other.room), desk, 201, ""},
		call{"admin", "PATCH", p("/workstations/%d", other.desk), func() map[string]any { return map[string]any{"status": "out_of_service", "version": other.deskVersion} }, 200, ""},
		call{"admin", "GET", p("/bases/%d/workstations", other.base), nil, 200, ""},
		call{"admin", "GET", p("/zones/999999/rooms"), nil, 404, "not_found"},
		call{"admin", "PATCH", p("/workstations/999999"), func() map[string]any { return map[string]any{"status": "free", "version": 1} }, 404, "not_found"},
	)
	for _, c := range calls {
		name := c.who + " " + c.method + " " + c.path
		if c.status < 300 {
			name = "OK " + name
		} else {
			name = map[int]string{403: "ErrForbidden ", 404: "ErrNotFound "}[c.status] + name
		}
		t.Run(name, func(t *testing.T) {
			var body any
			if c.body != nil {
				body = c.body()
			}
			rec := ts.do(t, c.method, c.path, tokens[c.who], body)
			if c.code != "" {
				expectProblem(t, rec, c.status, c.code)
			} else if rec.Code != c.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, c.status, rec.Body)
			}
		})
	}
}

func TestSpacesViews(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	own := lookupSpace(t, ts, admin, service.DemoBaseGDPT)

	t.Run("Base", func(t *testing.T) {
		b := expectJSON[map[string]any](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d", own.base), ts.login(t, "student01").AccessToken, nil), http.StatusOK)
		for _, k := range []string{"id", "name", "kind", "host_college_id", "host_college_name", "address", "area_m2", "description", "managers",
			"zone_count", "workstation_count", "version", "created_at", "updated_at"} {
			if _, ok := b[k]; !ok {
				t.Errorf("base view lacks %q: %v", k, b)
			}
		}
		ms, _ := b["managers"].([]any)
		if len(ms) != 1 || ms[0].(map[string]any)["username"] != "manager_gdpt" {
			t.Fatalf("managers = %v", b["managers"])
		}
	})

	t.Run("Occupancy", func(t *testing.T) {
		o := expectJSON[map[string]any](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d/occupancy", own.base), admin, nil), http.StatusOK)
		ws, _ := o["workstations"].(map[string]any)
		area, _ := o["area_by_space_type"].(map[string]any)
		if ws["total"] != float64(40) || area["incubatee"] != float64(1200) || o["area_m2"] != float64(2600) {
			t.Fatalf("occupancy = %v", o)
		}
		for _, k := range []string{"base_id", "incubatees", "incubatees_per_1000m2", "utilisation"} {
			if _, ok := o[k]; !ok {
				t.Errorf("occupancy lacks %q", k)
			}
		}
	})

	t.Run("Grid", func(t *testing.T) {
		g := expectJSON[spaceItems[service.GridWorkstation]](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d/workstations?zone_id=%d", own.base, own.zone), admin, nil), http.StatusOK)
		if len(g.Items) != 40 || g.Items[0].Code != "GDPT-A01" || g.Items[0].ZoneID != own.zone {
			t.Fatalf("grid = %d items, first %+v", len(g.Items), g.Items)
		}
		expectProblem(t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d/workstations?zone_id=x", own.base), admin, nil), 400, "invalid")
	})

	t.Run("BulkCreate", func(t *testing.T) {
		rec := ts.do(t, "POST", fmt.Sprintf("/api/v1/rooms/%d/workstations", own.room), admin, map[string]any{"prefix": "A-", "count": 12})
		got := expectJSON[spaceItems[service.WorkstationView]](t, rec, http.StatusCreated)
		var codes []string
		for _, w := range got.Items {
			codes = append(codes, w.Code)
		}
		if len(codes) != 12 || codes[0] != "A-01" || codes[11] != "A-12" {
			t.Fatalf("codes = %v", codes)
		}
	})
}

// spaceCounts is what a refused spaces request must leave unchanged.
type spaceCounts struct {
	Bases, Zones, Audit int64
	BaseVersion         int
}

func TestSpacesBadInput(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	manager := ts.login(t, "manager_gdpt").AccessToken
	own := lookupSpace(t, ts, admin, service.DemoBaseGDPT)
	zonesPath := fmt.Sprintf("/api/v1/bases/%d/zones", own.base)
	counts := func(t *testing.T) spaceCounts {
		t.Helper()
		return spaceCounts{
			Bases: ts.total(t, admin, "/api/v1/bases"), Zones: ts.total(t, admin, zonesPath), Audit: ts.total(t, admin, "/api/v1/audit-logs"),
			BaseVersion: expectJSON[service.BaseView](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d", own.base), admin, nil), http.StatusOK).Version,
		}
	}
	before := counts(t)
	// an occupied desk: set by admission, as the residency feature does
	if err := ts.svc.DB.Model(&model.Workstation{}).Where("id = ?", own.desk).Update("status", model.WorkstationOccupied).Error; err != nil {
		t.Fatal(err)
	}
	deskPath := fmt.Sprintf("/api/v1/workstations/%d", own.desk)
	free := expectJSON[spaceItems[service.GridWorkstation]](t, ts.do(t, "GET", fmt.Sprintf("/api/v1/bases/%d/workstations?status=free", own.base), admin, nil), http.StatusOK).Items
	if len(free) == 0 {
		t.Fatal("no free desk in the demo base")
	}
	freeDesk := free[0]
	for _, tc := range []struct {
		name         string
		method, path string
		body         any
		status       int
		code         string
		fields       []string
	}{
		{"NegativeArea", "POST", zonesPath, map[string]any{"name": "负", "kind": "custom", "space_type": "office", "area_m2": -1}, 400, "invalid", []string{"area_m2"}},
		{"UnknownKind", "POST", zonesPath, map[string]any{"name": "怪", "kind": "dungeon", "space_type": "office"}, 400, "invalid", []string{"kind"}},
		{"ZoneAreaOverflow", "POST", zonesPath, map[string]any{"name": "溢", "kind": "custom", "space_type": "office", "area_m2": 1}, 422, "failed_precondition", nil},
		{"DuplicateZone", "POST", zonesPath, map[string]any{"name": "路演中心", "kind": "roadshow", "space_type": "public_service"}, 400, "invalid", []string{"name"}},
		{"MissingFields", "POST", zonesPath, `{}`, 400, "invalid", []string{"name", "kind", "space_type"}},
		{"BaseNegativeArea", "POST", "/api/v1/bases", map[string]any{"name": "负基地", "kind": "headquarters", "area_m2": -5}, 400, "invalid", []string{"area_m2"}},
		{"BaseUnknownKind", "POST", "/api/v1/bases", map[string]any{"name": "怪基地", "kind": "castle"}, 400, "invalid", []string{"kind"}},
		{"BaseUnknownCollege", "POST", "/api/v1/bases", map[string]any{"name": "无校基地", "kind": "campus", "host_college_id": 99999}, 400, "invalid", []string{"host_college_id"}},
		{"BaseAreaBelowZones", "PATCH", fmt.Sprintf("/api/v1/bases/%d", own.base), map[string]any{"area_m2": 100, "version": before.BaseVersion}, 422, "failed_precondition", nil},
		{"BaseUnknownField", "PATCH", fmt.Sprintf("/api/v1/bases/%d", own.base), map[string]any{"id": 7, "version": before.BaseVersion}, 400, "invalid", []string{"id"}},
		{"OccupiedMoveOut", "PATCH", deskPath, map[string]any{"status": "free", "version": own.deskVersion}, 422, "failed_precondition", nil},
		{"OccupiedMoveIn", "PATCH", fmt.Sprintf("/api/v1/workstations/%d", freeDesk.ID), map[string]any{"status": "occupied", "version": freeDesk.Version}, 422, "failed_precondition", nil},
		{"NoCodeNoCount", "POST", fmt.Sprintf("/api/v1/rooms/%d/workstations", own.room), `{}`, 400, "invalid", []string{"count"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := manager
			if tc.path == "/api/v1/bases" {
				tok = admin // only admins add bases
			}
			p := expectProblem(t, ts.do(t, tc.method, tc.path, tok, tc.body), tc.status, tc.code)
			for _, f := range tc.fields {
				if !hasField(p, f) {
					t.Errorf("no field error on %q: %+v", f, p.Errors)
				}
			}
			if tc.fields == nil && len(p.Errors) != 0 {
				t.Errorf("unexpected field errors %+v", p.Errors)
			}
		})
	}
	if after := counts(t); after != before {
		t.Fatalf("refused requests changed data: %+v → %+v", before, after)
	}
	var desk model.Workstation
	ts.svc.DB.Take(&desk, own.desk)
	if desk.Status != model.WorkstationOccupied || desk.Version != own.deskVersion {
		t.Fatalf("desk = %+v", desk)
	}
}
