package filetype_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"incubator/service/filetype"
)

// ooxml returns a ZIP archive whose first member is [Content_Types].xml
// naming the main part's content type (deflated unless stored).
func ooxml(t *testing.T, mainType string, stored bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	method := zip.Deflate
	if stored {
		method = zip.Store
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "[Content_Types].xml", Method: method})
	if err != nil {
		t.Fatal(err)
	}
	types := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		strings.Repeat(`<Default Extension="png" ContentType="image/png"/>`, 20) +
		`<Override PartName="/main.xml" ContentType="` + mainType + `"/></Types>`
	if _, err := w.Write([]byte(types)); err != nil {
		t.Fatal(err)
	}
	w, _ = zw.Create("docProps/app.xml")
	_, _ = w.Write([]byte("<Properties/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipWithFirst(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(name)
	_, _ = w.Write([]byte("<x/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	pptx := "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
	docx := "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	mp4 := append([]byte{0, 0, 0, 0x20}, "ftypisom\x00\x00\x02\x00isomiso2avc1mp41"...)
	for _, tc := range []struct {
		name string
		head []byte
		want filetype.Type
	}{
		{"PDF", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), filetype.PDF},
		{"PDFWithoutDash", []byte("%PDF1.7"), filetype.Unknown},
		{"PDFNotAtStart", []byte(" %PDF-1.4"), filetype.Unknown},
		{"EXE", []byte("MZ\x90\x00\x03\x00\x00\x00%PDF-"), filetype.EXE},
		{"ELF", []byte("\x7fELF\x02\x01\x01"), filetype.EXE},
		{"MP4", mp4, filetype.MP4},
		{"MP4Short", []byte("\x00\x00\x00\x18ftyp"), filetype.Unknown},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), filetype.Unknown},
		{"PPTXDeflated", ooxml(t, pptx, false), filetype.PPTX},
		{"PPTXStored", ooxml(t, pptx, true), filetype.PPTX},
		{"DOCX", ooxml(t, docx, false), filetype.ZIP},
		{"DOCXStored", ooxml(t, docx, true), filetype.ZIP},
		{"ZIPWordFirst", zipWithFirst(t, "word/document.xml"), filetype.ZIP},
		{"ZIPPptFirst", zipWithFirst(t, "ppt/presentation.xml"), filetype.PPTX},
		{"ZIPOtherFirst", zipWithFirst(t, "_rels/.rels"), filetype.PPTX},
		{"ZIPTruncatedHeader", []byte("PK\x03\x04\x14\x00"), filetype.ZIP},
		{"Text", []byte("hello, world"), filetype.Unknown},
		{"Empty", nil, filetype.Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := filetype.Sniff(tc.head); got != tc.want {
				t.Fatalf("Sniff = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	pdf := []byte("%PDF-1.4\n")
	exe := []byte("MZ\x90\x00")
	mp4 := []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00")
	pptx := ooxml(t, "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", false)
	deck := []filetype.Type{filetype.PDF, filetype.PPTX}
	for _, tc := range []struct {
		name     string
		file     string
		head     []byte
		allowed  []filetype.Type
		want     filetype.Type
		wantErr  error
		wantText string
	}{
		{"OK", "plan.pdf", pdf, []filetype.Type{filetype.PDF}, filetype.PDF, nil, ""},
		{"OKUpperCase", "PLAN.PDF", pdf, []filetype.Type{filetype.PDF}, filetype.PDF, nil, ""},
		{"OKDeckPPTX", "路演.pptx", pptx, deck, filetype.PPTX, nil, ""},
		{"OKDeckPDF", "deck.pdf", pdf, deck, filetype.PDF, nil, ""},
		{"OKVideo", "pitch.mp4", mp4, []filetype.Type{filetype.MP4}, filetype.MP4, nil, ""},
		{"ErrRenamedEXE", "plan.pdf", exe, []filetype.Type{filetype.PDF}, "", filetype.ErrContent, "not a PDF"},
		{"ErrDoubleExtensionEXE", "plan.pdf.exe", pdf, []filetype.Type{filetype.PDF}, "", filetype.ErrExtension, "must end in .pdf"},
		{"ErrDoubleExtensionEXEBytes", "plan.exe.pdf", exe, []filetype.Type{filetype.PDF}, "", filetype.ErrContent, ""},
		{"ErrMP4NamedPDF", "pitch.pdf", mp4, []filetype.Type{filetype.PDF}, "", filetype.ErrContent, ""},
		{"ErrPDFNamedMP4", "plan.mp4", pdf, []filetype.Type{filetype.MP4}, "", filetype.ErrContent, "not a MP4"},
		{"ErrPPTXForPlan", "deck.pptx", pptx, []filetype.Type{filetype.PDF}, "", filetype.ErrExtension, ""},
		{"ErrPDFNamedPPTX", "deck.pptx", pdf, deck, "", filetype.ErrContent, ""},
		{"ErrDOCXNamedPPTX", "deck.pptx", ooxml(t, "wordprocessingml.document", false), deck, "", filetype.ErrContent, ""},
		{"ErrNoExtension", "plan", pdf, []filetype.Type{filetype.PDF}, "", filetype.ErrExtension, ".pdf"},
		{"ErrDeckExtensions", "deck.key", pdf, deck, "", filetype.ErrExtension, ".pdf or .pptx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := filetype.Check(tc.file, tc.head, tc.allowed...)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("Check(%q) error = %v, want %v", tc.file, err, tc.wantErr)
			}
			if got != tc.want {
				t.Fatalf("Check(%q) = %q, want %q", tc.file, got, tc.want)
			}
			if err != nil && !strings.Contains(err.Error(), tc.wantText) {
				t.Fatalf("error %q does not say %q", err, tc.wantText)
			}
		})
	}
}

func TestTypeContentType(t *testing.T) {
	for typ, want := range map[filetype.Type]string{
		filetype.PDF: "application/pdf", filetype.MP4: "video/mp4", filetype.Unknown: "application/octet-stream",
		filetype.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	} {
		if got := typ.ContentType(); got != want {
			t.Errorf("%q.ContentType() = %q, want %q", typ, got, want)
		}
	}
}
