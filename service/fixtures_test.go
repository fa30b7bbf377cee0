package service_test

import (
	"context"
	"slices"
	"testing"

	"incubator/model"
	"incubator/service"
)

var ctx = context.Background()

// actorOf returns the actor of a demo (or test-created) user as
// Auth.Authenticate would build it.
func actorOf(t testing.TB, svc *service.Services, username string) service.Actor {
	t.Helper()
	var u model.User
	if err := svc.DB.Where("username = ?", username).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return service.Actor{UserID: u.ID, Username: u.Username, CollegeID: u.CollegeID, Roles: svc.Authz.RolesOf(u.ID), RequestID: "req-test", IP: "192.0.2.1"}
}

func userID(t testing.TB, svc *service.Services, username string) uint {
	t.Helper()
	return actorOf(t, svc, username).UserID
}

func userByName(t testing.TB, svc *service.Services, username string) model.User {
	t.Helper()
	var u model.User
	if err := svc.DB.Where("username = ?", username).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return u
}

func auditCount(t testing.TB, svc *service.Services) int64 {
	t.Helper()
	var n int64
	if err := svc.DB.Model(&model.AuditLog{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// lastAudit returns the newest audit record.
func lastAudit(t testing.TB, svc *service.Services) model.AuditLog {
	t.Helper()
	var r model.AuditLog
	if err := svc.DB.Order("seq DESC").First(&r).Error; err != nil {
		t.Fatal(err)
	}
	return r
}

// wantCode fails unless err carries the code.
func wantCode(t testing.TB, err error, code model.Code) {
	t.Helper()
	if got := model.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// wantFields fails unless err is invalid with exactly these field names.
func wantFields(t testing.TB, err error, fields ...string) {
	t.Helper()
	wantCode(t, err, model.CodeInvalid)
	var got []string
	for _, f := range model.AsError(err).Fields {
		got = append(got, f.Field)
	}
	if !slices.Equal(got, fields) {
		t.Fatalf("field errors = %v, want %v (%v)", got, fields, err)
	}
}

// wantAuditDelta fails unless the audit log grew by exactly n since before.
func wantAuditDelta(t testing.TB, svc *service.Services, before, n int64) {
	t.Helper()
	if got := auditCount(t, svc) - before; got != n {
		t.Fatalf("audit records written = %d, want %d", got, n)
	}
}
