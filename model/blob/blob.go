// Package blob stores uploaded files (competition materials and the like)
// under server-generated keys. The local implementation writes below a
// directory; an S3-compatible store can implement the same interface.
//
// It imports only the standard library.
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Store keeps blobs by key.
type Store interface {
	// Put streams r into the blob key (never buffering it whole) and
	// returns its size and SHA-256 (hex). A partial write leaves nothing.
	Put(ctx context.Context, key string, r io.Reader) (size int64, sha256hex string, err error)
	// Open returns the blob's content; ErrNotFound if there is none.
	Open(ctx context.Context, key string) (io.ReadSeekCloser, error)
	// Delete removes the blob; a missing blob is not an error.
	Delete(ctx context.Context, key string) error
}

// ErrNotFound is returned by Open for an unknown key.
var ErrNotFound = errors.New("blob not found")

// keyPattern allows only server-generated keys: lowercase letters,
// digits, '-', '_', '.' and '/' separated segments, no "..".
var keyPattern = regexp.MustCompile(`^[a-z0-9_-]+(/[a-z0-9_.-]+)*$`)

// ValidKey reports whether key is a well-formed storage key.
func ValidKey(key string) bool {
	if !keyPattern.MatchString(key) || len(key) > 200 {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == ".." {
			return false
		}
	}
	return filepath.Clean(key) == key && !filepath.IsAbs(key)
}

// Local stores blobs as files below Dir.
type Local struct {
	Dir string
}

// NewLocal returns a store under dir (created on first write).
func NewLocal(dir string) *Local { return &Local{Dir: dir} }

func (l *Local) path(key string) (string, error) {
	if !ValidKey(key) {
		return "", fmt.Errorf("invalid blob key %q", key)
	}
	return filepath.Join(l.Dir, filepath.FromSlash(key)), nil
}

// Put writes to a temporary file in the target folder, then renames it.
func (l *Local) Put(ctx context.Context, key string, r io.Reader) (int64, string, error) {
	p, err := l.path(key)
	if err != nil {
		return 0, "", err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return 0, "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return 0, "", err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), ctxReader{ctx, r})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, "", err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// Open opens the blob's file.
func (l *Local) Open(_ context.Context, key string) (io.ReadSeekCloser, error) {
	p, err := l.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotFound
	}
	return f, err
}

// Delete removes the blob's file.
func (l *Local) Delete(_ context.Context, key string) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// ctxReader stops a copy when the context ends (client gone).
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
