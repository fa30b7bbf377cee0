package ranking_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"incubator/service/ranking"
)

// round generates a round: entries in a few tracks and colleges, each
// scored by `per` of `pool` judges (with gaps, by fewer or none for some),
// totals 0..100.00 built from six weighted criteria.
func round(seed uint64, n, pool, per int, gaps bool) ([]ranking.Sheet, []ranking.EntryInfo) {
	rng := rand.New(rand.NewPCG(seed, 7))
	weights := []int64{25, 20, 20, 15, 10, 10}
	entries := make([]ranking.EntryInfo, n)
	var sheets []ranking.Sheet
	for i := range entries {
		e := ranking.EntryInfo{ID: uint(i + 1), TrackID: uint(rng.IntN(4) + 1), CollegeID: uint(rng.IntN(12) + 1)}
		entries[i] = e
		k := per
		if gaps {
			k -= rng.IntN(2) * rng.IntN(per+1) // half the entries get fewer, some none
		}
		for _, j := range rng.Perm(pool)[:k] {
			points := make([]int64, len(weights))
			for c := range points {
				points[c] = int64(rng.IntN(101)) * 100 // whole points, in hundredths
			}
			total, _ := ranking.WeightedTotal(points, weights)
			sheets = append(sheets, ranking.Sheet{EntryID: e.ID, JudgeID: uint(j + 1), Total: total})
		}
	}
	return sheets, entries
}

// want recomputes the aggregates naively: exact rationals for the means,
// a sorted trim, and z via sample-independent float code.
func want(sheets []ranking.Sheet) (mean, trimmed map[uint]int64, z map[uint]float64) {
	byEntry := map[uint][]int64{}
	byJudge := map[uint][]float64{}
	for _, s := range sheets {
		byEntry[s.EntryID] = append(byEntry[s.EntryID], s.Total)
		byJudge[s.JudgeID] = append(byJudge[s.JudgeID], float64(s.Total))
	}
	half := func(sum, n int64) int64 { return (2*sum + n) / (2 * n) } // non-negative sums
	mean, trimmed, z = map[uint]int64{}, map[uint]int64{}, map[uint]float64{}
	for id, ts := range byEntry {
		slices.Sort(ts)
		var sum int64
		for _, t := range ts {
			sum += t
		}
		mean[id] = half(sum, int64(len(ts)))
		trimmed[id] = mean[id]
		if len(ts) >= 5 {
			trimmed[id] = half(sum-ts[0]-ts[len(ts)-1], int64(len(ts)-2))
		}
	}
	stat := map[uint][2]float64{}
	for j, xs := range byJudge {
		var m, v float64
		for _, x := range xs {
			m += x / float64(len(xs))
		}
		for _, x := range xs {
			v += (x - m) * (x - m) / float64(len(xs))
		}
		stat[j] = [2]float64{m, math.Sqrt(v)}
	}
	for _, s := range sheets {
		if st := stat[s.JudgeID]; st[1] > 1e-9 {
			z[s.EntryID] += (float64(s.Total) - st[0]) / st[1] / float64(len(byEntry[s.EntryID]))
		}
	}
	return mean, trimmed, z
}

func TestRankProperties(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		sheets, entries := round(seed, 300, 25, 5+int(seed%3), true)
		mean, trimmed, z := want(sheets)
		for _, m := range []ranking.Method{ranking.Mean, ranking.Trimmed, ranking.ZScore} {
			rs, err := ranking.Rank(sheets, entries, ranking.Options{Method: m, DivergenceSpread: 3000})
			if err != nil {
				t.Fatal(err)
			}
			checkResults(t, seed, m, rs, mean, trimmed, z)
			// The same round passed in another order ranks the same.
			rng := rand.New(rand.NewPCG(seed, 1))
			s2, e2 := slices.Clone(sheets), slices.Clone(entries)
			rng.Shuffle(len(s2), func(i, j int) { s2[i], s2[j] = s2[j], s2[i] })
			rng.Shuffle(len(e2), func(i, j int) { e2[i], e2[j] = e2[j], e2[i] })
			rs2, err := ranking.Rank(s2, e2, ranking.Options{Method: m, DivergenceSpread: 3000})
			if err != nil || !slices.Equal(rs, rs2) {
				t.Errorf("seed %d method %d: shuffled input ranks differently (%v)", seed, m, err)
			}
			checkAdvance(t, seed, rs)
		}
	}
}

func checkResults(t *testing.T, seed uint64, m ranking.Method, rs []ranking.Result, mean, trimmed map[uint]int64, z map[uint]float64) {
	t.Helper()
	trackRanks := map[uint][]int{}
	for i, r := range rs {
		score := map[ranking.Method]int64{ranking.Mean: r.Mean, ranking.Trimmed: r.Trimmed, ranking.ZScore: r.Z}[m]
		if r.Score != score || r.Mean != mean[r.EntryID] || r.Trimmed != trimmed[r.EntryID] {
			t.Fatalf("seed %d method %d entry %d: %+v; want mean %d trimmed %d", seed, m, r.EntryID, r, mean[r.EntryID], trimmed[r.EntryID])
		}
		if d := math.Abs(float64(r.Z) - z[r.EntryID]*1e4); d > 0.5+1e-6 {
			t.Fatalf("seed %d entry %d: Z %d, want %.4f", seed, r.EntryID, r.Z, z[r.EntryID]*1e4)
		}
		if r.Divergent != (r.Spread > 3000) || r.Spread != r.Max-r.Min || r.OverallRank != i+1 {
			t.Fatalf("seed %d entry %d: %+v", seed, r.EntryID, r)
		}
		if i > 0 {
			p := rs[i-1]
			if (p.Judges == 0 && r.Judges > 0) || (p.Judges > 0 && r.Judges > 0 && p.Score < r.Score) {
				t.Fatalf("seed %d: entry %d ranked before %d", seed, p.EntryID, r.EntryID)
			}
		}
		trackRanks[r.TrackID] = append(trackRanks[r.TrackID], r.TrackRank)
	}
	for track, ranks := range trackRanks {
		for i, rank := range ranks {
			if rank != i+1 {
				t.Fatalf("seed %d track %d: ranks %v are not 1..n in order", seed, track, ranks)
			}
		}
	}
}

func checkAdvance(t *testing.T, seed uint64, rs []ranking.Result) {
	t.Helper()
	min := rs[len(rs)/3].Score
	ds, err := ranking.Advance(rs, ranking.Rule{TopNPerTrack: 10, CollegeCap: 3, MinScore: &min})
	if err != nil {
		t.Fatal(err)
	}
	perTrack, perCollege := map[uint]int{}, map[uint]int{}
	for i, d := range ds {
		r := rs[i]
		if d.EntryID != r.EntryID {
			t.Fatalf("seed %d: decision %d is entry %d, want %d", seed, i, d.EntryID, r.EntryID)
		}
		if d.Advances {
			perTrack[r.TrackID]++
			perCollege[r.CollegeID]++
			if r.Score < min || r.Judges == 0 || perTrack[r.TrackID] > 10 || perCollege[r.CollegeID] > 3 {
				t.Fatalf("seed %d: entry %d advanced against the rule: %+v", seed, r.EntryID, r)
			}
		}
	}
	if len(perTrack) == 0 {
		t.Fatalf("seed %d: nobody advanced", seed)
	}
}
