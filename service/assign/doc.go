// Package assign computes judge assignments for one judging round: exactly
// k judges per entry, no conflicts of interest, per-judge caps, expertise
// matched to the entry's track where possible, judges of one college spread
// across entries where possible, loads balanced, and the same plan for the
// same inputs and seed. It also moves a departing judge's unscored
// assignments (Reassign) and decides conflicts of interest (Conflict).
//
// It owns the assignment algorithm only: callers load entries, judges,
// declared conflicts and existing assignments, and persist the Plan.
//
// It is pure: no database, no I/O, no clock; it imports only the standard
// library.
package assign
