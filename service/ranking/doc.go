// Package ranking aggregates judges' scores of a judging round into a
// ranking and decides which entries advance to the next round.
//
// It owns the arithmetic of issue #5's ranking step: the mean, the trimmed
// mean (drop one highest and one lowest total when at least five judges
// scored the entry, the usual Chinese rule) and the per-judge z-score; the
// configured tie-break order; the divergence flag for re-review (复评); and
// advancement (top N per track, a per-college cap, an optional minimum
// score).
//
// Points are exact: every score is an int64 count of hundredths of a point
// and every division rounds half away from zero ("half-up" for the
// non-negative totals of a rubric). Only the z-score, which is inherently
// real, is computed in float64; it is reported in fixed point as
// ten-thousandths of a standard deviation.
//
// It is pure: plain functions over plain data, no database, no I/O, no
// clock; it imports only the standard library. Callers load the sheets and
// entries, call Rank and Advance, and persist the results.
package ranking
