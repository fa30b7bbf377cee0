package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLocalPutOpenDelete(t *testing.T) {
	ctx := context.Background()
	s := NewLocal(t.TempDir())
	body := strings.Repeat("PDF-bytes ", 10000)
	n, sum, err := s.Put(ctx, "entries/1/ab12.pdf", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256([]byte(body))
	if n != int64(len(body)) || sum != hex.EncodeToString(want[:]) {
		t.Fatalf("size %d sha %s", n, sum)
	}
	f, err := s.Open(ctx, "entries/1/ab12.pdf")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if string(got) != body {
		t.Fatal("content differs")
	}
	if err := s.Delete(ctx, "entries/1/ab12.pdf"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, "entries/1/ab12.pdf"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestKeysAreConfined(t *testing.T) {
	s := NewLocal(t.TempDir())
	for _, key := range []string{"../x", "a/../../x", "/etc/passwd", "a//b", "A/B", "a/b\x00c", "a\\b", "", "a/..", "a/./b"} {
		if _, _, err := s.Put(context.Background(), key, strings.NewReader("x")); err == nil {
			t.Errorf("key %q accepted", key)
		}
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("client went away")
	}
	f.n--
	return copy(p, "data"), nil
}

func TestFailedPutLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	s := NewLocal(dir)
	if _, _, err := s.Put(context.Background(), "entries/2/x.pdf", &failingReader{n: 3}); err == nil {
		t.Fatal("want the reader's error")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "entries", "2"))
	if len(entries) != 0 {
		t.Fatalf("left %d files behind", len(entries))
	}
}
