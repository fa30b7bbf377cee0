package assign_test

import (
	"reflect"
	"strings"
	"testing"

	"incubator/service/assign"
)

func TestReassign(t *testing.T) {
	sp := spec{entries: 150, judges: 40, k: 5, cap: 25, colleges: 8, industry: 0.2, tags: tracks, members: 0.3, declared: 0.3}
	for seed := uint64(1); seed <= 5; seed++ {
		in := generate(seed, sp)
		before := assign.Assign(in.entries, in.judges, in.opt)
		removed := in.judges[seed].ID
		scored := map[assign.Pair]bool{}
		for n, p := range before.Pairs {
			if n%3 == 0 {
				scored[p] = true
			}
		}
		t.Run(name(seed, sp), func(t *testing.T) {
			after := assign.Reassign(before, removed, scored, in.entries, in.judges, in.opt)
			check(t, instance{entries: in.entries, judges: in.judges, opt: in.opt, removed: removed}, after)
			if !reflect.DeepEqual(after, assign.Reassign(before, removed, scored, in.entries, in.judges, in.opt)) {
				t.Error("not deterministic")
			}
			kept := map[assign.Pair]bool{}
			for _, p := range after.Pairs {
				kept[p] = true
			}
			added := len(after.Pairs)
			for _, p := range before.Pairs {
				stays := p.JudgeID != removed || scored[p]
				if kept[p] != stays {
					t.Errorf("pair %v (scored %v) kept %v", p, scored[p], kept[p])
				}
				if stays {
					added--
				}
			}
			moved := 0
			for _, p := range before.Pairs {
				if p.JudgeID == removed && !scored[p] {
					moved++
				}
			}
			if moved == 0 || added != moved || len(after.Shortfalls) != len(before.Shortfalls) {
				t.Errorf("%d pairs to move, %d added, shortfalls %d → %d", moved, added, len(before.Shortfalls), len(after.Shortfalls))
			}
		})
	}
}

func TestReassignShortfalls(t *testing.T) {
	entries := []assign.Entry{{ID: 1}, {ID: 2}, {ID: 3}}
	pool := func(n, cap int) []assign.Judge {
		var js []assign.Judge
		for i := range n {
			js = append(js, assign.Judge{ID: uint(10 + i), Cap: cap})
		}
		return js
	}
	tests := []struct {
		name   string
		judges []assign.Judge
		k      int
		cause  string
		reason string
	}{
		{"ErrTooFewEligible", pool(5, 0), 5, assign.CauseConflicts, "only 4 eligible judges"},
		{"ErrCaps", pool(6, 2), 4, assign.CauseCaps, "all eligible judges at their cap"}, // 12 slots, 12 places
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := assign.Options{K: tc.k, Seed: 1}
			before := assign.Assign(entries, tc.judges, opt)
			if len(before.Shortfalls) != 0 {
				t.Fatalf("before: %v", before.Shortfalls)
			}
			var ofJudge []assign.Pair // judge 10's pairs: the first scored, the others to move
			for _, p := range before.Pairs {
				if p.JudgeID == 10 {
					ofJudge = append(ofJudge, p)
				}
			}
			if len(ofJudge) < 2 {
				t.Fatalf("judge 10 has %v, want 2 or more pairs", ofJudge)
			}
			scored := map[assign.Pair]bool{ofJudge[0]: true}
			after := assign.Reassign(before, 10, scored, entries, tc.judges, opt)
			check(t, instance{entries: entries, judges: tc.judges, opt: opt, removed: 10}, after)
			if len(after.Shortfalls) != len(ofJudge)-1 {
				t.Fatalf("shortfalls %+v, want the entries of %v", after.Shortfalls, ofJudge[1:])
			}
			for n, s := range after.Shortfalls {
				if s.EntryID != ofJudge[n+1].EntryID || s.Missing != 1 || s.Cause != tc.cause || !strings.Contains(s.Reason, tc.reason) {
					t.Errorf("shortfall %+v, want entry %d missing 1, %s, %q", s, ofJudge[n+1].EntryID, tc.cause, tc.reason)
				}
			}
			if after.Load[10] != 1 || after.Stats.MaxLoad > before.Stats.MaxLoad {
				t.Errorf("removed judge load %d; max %d, was %d", after.Load[10], after.Stats.MaxLoad, before.Stats.MaxLoad)
			}
		})
	}
}
