package assign

import (
	"cmp"
	"slices"
)

// A candidate judge for an entry is ranked by a uint64 key, smallest first:
// bit 62 set when the judge is at their balancing target, bit 61 set on an
// expertise mismatch, then the load, a seeded random draw and the judge
// index. A college already on the entry ranks a candidate after every other
// of the same target and mismatch bits (tier).
const (
	overSoftBit = 1 << 62
	mismatchBit = 1 << 61
	loadShift   = 40
	randShift   = 20
	fieldMask   = 1<<20 - 1
	loadMask    = 1<<21 - 1
	tierShift   = 61
)

// order returns the entry indexes most constrained first: fewest eligible
// judges, then fewest eligible judges matching the entry's tags, then a
// seeded shuffle.
func (s *state) order() []int {
	type rank struct{ i, eligible, matching int }
	ranks := make([]rank, len(s.entries))
	for i := range s.entries {
		ranks[i] = rank{i: i}
		stamp := s.markConflicts(i)
		for j := range s.judges {
			if s.eligible(i, j, stamp) {
				ranks[i].eligible++
				if s.matches(i, j) {
					ranks[i].matching++
				}
			}
		}
	}
	s.rng.Shuffle(len(ranks), func(a, b int) { ranks[a], ranks[b] = ranks[b], ranks[a] })
	slices.SortStableFunc(ranks, func(a, b rank) int {
		return cmp.Or(cmp.Compare(a.eligible, b.eligible), cmp.Compare(a.matching, b.matching))
	})
	out := make([]int, len(ranks))
	for n, r := range ranks {
		out[n] = r.i
	}
	return out
}

// candidates returns the keys of the judges that may still be put on entry
// ei: eligible, not on it and under their cap.
func (s *state) candidates(ei int, buf []uint64) []uint64 {
	stamp := s.markConflicts(ei)
	for _, sl := range s.slots[ei] {
		s.mark[sl.judge] = stamp
	}
	seed := s.rng.Uint64()
	buf = buf[:0]
	for j := range s.judges {
		if s.load[j] >= s.caps[j] || !s.eligible(ei, j, stamp) {
			continue
		}
		key := uint64(min(s.load[j], loadMask))<<loadShift | (mix(seed+uint64(j))&fieldMask)<<randShift | uint64(j)
		if s.load[j] >= s.soft[j] {
			key |= overSoftBit
		}
		if s.mismatch(ei, j) == 1 {
			key |= mismatchBit
		}
		buf = append(buf, key)
	}
	return buf
}

// mix is the splitmix64 finaliser, a cheap seeded draw per judge.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// pick puts up to need more judges on entry ei, best keys first, and
// returns how many it put.
func (s *state) pick(ei, need int, buf []uint64) ([]uint64, int) {
	h := s.candidates(ei, buf)
	heapify(h)
	var deferred []int
	got, tier := 0, uint64(0)
	for got < need && len(h) > 0 {
		var key uint64
		key, h = popMin(h)
		j := int(key & fieldMask)
		if t := key >> tierShift; t != tier {
			got += s.takeDeferred(ei, deferred, need-got)
			deferred, tier = deferred[:0], t
			if got == need {
				break
			}
		}
		if s.collegeOnEntry(ei, j) {
			deferred = append(deferred, j)
			continue
		}
		s.add(ei, j, false)
		got++
	}
	got += s.takeDeferred(ei, deferred, need-got)
	return h, got
}

// takeDeferred puts up to n of the deferred judges on entry ei.
func (s *state) takeDeferred(ei int, deferred []int, n int) int {
	n = min(n, len(deferred))
	for _, j := range deferred[:n] {
		s.add(ei, j, false)
	}
	return n
}

// collegeOnEntry reports whether a judge of judge j's college (non-zero)
// is already on entry ei.
func (s *state) collegeOnEntry(ei, j int) bool {
	c := s.judges[j].CollegeID
	if c == 0 {
		return false
	}
	for _, sl := range s.slots[ei] {
		if int(sl.judge) != j && s.judges[sl.judge].CollegeID == c {
			return true
		}
	}
	return false
}

// heapify makes h a min-heap.
func heapify(h []uint64) {
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
}

// popMin removes and returns the smallest key of the min-heap h.
func popMin(h []uint64) (uint64, []uint64) {
	top, last := h[0], len(h)-1
	h[0] = h[last]
	h = h[:last]
	siftDown(h, 0)
	return top, h
}

// siftDown restores the heap order below i.
func siftDown(h []uint64, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1] < h[c] {
			c++
		}
		if h[i] <= h[c] {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}
