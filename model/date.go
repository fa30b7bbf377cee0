package model

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// DateLayout is how dates travel in JSON and in the database.
const DateLayout = "2006-01-02"

// Date is a calendar day without time or zone ("2026-03-01"), stored as a
// DATE column on MySQL and as text on SQLite.
type Date struct {
	time.Time // midnight UTC
}

// NewDate returns the date of y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar day of t in UTC.
func DateOf(t time.Time) Date {
	t = t.UTC()
	return NewDate(t.Year(), t.Month(), t.Day())
}

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date must be YYYY-MM-DD: %w", err)
	}
	return Date{t}, nil
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return d.Format(DateLayout) }

// AddMonths returns the date n months later (clamped to the month's end,
// so Jan 31 + 1 month is Feb 28/29).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(day, last))
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return Date{d.Time.AddDate(0, 0, n)} }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Time.Before(e.Time) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Time.After(e.Time) }

// MarshalJSON writes "YYYY-MM-DD" (null for the zero date).
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date must be a string YYYY-MM-DD")
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// GormDataType makes GORM create a DATE column.
func (Date) GormDataType() string { return "date" }

// Value stores the date as YYYY-MM-DD.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a DATE (time.Time from MySQL) or text (SQLite).
func (d *Date) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = DateOf(x)
		return nil
	case string:
		return d.scanString(x)
	case []byte:
		return d.scanString(string(x))
	}
	return fmt.Errorf("cannot scan %T into Date", v)
}

func (d *Date) scanString(s string) error {
	if len(s) >= 10 {
		s = s[:10]
	}
	p, err := ParseDate(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
