package assign

// improve swaps judges between pairs of entries while a swap lowers the
// total penalty (2 per expertise mismatch, 1 per pair of judges of one
// college on an entry); loads do not change and fixed pairs stay. Each
// swap lowers the penalty, so it ends; it makes at most passes passes.
func (s *state) improve(passes int) {
	for range passes {
		swapped := false
		for ei := range s.entries {
			if !s.primary(ei) {
				continue
			}
			for n := 0; n < len(s.slots[ei]); n++ {
				sl := s.slots[ei][n]
				if !sl.fixed && s.penalty(ei, int(sl.judge), int(sl.judge)) > 0 && s.trySwap(ei, int(sl.judge)) {
					swapped = true
				}
			}
		}
		if !swapped {
			return
		}
	}
}

// penalty is judge j's cost on entry ei, not counting judge skip: 2 for an
// expertise mismatch plus 1 per other judge of j's college.
func (s *state) penalty(ei, j, skip int) int {
	return 2*s.mismatch(ei, j) + s.sameCollege(ei, j, skip)
}

// trySwap looks for a judge c and an entry e2 of c such that putting c on
// entry ei in place of judge b, and b on e2 in place of c, lowers the
// penalty; it makes the first such swap and reports whether it did.
func (s *state) trySwap(ei, b int) bool {
	now := s.penalty(ei, b, b)
	for c := range s.judges {
		if c == b || s.banned[c] {
			continue
		}
		gain := now - s.penalty(ei, c, b)
		if gain <= 0 || s.onEntry(ei, c) || s.conflicted(ei, c) {
			continue
		}
		for n, e2 := range s.movable[c] {
			e := int(e2)
			if e != ei && s.penalty(e, b, c)-s.penalty(e, c, c) < gain && !s.onEntry(e, b) && !s.conflicted(e, b) {
				s.swap(ei, e, b, c, n)
				return true
			}
		}
	}
	return false
}

// swap puts judge c on entry ei in place of b and b on entry e2 in place
// of c, where e2 is c's n-th non-fixed entry.
func (s *state) swap(ei, e2, b, c, n int) {
	for i, ej := range s.movable[b] {
		if int(ej) == ei {
			s.move(ei, i, b, c)
			break
		}
	}
	s.move(e2, n, c, b)
}
