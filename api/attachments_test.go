package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"incubator/model"
	"incubator/model/blob"
	"incubator/service"
)

// attachmentServer is a test server with small upload limits, a blob
// directory the test can inspect, and an open competition of base GDPT
// with an entry of the first GDPT demo team (student01–03).
type attachmentServer struct {
	*testServer
	blobDir string
	comp    model.Competition
	entry   model.Entry
}

// Upload limits of the API attachment tests.
const (
	testPlanLimit  = 64 << 10
	testVideoLimit = 256 << 10 // larger than the 64 KiB JSON limit
)

func newAttachmentServer(t *testing.T) *attachmentServer {
	t.Helper()
	dir := t.TempDir()
	ts := newTestServer(t, serverConfig{svc: func(o *service.Options) {
		o.Blobs = blob.NewLocal(dir)
		o.UploadPlanBytes, o.UploadDeckBytes, o.UploadVideoBytes = testPlanLimit, testPlanLimit, testVideoLimit
	}})
	s := &attachmentServer{testServer: ts, blobDir: dir}
	db := ts.svc.DB
	var admin, student model.User
	var project model.Project
	noErr(t, db.Where("username = ?", "admin").Take(&admin).Error)
	noErr(t, db.Where("username = ?", "student01").Take(&student).Error)
	noErr(t, db.Where("name = ?", "烯导科技·石墨烯导热膜").Take(&project).Error)
	now := ts.clock.Now()
	base := uint(service.DemoBaseGDPT)
	s.comp = model.Competition{Name: "附件接口测试赛", Edition: 1, Year: now.Year(), BaseID: &base, Status: model.CompetitionOpen,
		RegistrationOpensAt: now.Add(-time.Hour), RegistrationClosesAt: now.Add(time.Hour),
		MinTeamSize: 3, MaxTeamSize: 15, MaxAdvisors: 3, CreatedBy: admin.ID, Version: 1}
	noErr(t, db.Create(&s.comp).Error)
	track := model.Track{CompetitionID: s.comp.ID, Name: "新材料"}
	noErr(t, db.Create(&track).Error)
	s.entry = model.Entry{CompetitionID: s.comp.ID, ProjectID: project.ID, TrackID: track.ID, CollegeID: project.CollegeID,
		Title: project.Name, Status: model.EntryDraft, CreatedBy: student.ID, Version: 1}
	noErr(t, db.Create(&s.entry).Error)
	return s
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (s *attachmentServer) uploadPath() string {
	return fmt.Sprintf("/api/v1/entries/%d/attachments", s.entry.ID)
}

// uploadForm encodes a kind field (when not "") and a file part; the file
// name goes through mime.FormatMediaType as a client would send it.
func uploadForm(t *testing.T, kind, fileName string, content []byte) (body []byte, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if kind != "" {
		noErr(t, mw.WriteField("kind", kind))
	}
	h := textproto.MIMEHeader{"Content-Disposition": {mime.FormatMediaType("form-data", map[string]string{"name": "file", "filename": fileName})}}
	w, err := mw.CreatePart(h)
	noErr(t, err)
	_, err = w.Write(content)
	noErr(t, err)
	noErr(t, mw.Close())
	return buf.Bytes(), mw.FormDataContentType()
}

func (s *attachmentServer) upload(t *testing.T, token, kind, fileName string, content []byte) *httptest.ResponseRecorder {
	t.Helper()
	body, ct := uploadForm(t, kind, fileName, content)
	return s.send(t, request{Method: "POST", Path: s.uploadPath(), Token: token, Body: body, Header: map[string]string{"Content-Type": ct}})
}

// storedCount is what uploads leave: rows, files under the blob dir, audit records.
func (s *attachmentServer) storedCount(t *testing.T) [3]int64 {
	t.Helper()
	var out [3]int64
	noErr(t, s.svc.DB.Model(&model.Attachment{}).Count(&out[0]).Error)
	noErr(t, filepath.WalkDir(s.blobDir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out[1]++
		}
		return err
	}))
	noErr(t, s.svc.DB.Model(&model.AuditLog{}).Where("action = ?", "attachment.uploaded").Count(&out[2]).Error)
	return out
}

func pdfOf(n int) []byte {
	b := bytes.Repeat([]byte{'x'}, n)
	copy(b, "%PDF-1.7\n")
	return b
}

// TestAttachments runs the attachment suites over one server, in order:
// Routes counts the entry's versions first; UploadErrors moves the clock
// past the deadline last.
func TestAttachments(t *testing.T) {
	s := newAttachmentServer(t)
	t.Run("Routes", func(t *testing.T) { testAttachmentRoutes(t, s) })
	t.Run("FileNames", func(t *testing.T) { testAttachmentFileNames(t, s) })
	t.Run("BodyLimits", func(t *testing.T) { testAttachmentBodyLimits(t, s) })
	t.Run("UploadErrors", func(t *testing.T) { testAttachmentUploadErrors(t, s) })
}

func testAttachmentRoutes(t *testing.T, s *attachmentServer) {
	team := s.login(t, "student01").AccessToken
	mgr := s.login(t, "manager_gdpt").AccessToken

	data := pdfOf(4000)
	first := expectJSON[service.AttachmentView](t, s.upload(t, team, "business_plan", "plan.pdf", data), http.StatusCreated)
	sum := sha256.Sum256(data)
	if first.Version != 1 || first.SHA256 != hex.EncodeToString(sum[:]) || first.SizeBytes != 4000 || first.ContentType != "application/pdf" {
		t.Fatalf("view %+v", first)
	}
	second := expectJSON[service.AttachmentView](t, s.upload(t, team, "business_plan", "plan-v2.pdf", pdfOf(3000)), http.StatusCreated)
	if second.Version != 2 {
		t.Fatalf("second version %d", second.Version)
	}

	t.Run("OKList", func(t *testing.T) {
		l := expectJSON[service.AttachmentList](t, s.do(t, "GET", s.uploadPath(), team, nil), http.StatusOK)
		if l.Total != 2 || len(l.Items) != 2 || l.Items[0].ID != second.ID || l.Current.BusinessPlan == nil || *l.Current.BusinessPlan != second.ID || l.Current.Deck != nil {
			t.Fatalf("list %+v", l)
		}
		if l.Items[1].DownloadURL != fmt.Sprintf("/api/v1/attachments/%d/download", first.ID) {
			t.Fatalf("download_url %q", l.Items[1].DownloadURL)
		}
	})

	t.Run("OKOldVersionDownloads", func(t *testing.T) {
		rec := s.do(t, "GET", first.DownloadURL, team, nil)
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), data) {
			t.Fatalf("status %d, %d bytes", rec.Code, rec.Body.Len())
		}
		h := rec.Header()
		if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "private, no-store" {
			t.Fatalf("headers %v", h)
		}
		if _, params, err := mime.ParseMediaType(h.Get("Content-Disposition")); err != nil || params["filename"] != "plan.pdf" {
			t.Fatalf("Content-Disposition %q: %v %v", h.Get("Content-Disposition"), params, err)
		}
	})

	t.Run("OKRange", func(t *testing.T) {
		rec := s.send(t, request{Method: "GET", Path: first.DownloadURL, Token: team, Header: map[string]string{"Range": "bytes=0-4"}})
		if rec.Code != http.StatusPartialContent || rec.Body.String() != "%PDF-" {
			t.Fatalf("status %d body %q", rec.Code, rec.Body)
		}
	})

	t.Run("OKOrganiserDownloads", func(t *testing.T) {
		if rec := s.do(t, "GET", second.DownloadURL, mgr, nil); rec.Code != http.StatusOK || rec.Body.Len() != 3000 {
			t.Fatalf("status %d", rec.Code)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		for _, user := range []string{"student22", "manager_gdkm"} {
			tok := s.login(t, user).AccessToken
			expectProblem(t, s.do(t, "GET", first.DownloadURL, tok, nil), http.StatusNotFound, "not_found")
			expectProblem(t, s.do(t, "GET", s.uploadPath(), tok, nil), http.StatusNotFound, "not_found")
			before := s.storedCount(t)
			expectProblem(t, s.upload(t, tok, "deck", "deck.pdf", pdfOf(100)), http.StatusNotFound, "not_found")
			if s.storedCount(t) != before {
				t.Fatalf("%s: something was stored", user)
			}
		}
		expectProblem(t, s.do(t, "GET", "/api/v1/attachments/999999/download", mgr, nil), http.StatusNotFound, "not_found")
	})

	t.Run("ErrForbiddenJudge", func(t *testing.T) {
		tok := s.login(t, "judge01").AccessToken
		expectProblem(t, s.do(t, "GET", first.DownloadURL, tok, nil), http.StatusForbidden, "forbidden")
	})
}

func testAttachmentFileNames(t *testing.T, s *attachmentServer) {
	team := s.login(t, "student01").AccessToken
	for _, tc := range []struct{ name, sent, stored string }{
		{"Quotes", `my "best" plan.pdf`, "my best plan.pdf"},
		{"Newlines", "plan\r\nX-Evil: 1\n.pdf", "planX-Evil 1.pdf"},
		{"CJK", "商业计划书（终稿）.pdf", "商业计划书（终稿）.pdf"},
		{"CJKWithQuotesAndNewline", "“创新”\n计划\"书\".pdf", "“创新”计划书.pdf"},
		{"PathTraversal", "../../etc/passwd.pdf", "passwd.pdf"},
		{"Semicolons", "a;b=c, d.pdf", "a;b=c, d.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := expectJSON[service.AttachmentView](t, s.upload(t, team, "deck", tc.sent, pdfOf(200)), http.StatusCreated)
			if v.FileName != tc.stored {
				t.Fatalf("stored %q, want %q", v.FileName, tc.stored)
			}
			cd := s.do(t, "GET", v.DownloadURL, team, nil).Header().Get("Content-Disposition")
			if strings.ContainsAny(cd, "\r\n") || !strings.HasPrefix(cd, "attachment; filename=") {
				t.Fatalf("Content-Disposition %q", cd)
			}
			disp, params, err := mime.ParseMediaType(cd)
			if err != nil || disp != "attachment" || params["filename"] != tc.stored {
				t.Fatalf("Content-Disposition %q parses to %q %v (%v)", cd, disp, params, err)
			}
		})
	}
	t.Run("OKASCIIFallback", func(t *testing.T) {
		got := contentDisposition("商业计划书.pdf")
		if !strings.Contains(got, `filename=_____.pdf`) || !strings.Contains(got, "filename*=utf-8''%E5%95%86") {
			t.Fatalf("Content-Disposition %q", got)
		}
	})
}

func testAttachmentUploadErrors(t *testing.T, s *attachmentServer) {
	team := s.login(t, "student01").AccessToken
	mp4 := append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"), make([]byte, 1000)...)
	exe := append([]byte("MZ\x90\x00"), make([]byte, 1000)...)
	for _, tc := range []struct {
		name, kind, file string
		content          []byte
		status           int
		code, field      string
	}{
		{"ErrRenamedEXE", "business_plan", "plan.pdf", exe, 400, "invalid", "file"},
		{"ErrDoubleExtension", "business_plan", "plan.pdf.exe", exe, 400, "invalid", "file"},
		{"ErrDoubleExtensionEXEBytes", "business_plan", "plan.exe.pdf", exe, 400, "invalid", "file"},
		{"ErrMP4NamedPDF", "business_plan", "pitch.pdf", mp4, 400, "invalid", "file"},
		{"ErrMissingKind", "", "plan.pdf", pdfOf(100), 400, "invalid", "kind"},
		{"ErrOversize", "business_plan", "plan.pdf", pdfOf(testPlanLimit + 1), 413, "payload_too_large", "file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.storedCount(t)
			p := expectProblem(t, s.upload(t, team, tc.kind, tc.file, tc.content), tc.status, tc.code)
			if !hasField(p, tc.field) {
				t.Errorf("no error on %s: %+v", tc.field, p)
			}
			if after := s.storedCount(t); after != before {
				t.Fatalf("stored: %v → %v", before, after)
			}
		})
	}

	t.Run("ErrKindAfterFile", func(t *testing.T) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		w, _ := mw.CreateFormFile("file", "plan.pdf")
		_, _ = w.Write(pdfOf(100))
		noErr(t, mw.WriteField("kind", "business_plan"))
		noErr(t, mw.Close())
		rec := s.send(t, request{Method: "POST", Path: s.uploadPath(), Token: team, Body: buf.Bytes(), Header: map[string]string{"Content-Type": mw.FormDataContentType()}})
		if p := expectProblem(t, rec, 400, "invalid"); !hasField(p, "kind") {
			t.Fatalf("problem %+v", p)
		}
	})

	t.Run("ErrNotMultipart", func(t *testing.T) {
		expectProblem(t, s.do(t, "POST", s.uploadPath(), team, map[string]string{"kind": "deck"}), 400, "invalid")
	})

	t.Run("ErrFailedPreconditionAfterDeadline", func(t *testing.T) {
		s.clock.Advance(time.Hour)
		team := s.login(t, "student01").AccessToken // the earlier token expired
		before := s.storedCount(t)
		expectProblem(t, s.upload(t, team, "deck", "deck.pdf", pdfOf(100)), http.StatusUnprocessableEntity, "failed_precondition")
		if s.storedCount(t) != before {
			t.Fatal("something was stored")
		}
		mgr := s.login(t, "manager_gdpt").AccessToken
		expectJSON[service.AttachmentView](t, s.upload(t, mgr, "deck", "deck.pdf", pdfOf(100)), http.StatusCreated)
	})
}
