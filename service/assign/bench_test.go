package assign_test

import (
	"fmt"
	"testing"

	"incubator/service/assign"
)

// BenchmarkAssign runs one round at the design scale: 5,000 entries, 500
// judges, k = 5 and 7, 40 colleges, 8 tracks, some member and declared
// conflicts.
func BenchmarkAssign(b *testing.B) {
	tags := []string{"ai", "biotech", "materials", "culture", "energy", "agri", "fintech", "health"}
	for _, k := range []int{5, 7} {
		in := generate(42, spec{entries: 5000, judges: 500, k: k, colleges: 40, industry: 0.2, tags: tags, members: 0.2, declared: 0.2})
		b.Run(fmt.Sprintf("k%d", k), func(b *testing.B) {
			var p assign.Plan
			for b.Loop() {
				p = assign.Assign(in.entries, in.judges, in.opt)
			}
			b.ReportMetric(float64(len(p.Shortfalls)), "shortfalls")
			b.ReportMetric(float64(p.Stats.MaxLoad-p.Stats.MinLoad), "spread")
			b.ReportMetric(float64(p.Stats.ExpertiseMatches)/float64(len(p.Pairs)), "matched")
			b.ReportMetric(float64(p.Stats.SameCollegePairs), "samecollege")
		})
	}
}
