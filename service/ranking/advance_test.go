package ranking_test

import (
	"errors"
	"testing"

	"incubator/service/ranking"
)

// r is a scored result; ranked gives OverallRank by position.
type r struct {
	id, track, college uint
	score              int64
}

func ranked(rows ...r) []ranking.Result {
	out := make([]ranking.Result, len(rows))
	for i, x := range rows {
		out[i] = ranking.Result{EntryID: x.id, TrackID: x.track, CollegeID: x.college, Score: x.score, Judges: 3, OverallRank: i + 1}
	}
	return out
}

func ptr(v int64) *int64 { return &v }

func TestAdvance(t *testing.T) {
	cases := []struct {
		name    string
		results []ranking.Result
		rule    ranking.Rule
		want    map[uint]string // entry → reason; advancing iff "top_n"
	}{
		{"TopNPerTrack",
			ranked(r{1, 1, 1, 9000}, r{4, 2, 2, 8800}, r{2, 1, 3, 8500}, r{3, 1, 4, 8000}, r{5, 2, 5, 7000}),
			ranking.Rule{TopNPerTrack: 2},
			map[uint]string{1: "top_n", 2: "top_n", 3: "outside_top_n", 4: "top_n", 5: "top_n"}},
		{"CollegeCapLetsNextIn",
			ranked(r{1, 1, 7, 9000}, r{2, 1, 7, 8500}, r{3, 1, 8, 8000}, r{4, 1, 9, 7000}),
			ranking.Rule{TopNPerTrack: 2, CollegeCap: 1},
			map[uint]string{1: "top_n", 2: "college_cap", 3: "top_n", 4: "outside_top_n"}},
		{"CollegeCapPerRoundAcrossTracks",
			ranked(r{1, 1, 7, 9000}, r{2, 2, 7, 8500}, r{3, 2, 8, 8000}),
			ranking.Rule{TopNPerTrack: 1, CollegeCap: 1},
			map[uint]string{1: "top_n", 2: "college_cap", 3: "top_n"}},
		{"CollegeCapPerTrack",
			ranked(r{1, 1, 7, 9000}, r{2, 2, 7, 8500}, r{3, 2, 8, 8000}),
			ranking.Rule{TopNPerTrack: 1, CollegeCap: 1, CapScope: ranking.CapPerTrack},
			map[uint]string{1: "top_n", 2: "top_n", 3: "outside_top_n"}},
		{"MinScoreInclusive",
			ranked(r{1, 1, 1, 9000}, r{2, 1, 2, 8000}, r{3, 1, 3, 7999}),
			ranking.Rule{TopNPerTrack: 3, MinScore: ptr(8000)},
			map[uint]string{1: "top_n", 2: "top_n", 3: "below_min"}},
		{"BelowMinTakesNoPlace",
			ranked(r{1, 1, 1, -500}, r{2, 1, 2, -20000}),
			ranking.Rule{MinScore: ptr(-1000)},
			map[uint]string{1: "top_n", 2: "below_min"}},
		{"NoLimits",
			ranked(r{1, 1, 1, 1}, r{2, 1, 1, 0}),
			ranking.Rule{},
			map[uint]string{1: "top_n", 2: "top_n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ranking.Advance(c.results, c.rule)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("%d decisions, want %d", len(got), len(c.want))
			}
			for _, d := range got {
				if d.Reason != c.want[d.EntryID] || d.Advances != (d.Reason == ranking.ReasonTopN) {
					t.Errorf("entry %d: %v %q, want %q", d.EntryID, d.Advances, d.Reason, c.want[d.EntryID])
				}
			}
		})
	}
}

func TestAdvanceNoScores(t *testing.T) {
	in := ranked(r{1, 1, 1, 9000}, r{2, 1, 2, 0})
	in[1].Judges = 0
	got, err := ranking.Advance(in, ranking.Rule{TopNPerTrack: 5})
	if err != nil {
		t.Fatal(err)
	}
	if got[1].Advances || got[1].Reason != ranking.ReasonNoScores {
		t.Errorf("unscored entry: %+v, want no_scores", got[1])
	}
}

// Decisions follow OverallRank, not the order the results are passed in.
func TestAdvanceInputOrder(t *testing.T) {
	in := ranked(r{1, 1, 7, 9000}, r{2, 1, 7, 8500}, r{3, 1, 8, 8000})
	in[0], in[2] = in[2], in[0]
	got, err := ranking.Advance(in, ranking.Rule{TopNPerTrack: 2, CollegeCap: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []ranking.Decision{{1, 1, true, "top_n"}, {2, 1, false, "college_cap"}, {3, 1, true, "top_n"}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("decision %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestAdvanceEmpty(t *testing.T) {
	got, err := ranking.Advance(nil, ranking.Rule{TopNPerTrack: 3})
	if err != nil || len(got) != 0 {
		t.Errorf("Advance(nil) = %v, %v; want empty", got, err)
	}
}

func TestAdvanceErrors(t *testing.T) {
	cases := []struct {
		name    string
		results []ranking.Result
		rule    ranking.Rule
		want    error
	}{
		{"ErrRuleTopN", nil, ranking.Rule{TopNPerTrack: -1}, ranking.ErrRule},
		{"ErrRuleCap", nil, ranking.Rule{CollegeCap: -1}, ranking.ErrRule},
		{"ErrRuleScope", nil, ranking.Rule{CapScope: 9}, ranking.ErrRule},
		{"ErrDuplicateEntry", ranked(r{1, 1, 1, 9000}, r{1, 1, 1, 9000}), ranking.Rule{}, ranking.ErrDuplicateEntry},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := ranking.Advance(c.results, c.rule); !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}
