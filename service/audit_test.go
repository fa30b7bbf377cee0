package service_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// record appends one audit entry in its own transaction, as a use case does.
func record(t testing.TB, svc *service.Services, actor service.Actor, action string) {
	t.Helper()
	err := model.Transaction(ctx, svc.DB, func(tx *gorm.DB) error {
		return svc.Audit.Record(tx, actor, service.AuditEntry{Action: action, Entity: "test", EntityID: 7,
			Before: map[string]int{"n": 1}, After: map[string]int{"n": 2}})
	})
	if err != nil {
		t.Fatalf("record %s: %v", action, err)
	}
}

// chain returns every audit record in sequence order.
func chain(t testing.TB, svc *service.Services) []model.AuditLog {
	t.Helper()
	var logs []model.AuditLog
	if err := svc.DB.Order("seq").Find(&logs).Error; err != nil {
		t.Fatal(err)
	}
	return logs
}

// wantLinkedChain checks seq 1..n, genesis start, prev links and the head.
func wantLinkedChain(t testing.TB, svc *service.Services, logs []model.AuditLog) {
	t.Helper()
	prev := model.GenesisHash
	for i, r := range logs {
		if r.Seq != int64(i+1) {
			t.Fatalf("record %d has seq %d, want %d", i, r.Seq, i+1)
		}
		if r.PrevHash != prev {
			t.Fatalf("record seq %d links to %s, want %s", r.Seq, r.PrevHash, prev)
		}
		if len(r.Hash) != 64 || r.Hash == prev {
			t.Fatalf("record seq %d has hash %q", r.Seq, r.Hash)
		}
		prev = r.Hash
	}
	var head model.AuditHead
	if err := svc.DB.First(&head, 1).Error; err != nil {
		t.Fatal(err)
	}
	if head.Seq != int64(len(logs)) || head.Hash != prev {
		t.Fatalf("head = (%d, %s), want (%d, %s)", head.Seq, head.Hash, len(logs), prev)
	}
}

func wantVerified(t testing.TB, svc *service.Services, checked int) {
	t.Helper()
	v, err := svc.Audit.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !v.OK || v.Checked != int64(checked) || v.BrokenAtID != nil {
		t.Fatalf("Verify = %+v, want OK with %d checked", v, checked)
	}
}

func TestAuditRecord(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, clock := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		for i := range 5 {
			clock.Advance(time.Second + 1234567*time.Nanosecond) // sub-millisecond part is dropped
			record(t, svc, admin, fmt.Sprintf("test.step%d", i))
		}
		logs := chain(t, svc)
		if len(logs) != 6 { // seed.demo + 5
			t.Fatalf("chain has %d records, want 6", len(logs))
		}
		wantLinkedChain(t, svc, logs)
		wantVerified(t, svc, 6)

		last := logs[5]
		if last.ActorID == nil || *last.ActorID != admin.UserID || last.ActorName != "admin" ||
			last.Action != "test.step4" || last.Entity != "test" || last.EntityID != "7" ||
			last.Before != `{"n":1}` || last.After != `{"n":2}` || last.RequestID != "req-test" || last.IP != "192.0.2.1" {
			t.Fatalf("stored record = %+v", last)
		}
		if want := clock.Now().Truncate(time.Millisecond); !last.CreatedAt.Equal(want) {
			t.Fatalf("created_at = %v, want %v", last.CreatedAt, want)
		}
	})

	t.Run("OKSystemActor", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		record(t, svc, service.SystemActor("cli"), "test.cli")
		r := lastAudit(t, svc)
		if r.ActorID != nil || r.ActorName != "system:cli" {
			t.Fatalf("system record = %+v", r)
		}
		wantVerified(t, svc, 2)
	})

	t.Run("RollbackWritesNothing", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		n := auditCount(t, svc)
		err := model.Transaction(ctx, svc.DB, func(tx *gorm.DB) error {
			if err := svc.Audit.Record(tx, service.SystemActor("t"), service.AuditEntry{Action: "test.rolled_back"}); err != nil {
				return err
			}
			return model.Errorf(model.CodeInvalid, "use case fails after recording")
		})
		wantCode(t, err, model.CodeInvalid)
		wantAuditDelta(t, svc, n, 0)
		record(t, svc, service.SystemActor("t"), "test.after") // the head was rolled back too
		wantVerified(t, svc, int(n)+1)
	})
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	for _, tc := range []struct {
		name   string
		column string
		value  any
	}{
		{"ErrBefore", "before", `{"n":0}`},
		{"ErrAfter", "after", `{"n":3}`},
		{"ErrAction", "action", "test.innocent"},
		{"ErrCreatedAt", "created_at", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
		{"ErrActor", "actor_name", "someone_else"},
		{"ErrHash", "hash", strings.Repeat("a", 64)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc, _ := servicetest.New(t)
			admin := actorOf(t, svc, "admin")
			for i := range 5 {
				record(t, svc, admin, fmt.Sprintf("test.step%d", i))
			}
			wantVerified(t, svc, 6)
			middle := chain(t, svc)[3]
			// Backticks quote on both engines; "before" is reserved in MySQL.
			res := svc.DB.Exec("UPDATE audit_logs SET `"+tc.column+"` = ? WHERE id = ?", tc.value, middle.ID)
			if res.Error != nil || res.RowsAffected != 1 {
				t.Fatalf("tamper: %v, %d rows", res.Error, res.RowsAffected)
			}
			v, err := svc.Audit.Verify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v.OK || v.BrokenAtID == nil || *v.BrokenAtID != middle.ID || v.Checked != 3 {
				t.Fatalf("Verify = %+v, want broken at id %d after 3 good records", v, middle.ID)
			}
			if !strings.Contains(v.Reason, "hash") {
				t.Fatalf("reason = %q", v.Reason)
			}
		})
	}

	t.Run("ErrDeletedMiddle", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		for i := range 5 {
			record(t, svc, admin, fmt.Sprintf("test.step%d", i))
		}
		logs := chain(t, svc)
		if err := svc.DB.Exec("DELETE FROM audit_logs WHERE id = ?", logs[3].ID).Error; err != nil {
			t.Fatal(err)
		}
		v, err := svc.Audit.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.OK || v.BrokenAtID == nil || *v.BrokenAtID != logs[4].ID || !strings.Contains(v.Reason, "gap") {
			t.Fatalf("Verify = %+v, want a gap at id %d", v, logs[4].ID)
		}
	})

	t.Run("ErrDeletedTail", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		for i := range 5 {
			record(t, svc, admin, fmt.Sprintf("test.step%d", i))
		}
		logs := chain(t, svc)
		if err := svc.DB.Exec("DELETE FROM audit_logs WHERE id = ?", logs[5].ID).Error; err != nil {
			t.Fatal(err)
		}
		v, err := svc.Audit.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Every remaining record is intact; only the head knows one is missing.
		if v.OK || v.Checked != 5 || !strings.Contains(v.Reason, "removed") {
			t.Fatalf("Verify = %+v, want a truncated tail", v)
		}
	})

	t.Run("ErrReorderedSeq", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		for i := range 3 {
			record(t, svc, admin, fmt.Sprintf("test.step%d", i))
		}
		logs := chain(t, svc)
		// Move record seq 3 to the end (seq 10): a gap at the old position.
		if err := svc.DB.Exec("UPDATE audit_logs SET seq = 10 WHERE id = ?", logs[2].ID).Error; err != nil {
			t.Fatal(err)
		}
		v, err := svc.Audit.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.OK || v.BrokenAtID == nil || *v.BrokenAtID != logs[3].ID {
			t.Fatalf("Verify = %+v, want broken at id %d", v, logs[3].ID)
		}
	})
}

// TestAuditConcurrentRecords appends from several goroutines, each in its
// own transaction, on whichever engine the suite runs (SQLite serializes
// writers; MySQL locks the head row).
func TestAuditConcurrentRecords(t *testing.T) {
	const writers, each = 8, 6
	svc, _ := servicetest.New(t)
	admin := actorOf(t, svc, "admin")
	start := make(chan struct{})
	errs := make(chan error, writers*each)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range each {
				errs <- model.Transaction(ctx, svc.DB, func(tx *gorm.DB) error {
					return svc.Audit.Record(tx, admin, service.AuditEntry{Action: "test.concurrent", Entity: "writer", EntityID: w,
						After: map[string]int{"writer": w, "i": i}})
				})
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent record: %v", err)
		}
	}

	logs := chain(t, svc)
	if len(logs) != 1+writers*each {
		t.Fatalf("chain has %d records, want %d", len(logs), 1+writers*each)
	}
	seen := map[int64]bool{}
	perWriter := map[string]int{}
	for _, r := range logs {
		if seen[r.Seq] {
			t.Fatalf("duplicate seq %d", r.Seq)
		}
		seen[r.Seq] = true
		if r.Action == "test.concurrent" {
			var after struct{ Writer, I int }
			if err := json.Unmarshal([]byte(r.After), &after); err != nil {
				t.Fatal(err)
			}
			perWriter[r.EntityID]++
		}
	}
	for w := range writers {
		if perWriter[fmt.Sprint(w)] != each {
			t.Fatalf("writer %d has %d records, want %d", w, perWriter[fmt.Sprint(w)], each)
		}
	}
	wantLinkedChain(t, svc, logs)
	wantVerified(t, svc, len(logs))
}
