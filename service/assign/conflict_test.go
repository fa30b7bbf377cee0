package assign_test

import (
	"testing"

	"incubator/service/assign"
)

func TestConflict(t *testing.T) {
	e := assign.Entry{ID: 1, CollegeID: 7, PeopleIDs: []uint{100, 101}}
	declared := map[assign.Pair]string{
		{EntryID: 1, JudgeID: 200}: "",
		{EntryID: 1, JudgeID: 201}: "former supervisor",
		{EntryID: 1, JudgeID: 101}: "declared too",
		{EntryID: 2, JudgeID: 202}: "",
	}
	tests := []struct {
		name   string
		entry  assign.Entry
		judge  assign.Judge
		reason string
	}{
		{"OK", e, assign.Judge{ID: 300, CollegeID: 8}, ""},
		{"OKIndustryJudge", e, assign.Judge{ID: 300}, ""},
		{"OKEntryWithoutCollege", assign.Entry{ID: 3}, assign.Judge{ID: 300}, ""},
		{"OKDeclaredForOtherEntry", e, assign.Judge{ID: 202, CollegeID: 8}, ""},
		{"ErrSameCollege", e, assign.Judge{ID: 300, CollegeID: 7}, assign.ReasonSameCollege},
		{"ErrSameCollegeWinsOverMember", e, assign.Judge{ID: 100, CollegeID: 7}, assign.ReasonSameCollege},
		{"ErrTeamMember", e, assign.Judge{ID: 100, CollegeID: 8}, assign.ReasonTeamMember},
		{"ErrMemberWinsOverDeclared", e, assign.Judge{ID: 101}, assign.ReasonTeamMember},
		{"ErrDeclaredNoReason", e, assign.Judge{ID: 200, CollegeID: 8}, assign.ReasonDeclared},
		{"ErrDeclaredWithReason", e, assign.Judge{ID: 201}, "former supervisor"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reason, conflicted := assign.Conflict(tc.entry, tc.judge, declared)
			if reason != tc.reason || conflicted != (tc.reason != "") {
				t.Errorf("Conflict = %q, %v; want %q, %v", reason, conflicted, tc.reason, tc.reason != "")
			}
		})
	}
}
