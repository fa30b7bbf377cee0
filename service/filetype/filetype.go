// Package filetype recognises uploaded files by their first bytes, checks
// that a file's name agrees with its content, and cleans client-supplied
// file names for display. It is pure: no database, no I/O beyond the bytes
// it is given.
//
// It imports only the standard library.
package filetype

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"io"
	"strings"
)

// Type is a file type recognised from its content.
type Type string

// Recognised types. Unknown is anything else.
const (
	Unknown Type = ""
	PDF     Type = "pdf"
	PPTX    Type = "pptx"
	ZIP     Type = "zip" // a ZIP archive that is not a presentation
	MP4     Type = "mp4"
	EXE     Type = "exe" // a Windows (MZ) or ELF executable
)

// HeadSize is how many leading bytes Sniff looks at; pass at least this
// many when the file is that long.
const HeadSize = 8 << 10

// Ext is the file-name extension of the type, without the dot.
func (t Type) Ext() string { return string(t) }

// ContentType is the MIME type stored and served for the type.
func (t Type) ContentType() string {
	switch t {
	case PDF:
		return "application/pdf"
	case PPTX:
		return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	case MP4:
		return "video/mp4"
	case ZIP:
		return "application/zip"
	}
	return "application/octet-stream"
}

// imageBrands are ISO-BMFF brands of still images (HEIF, AVIF), which
// share the "ftyp" box with MP4 but are not videos.
var imageBrands = map[string]bool{
	"heic": true, "heix": true, "heim": true, "heis": true, "hevc": true, "hevx": true,
	"mif1": true, "msf1": true, "avif": true, "avis": true,
}

// Sniff returns the type of a file from its first bytes (up to HeadSize).
// A ZIP archive is PPTX unless its first member shows it is another kind
// of document (a [Content_Types].xml without presentationml, or a Word or
// Excel part).
func Sniff(head []byte) Type {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(head, []byte("MZ")), bytes.HasPrefix(head, []byte("\x7fELF")):
		return EXE
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if zipIsPresentation(head) {
			return PPTX
		}
		return ZIP
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		if imageBrands[string(head[8:12])] {
			return Unknown
		}
		return MP4
	}
	return Unknown
}

// zipIsPresentation reads the first member of a ZIP archive. It says no
// when that member is a [Content_Types].xml that does not mention
// presentationml, or a Word/Excel part; otherwise yes (the rest of the
// archive is beyond the head).
func zipIsPresentation(head []byte) bool {
	name, content, ok := firstZipMember(head)
	switch {
	case !ok:
		return false
	case strings.HasPrefix(name, "ppt/"):
		return true
	case strings.HasPrefix(name, "word/"), strings.HasPrefix(name, "xl/"):
		return false
	case name != "[Content_Types].xml" || content == nil:
		return true
	}
	text, err := io.ReadAll(io.LimitReader(content, 64<<10))
	if bytes.Contains(text, []byte("presentationml")) {
		return true
	}
	// Not found: decisive only when the whole member was read.
	return err != nil
}

// firstZipMember parses the first local file header in head: the member's
// name and a reader of its content (nil when it cannot be read from head);
// ok is false when head does not hold the header.
func firstZipMember(head []byte) (name string, content io.Reader, ok bool) {
	const fixed = 30
	if len(head) < fixed {
		return "", nil, false
	}
	method := binary.LittleEndian.Uint16(head[8:10])
	size := int(binary.LittleEndian.Uint32(head[18:22]))
	nameLen := int(binary.LittleEndian.Uint16(head[26:28]))
	extraLen := int(binary.LittleEndian.Uint16(head[28:30]))
	if len(head) < fixed+nameLen {
		return "", nil, false
	}
	name = string(head[fixed : fixed+nameLen])
	start := fixed + nameLen + extraLen
	if start >= len(head) {
		return name, nil, true
	}
	body := head[start:]
	switch {
	case method == 8: // deflated
		return name, flate.NewReader(bytes.NewReader(body)), true
	case method == 0 && size > 0 && size <= len(body): // stored, sizes in the header
		return name, bytes.NewReader(body[:size]), true
	case method == 0 && size == 0: // stored, sizes in a descriptor after the data
		if end := bytes.Index(body, []byte("PK\x07\x08")); end >= 0 {
			return name, bytes.NewReader(body[:end]), true
		}
	}
	return name, nil, true
}
