package assign_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"incubator/service/assign"
)

// instance is a generated assignment problem.
type instance struct {
	entries []assign.Entry
	judges  []assign.Judge
	opt     assign.Options
	removed uint // a judge taken out by Reassign, left out of Stats
}

// spec shapes a generated instance.
type spec struct {
	entries, judges, k, cap int
	colleges                int     // colleges of entries and judges; 0 = none
	industry                float64 // share of judges without college
	tags                    []string
	members                 float64 // chance an entry has a judge among its people
	declared                float64 // chance per entry of a declared conflict
	fixed                   int     // fixed pairs to draw (conflicted ones included)
}

// generate draws an instance from sp with seed; entry IDs are 1.., judge
// (user) IDs 1001...
func generate(seed uint64, sp spec) instance {
	r := rand.New(rand.NewPCG(seed, 1))
	in := instance{opt: assign.Options{K: sp.k, Cap: sp.cap, Seed: int64(seed), Conflicts: map[assign.Pair]string{}}}
	pick := func(n int) uint {
		if n == 0 {
			return 0
		}
		return uint(r.IntN(n) + 1)
	}
	for j := range sp.judges {
		jd := assign.Judge{ID: uint(1001 + j)}
		if r.Float64() >= sp.industry {
			jd.CollegeID = pick(sp.colleges)
		}
		if len(sp.tags) > 0 {
			jd.Expertise = []string{sp.tags[j%len(sp.tags)]}
		}
		in.judges = append(in.judges, jd)
	}
	for i := range sp.entries {
		e := assign.Entry{ID: uint(i + 1), CollegeID: pick(sp.colleges), PeopleIDs: []uint{uint(5000 + i)}}
		if len(sp.tags) > 0 {
			e.Tags = []string{sp.tags[i%len(sp.tags)]}
		}
		if sp.judges > 0 && r.Float64() < sp.members {
			e.PeopleIDs = append(e.PeopleIDs, uint(1001+r.IntN(sp.judges)))
		}
		if sp.judges > 0 && r.Float64() < sp.declared {
			in.opt.Conflicts[assign.Pair{EntryID: e.ID, JudgeID: uint(1001 + r.IntN(sp.judges))}] = ""
		}
		in.entries = append(in.entries, e)
	}
	for range sp.fixed {
		in.opt.Fixed = append(in.opt.Fixed, assign.Pair{EntryID: pick(sp.entries), JudgeID: uint(1000 + pick(sp.judges))})
	}
	return in
}

// check asserts the invariants every Plan keeps and returns the judges of
// each entry.
func check(t *testing.T, in instance, p assign.Plan) map[uint][]uint {
	t.Helper()
	if !slices.IsSortedFunc(p.Pairs, cmpPair) {
		t.Fatal("pairs not sorted")
	}
	byEntry, load := map[uint][]uint{}, map[uint]int{}
	entries := map[uint]assign.Entry{}
	for _, e := range in.entries {
		entries[e.ID] = e
	}
	judges := map[uint]assign.Judge{}
	for _, j := range in.judges {
		judges[j.ID] = j
	}
	for n, pr := range p.Pairs {
		if n > 0 && p.Pairs[n-1] == pr {
			t.Fatalf("pair %v twice", pr)
		}
		if why, bad := assign.Conflict(entries[pr.EntryID], judges[pr.JudgeID], in.opt.Conflicts); bad {
			t.Errorf("pair %v conflicted: %s", pr, why)
		}
		byEntry[pr.EntryID] = append(byEntry[pr.EntryID], pr.JudgeID)
		load[pr.JudgeID]++
	}
	checkCounts(t, in, p, byEntry)
	checkLoads(t, in, p, load)
	return byEntry
}

// checkCounts asserts every entry has K judges or a Shortfall saying how
// many it lacks.
func checkCounts(t *testing.T, in instance, p assign.Plan, byEntry map[uint][]uint) {
	t.Helper()
	short := map[uint]assign.Shortfall{}
	for _, s := range p.Shortfalls {
		short[s.EntryID] = s
	}
	for _, e := range in.entries {
		got, s, isShort := len(byEntry[e.ID]), short[e.ID], false
		if _, isShort = short[e.ID]; got >= in.opt.K && isShort {
			t.Errorf("entry %d: %d judges and a shortfall %+v", e.ID, got, s)
		}
		if got < in.opt.K && (!isShort || s.Missing != in.opt.K-got || s.Reason == "" || s.Cause == "") {
			t.Errorf("entry %d: %d judges, shortfall %+v (listed %v)", e.ID, got, s, isShort)
		}
	}
}

// checkLoads asserts Load and Stats match the pairs and no judge exceeds
// their cap beyond fixed pairs.
func checkLoads(t *testing.T, in instance, p assign.Plan, load map[uint]int) {
	t.Helper()
	fixed := map[uint]int{}
	for _, f := range in.opt.Fixed {
		fixed[f.JudgeID]++
	}
	mx, mn := 0, -1
	for _, j := range in.judges {
		if p.Load[j.ID] != load[j.ID] {
			t.Errorf("judge %d: Load %d, pairs %d", j.ID, p.Load[j.ID], load[j.ID])
		}
		capJ := j.Cap
		if capJ == 0 {
			capJ = in.opt.Cap
		}
		if capJ > 0 && load[j.ID] > max(capJ, fixed[j.ID]) {
			t.Errorf("judge %d: load %d over cap %d", j.ID, load[j.ID], capJ)
		}
		if j.ID == in.removed {
			continue
		}
		mx = max(mx, load[j.ID])
		if mn < 0 || load[j.ID] < mn {
			mn = load[j.ID]
		}
	}
	if len(in.judges) > 0 && (p.Stats.MaxLoad != mx || p.Stats.MinLoad != mn) {
		t.Errorf("stats max/min %d/%d, want %d/%d", p.Stats.MaxLoad, p.Stats.MinLoad, mx, mn)
	}
}

func cmpPair(a, b assign.Pair) int {
	return cmp.Or(cmp.Compare(a.EntryID, b.EntryID), cmp.Compare(a.JudgeID, b.JudgeID))
}

// name labels a generated case.
func name(seed uint64, sp spec) string {
	return fmt.Sprintf("seed%d_%dx%d_k%d", seed, sp.entries, sp.judges, sp.k)
}
