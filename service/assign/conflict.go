package assign

import "slices"

// Reasons of a conflict of interest, as returned by Conflict.
const (
	ReasonSameCollege = "same_college"           // judge's college is the team's college
	ReasonTeamMember  = "team_member_or_advisor" // judge is a member or advisor of the team
	ReasonDeclared    = "declared"               // declared by the judge or set by an admin
)

// Conflict reports whether judge j must not judge entry e and why: the same
// college (both non-zero), the judge among the entry's people, or a pair in
// declared (its value is the reason; empty means ReasonDeclared). The first
// that applies wins, in that order.
func Conflict(e Entry, j Judge, declared map[Pair]string) (reason string, conflicted bool) {
	switch {
	case e.CollegeID != 0 && e.CollegeID == j.CollegeID:
		return ReasonSameCollege, true
	case slices.Contains(e.PeopleIDs, j.ID):
		return ReasonTeamMember, true
	}
	if r, ok := declared[Pair{EntryID: e.ID, JudgeID: j.ID}]; ok {
		if r == "" {
			r = ReasonDeclared
		}
		return r, true
	}
	return "", false
}

// conflicted reports whether judge j may not judge entry ei (see Conflict).
func (s *state) conflicted(ei, j int) bool {
	_, c := Conflict(s.entries[ei], s.judges[j], s.declared)
	return c
}

// markConflicts stamps every judge that may not judge entry ei in s.mark,
// for the people and declared conflicts; same-college and removed judges
// are tested inline by eligible. It returns the stamp.
func (s *state) markConflicts(ei int) int32 {
	s.stamp++
	for _, p := range s.entries[ei].PeopleIDs {
		if j, ok := s.judgeIdx[p]; ok {
			s.mark[j] = s.stamp
		}
	}
	for _, j := range s.declByEntry[ei] {
		s.mark[j] = s.stamp
	}
	return s.stamp
}

// eligible reports whether judge j is free of conflicts with entry ei after
// markConflicts(ei) returned stamp, and is not removed.
func (s *state) eligible(ei, j int, stamp int32) bool {
	c := s.entries[ei].CollegeID
	return s.mark[j] != stamp && !s.banned[j] && (c == 0 || c != s.judges[j].CollegeID)
}

// countEligible counts the judges free of conflicts with entry ei.
func (s *state) countEligible(ei int) int {
	stamp := s.markConflicts(ei)
	n := 0
	for j := range s.judges {
		if s.eligible(ei, j, stamp) {
			n++
		}
	}
	return n
}
