package assign

import (
	"cmp"
	"fmt"
	"slices"
)

// primary reports whether entry i is the first with its ID.
func (s *state) primary(i int) bool { return s.entryIdx[s.entries[i].ID] == i }

// loadFixed puts the kept pairs on their entries, fixed, and records the
// others in s.dropped.
func (s *state) loadFixed(pairs []Pair) {
	for _, p := range pairs {
		ei, okE := s.entryIdx[p.EntryID]
		j, okJ := s.judgeIdx[p.JudgeID]
		reason := ""
		switch {
		case !okE:
			reason = "unknown_entry"
		case !okJ:
			reason = "unknown_judge"
		case s.onEntry(ei, j):
			reason = "duplicate"
		default:
			reason, _ = Conflict(s.entries[ei], s.judges[j], s.declared)
		}
		if reason != "" {
			s.dropped = append(s.dropped, Dropped{Pair: p, Reason: reason})
			continue
		}
		s.add(ei, j, true)
	}
}

// plan builds the result from the state.
func (s *state) plan() Plan {
	p := Plan{Load: make(map[uint]int, len(s.judges)), Dropped: s.dropped}
	for i, e := range s.entries {
		if !s.primary(i) {
			continue
		}
		for _, sl := range s.slots[i] {
			p.Pairs = append(p.Pairs, Pair{EntryID: e.ID, JudgeID: s.judges[sl.judge].ID})
		}
		if len(s.slots[i]) < s.k {
			p.Shortfalls = append(p.Shortfalls, s.shortfall(i))
		}
	}
	slices.SortFunc(p.Pairs, comparePairs)
	slices.SortFunc(p.Shortfalls, func(a, b Shortfall) int { return cmp.Compare(a.EntryID, b.EntryID) })
	slices.SortFunc(p.Dropped, func(a, b Dropped) int { return comparePairs(a.Pair, b.Pair) })
	for j, jd := range s.judges {
		if s.judgeIdx[jd.ID] == j && (!s.banned[j] || s.load[j] > 0) {
			p.Load[jd.ID] = s.load[j]
		}
	}
	p.Stats = s.stats()
	return p
}

// comparePairs orders pairs by entry, then judge.
func comparePairs(a, b Pair) int {
	return cmp.Or(cmp.Compare(a.EntryID, b.EntryID), cmp.Compare(a.JudgeID, b.JudgeID))
}

// shortfall says why entry i has fewer than k judges: too few judges free
// of conflicts (a removed judge counts only for the pairs they keep), or
// caps.
func (s *state) shortfall(i int) Shortfall {
	have := len(s.slots[i])
	avail := s.countEligible(i)
	for _, sl := range s.slots[i] {
		if s.banned[sl.judge] {
			avail++
		}
	}
	sf := Shortfall{EntryID: s.entries[i].ID, Missing: s.k - have}
	if avail < s.k {
		sf.Cause = CauseConflicts
		sf.Reason = fmt.Sprintf("only %d eligible judges without conflicts, %d needed", avail, s.k)
		return sf
	}
	sf.Cause = CauseCaps
	sf.Reason = fmt.Sprintf("all eligible judges at their cap (%d eligible, %d assigned, %d needed)", avail, have, s.k)
	return sf
}

// stats computes the Plan's Stats; loads are over the judges not removed.
func (s *state) stats() Stats {
	var st Stats
	first := true
	for j := range s.judges {
		if s.banned[j] {
			continue
		}
		if first || s.load[j] > st.MaxLoad {
			st.MaxLoad = s.load[j]
		}
		if first || s.load[j] < st.MinLoad {
			st.MinLoad = s.load[j]
		}
		first = false
	}
	for i := range s.entries {
		if !s.primary(i) {
			continue
		}
		for a, sa := range s.slots[i] {
			if s.matches(i, int(sa.judge)) {
				st.ExpertiseMatches++
			}
			for _, sb := range s.slots[i][a+1:] {
				if c := s.judges[sa.judge].CollegeID; c != 0 && c == s.judges[sb.judge].CollegeID {
					st.SameCollegePairs++
				}
			}
		}
	}
	return st
}
