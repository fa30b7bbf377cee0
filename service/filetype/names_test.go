package filetype_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"incubator/service/filetype"
)

func TestCleanName(t *testing.T) {
	long := strings.Repeat("商", 100) + ".pdf" // 304 bytes
	for _, tc := range []struct{ name, in, want string }{
		{"Plain", "plan.pdf", "plan.pdf"},
		{"CJK", "商业计划书（终稿）.pdf", "商业计划书（终稿）.pdf"},
		{"PathTraversal", "../../etc/passwd", "passwd"},
		{"WindowsPath", `C:\Users\x\..\..\plan.pdf`, "plan.pdf"},
		{"MixedSlashes", `..\/..\/secret.pdf`, "secret.pdf"},
		{"Quotes", `my "best" 'plan'.pdf`, "my best plan.pdf"},
		{"Newlines", "plan\r\nX-Evil: 1.pdf", "planX-Evil 1.pdf"},
		{"Controls", "pl\x00an\x1b\t.pdf", "plan.pdf"},
		{"RightToLeftOverride", "plan\u202efdp.exe", "planfdp.exe"},
		{"WindowsReserved", "a<b>c|d?e*.pdf", "abcde.pdf"},
		{"InvalidUTF8", "pl\xffan.pdf", "plan.pdf"},
		{"SpacesTrimmed", "  plan.pdf  ", "plan.pdf"},
		{"Empty", "", "file.pdf"},
		{"OnlyPath", "../../", "file.pdf"},
		{"DotDot", "..", "file.pdf"},
		{"OnlyQuotes", `"""`, "file.pdf"},
		{"OnlyExtension", ".pdf", "file.pdf"},
		{"LongKeepsExtension", long, strings.Repeat("商", 83) + ".pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := filetype.CleanName(tc.in, "pdf")
			if got != tc.want {
				t.Fatalf("CleanName(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if len(got) > filetype.MaxNameBytes || !utf8.ValidString(got) || strings.ContainsAny(got, "/\\\"\n\r") {
				t.Fatalf("CleanName(%q) = %q is not safe", tc.in, got)
			}
		})
	}
	t.Run("LongWithoutExtension", func(t *testing.T) {
		got := filetype.CleanName(strings.Repeat("名", 200), "pdf")
		if len(got) != 255 || !utf8.ValidString(got) {
			t.Fatalf("len %d, valid %v", len(got), utf8.ValidString(got))
		}
	})
	t.Run("NoFallbackExtension", func(t *testing.T) {
		if got := filetype.CleanName("", ""); got != "file" {
			t.Fatalf("CleanName = %q", got)
		}
	})
}

func TestExt(t *testing.T) {
	for in, want := range map[string]string{"a.PDF": "pdf", "a.tar.gz": "gz", "plan.pdf.exe": "exe", "noext": "", "a.": "", ".pdf": "pdf"} {
		if got := filetype.Ext(in); got != want {
			t.Errorf("Ext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestASCIIName(t *testing.T) {
	for in, want := range map[string]string{
		"plan.pdf":       "plan.pdf",
		"商业计划书.pdf":      "_____.pdf",
		`a"b\c.pdf`:      "a_b_c.pdf",
		"tab\there.pdf":  "tab_here.pdf",
		"naïve plan.pdf": "na_ve plan.pdf",
	} {
		if got := filetype.ASCIIName(in); got != want {
			t.Errorf("ASCIIName(%q) = %q, want %q", in, got, want)
		}
	}
}
