package assign_test

import (
	"reflect"
	"strings"
	"testing"

	"incubator/service/assign"
)

var tracks = []string{"ai", "biotech", "materials", "culture"}

func TestAssignInvariants(t *testing.T) {
	specs := []spec{
		{entries: 120, judges: 40, k: 5, colleges: 8, industry: 0.3, tags: tracks, members: 0.3, declared: 0.3},
		{entries: 200, judges: 35, k: 7, cap: 45, colleges: 5, industry: 0.1, tags: tracks, members: 0.5, declared: 0.5, fixed: 60},
		{entries: 60, judges: 12, k: 5, cap: 20, colleges: 3, tags: tracks, members: 0.5, declared: 0.5}, // caps bind
		{entries: 30, judges: 6, k: 5, colleges: 3, members: 0.5},                                        // conflicts bind
		{entries: 10, judges: 0, k: 3},
	}
	for _, sp := range specs {
		for seed := uint64(1); seed <= 8; seed++ {
			in := generate(seed, sp)
			t.Run(name(seed, sp), func(t *testing.T) {
				check(t, in, assign.Assign(in.entries, in.judges, in.opt))
			})
		}
	}
}

func TestAssignBalanced(t *testing.T) {
	specs := []spec{
		{entries: 100, judges: 50, k: 5, tags: tracks},                                            // no colleges
		{entries: 300, judges: 60, k: 6, colleges: 20, industry: 0.2, tags: tracks, members: 0.2}, // conflicts that do not bind
		{entries: 101, judges: 40, k: 7, colleges: 10, tags: tracks, declared: 0.5},               // not divisible
	}
	for _, sp := range specs {
		for seed := uint64(1); seed <= 5; seed++ {
			in := generate(seed, sp)
			t.Run(name(seed, sp), func(t *testing.T) {
				p := assign.Assign(in.entries, in.judges, in.opt)
				check(t, in, p)
				if len(p.Shortfalls) > 0 || p.Stats.MaxLoad-p.Stats.MinLoad > 1 {
					t.Errorf("shortfalls %v, loads %d..%d", p.Shortfalls, p.Stats.MinLoad, p.Stats.MaxLoad)
				}
			})
		}
	}
}

func TestAssignSpreadsColleges(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		// No tags: expertise, which ranks before college spread, does not bind.
		in := generate(seed, spec{entries: 200, judges: 100, k: 5, colleges: 20, members: 0.3})
		t.Run(name(seed, spec{}), func(t *testing.T) {
			p := assign.Assign(in.entries, in.judges, in.opt)
			check(t, in, p)
			if p.Stats.SameCollegePairs != 0 || len(p.Shortfalls) > 0 {
				t.Errorf("%d same-college pairs, shortfalls %v", p.Stats.SameCollegePairs, p.Shortfalls)
			}
		})
	}
}

func TestAssignMatchesExpertise(t *testing.T) {
	t.Run("OKProportionalPool", func(t *testing.T) {
		for seed := uint64(1); seed <= 5; seed++ {
			// Industry judges: no college conflict keeps an expert away.
			in := generate(seed, spec{entries: 120, judges: 40, k: 5, colleges: 30, industry: 1, tags: tracks, declared: 0.2})
			p := assign.Assign(in.entries, in.judges, in.opt)
			check(t, in, p)
			if p.Stats.ExpertiseMatches != len(p.Pairs) || p.Stats.MaxLoad-p.Stats.MinLoad > 1 {
				t.Errorf("seed %d: %d of %d pairs matched, loads %d..%d", seed, p.Stats.ExpertiseMatches, len(p.Pairs), p.Stats.MinLoad, p.Stats.MaxLoad)
			}
		}
	})
	t.Run("OKScarceExpertsEachRareEntry", func(t *testing.T) {
		in := generate(3, spec{entries: 40, judges: 20, k: 5, tags: []string{"common"}})
		for i := range 3 { // three quantum experts, four quantum entries
			in.judges = append(in.judges, assign.Judge{ID: uint(2001 + i), Expertise: []string{"quantum"}})
		}
		for i := range 4 {
			in.entries = append(in.entries, assign.Entry{ID: uint(101 + i), Tags: []string{"quantum"}})
		}
		p := check(t, in, assign.Assign(in.entries, in.judges, in.opt))
		for i := range 4 {
			experts := 0
			for _, j := range p[uint(101+i)] {
				if j > 2000 {
					experts++
				}
			}
			if experts != 3 {
				t.Errorf("entry %d has %d of the 3 experts: %v", 101+i, experts, p[uint(101+i)])
			}
		}
	})
}

func TestAssignDeterministic(t *testing.T) {
	sp := spec{entries: 150, judges: 40, k: 5, cap: 25, colleges: 6, industry: 0.2, tags: tracks, members: 0.3, declared: 0.3, fixed: 30}
	in := generate(7, sp)
	first := assign.Assign(in.entries, in.judges, in.opt)
	for range 3 {
		if again := assign.Assign(in.entries, in.judges, in.opt); !reflect.DeepEqual(first, again) {
			t.Fatal("same seed, different plans")
		}
	}
	differs := false
	for seed := int64(100); seed < 105 && !differs; seed++ {
		opt := in.opt
		opt.Seed = seed
		differs = !reflect.DeepEqual(first.Pairs, assign.Assign(in.entries, in.judges, opt).Pairs)
	}
	if !differs {
		t.Error("five other seeds all gave the same pairs")
	}
}

func TestAssignFixed(t *testing.T) {
	entries := []assign.Entry{{ID: 1, CollegeID: 9, PeopleIDs: []uint{13}}, {ID: 2}, {ID: 3}}
	var judges []assign.Judge
	for i := range 6 {
		judges = append(judges, assign.Judge{ID: uint(11 + i), CollegeID: uint(i)})
	}
	judges[0].Cap = 1
	judges[1].CollegeID = 9
	opt := assign.Options{K: 3, Seed: 1, Fixed: []assign.Pair{
		{EntryID: 1, JudgeID: 11}, {EntryID: 1, JudgeID: 11}, // kept, duplicate
		{EntryID: 1, JudgeID: 12}, {EntryID: 1, JudgeID: 13}, // same college, team member
		{EntryID: 2, JudgeID: 14}, {EntryID: 4, JudgeID: 14}, {EntryID: 2, JudgeID: 99},
	}}
	in := instance{entries: entries, judges: judges, opt: opt}
	p := assign.Assign(entries, judges, opt)
	byEntry := check(t, in, p)
	for _, f := range []assign.Pair{{EntryID: 1, JudgeID: 11}, {EntryID: 2, JudgeID: 14}} {
		if !contains(byEntry[f.EntryID], f.JudgeID) {
			t.Errorf("fixed %v not kept: %v", f, p.Pairs)
		}
	}
	if p.Load[11] != 1 || len(p.Shortfalls) != 0 {
		t.Errorf("judge 11 at cap 1 has load %d; shortfalls %v", p.Load[11], p.Shortfalls)
	}
	want := []assign.Dropped{
		{Pair: assign.Pair{EntryID: 1, JudgeID: 11}, Reason: "duplicate"},
		{Pair: assign.Pair{EntryID: 1, JudgeID: 12}, Reason: assign.ReasonSameCollege},
		{Pair: assign.Pair{EntryID: 1, JudgeID: 13}, Reason: assign.ReasonTeamMember},
		{Pair: assign.Pair{EntryID: 2, JudgeID: 99}, Reason: "unknown_judge"},
		{Pair: assign.Pair{EntryID: 4, JudgeID: 14}, Reason: "unknown_entry"},
	}
	if !reflect.DeepEqual(p.Dropped, want) {
		t.Errorf("dropped %v, want %v", p.Dropped, want)
	}
}

func TestAssignShortfalls(t *testing.T) {
	judges := func(n, college, cap int) []assign.Judge {
		var out []assign.Judge
		for i := range n {
			out = append(out, assign.Judge{ID: uint(100 + i), CollegeID: uint(college), Cap: cap})
		}
		return out
	}
	entries := []assign.Entry{{ID: 1, CollegeID: 1}, {ID: 2, CollegeID: 2}, {ID: 3, CollegeID: 3}}
	tests := []struct {
		name    string
		judges  []assign.Judge
		cause   string
		short   int    // entries short
		missing int    // in total
		reason  string // in every shortfall
	}{
		{"ErrTooFewJudges", judges(3, 0, 0), assign.CauseConflicts, 3, 6, "only 3 eligible judges"},
		{"ErrAllConflicted", []assign.Judge{{ID: 100, CollegeID: 1}, {ID: 200, CollegeID: 2}, {ID: 300, CollegeID: 3}}, assign.CauseConflicts, 3, 9, "only 2 eligible judges"},
		{"ErrCapsTooLow", judges(8, 0, 1), assign.CauseCaps, 2, 7, "all eligible judges at their cap"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := instance{entries: entries, judges: tc.judges, opt: assign.Options{K: 5, Seed: 1}}
			p := assign.Assign(entries, tc.judges, in.opt)
			check(t, in, p)
			missing := 0
			for _, s := range p.Shortfalls {
				missing += s.Missing
				if s.Cause != tc.cause || !strings.Contains(s.Reason, tc.reason) {
					t.Errorf("shortfall %+v, want cause %s and %q", s, tc.cause, tc.reason)
				}
			}
			if len(p.Shortfalls) != tc.short || missing != tc.missing {
				t.Errorf("shortfalls %+v, want %d missing %d", p.Shortfalls, tc.short, tc.missing)
			}
		})
	}
}

func contains(s []uint, v uint) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
