package ranking_test

import (
	"errors"
	"slices"
	"testing"

	"incubator/service/ranking"
)

// sheets makes one sheet per total for entry, judged by judges 1, 2, 3, …
func sheets(entry uint, totals ...int64) []ranking.Sheet {
	out := make([]ranking.Sheet, len(totals))
	for i, t := range totals {
		out[i] = ranking.Sheet{EntryID: entry, JudgeID: uint(i + 1), Total: t}
	}
	return out
}

// entries lists ids 1..n in track 1, college 1.
func entries(n int) []ranking.EntryInfo {
	out := make([]ranking.EntryInfo, n)
	for i := range out {
		out[i] = ranking.EntryInfo{ID: uint(i + 1), TrackID: 1, CollegeID: 1}
	}
	return out
}

func byID(t *testing.T, rs []ranking.Result) map[uint]ranking.Result {
	t.Helper()
	m := make(map[uint]ranking.Result, len(rs))
	for _, r := range rs {
		m[r.EntryID] = r
	}
	return m
}

func ids(rs []ranking.Result) []uint {
	out := make([]uint, len(rs))
	for i, r := range rs {
		out[i] = r.EntryID
	}
	return out
}

func TestWeightedTotal(t *testing.T) {
	cases := []struct {
		name            string
		points, weights []int64
		want            int64
	}{
		{"Exact", []int64{8550, 9000}, []int64{60, 40}, 8730},
		{"HalfRoundsUp", []int64{8333}, []int64{50}, 4167},                 // 4166.50
		{"RoundedOnceNotPerTerm", []int64{8333, 1}, []int64{50, 49}, 4167}, // 4166.50 + 0.49
		{"BelowHalfRoundsDown", []int64{101}, []int64{33}, 33},             // 33.33
		{"Empty", nil, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ranking.WeightedTotal(c.points, c.weights)
			if err != nil || got != c.want {
				t.Errorf("WeightedTotal = %d, %v; want %d", got, err, c.want)
			}
		})
	}
	t.Run("ErrWeights", func(t *testing.T) {
		if _, err := ranking.WeightedTotal([]int64{1, 2}, []int64{100}); !errors.Is(err, ranking.ErrWeights) {
			t.Errorf("err = %v, want ErrWeights", err)
		}
	})
}

func TestRankAggregates(t *testing.T) {
	cases := []struct {
		name                            string
		totals                          []int64
		mean, trimmed, min, max, spread int64
	}{
		{"MeanRoundsDown", []int64{8000, 8000, 8001}, 8000, 8000, 8000, 8001, 1}, // 8000.33
		{"MeanHalfRoundsUp", []int64{8000, 8001}, 8001, 8001, 8000, 8001, 1},     // 8000.50
		{"MeanRoundsUp", []int64{8000, 8001, 8001}, 8001, 8001, 8000, 8001, 1},   // 8000.67
		{"OneJudge", []int64{7350}, 7350, 7350, 7350, 7350, 0},
		{"FourJudgesTrimmedIsMean", []int64{6000, 7000, 8000, 9900}, 7725, 7725, 6000, 9900, 3900},
		{"FiveJudgesTrimmed", []int64{6000, 7000, 8000, 9000, 9900}, 7980, 8000, 6000, 9900, 3900},
		// Only one of the three 7000s is dropped: (7000+7000+8000)/3 = 7333.33.
		{"FiveJudgesDuplicateLowest", []int64{7000, 9000, 7000, 8000, 7000}, 7600, 7333, 7000, 9000, 2000},
		// (7001+7002+7003+7004)/4 = 7002.50.
		{"SixJudgesTrimmedHalfUp", []int64{7000, 7001, 7002, 7003, 7004, 9000}, 7335, 7003, 7000, 9000, 2000},
	}
	for _, c := range cases {
		for _, m := range []ranking.Method{ranking.Mean, ranking.Trimmed} {
			t.Run(c.name, func(t *testing.T) {
				rs, err := ranking.Rank(sheets(1, c.totals...), entries(1), ranking.Options{Method: m})
				if err != nil {
					t.Fatal(err)
				}
				r := rs[0]
				want := c.mean
				if m == ranking.Trimmed {
					want = c.trimmed
				}
				if r.Mean != c.mean || r.Trimmed != c.trimmed || r.Score != want || r.Judges != len(c.totals) {
					t.Errorf("method %d: mean %d trimmed %d score %d judges %d; want %d %d %d %d",
						m, r.Mean, r.Trimmed, r.Score, r.Judges, c.mean, c.trimmed, want, len(c.totals))
				}
				if r.Min != c.min || r.Max != c.max || r.Spread != c.spread {
					t.Errorf("min %d max %d spread %d; want %d %d %d", r.Min, r.Max, r.Spread, c.min, c.max, c.spread)
				}
			})
		}
	}
}

// A harsh judge (H) scores entries 1-3 low, a lenient one (L) entries 4-6
// high. By the mean the harsh judge's entries all sink below the lenient
// judge's; by z-score each judge's best entry ranks at the top.
func TestRankZScoreHarshJudge(t *testing.T) {
	const h, l = 10, 20
	in := []ranking.Sheet{
		{EntryID: 1, JudgeID: h, Total: 6000}, {EntryID: 2, JudgeID: h, Total: 5000}, {EntryID: 3, JudgeID: h, Total: 4000},
		{EntryID: 4, JudgeID: l, Total: 9000}, {EntryID: 5, JudgeID: l, Total: 8800}, {EntryID: 6, JudgeID: l, Total: 8600},
	}
	mean, err := ranking.Rank(in, entries(6), ranking.Options{Method: ranking.Mean})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(mean), []uint{4, 5, 6, 1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("mean order %v, want %v", got, want)
	}
	z, err := ranking.Rank(in, entries(6), ranking.Options{Method: ranking.ZScore})
	if err != nil {
		t.Fatal(err)
	}
	// Equal z-scores are ordered by the default first key, the mean.
	if got, want := ids(z), []uint{4, 1, 5, 2, 6, 3}; !slices.Equal(got, want) {
		t.Errorf("z order %v, want %v", got, want)
	}
	// Population σ: sqrt(2/3)·1000 for H, so z = ±1.224745 (a sample σ
	// would give ±1).
	want := map[uint]int64{1: 12247, 2: 0, 3: -12247, 4: 12247, 5: 0, 6: -12247}
	for id, r := range byID(t, z) {
		if r.Z != want[id] || r.Score != r.Z {
			t.Errorf("entry %d: Z %d Score %d, want %d", id, r.Z, r.Score, want[id])
		}
	}
}

func TestRankZScoreValues(t *testing.T) {
	cases := []struct {
		name   string
		sheets []ranking.Sheet
		want   map[uint]int64
	}{
		// J1: μ 7500, σ 500 → +1, −1. J2: μ 8000, σ √2·1000 → −1.41421,
		// +0.70711, +0.70711. Entries average their sheets' z.
		{"MeanOfSheets", []ranking.Sheet{
			{EntryID: 1, JudgeID: 1, Total: 8000}, {EntryID: 2, JudgeID: 1, Total: 7000},
			{EntryID: 1, JudgeID: 2, Total: 6000}, {EntryID: 2, JudgeID: 2, Total: 9000}, {EntryID: 3, JudgeID: 2, Total: 9000},
		}, map[uint]int64{1: -2071, 2: -1464, 3: 7071}},
		// A judge who gives everyone the same total (σ = 0) or scores one
		// entry only contributes z = 0.
		{"FlatAndSingleJudge", []ranking.Sheet{
			{EntryID: 1, JudgeID: 1, Total: 7000}, {EntryID: 2, JudgeID: 1, Total: 7000},
			{EntryID: 1, JudgeID: 2, Total: 9000},
		}, map[uint]int64{1: 0, 2: 0, 3: 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, err := ranking.Rank(c.sheets, entries(3), ranking.Options{Method: ranking.ZScore})
			if err != nil {
				t.Fatal(err)
			}
			for id, r := range byID(t, rs) {
				if r.Z != c.want[id] {
					t.Errorf("entry %d: Z %d, want %d", id, r.Z, c.want[id])
				}
			}
		})
	}
}

func TestRankTieBreak(t *testing.T) {
	// All four have mean 8000. 1 and 4 are alike; 2 is spread; 3 has more judges.
	var in []ranking.Sheet
	in = append(in, sheets(1, 8000, 8000)...)
	in = append(in, sheets(2, 7000, 9000)...)
	in = append(in, sheets(3, 8000, 8000, 8000)...)
	in = append(in, sheets(4, 8000, 8000)...)
	cases := []struct {
		name  string
		keys  []ranking.Key
		order []uint
		tied  []uint
	}{
		{"Default", nil, []uint{3, 1, 4, 2}, []uint{1, 4}},
		{"MaxFirst", []ranking.Key{ranking.KeyMax}, []uint{2, 1, 3, 4}, []uint{1, 3, 4}},
		{"JudgesThenSpread", []ranking.Key{ranking.KeyJudges, ranking.KeySpread}, []uint{3, 1, 4, 2}, []uint{1, 4}},
		{"SpreadOnly", []ranking.Key{ranking.KeySpread}, []uint{1, 3, 4, 2}, []uint{1, 3, 4}},
		{"MinFirst", []ranking.Key{ranking.KeyMin, ranking.KeyJudges}, []uint{3, 1, 4, 2}, []uint{1, 4}},
		{"NoKeysEntryID", []ranking.Key{}, []uint{1, 2, 3, 4}, []uint{1, 2, 3, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, err := ranking.Rank(in, entries(4), ranking.Options{Method: ranking.Mean, TieBreak: c.keys})
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(rs); !slices.Equal(got, c.order) {
				t.Errorf("order %v, want %v", got, c.order)
			}
			for i, r := range rs {
				if want := slices.Contains(c.tied, r.EntryID); r.Tied != want || r.OverallTied != want {
					t.Errorf("entry %d: Tied %v OverallTied %v, want %v", r.EntryID, r.Tied, r.OverallTied, want)
				}
				if r.TrackRank != i+1 || r.OverallRank != i+1 {
					t.Errorf("entry %d: ranks %d/%d, want %d", r.EntryID, r.TrackRank, r.OverallRank, i+1)
				}
			}
		})
	}
}

func TestRankTracks(t *testing.T) {
	in := []ranking.EntryInfo{{ID: 1, TrackID: 1}, {ID: 2, TrackID: 2}, {ID: 3, TrackID: 1}, {ID: 4, TrackID: 2}}
	var s []ranking.Sheet
	s = append(s, sheets(1, 8000)...)
	s = append(s, sheets(2, 8000)...)
	s = append(s, sheets(3, 9000)...)
	s = append(s, sheets(4, 7000)...)
	rs, err := ranking.Rank(s, in, ranking.Options{Method: ranking.Mean})
	if err != nil {
		t.Fatal(err)
	}
	type place struct {
		track, overall int
		tied, oTied    bool
	}
	want := map[uint]place{3: {1, 1, false, false}, 1: {2, 2, false, true}, 2: {1, 3, false, true}, 4: {2, 4, false, false}}
	for id, r := range byID(t, rs) {
		if got := (place{r.TrackRank, r.OverallRank, r.Tied, r.OverallTied}); got != want[id] {
			t.Errorf("entry %d: %+v, want %+v", id, got, want[id])
		}
	}
}

// Spread equal to the threshold is not divergent; one hundredth more is.
func TestRankDivergence(t *testing.T) {
	var in []ranking.Sheet
	in = append(in, sheets(1, 7000, 8999)...)
	in = append(in, sheets(2, 7000, 9000)...)
	in = append(in, sheets(3, 7000, 9001)...)
	for _, c := range []struct {
		name      string
		threshold int64
		want      map[uint]bool
	}{
		{"AtThreshold", 2000, map[uint]bool{1: false, 2: false, 3: true}},
		{"Off", 0, map[uint]bool{1: false, 2: false, 3: false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs, err := ranking.Rank(in, entries(3), ranking.Options{Method: ranking.Mean, DivergenceSpread: c.threshold})
			if err != nil {
				t.Fatal(err)
			}
			for id, r := range byID(t, rs) {
				if r.Divergent != c.want[id] {
					t.Errorf("entry %d (spread %d): Divergent %v, want %v", id, r.Spread, r.Divergent, c.want[id])
				}
			}
		})
	}
}

// Entries nobody scored stay in the output, after every scored entry, even
// one with a negative z-score.
func TestRankUnscoredLast(t *testing.T) {
	in := []ranking.Sheet{{EntryID: 2, JudgeID: 1, Total: 5000}, {EntryID: 4, JudgeID: 1, Total: 7000}}
	rs, err := ranking.Rank(in, entries(4), ranking.Options{Method: ranking.ZScore})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(rs), []uint{4, 2, 1, 3}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if rs[1].Score != -10000 {
		t.Errorf("entry 2 score %d, want -10000", rs[1].Score)
	}
	for _, r := range rs[2:] {
		if r.Judges != 0 || r.Score != 0 || r.Mean != 0 || !r.Tied {
			t.Errorf("unscored entry %d: %+v", r.EntryID, r)
		}
	}
}

func TestRankEmpty(t *testing.T) {
	rs, err := ranking.Rank(nil, nil, ranking.Options{Method: ranking.Trimmed})
	if err != nil || len(rs) != 0 {
		t.Errorf("Rank(nil) = %v, %v; want empty", rs, err)
	}
}

func TestRankErrors(t *testing.T) {
	ok := ranking.Options{Method: ranking.Mean}
	cases := []struct {
		name    string
		sheets  []ranking.Sheet
		entries []ranking.EntryInfo
		opt     ranking.Options
		want    error
	}{
		{"ErrMethod", nil, nil, ranking.Options{}, ranking.ErrMethod},
		{"ErrKey", nil, nil, ranking.Options{Method: ranking.Mean, TieBreak: []ranking.Key{99}}, ranking.ErrKey},
		{"ErrDivergence", nil, nil, ranking.Options{Method: ranking.Mean, DivergenceSpread: -1}, ranking.ErrDivergence},
		{"ErrDuplicateEntry", nil, append(entries(2), entries(1)...), ok, ranking.ErrDuplicateEntry},
		{"ErrUnknownEntry", sheets(3, 8000), entries(2), ok, ranking.ErrUnknownEntry},
		{"ErrDuplicateSheet", append(sheets(1, 8000), sheets(1, 7000)...), entries(1), ok, ranking.ErrDuplicateSheet},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := ranking.Rank(c.sheets, c.entries, c.opt); !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}
