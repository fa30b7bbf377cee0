package schedule_test

import (
	"testing"

	"incubator/model"
	"incubator/service/schedule"
)

func d(s string) model.Date {
	v, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func dp(s string) *model.Date { v := d(s); return &v }

func TestPeriods(t *testing.T) {
	type p struct{ start, end, due string }
	cases := []struct {
		name       string
		start, end string
		cadence    string
		due        int
		want       []p
	}{
		{"MonthlyFromMidMonth", "2026-01-15", "2026-04-10", schedule.Monthly, 10, []p{
			{"2026-01-15", "2026-01-31", "2026-02-10"},
			{"2026-02-01", "2026-02-28", "2026-03-10"},
			{"2026-03-01", "2026-03-31", "2026-04-10"},
			{"2026-04-01", "2026-04-10", "2026-04-20"},
		}},
		{"MonthlyLeapFebruary", "2028-02-01", "2028-03-31", schedule.Monthly, 10, []p{
			{"2028-02-01", "2028-02-29", "2028-03-10"},
			{"2028-03-01", "2028-03-31", "2028-04-10"},
		}},
		{"MonthlyOneDay", "2026-05-31", "2026-05-31", schedule.Monthly, 5, []p{
			{"2026-05-31", "2026-05-31", "2026-06-05"},
		}},
		{"QuarterlyCalendarQuarters", "2026-02-10", "2027-02-09", schedule.Quarterly, 10, []p{
			{"2026-02-10", "2026-03-31", "2026-04-10"},
			{"2026-04-01", "2026-06-30", "2026-07-10"},
			{"2026-07-01", "2026-09-30", "2026-10-10"},
			{"2026-10-01", "2026-12-31", "2027-01-10"},
			{"2027-01-01", "2027-02-09", "2027-02-19"},
		}},
		{"QuarterlyStartOnQuarterDay", "2026-01-01", "2026-06-30", schedule.Quarterly, 10, []p{
			{"2026-01-01", "2026-03-31", "2026-04-10"},
			{"2026-04-01", "2026-06-30", "2026-07-10"},
		}},
		{"QuarterlyDueCrossesYear", "2026-12-31", "2027-01-01", schedule.Quarterly, 10, []p{
			{"2026-12-31", "2026-12-31", "2027-01-10"},
			{"2027-01-01", "2027-01-01", "2027-01-11"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := schedule.Periods(d(c.start), d(c.end), c.cadence, c.due)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("%d periods %v, want %d", len(got), got, len(c.want))
			}
			for i, w := range c.want {
				if got[i].Start != d(w.start) || got[i].End != d(w.end) || got[i].Due != d(w.due) {
					t.Errorf("period %d = %s..%s due %s, want %s..%s due %s", i, got[i].Start, got[i].End, got[i].Due, w.start, w.end, w.due)
				}
			}
		})
	}
}

func TestPeriodsTwoYearsCount(t *testing.T) {
	for cadence, want := range map[string]int{schedule.Monthly: 25, schedule.Quarterly: 9} {
		got, err := schedule.Periods(d("2026-03-15"), d("2028-03-14"), cadence, 10)
		if err != nil || len(got) != want {
			t.Errorf("%s: %d periods (%v), want %d", cadence, len(got), err, want)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Start != got[i-1].End.AddDays(1) {
				t.Errorf("%s: gap or overlap between period %d and %d", cadence, i-1, i)
			}
		}
	}
}

func TestPeriodsErr(t *testing.T) {
	if _, err := schedule.Periods(d("2026-03-01"), d("2026-02-28"), schedule.Monthly, 10); err == nil {
		t.Error("end before start: no error")
	}
	if _, err := schedule.Periods(d("2026-03-01"), d("2026-12-31"), "weekly", 10); err == nil {
		t.Error("unknown cadence: no error")
	}
}

func TestLateAndDue(t *testing.T) {
	period := schedule.Period{Start: d("2026-01-01"), End: d("2026-03-31"), Due: d("2026-04-10")}
	cases := []struct {
		name      string
		today     string
		submitted *model.Date
		late, due bool
	}{
		{"PeriodRunning", "2026-03-31", nil, false, false},
		{"PeriodJustEnded", "2026-04-01", nil, false, true},
		{"OnDueDate", "2026-04-10", nil, false, true},
		{"DayAfterDue", "2026-04-11", nil, true, false},
		{"SubmittedOnTime", "2026-06-01", dp("2026-04-05"), false, false},
		{"SubmittedOnDueDate", "2026-06-01", dp("2026-04-10"), false, false},
		{"SubmittedLate", "2026-06-01", dp("2026-04-12"), true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			today := d(c.today)
			if got := schedule.Late(period.Due, c.submitted, today); got != c.late {
				t.Errorf("Late = %v, want %v", got, c.late)
			}
			if got := schedule.Due(period, c.submitted != nil, today); got != c.due {
				t.Errorf("Due = %v, want %v", got, c.due)
			}
		})
	}
}

func TestEnded(t *testing.T) {
	if schedule.Ended(d("2026-03-31"), d("2026-03-31")) {
		t.Error("a period has not ended on its last day")
	}
	if !schedule.Ended(d("2026-03-31"), d("2026-04-01")) {
		t.Error("a period has ended the day after its last day")
	}
}
