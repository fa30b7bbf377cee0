package assign

import "slices"

// Reassign takes judge removedJudge out of plan: their pairs in scored stay
// (and keep counting toward K and loads); each unscored one moves to
// another judge, chosen as Assign chooses (no conflict, under cap, not
// already on the entry, then balancing target, expertise, college spread,
// load, seeded draw), entries most constrained first. No other pair moves
// and no rebalancing is done; entries short before stay short. opt.Fixed
// is ignored: plan.Pairs are the pairs kept.
//
// When no judge can take an entry's moved pair, the entry appears in
// Shortfalls with the missing count and the cause (too few eligible judges,
// or all of them at their cap). A plan pair that now conflicts (a conflict
// declared since) or names an unknown entry is dropped and listed in
// Dropped, not replaced. The removed judge need not be in judges; Stats
// leave them out, Load keeps them while they hold scored pairs.
func Reassign(plan Plan, removedJudge uint, scored map[Pair]bool, entries []Entry, judges []Judge, opt Options) Plan {
	if !slices.ContainsFunc(judges, func(j Judge) bool { return j.ID == removedJudge }) {
		judges = append(slices.Clip(judges), Judge{ID: removedJudge})
	}
	s := newState(entries, judges, opt)
	s.banned[s.judgeIdx[removedJudge]] = true
	var keep []Pair
	moved := map[int]int{} // entry index → pairs to replace
	for _, p := range plan.Pairs {
		if p.JudgeID == removedJudge && !scored[p] {
			if ei, ok := s.entryIdx[p.EntryID]; ok {
				moved[ei]++
			}
			continue
		}
		keep = append(keep, p)
	}
	s.loadFixed(keep)
	s.setSoftCaps()
	var buf []uint64
	for _, i := range s.order() {
		if need := min(moved[i], s.k-len(s.slots[i])); need > 0 {
			buf, _ = s.pick(i, need, buf)
		}
	}
	return s.plan()
}
