package service

import (
	"context"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"incubator/model"
)

// Hasher hashes and checks passwords with argon2id. Hashing costs tens of
// milliseconds of CPU and memory, so at most `slots` run at once; a caller
// that cannot get a slot within `wait` gets rate_limited.
type Hasher struct {
	params *argon2id.Params
	slots  chan struct{}
	wait   time.Duration

	dummyOnce sync.Once
	dummy     string
}

// NewHasher returns a Hasher with the given argon2id cost and concurrency.
func NewHasher(memoryKiB, iterations uint32, slots int, wait time.Duration) *Hasher {
	return &Hasher{
		params: &argon2id.Params{Memory: memoryKiB, Iterations: iterations, Parallelism: 1, SaltLength: 16, KeyLength: 32},
		slots:  make(chan struct{}, slots),
		wait:   wait,
	}
}

func (h *Hasher) acquire(ctx context.Context) (func(), error) {
	timer := time.NewTimer(h.wait)
	defer timer.Stop()
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-timer.C:
		return nil, &model.Error{Code: model.CodeRateLimited, Message: "the server is busy checking passwords; retry shortly", RetryAfter: 1}
	case <-ctx.Done():
		return nil, &model.Error{Code: model.CodeUnavailable, Message: "request cancelled", Err: ctx.Err()}
	}
}

// Hash returns the argon2id hash of password. Errors: rate_limited.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	hash, err := argon2id.CreateHash(password, h.params)
	if err != nil {
		return "", model.Internal(err)
	}
	return hash, nil
}

// Verify reports whether password matches hash. An empty hash (unknown
// user) is checked against a dummy hash so both cases cost the same.
// Errors: rate_limited.
func (h *Hasher) Verify(ctx context.Context, password, hash string) (bool, error) {
	if hash == "" {
		h.dummyOnce.Do(func() { h.dummy, _ = argon2id.CreateHash("dummy-password-for-timing", h.params) })
		hash = h.dummy
		password += "\x00" // never matches
	}
	release, err := h.acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		return false, model.Internal(err)
	}
	return ok, nil
}

// Password rules.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// checkPassword applies the password policy; field names the input field.
func checkPassword(field, password, username string) *model.FieldError {
	n := utf8.RuneCountInString(password)
	var letter, digit bool
	for _, r := range password {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	var fe model.FieldError
	switch {
	case n < MinPasswordLen || n > MaxPasswordLen:
		fe = model.Field(field, "length", "password must be 8 to 128 characters")
	case !letter || !digit:
		fe = model.Field(field, "weak", "password must contain letters and digits")
	case username != "" && password == username:
		fe = model.Field(field, "weak", "password must differ from the username")
	default:
		return nil
	}
	return &fe
}
