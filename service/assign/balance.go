package assign

import (
	"cmp"
	"slices"
)

// setSoftCaps sets each judge's balancing target to the water level: the
// least L such that the judges, each taking min(cap, L), cover the pairs
// still to place; removed judges take none.
func (s *state) setSoftCaps() {
	demand := 0
	for i := range s.entries {
		if s.primary(i) {
			demand += max(s.k, len(s.slots[i]))
		}
	}
	for j := range s.judges {
		if s.banned[j] {
			demand -= s.load[j]
		}
	}
	covers := func(level int) bool {
		sum := 0
		for j := range s.judges {
			if !s.banned[j] {
				sum += min(s.caps[j], level)
			}
		}
		return sum >= demand
	}
	lo, hi := 0, max(demand, 0)
	for lo < hi {
		if mid := (lo + hi) / 2; covers(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	for j := range s.judges {
		s.soft[j] = min(s.caps[j], lo)
	}
}

// rebalance moves non-fixed pairs from the most to the least loaded judges
// until max − min ≤ 1 or no move keeps the hard rules (conflicts, caps, k
// distinct judges per entry).
func (s *state) rebalance() {
	for s.moveOne() {
	}
}

// moveOne makes one move from a judge loaded at least 2 more than another
// to that other, trying the widest gaps first; it reports whether it moved.
func (s *state) moveOne() bool {
	idx := make([]int, 0, len(s.judges))
	for j := range s.judges {
		if !s.banned[j] {
			idx = append(idx, j)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(s.load[a], s.load[b]), cmp.Compare(a, b)) })
	for a, lo := range idx {
		if s.load[lo] >= s.caps[lo] {
			continue
		}
		for b := len(idx) - 1; b > a && s.load[idx[b]]-s.load[lo] >= 2; b-- {
			if s.tryMove(idx[b], lo) {
				return true
			}
		}
	}
	return false
}

// tryMove moves one of judge hi's non-fixed entries to judge lo, the one
// losing the least expertise and college spread; it reports whether it
// found one.
func (s *state) tryMove(hi, lo int) bool {
	best, bestPen := -1, 0
	for n, ei32 := range s.movable[hi] {
		ei := int(ei32)
		if s.onEntry(ei, lo) || s.conflicted(ei, lo) {
			continue
		}
		pen := 2*(s.mismatch(ei, lo)-s.mismatch(ei, hi)) + s.sameCollege(ei, lo, hi) - s.sameCollege(ei, hi, hi)
		if best < 0 || pen < bestPen {
			best, bestPen = n, pen
		}
	}
	if best < 0 {
		return false
	}
	s.move(int(s.movable[hi][best]), best, hi, lo)
	return true
}

// sameCollege counts the judges on entry ei, other than skip, of judge j's
// college (non-zero).
func (s *state) sameCollege(ei, j, skip int) int {
	c, n := s.judges[j].CollegeID, 0
	if c == 0 {
		return 0
	}
	for _, sl := range s.slots[ei] {
		if int(sl.judge) != skip && s.judges[sl.judge].CollegeID == c {
			n++
		}
	}
	return n
}

// move replaces judge from by judge to on entry ei, the n-th of from's
// non-fixed entries.
func (s *state) move(ei, n, from, to int) {
	for k, sl := range s.slots[ei] {
		if int(sl.judge) == from && !sl.fixed {
			s.slots[ei][k].judge = int32(to)
			break
		}
	}
	last := len(s.movable[from]) - 1
	s.movable[from][n] = s.movable[from][last]
	s.movable[from] = s.movable[from][:last]
	s.movable[to] = append(s.movable[to], int32(ei))
	s.load[from]--
	s.load[to]++
}
