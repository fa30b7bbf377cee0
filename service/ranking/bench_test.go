package ranking_test

import (
	"testing"

	"incubator/service/ranking"
)

// The goal: 5,000 entries × 7 judges (× 6 criteria, weighted into
// each sheet's total) ranked in ≤ 50 ms.
const benchEntries, benchPool, benchJudges = 5000, 150, 7

func benchRank(b *testing.B, m ranking.Method) {
	sheets, entries := round(42, benchEntries, benchPool, benchJudges, false)
	opt := ranking.Options{Method: m, DivergenceSpread: 3000}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ranking.Rank(sheets, entries, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRankMean(b *testing.B)    { benchRank(b, ranking.Mean) }
func BenchmarkRankTrimmed(b *testing.B) { benchRank(b, ranking.Trimmed) }
func BenchmarkRankZScore(b *testing.B)  { benchRank(b, ranking.ZScore) }

func BenchmarkAdvance(b *testing.B) {
	sheets, entries := round(42, benchEntries, benchPool, benchJudges, false)
	rs, err := ranking.Rank(sheets, entries, ranking.Options{Method: ranking.Trimmed})
	if err != nil {
		b.Fatal(err)
	}
	min := int64(5000)
	rule := ranking.Rule{TopNPerTrack: 200, CollegeCap: 30, MinScore: &min}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ranking.Advance(rs, rule); err != nil {
			b.Fatal(err)
		}
	}
}
