package assign

// Assign assigns opt.K judges to every entry: it keeps opt.Fixed, then
// fills each entry, most constrained first (fewest eligible judges, then
// fewest eligible experts, then a shuffle seeded by opt.Seed), with the
// best-ranked judges: a conflicted judge or one at their cap is never
// taken; judges under the balancing target (the water level of the caps
// over the pairs to place) before those at it; experts in one of the
// entry's tags before others; a college not yet on the entry before a
// repeated one; then the least loaded; then a seeded draw. A repair pass
// then moves non-fixed pairs from the most to the least loaded judges while
// max − min ≥ 2 and a move keeps the hard rules, choosing the move that
// loses the least expertise and college spread. A last pass swaps judges
// between two entries while that lowers expertise mismatches and same-college
// pairs (a mismatch weighs two), loads unchanged.
//
// Entries that cannot get K judges are listed in Plan.Shortfalls with the
// missing count and the cause. A repeated entry or judge ID keeps its first
// occurrence. The same inputs and seed give the same Plan. It supports up
// to 2^20 judges; the time is O(entries × judges).
func Assign(entries []Entry, judges []Judge, opt Options) Plan {
	s := newState(entries, judges, opt)
	s.loadFixed(opt.Fixed)
	s.setSoftCaps()
	var buf []uint64
	for _, i := range s.order() {
		if !s.primary(i) {
			continue
		}
		if need := s.k - len(s.slots[i]); need > 0 {
			buf, _ = s.pick(i, need, buf)
		}
	}
	s.rebalance()
	s.improve(3)
	return s.plan()
}
