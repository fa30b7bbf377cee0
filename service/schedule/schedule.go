// Package schedule computes the progress-report calendar of a residency
// agreement: its reporting periods by cadence, their due dates and whether
// a report is due or late. Pure functions over dates; no database, no clock
// (callers pass "today").
package schedule

import (
	"fmt"
	"time"

	"incubator/model"
)

// Cadences of reporting.
const (
	Monthly   = model.CadenceMonthly
	Quarterly = model.CadenceQuarterly
)

// Period is one reporting period of an agreement: Start and End are both
// included; a report on it is due on Due.
type Period struct {
	Start model.Date
	End   model.Date
	Due   model.Date
}

// Periods splits the agreement [start, end] into calendar months (monthly)
// or calendar quarters (quarterly), the first and last clipped to the
// agreement; each is due dueDays after its end. It returns an error for an
// unknown cadence or end before start.
func Periods(start, end model.Date, cadence string, dueDays int) ([]Period, error) {
	months := 0
	switch cadence {
	case Monthly:
		months = 1
	case Quarterly:
		months = 3
	default:
		return nil, fmt.Errorf("unknown report cadence %q", cadence)
	}
	if end.Before(start) {
		return nil, fmt.Errorf("agreement ends (%s) before it starts (%s)", end, start)
	}
	var out []Period
	for from := start; !from.After(end); {
		to := periodEnd(from, months)
		if to.After(end) {
			to = end
		}
		out = append(out, Period{Start: from, End: to, Due: DueOn(to, dueDays)})
		from = to.AddDays(1)
	}
	return out, nil
}

// periodEnd returns the last day of the calendar month (months = 1) or
// calendar quarter (months = 3) that holds d.
func periodEnd(d model.Date, months int) model.Date {
	y, m, _ := d.Date()
	first := (int(m)-1)/months*months + 1 // first month of the period
	next := time.Date(y, time.Month(first+months), 1, 0, 0, 0, 0, time.UTC)
	return model.DateOf(next.AddDate(0, 0, -1))
}

// DueOn is the due date of a report on a period ending on periodEnd.
func DueOn(periodEnd model.Date, dueDays int) model.Date { return periodEnd.AddDays(dueDays) }

// Ended reports whether a period ending on periodEnd is over on today, so
// its report may be filed.
func Ended(periodEnd, today model.Date) bool { return today.After(periodEnd) }

// Late reports whether a report due on due is late on today: not submitted
// and today is past due, or submitted (on submittedOn) after due.
func Late(due model.Date, submittedOn *model.Date, today model.Date) bool {
	if submittedOn != nil {
		return submittedOn.After(due)
	}
	return today.After(due)
}

// Due reports whether an unsubmitted report is to be filed now: its period
// has ended and its due date has not passed.
func Due(p Period, submitted bool, today model.Date) bool {
	return !submitted && Ended(p.End, today) && !today.After(p.Due)
}
