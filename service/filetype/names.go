package filetype

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes is the longest cleaned file name, in bytes.
const MaxNameBytes = 255

// Ext returns the lowercase extension of name without the dot ("" when
// there is none).
func Ext(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	return strings.ToLower(name[i+1:])
}

// CleanName makes a client-supplied file name safe to store and show: any
// path is stripped ("../../etc/passwd" → "passwd"), invalid UTF-8, control
// and format characters, quotes and characters Windows forbids are
// removed, and the result is cut to MaxNameBytes on a rune boundary
// (keeping the extension). A name with nothing left before its extension
// becomes "file.<fallbackExt>".
func CleanName(name, fallbackExt string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune("\"'`<>:*?|", r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if strings.Trim(name, ".") == "" || strings.HasPrefix(name, ".") && strings.Count(name, ".") == 1 {
		return fallbackName(fallbackExt)
	}
	return capName(name)
}

func fallbackName(ext string) string {
	if ext == "" {
		return "file"
	}
	return "file." + ext
}

// capName cuts name to MaxNameBytes, shortening the part before a short
// extension so that the extension survives.
func capName(name string) string {
	if len(name) <= MaxNameBytes {
		return name
	}
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= 16 {
		name, ext = name[:i], name[i:]
	}
	return cutRunes(name, MaxNameBytes-len(ext)) + ext
}

// cutRunes returns the longest prefix of s of at most n bytes that ends on
// a rune boundary.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// ASCIIName returns name with every byte outside printable ASCII, and the
// quote and backslash, replaced by '_': the plain filename of a
// Content-Disposition header for clients that ignore filename*.
func ASCIIName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			b.WriteByte('_')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Reasons a file is refused by Check.
var (
	ErrExtension = errors.New("the file name's extension is not allowed")
	ErrContent   = errors.New("the file's content does not match its extension")
)

// Check returns the type of a file named name whose first bytes are head,
// provided both its extension and its content are one of the allowed
// types. It wraps ErrExtension or ErrContent otherwise, with a message
// safe to show.
func Check(name string, head []byte, allowed ...Type) (Type, error) {
	ext := Ext(name)
	var want Type
	exts := make([]string, 0, len(allowed))
	for _, t := range allowed {
		exts = append(exts, "."+t.Ext())
		if t.Ext() == ext {
			want = t
		}
	}
	if want == Unknown {
		return Unknown, fmt.Errorf("%w: the file name must end in %s", ErrExtension, strings.Join(exts, " or "))
	}
	if got := Sniff(head); got != want {
		return Unknown, fmt.Errorf("%w: the content is not a %s file", ErrContent, strings.ToUpper(want.Ext()))
	}
	return want, nil
}
