package ranking

import (
	"cmp"
	"slices"
)

// Key is a tie-break criterion, applied after Score in the configured
// order. Each key prefers the better entry: higher Mean, Trimmed, Z, Max
// and Min, smaller Spread, more Judges.
type Key int

// The tie-break keys.
const (
	KeyMean    Key = iota + 1 // higher mean first
	KeyTrimmed                // higher trimmed mean first
	KeyZ                      // higher mean z-score first
	KeySpread                 // smaller spread (more agreement) first
	KeyMax                    // higher best total first
	KeyMin                    // higher worst total first
	KeyJudges                 // more judges first
)

// DefaultTieBreak is used when Options.TieBreak is nil: the mean, then the
// smaller spread, then more judges. Pass an empty non-nil slice to order
// equal scores by entry id alone.
var DefaultTieBreak = []Key{KeyMean, KeySpread, KeyJudges}

// better compares a and b on k: negative when a ranks before b.
func (k Key) better(a, b *Result) int {
	switch k {
	case KeyMean:
		return cmp.Compare(b.Mean, a.Mean)
	case KeyTrimmed:
		return cmp.Compare(b.Trimmed, a.Trimmed)
	case KeyZ:
		return cmp.Compare(b.Z, a.Z)
	case KeySpread:
		return cmp.Compare(a.Spread, b.Spread)
	case KeyMax:
		return cmp.Compare(b.Max, a.Max)
	case KeyMin:
		return cmp.Compare(b.Min, a.Min)
	default: // KeyJudges
		return cmp.Compare(b.Judges, a.Judges)
	}
}

// compareKeys orders a and b without the entry id: scored entries first,
// then higher Score, then the keys in order. 0 means tied.
func compareKeys(a, b *Result, keys []Key) int {
	if c := boolCompare(a.Judges > 0, b.Judges > 0); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	for _, k := range keys {
		if c := k.better(a, b); c != 0 {
			return c
		}
	}
	return 0
}

// boolCompare puts true before false.
func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	default:
		return 1
	}
}

// order sorts results into overall rank order and sets the ranks and tie
// flags, overall and within each track. Equal entries are adjacent in the
// overall order, hence also in each track's subsequence, so comparing
// neighbours finds every tie.
func order(results []Result, keys []Key) []Result {
	slices.SortFunc(results, func(a, b Result) int {
		return cmp.Or(compareKeys(&a, &b, keys), cmp.Compare(a.EntryID, b.EntryID))
	})
	placed := make(map[uint]int) // track → entries placed so far
	last := make(map[uint]int)   // track → index of its previous entry
	for i := range results {
		r := &results[i]
		r.OverallRank = i + 1
		if i > 0 && compareKeys(&results[i-1], r, keys) == 0 {
			r.OverallTied, results[i-1].OverallTied = true, true
		}
		placed[r.TrackID]++
		r.TrackRank = placed[r.TrackID]
		if p, ok := last[r.TrackID]; ok && compareKeys(&results[p], r, keys) == 0 {
			r.Tied, results[p].Tied = true, true
		}
		last[r.TrackID] = i
	}
	return results
}
