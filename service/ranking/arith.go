package ranking

import (
	"errors"
	"fmt"
	"math"
)

// ErrWeights is returned by WeightedTotal when the points and weights do
// not pair up.
var ErrWeights = errors.New("points and weights must have the same length")

// divRound returns num/den rounded half away from zero; den must be > 0.
// For the non-negative totals of a rubric this is half-up.
func divRound(num, den int64) int64 {
	q, r := num/den, num%den
	if r < 0 {
		r = -r
	}
	if 2*r >= den {
		if num < 0 {
			return q - 1
		}
		return q + 1
	}
	return q
}

// fixed returns x scaled by scale and rounded half away from zero.
func fixed(x float64, scale float64) int64 {
	return int64(math.Round(x * scale))
}

// WeightedTotal returns the weighted total of one sheet in hundredths of a
// point: Σ points[i]·weights[i] / 100, where points are in hundredths of a
// point and weights in hundredths (100 = ×1.00, so percentage weights
// summing to 100 give a weighted average). The sum is exact in integers
// and rounded once, half away from zero (half-up for non-negative points);
// rounding each term first would let errors add up. Inputs must keep
// Σ |points[i]·weights[i]| below 2^63; real rubrics are far below.
func WeightedTotal(points, weights []int64) (int64, error) {
	if len(points) != len(weights) {
		return 0, fmt.Errorf("%w: %d points, %d weights", ErrWeights, len(points), len(weights))
	}
	var sum int64
	for i, p := range points {
		sum += p * weights[i]
	}
	return divRound(sum, 100), nil
}
