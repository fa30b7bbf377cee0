package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"incubator/model"
	"incubator/service"
)

// entryFixture is a competition organised by base GDPT, open for two more
// days, with two tracks.
type entryFixture struct {
	comp   model.Competition
	tracks []model.Track
}

const entryCloseIn = 48 * time.Hour

func (ts *testServer) entryFixture(t *testing.T) entryFixture {
	t.Helper()
	now := ts.clock.Now()
	base := uint(service.DemoBaseGDPT)
	var admin model.User
	noErr(t, ts.svc.DB.Where("username = ?", "admin").Take(&admin).Error)
	f := entryFixture{comp: model.Competition{Name: "接口测试赛", Edition: 1, Year: now.Year(), BaseID: &base, Status: model.CompetitionOpen,
		RegistrationOpensAt: now.Add(-time.Hour), RegistrationClosesAt: now.Add(entryCloseIn),
		MinTeamSize: 3, MaxTeamSize: 15, MaxAdvisors: 3, CreatedBy: admin.ID, Version: 1}}
	noErr(t, ts.svc.DB.Create(&f.comp).Error)
	for i, name := range []string{"创意组", "成长组"} {
		tr := model.Track{CompetitionID: f.comp.ID, Name: name, SortOrder: i + 1}
		noErr(t, ts.svc.DB.Create(&tr).Error)
		f.tracks = append(f.tracks, tr)
	}
	return f
}

func entryPath(id uint, rest string) string { return fmt.Sprintf("/api/v1/entries/%d%s", id, rest) }

func entriesPath(compID uint, rest string) string {
	return fmt.Sprintf("/api/v1/competitions/%d/entries%s", compID, rest)
}

// entryListBody is the list answer with its counts.
type entryListBody struct {
	Items  []service.EntryView  `json:"items"`
	Total  int64                `json:"total"`
	Counts *service.EntryCounts `json:"counts"`
}

func TestEntriesAPI(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	team := ts.login(t, "student01").AccessToken // team X: student01–03
	other := ts.login(t, "student04").AccessToken
	mgr := ts.login(t, "manager_gdpt").AccessToken
	f := ts.entryFixture(t)
	projX := ts.projID(t, admin, "烯导科技·石墨烯导热膜")
	create := map[string]any{"project_id": projX, "track_id": f.tracks[0].ID, "title": "石墨烯导热膜", "summary": "摘要"}

	var entry service.EntryView
	t.Run("OKCreate", func(t *testing.T) {
		entry = expectJSON[service.EntryView](t, ts.do(t, "POST", entriesPath(f.comp.ID, ""), team, create), http.StatusCreated)
		if entry.Status != model.EntryDraft || len(entry.Members) != 3 || entry.Deadline.IsZero() || entry.AllowedActions == nil {
			t.Fatalf("entry = %+v", entry)
		}
		var raw map[string]any
		noErr(t, json.Unmarshal(ts.do(t, "GET", entryPath(entry.ID, ""), team, nil).Body.Bytes(), &raw))
		for _, k := range []string{"competition_name", "project_name", "track_name", "college_name", "status_reason", "submitted_at",
			"deadline", "deadline_extended_to", "locked", "members", "advisors", "materials", "allowed_actions", "version"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("entry JSON lacks %s", k)
			}
		}
	})
	t.Run("ErrConflictProjectEntersOnce", func(t *testing.T) {
		expectProblem(t, ts.do(t, "POST", entriesPath(f.comp.ID, ""), team, create), http.StatusConflict, "conflict")
	})
	t.Run("ErrBadInput", func(t *testing.T) {
		p := expectProblem(t, ts.do(t, "POST", entriesPath(f.comp.ID, ""), team, map[string]any{}), http.StatusBadRequest, "invalid")
		for _, field := range []string{"project_id", "track_id", "title"} {
			if !hasField(p, field) {
				t.Errorf("no field error for %s: %+v", field, p.Errors)
			}
		}
		expectProblem(t, ts.do(t, "POST", entriesPath(f.comp.ID, ""), team, map[string]any{"project_id": projX, "track_id": 1, "title": "x", "status": "qualified"}), http.StatusBadRequest, "invalid")
		p = expectProblem(t, ts.do(t, "PATCH", entryPath(entry.ID, ""), team, map[string]any{"title": "x"}), http.StatusBadRequest, "invalid")
		if !hasField(p, "version") {
			t.Errorf("no version error: %+v", p.Errors)
		}
		p = expectProblem(t, ts.do(t, "PATCH", entryPath(entry.ID, ""), team, map[string]any{"advisor_ids": []int{0}, "version": entry.Version}), http.StatusBadRequest, "invalid")
		if !hasField(p, "advisor_ids[0]") {
			t.Errorf("no advisor_ids[0] error: %+v", p.Errors)
		}
		p = expectProblem(t, ts.do(t, "GET", entriesPath(f.comp.ID, "?status=won&track_id=x"), mgr, nil), http.StatusBadRequest, "invalid")
		if !hasField(p, "track_id") {
			t.Errorf("no track_id error: %+v", p.Errors)
		}
	})
	t.Run("ErrForbiddenByRole", func(t *testing.T) {
		for _, user := range []string{"judge01", "officer"} {
			tok := ts.login(t, user).AccessToken
			expectProblem(t, ts.do(t, "GET", entriesPath(f.comp.ID, ""), tok, nil), http.StatusForbidden, "forbidden")
			expectProblem(t, ts.do(t, "GET", entryPath(entry.ID, ""), tok, nil), http.StatusForbidden, "forbidden")
		}
		expectProblem(t, ts.do(t, "GET", entriesPath(f.comp.ID, ""), ts.login(t, "manager_gdkm").AccessToken, nil), http.StatusForbidden, "forbidden")
		// A college viewer reads (its own college's entries) but never writes.
		viewer := ts.login(t, "viewer_gdpt").AccessToken
		expectProblem(t, ts.do(t, "PATCH", entryPath(entry.ID, ""), viewer, map[string]any{"title": "x", "version": entry.Version}), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "POST", entryPath(entry.ID, "/submit"), viewer, nil), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "POST", entryPath(entry.ID, "/qualify"), team, nil), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "POST", entryPath(entry.ID, "/extension"), mgr, map[string]any{"until": "2030-01-01T00:00:00Z", "reason": "x"}), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "GET", entriesPath(f.comp.ID, ".xlsx"), team, nil), http.StatusForbidden, "forbidden")
	})
	t.Run("ErrNotFoundOtherTeam", func(t *testing.T) {
		expectProblem(t, ts.do(t, "GET", entryPath(entry.ID, ""), other, nil), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "GET", entryPath(entry.ID, ""), ts.login(t, "manager_gdkm").AccessToken, nil), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "POST", entryPath(entry.ID, "/submit"), other, nil), http.StatusNotFound, "not_found")
	})
	t.Run("OKSubmitTwice", func(t *testing.T) {
		p := expectProblem(t, ts.do(t, "POST", entryPath(entry.ID, "/submit"), team, nil), http.StatusBadRequest, "invalid")
		if !hasField(p, "materials.business_plan") || !strings.Contains(p.Errors[0].Message, "upload the business plan first") {
			t.Fatalf("problem = %+v", p)
		}
		noErr(t, ts.svc.DB.Create(&model.Attachment{EntryID: entry.ID, Kind: model.AttachmentBusinessPlan, Version: 1, FileName: "bp.pdf",
			ContentType: "application/pdf", SizeBytes: 1, SHA256: strings.Repeat("0", 64), StorageKey: "entries/test/bp.pdf", UploadedBy: entry.Members[0].UserID}).Error)
		first := expectJSON[service.EntryView](t, ts.do(t, "POST", entryPath(entry.ID, "/submit"), team, nil), http.StatusOK)
		ts.clock.Advance(time.Second)
		second := expectJSON[service.EntryView](t, ts.do(t, "POST", entryPath(entry.ID, "/submit"), ts.login(t, "student02").AccessToken, nil), http.StatusOK)
		if first.Status != model.EntrySubmitted || second.SubmittedAt == nil || !second.SubmittedAt.Equal(*first.SubmittedAt) || first.Materials.BusinessPlan != 1 {
			t.Fatalf("first %+v second %+v", first, second)
		}
		var n int64
		noErr(t, ts.svc.DB.Model(&model.AuditLog{}).Where("action = 'entry.submitted' AND entity_id = ?", fmt.Sprint(entry.ID)).Count(&n).Error)
		if n != 1 {
			t.Fatalf("%d submissions audited", n)
		}
	})
	t.Run("OKListAndCounts", func(t *testing.T) {
		var l entryListBody
		noErr(t, json.Unmarshal(ts.do(t, "GET", entriesPath(f.comp.ID, "?status=submitted"), mgr, nil).Body.Bytes(), &l))
		if l.Total != 1 || l.Counts == nil || l.Counts.ByStatus["submitted"] != 1 || len(l.Counts.ByTrack) != 2 || l.Counts.ByTrack[0].Count != 1 {
			t.Fatalf("organiser list = %+v", l)
		}
		rec := ts.do(t, "GET", entriesPath(f.comp.ID, ""), other, nil)
		if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"counts"`) || ts.total(t, other, entriesPath(f.comp.ID, "")) != 0 {
			t.Fatalf("other team's list: %d %s", rec.Code, rec.Body)
		}
		if ts.total(t, team, entriesPath(f.comp.ID, "?q=石墨烯")) != 1 {
			t.Fatal("team does not find its entry")
		}
	})
	t.Run("OKExport", func(t *testing.T) {
		rec := ts.do(t, "GET", entriesPath(f.comp.ID, ".xlsx"), mgr, nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("export: %d %s", rec.Code, rec.Header())
		}
		cd := rec.Header().Get("Content-Disposition")
		if !strings.HasPrefix(cd, `attachment; filename="`) || !strings.Contains(cd, "filename*=UTF-8''%E6%8E%A5%E5%8F%A3") || strings.ContainsAny(cd, "\r\n") {
			t.Fatalf("Content-Disposition = %q", cd)
		}
		wb, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		noErr(t, err)
		defer wb.Close()
		rows, err := wb.GetRows("Entries")
		noErr(t, err)
		if len(rows) != 2 || rows[1][1] != "石墨烯导热膜" {
			t.Fatalf("rows = %v", rows)
		}
	})
	t.Run("OKQualification", func(t *testing.T) {
		v := expectJSON[service.EntryView](t, ts.do(t, "POST", entryPath(entry.ID, "/qualify"), mgr, nil), http.StatusOK)
		if v.Status != model.EntryQualified {
			t.Fatalf("qualified = %+v", v)
		}
		p := expectProblem(t, ts.do(t, "POST", entryPath(entry.ID, "/disqualify"), mgr, map[string]any{"reason": ""}), http.StatusBadRequest, "invalid")
		if !hasField(p, "reason") {
			t.Fatalf("problem = %+v", p)
		}
		v = expectJSON[service.EntryView](t, ts.do(t, "POST", entryPath(entry.ID, "/disqualify"), mgr, map[string]any{"reason": "材料不符"}), http.StatusOK)
		if v.Status != model.EntryDisqualified || v.StatusReason != "材料不符" {
			t.Fatalf("disqualified = %+v", v)
		}
		expectProblem(t, ts.do(t, "POST", entryPath(entry.ID, "/withdraw"), team, nil), http.StatusUnprocessableEntity, "failed_precondition")
	})
	t.Run("DeadlineAndExtension", func(t *testing.T) {
		y := expectJSON[service.EntryView](t, ts.do(t, "POST", entriesPath(f.comp.ID, ""), other,
			map[string]any{"project_id": ts.projID(t, admin, "巡天智能巡检机器人"), "track_id": f.tracks[1].ID, "title": "巡天"}), http.StatusCreated)
		ts.clock.Advance(entryCloseIn)
		other, admin := ts.login(t, "student04").AccessToken, ts.login(t, "admin").AccessToken // tokens expired with the clock
		patch := map[string]any{"title": "晚了", "version": y.Version}
		p := expectProblem(t, ts.do(t, "PATCH", entryPath(y.ID, ""), other, patch), http.StatusUnprocessableEntity, "failed_precondition")
		if !strings.Contains(p.Detail, f.comp.RegistrationClosesAt.UTC().Format(time.RFC3339)) {
			t.Fatalf("detail %q does not name the deadline", p.Detail)
		}
		for _, body := range []map[string]any{
			{"until": "tomorrow", "reason": "x"},
			{"until": ts.clock.Now().Add(-time.Minute).Format(time.RFC3339), "reason": "x"},
		} {
			p := expectProblem(t, ts.do(t, "POST", entryPath(y.ID, "/extension"), admin, body), http.StatusBadRequest, "invalid")
			if !hasField(p, "until") {
				t.Fatalf("problem = %+v", p)
			}
		}
		until := ts.clock.Now().Add(6 * time.Hour).Format(time.RFC3339)
		v := expectJSON[service.EntryView](t, ts.do(t, "POST", entryPath(y.ID, "/extension"), admin, map[string]any{"until": until, "reason": "网络故障"}), http.StatusOK)
		if v.DeadlineExtendedTo == nil || v.Locked {
			t.Fatalf("extended = %+v", v)
		}
		patch["version"] = v.Version
		if u := expectJSON[service.EntryView](t, ts.do(t, "PATCH", entryPath(y.ID, ""), other, patch), http.StatusOK); u.Title != "晚了" {
			t.Fatalf("updated = %+v", u)
		}
	})
}
