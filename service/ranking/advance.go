package ranking

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// CapScope says what a college cap counts.
type CapScope int

// The cap scopes.
const (
	// CapPerRound counts a college's advancing entries across all tracks
	// of the round (the default).
	CapPerRound CapScope = iota
	// CapPerTrack counts them within each track separately.
	CapPerTrack
)

// Rule configures Advance.
type Rule struct {
	// TopNPerTrack is the number of places per track; 0 = no limit (only
	// MinScore and the cap select).
	TopNPerTrack int
	// CollegeCap is the most advancing entries one college may have in the
	// CapScope; 0 = no cap.
	CollegeCap int
	CapScope   CapScope
	// MinScore, when set, is the lowest Score that may advance, in the unit
	// of Score (hundredths, or ten-thousandths under ZScore).
	MinScore *int64
}

// The reasons of a Decision.
const (
	ReasonTopN        = "top_n"         // advances
	ReasonNoScores    = "no_scores"     // no judge scored the entry
	ReasonBelowMin    = "below_min"     // Score < MinScore
	ReasonOutsideTopN = "outside_top_n" // the track's places are taken
	ReasonCollegeCap  = "college_cap"   // the college reached its cap
)

// Decision says whether an entry advances and why, as a stable Reason code.
type Decision struct {
	EntryID  uint
	TrackID  uint
	Advances bool
	Reason   string
}

// ErrRule is returned by Advance for a negative count or an unknown scope.
var ErrRule = errors.New("invalid advancement rule")

// Advance decides which ranked entries go to the next round. It walks the
// results in OverallRank order (so under CapPerRound a college's cap goes
// to its best entries whatever their track); each entry is checked in this
// order: no sheet → no_scores; Score below MinScore → below_min; its
// track's TopNPerTrack places taken → outside_top_n; its college at the
// cap → college_cap, leaving the place to the next entry; else it advances
// (top_n). Decisions come in OverallRank order; the result depends only
// on the results and the rule.
//
// It fails with ErrRule on a bad rule and ErrDuplicateEntry when an entry
// appears twice.
func Advance(results []Result, rule Rule) ([]Decision, error) {
	if rule.TopNPerTrack < 0 || rule.CollegeCap < 0 || rule.CapScope < CapPerRound || rule.CapScope > CapPerTrack {
		return nil, fmt.Errorf("%w: %+v", ErrRule, rule)
	}
	sorted := slices.Clone(results)
	slices.SortFunc(sorted, func(a, b Result) int {
		return cmp.Or(cmp.Compare(a.OverallRank, b.OverallRank), cmp.Compare(a.EntryID, b.EntryID))
	})
	seen := make(map[uint]bool, len(sorted))
	a := advancer{rule: rule, places: make(map[uint]int), capped: make(map[capKey]int)}
	decisions := make([]Decision, len(sorted))
	for i, r := range sorted {
		if seen[r.EntryID] {
			return nil, fmt.Errorf("%w: entry %d", ErrDuplicateEntry, r.EntryID)
		}
		seen[r.EntryID] = true
		decisions[i] = a.decide(r)
	}
	return decisions, nil
}

// capKey is what a college cap counts: the college, and the track under
// CapPerTrack (0 under CapPerRound).
type capKey struct{ track, college uint }

// advancer holds the places taken so far while Advance walks the ranking.
type advancer struct {
	rule   Rule
	places map[uint]int   // track → entries advanced
	capped map[capKey]int // cap scope → entries advanced
}

// decide decides r, the next entry in rank order, and books its place.
func (a *advancer) decide(r Result) Decision {
	c := capKey{college: r.CollegeID}
	if a.rule.CapScope == CapPerTrack {
		c.track = r.TrackID
	}
	d := Decision{EntryID: r.EntryID, TrackID: r.TrackID}
	switch {
	case r.Judges == 0:
		d.Reason = ReasonNoScores
	case a.rule.MinScore != nil && r.Score < *a.rule.MinScore:
		d.Reason = ReasonBelowMin
	case a.rule.TopNPerTrack > 0 && a.places[r.TrackID] >= a.rule.TopNPerTrack:
		d.Reason = ReasonOutsideTopN
	case a.rule.CollegeCap > 0 && a.capped[c] >= a.rule.CollegeCap:
		d.Reason = ReasonCollegeCap
	default:
		d.Advances, d.Reason = true, ReasonTopN
		a.places[r.TrackID]++
		a.capped[c]++
	}
	return d
}
