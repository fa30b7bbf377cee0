package service_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"incubator/model"
	"incubator/service"
)

func TestEntryList(t *testing.T) {
	w := newEntWorld(t)
	x := w.create(t, "student01", w.projX)
	y := w.create(t, "student04", w.projY)
	track := w.tracks[1].ID
	if _, err := w.svc.Entries.Update(ctx, w.actor(t, "student04"), y.ID, service.EntryUpdate{TrackID: &track, Version: y.Version}); err != nil {
		t.Fatal(err)
	}
	mgr := w.actor(t, "manager_gdpt")
	ids := func(l service.EntryList) string {
		var s []string
		for _, v := range l.Items {
			s = append(s, fmt.Sprint(v.ID))
		}
		return strings.Join(s, ",")
	}
	cases := []struct {
		name string
		f    service.EntryFilter
		want []uint
	}{
		{"All", service.EntryFilter{}, []uint{x.ID, y.ID}},
		{"Track", service.EntryFilter{TrackID: &track}, []uint{y.ID}},
		{"QTitle", service.EntryFilter{Q: "烯导"}, []uint{x.ID}},
		{"QProjectName", service.EntryFilter{Q: "巡天智能"}, []uint{y.ID}},
		{"QLikeIsEscaped", service.EntryFilter{Q: "%"}, nil},
		{"Status", service.EntryFilter{Status: model.EntrySubmitted}, nil},
		{"SortDesc", service.EntryFilter{Page: model.Page{Sort: "-id"}}, []uint{y.ID, x.ID}},
	}
	for _, c := range cases {
		t.Run("OK"+c.name, func(t *testing.T) {
			l, err := w.svc.Entries.List(ctx, mgr, w.comp.ID, c.f)
			want := make([]string, len(c.want))
			for i, id := range c.want {
				want[i] = fmt.Sprint(id)
			}
			if err != nil || ids(l) != strings.Join(want, ",") || l.Total != int64(len(c.want)) {
				t.Fatalf("list = [%s] (%d), %v; want %v", ids(l), l.Total, err, c.want)
			}
			if l.Counts == nil || len(l.Counts.ByTrack) != 2 || l.Counts.ByTrack[0].Count != 1 || l.Counts.ByTrack[1].Count != 1 ||
				l.Counts.ByStatus[model.EntryDraft] != 2 || l.Counts.ByStatus[model.EntryQualified] != 0 ||
				len(l.Counts.ByCollege) != 1 || l.Counts.ByCollege[0].Count != 2 || l.Counts.ByCollege[0].Name != "广东工程职业技术学院" {
				t.Fatalf("counts = %+v", l.Counts)
			}
		})
	}
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := w.svc.Entries.List(ctx, mgr, w.comp.ID, service.EntryFilter{Page: model.Page{Sort: "password"}})
		wantFields(t, err, "sort")
		_, err = w.svc.Entries.List(ctx, mgr, w.comp.ID, service.EntryFilter{Status: "won"})
		wantFields(t, err, "status")
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := w.svc.Entries.List(ctx, mgr, 999999, service.EntryFilter{})
		wantCode(t, err, model.CodeNotFound)
	})
}

// readWorkbook opens an exported workbook and returns the rows of a sheet.
func readWorkbook(t testing.TB, r io.Reader, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(r)
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("rows of %s: %v", sheet, err)
	}
	return rows
}

func TestEntryExport(t *testing.T) {
	w := newEntWorld(t)
	x := w.ready(t)
	w.addPlan(t, x.ID, 2)
	if _, err := w.svc.Entries.Submit(ctx, w.actor(t, "student01"), x.ID); err != nil {
		t.Fatal(err)
	}
	w.create(t, "student04", w.projY)
	t.Run("OK", func(t *testing.T) {
		xp, err := w.svc.Entries.Export(ctx, w.actor(t, "manager_gdpt"), w.comp.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer xp.Close()
		var buf bytes.Buffer
		if _, err := xp.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if xp.Rows != 2 || !strings.HasPrefix(xp.Filename, "报名测试赛-") || !strings.HasSuffix(xp.Filename, ".xlsx") {
			t.Fatalf("export %d rows named %q", xp.Rows, xp.Filename)
		}
		rows := readWorkbook(t, bytes.NewReader(buf.Bytes()), "Entries")
		if len(rows) != 1+2 || rows[0][0] != "编号 ID" {
			t.Fatalf("%d rows, header %v", len(rows), rows[0])
		}
		first := strings.Join(rows[1], "|")
		for _, want := range []string{fmt.Sprint(x.ID), "创意组", "广东工程职业技术学院", "submitted", "business_plan v1, business_plan v2"} {
			if !strings.Contains(first, want) {
				t.Errorf("row %q lacks %q", first, want)
			}
		}
		if leader := rows[1][8]; leader != userByName(t, w.svc, "student01").Name {
			t.Errorf("leader = %q", leader)
		}
		if members := rows[1][9]; strings.Count(members, "(GDPT") != 3 {
			t.Errorf("members = %q", members)
		}
		counts := readWorkbook(t, bytes.NewReader(buf.Bytes()), "Counts")
		if len(counts) < 6 || counts[1][0] != "创意组" || counts[1][1] != "2" || counts[2][1] != "0" {
			t.Fatalf("counts sheet = %v", counts)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for _, user := range []string{"manager_gdkm", "student01", "judge01"} {
			_, err := w.svc.Entries.Export(ctx, w.actor(t, user), w.comp.ID)
			wantCode(t, err, model.CodeForbidden)
		}
	})
}
