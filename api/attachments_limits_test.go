package api

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"incubator/service"
)

// testAttachmentBodyLimits: the upload route takes bodies up to the
// largest kind's limit (plus multipart overhead); every other route keeps
// the JSON limit (64 KiB in tests).
func testAttachmentBodyLimits(t *testing.T, s *attachmentServer) {
	team := s.login(t, "student01").AccessToken
	video := append([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"), make([]byte, 200<<10)...) // > 64 KiB

	t.Run("OKUploadOverTheJSONLimit", func(t *testing.T) {
		v := expectJSON[service.AttachmentView](t, s.upload(t, team, "video", "pitch.mp4", video), http.StatusCreated)
		if v.SizeBytes != int64(len(video)) || v.ContentType != "video/mp4" {
			t.Fatalf("view %+v", v)
		}
	})

	t.Run("ErrPayloadTooLargeJSONRoute", func(t *testing.T) {
		big := `{"name":"` + strings.Repeat("x", 70<<10) + `"}`
		expectProblem(t, s.do(t, "POST", "/api/v1/me/password", team, big), http.StatusRequestEntityTooLarge, "payload_too_large")
	})

	t.Run("ErrPayloadTooLargeContentLength", func(t *testing.T) {
		before := s.storedCount(t)
		body, ct := uploadForm(t, "deck", "deck.pdf", pdfOf(100))
		req := httptest.NewRequest("POST", s.uploadPath(), bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+team)
		req.ContentLength = s.svc.Attachments.MaxRequestBytes() + 1
		rec := httptest.NewRecorder()
		s.srv.Handler().ServeHTTP(rec, req)
		expectProblem(t, rec, http.StatusRequestEntityTooLarge, "payload_too_large")
		if s.storedCount(t) != before {
			t.Fatal("something was stored")
		}
	})

	// Without Content-Length the limits apply while reading: the kind's
	// limit to the file, the request's to everything.
	t.Run("ErrPayloadTooLargeStreamedFile", func(t *testing.T) {
		huge := append([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"), make([]byte, testVideoLimit+(128<<10))...)
		body, ct := uploadForm(t, "video", "pitch.mp4", huge)
		s.expectChunkedTooLarge(t, team, body, ct)
	})
	t.Run("ErrPayloadTooLargeStreamedBody", func(t *testing.T) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		noErr(t, mw.WriteField("note", strings.Repeat("n", testVideoLimit+(128<<10))))
		noErr(t, mw.WriteField("kind", "deck"))
		w, _ := mw.CreateFormFile("file", "deck.pdf")
		_, _ = w.Write(pdfOf(100))
		noErr(t, mw.Close())
		s.expectChunkedTooLarge(t, team, buf.Bytes(), mw.FormDataContentType())
	})
}

// expectChunkedTooLarge sends body without a Content-Length and expects
// 413 with nothing stored.
func (s *attachmentServer) expectChunkedTooLarge(t *testing.T, token string, body []byte, ct string) {
	t.Helper()
	before := s.storedCount(t)
	req := httptest.NewRequest("POST", s.uploadPath(), struct{ *bytes.Reader }{bytes.NewReader(body)})
	req.ContentLength = -1
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	s.srv.Handler().ServeHTTP(rec, req)
	expectProblem(t, rec, http.StatusRequestEntityTooLarge, "payload_too_large")
	if s.storedCount(t) != before {
		t.Fatal("something was stored")
	}
}
