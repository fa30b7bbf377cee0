package service

import "context"

// AcquireHashSlot takes one of h's hashing slots, as Hash and Verify do,
// so tests can fill the hasher deterministically. The caller releases it.
func AcquireHashSlot(ctx context.Context, h *Hasher) (release func(), err error) {
	return h.acquire(ctx)
}
