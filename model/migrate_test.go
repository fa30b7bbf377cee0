package model_test

import (
	"context"
	"testing"

	"incubator/model"
	"incubator/model/testdb"
)

func TestMigrateIsIdempotentAndComplete(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	done, err := model.MigrationsDone(ctx, db)
	if err != nil || !done {
		t.Fatalf("MigrationsDone = %v, %v; want true", done, err)
	}
	if err := model.Migrate(ctx, db); err != nil {
		t.Fatalf("second Migrate must be a no-op: %v", err)
	}
	for _, table := range []string{"users", "colleges", "refresh_tokens", "casbin_rule", "audit_logs", "audit_heads"} {
		if !db.Migrator().HasTable(table) {
			t.Errorf("table %s missing", table)
		}
	}
	var n int64
	db.Model(&model.CasbinRule{}).Where("ptype = 'p' AND v0 = ?", model.RoleAdmin).Count(&n)
	if n == 0 {
		t.Fatal("route policies were not seeded by the migration")
	}
}

func TestTranslateDBError(t *testing.T) {
	db := testdb.Open(t)
	if err := db.Create(&model.College{Name: "A"}).Error; err != nil {
		t.Fatal(err)
	}
	err := model.TranslateDBError(db.Create(&model.College{Name: "A"}).Error, "college")
	if model.ErrorCode(err) != model.CodeConflict {
		t.Fatalf("duplicate: got %v, want conflict", err)
	}
	bad := uint(999)
	err = model.TranslateDBError(db.Create(&model.User{Username: "x", PasswordHash: "h", Name: "x", Status: model.UserActive, CollegeID: &bad}).Error, "user")
	if model.ErrorCode(err) != model.CodeFailedPrecondition {
		t.Fatalf("foreign key: got %v, want failed_precondition", err)
	}
	var c model.College
	err = model.TranslateDBError(db.First(&c, 12345).Error, "college")
	if model.ErrorCode(err) != model.CodeNotFound {
		t.Fatalf("missing row: got %v, want not_found", err)
	}
}

func TestOrderByRejectsUnknownField(t *testing.T) {
	_, err := model.OrderBy("-password_hash", map[string]string{"name": "name"}, "id")
	e := model.AsError(err)
	if e.Code != model.CodeInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "sort" {
		t.Fatalf("got %+v", e)
	}
}

func TestPageNormalize(t *testing.T) {
	p := model.Page{Page: -1, PageSize: 1000}.Normalize()
	if p.Page != 1 || p.PageSize != model.MaxPageSize {
		t.Fatalf("got %+v", p)
	}
}
