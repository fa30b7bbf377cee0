package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"incubator/model"
)

func collegePath(id uint) string { return fmt.Sprintf("/api/v1/colleges/%d", id) }

func TestColleges(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin").AccessToken
	student := ts.login(t, "student04").AccessToken

	t.Run("OK", func(t *testing.T) {
		before := ts.total(t, student, "/api/v1/colleges")
		if before != 10 {
			t.Fatalf("demo colleges = %d, want 10", before)
		}
		c := expectJSON[model.College](t, ts.do(t, "POST", "/api/v1/colleges", admin,
			map[string]string{"name": "清远测试学院", "short_name": "清测", "code": "QYTEST", "city": "清远"}), http.StatusCreated)
		if c.ID == 0 || c.Name != "清远测试学院" || c.Version != 1 {
			t.Fatalf("created = %+v", c)
		}
		// Every signed-in user reads colleges.
		got := expectJSON[model.College](t, ts.do(t, "GET", collegePath(c.ID), student, nil), http.StatusOK)
		if got.Code != "QYTEST" || got.ShortName != "清测" {
			t.Fatalf("got = %+v", got)
		}
		found := expectJSON[list[model.College]](t, ts.do(t, "GET", "/api/v1/colleges?q=QYTEST", student, nil), http.StatusOK)
		if found.Total != 1 || found.Items[0].ID != c.ID {
			t.Fatalf("search = %+v", found)
		}
		updated := expectJSON[model.College](t, ts.do(t, "PATCH", collegePath(c.ID), admin, map[string]any{"city": "广州", "version": 1}), http.StatusOK)
		if updated.City != "广州" || updated.Name != c.Name || updated.Version != 2 {
			t.Fatalf("updated = %+v", updated)
		}
		if n := ts.total(t, student, "/api/v1/colleges"); n != before+1 {
			t.Fatalf("colleges after create = %d", n)
		}
		sorted := expectJSON[list[model.College]](t, ts.do(t, "GET", "/api/v1/colleges?sort=-id&page_size=2", student, nil), http.StatusOK)
		if sorted.Items[0].ID != c.ID || sorted.PageSize != 2 {
			t.Fatalf("sort=-id: %+v", sorted)
		}
	})

	t.Run("ErrConflictStaleVersion", func(t *testing.T) {
		expectJSON[model.College](t, ts.do(t, "PATCH", collegePath(5), admin, map[string]any{"city": "A", "version": 1}), http.StatusOK)
		p := expectProblem(t, ts.do(t, "PATCH", collegePath(5), admin, map[string]any{"city": "B", "version": 1}), http.StatusConflict, "conflict")
		if !hasField(p, "version") {
			t.Errorf("errors = %+v", p.Errors)
		}
		if got := expectJSON[model.College](t, ts.do(t, "GET", collegePath(5), admin, nil), http.StatusOK); got.City != "A" || got.Version != 2 {
			t.Fatalf("after stale write: %+v", got)
		}
	})

	t.Run("ErrNameTaken", func(t *testing.T) {
		first := expectJSON[model.College](t, ts.do(t, "GET", collegePath(1), admin, nil), http.StatusOK)
		p := expectProblem(t, ts.do(t, "POST", "/api/v1/colleges", admin, map[string]string{"name": first.Name}), http.StatusBadRequest, "invalid")
		if !hasField(p, "name") {
			t.Errorf("errors = %+v", p.Errors)
		}
		second := expectJSON[model.College](t, ts.do(t, "GET", collegePath(2), admin, nil), http.StatusOK)
		p = expectProblem(t, ts.do(t, "PATCH", collegePath(2), admin, map[string]any{"name": first.Name, "version": second.Version}), http.StatusBadRequest, "invalid")
		if !hasField(p, "name") {
			t.Errorf("errors = %+v", p.Errors)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		p := expectProblem(t, ts.do(t, "PATCH", collegePath(3), admin, map[string]any{"name": ""}), http.StatusBadRequest, "invalid")
		if !hasField(p, "version") {
			t.Errorf("errors = %+v", p.Errors)
		}
		p = expectProblem(t, ts.do(t, "POST", "/api/v1/colleges", admin, map[string]string{"name": strings.Repeat("学", 101)}), http.StatusBadRequest, "invalid")
		if !hasField(p, "name") {
			t.Errorf("errors = %+v", p.Errors)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		expectProblem(t, ts.do(t, "GET", collegePath(999999), student, nil), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "GET", "/api/v1/colleges/xyz", student, nil), http.StatusNotFound, "not_found")
		expectProblem(t, ts.do(t, "PATCH", collegePath(999999), admin, map[string]any{"city": "x", "version": 1}), http.StatusNotFound, "not_found")
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		expectProblem(t, ts.do(t, "POST", "/api/v1/colleges", student, map[string]string{"name": "学生学院"}), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.do(t, "PATCH", collegePath(1), student, map[string]any{"city": "x", "version": 1}), http.StatusForbidden, "forbidden")
		manager := ts.login(t, "manager_gdpt").AccessToken
		expectProblem(t, ts.do(t, "POST", "/api/v1/colleges", manager, map[string]string{"name": "基地学院"}), http.StatusForbidden, "forbidden")
	})
}
