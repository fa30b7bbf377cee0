package ranking

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Method is the aggregation a round uses to score its entries, chosen
// before scoring starts. The zero value is not a method: a round must say.
type Method int

// The aggregation methods.
const (
	// Mean is the arithmetic mean of the entry's totals, in hundredths.
	Mean Method = iota + 1
	// Trimmed drops one highest and one lowest total when at least
	// MinTrimJudges judges scored the entry, then takes the mean; with fewer
	// judges it equals Mean.
	Trimmed
	// ZScore is the mean of the entry's per-judge z-scores, in
	// ten-thousandths of a standard deviation. A sheet's z is
	// (Total − μ)/σ with μ and the population σ (divide by n: the judge's
	// sheets are the whole population being normalised, not a sample) over
	// all that judge's sheets in the round; a judge with one sheet or equal
	// totals everywhere (σ = 0) gives z = 0. Computed in float64, rounded
	// half away from zero once per entry; ties compare the rounded values.
	ZScore
)

// MinTrimJudges is the number of judges from which Trimmed drops the
// highest and the lowest total.
const MinTrimJudges = 5

// Sheet is one judge's weighted total for one entry (see WeightedTotal).
type Sheet struct {
	EntryID uint
	JudgeID uint
	Total   int64 // weighted total in hundredths of a point
}

// EntryInfo places an entry for grouping and advancement.
type EntryInfo struct {
	ID        uint
	TrackID   uint
	CollegeID uint
}

// Options configure Rank.
type Options struct {
	Method Method
	// TieBreak orders entries with equal Score; nil means DefaultTieBreak.
	// Entry id ascending always comes last.
	TieBreak []Key
	// DivergenceSpread flags an entry for re-review when Max−Min is
	// strictly greater than it (hundredths; 0 = never flag).
	DivergenceSpread int64
}

// Result is one entry's aggregated scores and places. Point values are in
// hundredths of a point; Z and, under ZScore, Score in ten-thousandths of a
// standard deviation. An entry with no sheet has Judges 0 and every value 0.
type Result struct {
	EntryID   uint
	TrackID   uint
	CollegeID uint
	Judges    int   // number of sheets
	Mean      int64 // mean total, rounded half-up
	Trimmed   int64 // trimmed mean, rounded half-up; = Mean below MinTrimJudges
	Z         int64 // mean z-score ×10⁴, rounded half away from zero
	Score     int64 // the value of Options.Method: Mean, Trimmed or Z
	Min, Max  int64 // lowest and highest total
	Spread    int64 // Max − Min
	Divergent bool  // Spread > Options.DivergenceSpread (when that is > 0)
	// TrackRank and OverallRank are 1-based places within the track and
	// the whole round; they are distinct (1..n) even for tied entries.
	TrackRank   int
	OverallRank int
	// Tied reports that another entry of the same track equals this one on
	// Score and every tie-break key, so only the entry id ordered them.
	// OverallTied is the same across all tracks.
	Tied        bool
	OverallTied bool
}

// Errors of Rank and Advance.
var (
	ErrMethod         = errors.New("unknown aggregation method")
	ErrKey            = errors.New("unknown tie-break key")
	ErrDivergence     = errors.New("the divergence spread must not be negative")
	ErrDuplicateEntry = errors.New("entry listed twice")
	ErrUnknownEntry   = errors.New("sheet for an entry that is not listed")
	ErrDuplicateSheet = errors.New("judge scored the same entry twice")
)

// Rank aggregates the sheets of a round and ranks the entries. Every
// listed entry gets one Result, also without a sheet (Judges 0, ranked
// after every scored entry, by id, and Tied among themselves), so a
// missing score is visible rather than silently dropped. Results come in OverallRank order. The output does
// not depend on the order of sheets or entries.
//
// It fails with ErrMethod, ErrKey or ErrDivergence on bad options, with
// ErrDuplicateEntry, ErrUnknownEntry or ErrDuplicateSheet on bad input.
func Rank(sheets []Sheet, entries []EntryInfo, opt Options) ([]Result, error) {
	keys, err := opt.check()
	if err != nil {
		return nil, err
	}
	results, index, err := newResults(entries)
	if err != nil {
		return nil, err
	}
	sorted := slices.Clone(sheets)
	slices.SortFunc(sorted, func(a, b Sheet) int {
		return cmp.Or(cmp.Compare(a.EntryID, b.EntryID), cmp.Compare(a.JudgeID, b.JudgeID))
	})
	for i, s := range sorted {
		if _, ok := index[s.EntryID]; !ok {
			return nil, fmt.Errorf("%w: entry %d", ErrUnknownEntry, s.EntryID)
		}
		if i > 0 && sorted[i-1].EntryID == s.EntryID && sorted[i-1].JudgeID == s.JudgeID {
			return nil, fmt.Errorf("%w: judge %d, entry %d", ErrDuplicateSheet, s.JudgeID, s.EntryID)
		}
	}
	judges := judgeStats(sorted)
	for start := 0; start < len(sorted); {
		end := start + 1
		for end < len(sorted) && sorted[end].EntryID == sorted[start].EntryID {
			end++
		}
		aggregate(&results[index[sorted[start].EntryID]], sorted[start:end], judges, opt)
		start = end
	}
	return order(results, keys), nil
}

// check validates the options and returns the tie-break keys to use.
func (o Options) check() ([]Key, error) {
	if o.Method < Mean || o.Method > ZScore {
		return nil, fmt.Errorf("%w: %d", ErrMethod, o.Method)
	}
	if o.DivergenceSpread < 0 {
		return nil, ErrDivergence
	}
	keys := o.TieBreak
	if keys == nil {
		keys = DefaultTieBreak
	}
	for _, k := range keys {
		if k < KeyMean || k > KeyJudges {
			return nil, fmt.Errorf("%w: %d", ErrKey, k)
		}
	}
	return keys, nil
}

// newResults makes one empty Result per entry and indexes them by id.
func newResults(entries []EntryInfo) ([]Result, map[uint]int, error) {
	results := make([]Result, len(entries))
	index := make(map[uint]int, len(entries))
	for i, e := range entries {
		if _, dup := index[e.ID]; dup {
			return nil, nil, fmt.Errorf("%w: entry %d", ErrDuplicateEntry, e.ID)
		}
		index[e.ID] = i
		results[i] = Result{EntryID: e.ID, TrackID: e.TrackID, CollegeID: e.CollegeID}
	}
	return results, index, nil
}

// judge holds one judge's mean and population standard deviation over all
// the totals they gave in the round; flat means z is 0 for all of them.
type judge struct {
	n, sum, min, max int64
	mu, sigma        float64
}

func (j *judge) flat() bool { return j.n < 2 || j.min == j.max }

// judgeStats computes each judge's mean and population σ. The sheets are
// sorted, so the float sums run in a fixed order and the result is
// reproducible whatever order the caller passed them in.
func judgeStats(sorted []Sheet) map[uint]*judge {
	js := make(map[uint]*judge)
	for _, s := range sorted {
		j := js[s.JudgeID]
		if j == nil {
			j = &judge{min: s.Total, max: s.Total}
			js[s.JudgeID] = j
		}
		j.n++
		j.sum += s.Total
		j.min, j.max = min(j.min, s.Total), max(j.max, s.Total)
	}
	sq := make(map[uint]float64, len(js))
	for _, j := range js {
		j.mu = float64(j.sum) / float64(j.n)
	}
	for _, s := range sorted {
		d := float64(s.Total) - js[s.JudgeID].mu
		sq[s.JudgeID] += d * d
	}
	for id, j := range js {
		j.sigma = math.Sqrt(sq[id] / float64(j.n))
	}
	return js
}

// aggregate fills r from the sheets of its entry (at least one).
func aggregate(r *Result, sheets []Sheet, judges map[uint]*judge, opt Options) {
	n := int64(len(sheets))
	r.Min, r.Max = sheets[0].Total, sheets[0].Total
	var sum int64
	var zsum float64
	for _, s := range sheets {
		sum += s.Total
		r.Min, r.Max = min(r.Min, s.Total), max(r.Max, s.Total)
		if j := judges[s.JudgeID]; !j.flat() {
			zsum += (float64(s.Total) - j.mu) / j.sigma
		}
	}
	r.Judges = len(sheets)
	r.Mean = divRound(sum, n)
	r.Trimmed = r.Mean
	if n >= MinTrimJudges {
		r.Trimmed = divRound(sum-r.Min-r.Max, n-2)
	}
	r.Z = fixed(zsum/float64(n), 1e4)
	r.Spread = r.Max - r.Min
	r.Divergent = opt.DivergenceSpread > 0 && r.Spread > opt.DivergenceSpread
	switch opt.Method {
	case Mean:
		r.Score = r.Mean
	case Trimmed:
		r.Score = r.Trimmed
	case ZScore:
		r.Score = r.Z
	}
}
