package service_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime/multipart"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"incubator/model"
	"incubator/service"
)

// TestAttachments runs the attachment suites over one demo database; each
// gets a fresh competition and entry. Deadline runs last: it moves the clock.
func TestAttachments(t *testing.T) {
	w := newAttWorld(t)
	for _, s := range []struct {
		name string
		run  func(*testing.T, *attWorld)
	}{
		{"Upload", testAttachmentUpload}, {"Attacks", testAttachmentUploadAttacks}, {"Access", testAttachmentAccess},
		{"Versions", testAttachmentVersions}, {"Deadline", testAttachmentDeadline},
	} {
		w.newEntry(t)
		t.Run(s.name, func(t *testing.T) { s.run(t, w) })
	}
}

var storageKeyPattern = regexp.MustCompile(`^entries/\d+/[0-9a-f]{32}\.(pdf|pptx|mp4)$`)

func testAttachmentUpload(t *testing.T, w *attWorld) {
	ctx := t.Context()

	t.Run("OK", func(t *testing.T) {
		data := attPDF(5000)
		v, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("business_plan"), attFile("商业计划书.pdf", data)))
		attMust(t, err)
		sum := sha256.Sum256(data)
		if v.Kind != "business_plan" || v.Version != 1 || v.FileName != "商业计划书.pdf" || v.ContentType != "application/pdf" ||
			v.SizeBytes != 5000 || v.SHA256 != hex.EncodeToString(sum[:]) || v.UploadedBy != w.team.UserID || v.UploadedByName == "" ||
			v.EntryID != w.entry.ID || v.DownloadURL == "" || !v.CreatedAt.Equal(w.clock.Now()) {
			t.Fatalf("view %+v", v)
		}
		var row model.Attachment
		attMust(t, w.svc.DB.Take(&row, v.ID).Error)
		if row.SHA256 != v.SHA256 || !storageKeyPattern.MatchString(row.StorageKey) || !strings.HasPrefix(row.StorageKey, "entries/"+fmt.Sprint(w.entry.ID)+"/") {
			t.Fatalf("row %+v", row)
		}
		onDisk, err := os.ReadFile(filepath.Join(w.blobDir, filepath.FromSlash(row.StorageKey)))
		attMust(t, err)
		if got := sha256.Sum256(onDisk); hex.EncodeToString(got[:]) != row.SHA256 {
			t.Fatal("stored bytes do not match the recorded SHA-256")
		}
		var audits int64
		attMust(t, w.svc.DB.Model(&model.AuditLog{}).Where("action = ? AND entity_id = ?", "attachment.uploaded", fmt.Sprint(v.ID)).Count(&audits).Error)
		if audits != 1 {
			t.Fatalf("%d audit records", audits)
		}
	})

	t.Run("OKAtTheLimit", func(t *testing.T) {
		v, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("business_plan"), attFile("plan.pdf", attPDF(attPlanLimit))))
		attMust(t, err)
		if v.SizeBytes != attPlanLimit {
			t.Fatalf("size %d", v.SizeBytes)
		}
	})

	t.Run("OKDeckAndVideo", func(t *testing.T) {
		for _, tc := range []struct{ kind, name, ct string }{{"deck", "路演.pdf", "application/pdf"}, {"video", "pitch.MP4", "video/mp4"}} {
			body := attPDF(100)
			if tc.kind == "video" {
				body = attMP4(100 << 10)
			}
			v, err := w.svc.Attachments.Upload(ctx, w.mgr, w.entry.ID, attForm(t, attKind(tc.kind), attFile(tc.name, body)))
			attMust(t, err)
			if v.ContentType != tc.ct || v.FileName != tc.name || v.UploadedBy != w.mgr.UserID {
				t.Fatalf("%s: %+v", tc.kind, v)
			}
		}
	})

	t.Run("OKPathTraversalNameStoredSafely", func(t *testing.T) {
		for in, want := range map[string]string{"../../etc/passwd.pdf": "passwd.pdf", `..\..\..\boot.pdf`: "boot.pdf", "/../.pdf": "file.pdf"} {
			v, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("deck"), attFile(in, attPDF(300))))
			attMust(t, err)
			if v.FileName != want {
				t.Errorf("%q stored as %q, want %q", in, v.FileName, want)
			}
		}
		for _, p := range []string{"etc/passwd.pdf", "../etc/passwd.pdf", "passwd.pdf", "boot.pdf"} {
			if _, err := os.Stat(filepath.Join(w.blobDir, p)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s exists under or beside the blob dir", p)
			}
		}
	})

	t.Run("OKQuotesAndNewlinesCleaned", func(t *testing.T) {
		v, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("deck"), attFile("my \"best\"\r\nplan's 终稿.pdf", attPDF(300))))
		attMust(t, err)
		if v.FileName != "my bestplans 终稿.pdf" {
			t.Fatalf("file name %q", v.FileName)
		}
	})
}

func testAttachmentUploadAttacks(t *testing.T, w *attWorld) {
	pdf := attPDF(2000)
	cases := []struct {
		name  string
		form  service.UploadForm
		code  model.Code
		field string
	}{
		{"ErrRenamedEXE", attForm(t, attKind("business_plan"), attFile("plan.pdf", attEXE(2000))), model.CodeInvalid, "file:type"},
		{"ErrDoubleExtensionEXE", attForm(t, attKind("business_plan"), attFile("plan.pdf.exe", attEXE(2000))), model.CodeInvalid, "file"},
		{"ErrDoubleExtensionEXEBytesAsPDF", attForm(t, attKind("business_plan"), attFile("plan.exe.pdf", attEXE(2000))), model.CodeInvalid, "file"},
		{"ErrPDFBytesNamedEXE", attForm(t, attKind("deck"), attFile("plan.pdf.exe", pdf)), model.CodeInvalid, "file"},
		{"ErrMP4NamedPDF", attForm(t, attKind("business_plan"), attFile("pitch.pdf", attMP4(2000))), model.CodeInvalid, "file:type"},
		{"ErrPDFNamedMP4", attForm(t, attKind("video"), attFile("pitch.mp4", pdf)), model.CodeInvalid, "file"},
		{"ErrPPTXNotAPlan", attForm(t, attKind("business_plan"), attFile("deck.pptx", pdf)), model.CodeInvalid, "file"},
		{"ErrNoExtension", attForm(t, attKind("business_plan"), attFile("plan", pdf)), model.CodeInvalid, "file"},
		{"ErrEXEWithoutName", attForm(t, attKind("business_plan"), attFile("", attEXE(2000))), model.CodeInvalid, "file"},
		{"ErrOversize", attForm(t, attKind("business_plan"), attFile("plan.pdf", attPDF(attPlanLimit+1))), model.CodePayloadTooLarge, "file:too_large"},
		{"ErrMissingKind", attForm(t, attFile("plan.pdf", pdf)), model.CodeInvalid, "kind"},
		{"ErrKindAfterFile", attForm(t, attFile("plan.pdf", pdf), attKind("business_plan")), model.CodeInvalid, "kind"},
		{"ErrUnknownKind", attForm(t, attKind("photo"), attFile("plan.pdf", pdf)), model.CodeInvalid, "kind"},
		{"ErrMissingFile", attForm(t, attKind("business_plan")), model.CodeInvalid, "file:required"},
		{"ErrEmptyFile", attForm(t, attKind("business_plan"), attFile("plan.pdf", nil)), model.CodeInvalid, "file:empty"},
		{"ErrNotMultipart", func() (*multipart.Reader, error) { return nil, errors.New("not multipart") }, model.CodeInvalid, "file"},
		{"ErrInterrupted", truncated(t, 30000), model.CodeInvalid, "file:incomplete"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := w.stored(t)
			_, err := w.svc.Attachments.Upload(t.Context(), w.team, w.entry.ID, tc.form)
			expectField(t, err, tc.code, tc.field)
			if after := w.stored(t); after != before {
				t.Fatalf("something was stored: before %+v, after %+v", before, after)
			}
		})
	}
}

// truncated is an upload whose body stops after n bytes of a PDF.
func truncated(t *testing.T, n int) service.UploadForm {
	body, _ := attMultipart(t, attKind("deck"), attFile("deck.pdf", attPDF(n*2)))
	return attFormOf(body[:len(body)/2])
}

// expectField checks err's code and that it names field ("file" or, with
// the field error's code, "file:type").
func expectField(t *testing.T, err error, code model.Code, field string) {
	t.Helper()
	if got := model.ErrorCode(err); got != code {
		t.Fatalf("code %q (%v), want %q", got, err, code)
	}
	field, fieldCode, _ := strings.Cut(field, ":")
	for _, f := range model.AsError(err).Fields {
		if f.Field == field && (fieldCode == "" || f.Code == fieldCode) {
			return
		}
	}
	t.Fatalf("%v: no error on field %q (code %q)", err, field, fieldCode)
}

func testAttachmentAccess(t *testing.T, w *attWorld) {
	ctx := t.Context()
	v, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("business_plan"), attFile("plan.pdf", attPDF(1000))))
	attMust(t, err)

	t.Run("OKTeamAndOrganisers", func(t *testing.T) {
		for _, a := range []service.Actor{w.team, actorOf(t, w.svc, "student02"), w.mgr, w.admin} {
			l, err := w.svc.Attachments.List(ctx, a, w.entry.ID)
			attMust(t, err)
			if l.Total != 1 || l.Current.BusinessPlan == nil || *l.Current.BusinessPlan != v.ID {
				t.Fatalf("%s: %+v", a.Username, l)
			}
			if !bytes.Equal(w.content(t, a, v.ID), attPDF(1000)) {
				t.Fatalf("%s: content differs", a.Username)
			}
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		for _, a := range []service.Actor{w.otherTeam, w.otherMgr, w.judge} {
			if _, err := w.svc.Attachments.List(ctx, a, w.entry.ID); model.ErrorCode(err) != model.CodeNotFound {
				t.Errorf("%s lists: %v", a.Username, err)
			}
			if _, err := w.svc.Attachments.Open(ctx, a, v.ID); model.ErrorCode(err) != model.CodeNotFound {
				t.Errorf("%s downloads: %v", a.Username, err)
			}
			before := w.stored(t)
			_, err := w.svc.Attachments.Upload(ctx, a, w.entry.ID, attForm(t, attKind("deck"), attFile("deck.pdf", attPDF(100))))
			if model.ErrorCode(err) != model.CodeNotFound || w.stored(t) != before {
				t.Errorf("%s uploads: %v", a.Username, err)
			}
		}
		if _, err := w.svc.Attachments.Open(ctx, w.admin, v.ID+1000); model.ErrorCode(err) != model.CodeNotFound {
			t.Errorf("unknown attachment: %v", err)
		}
		if _, err := w.svc.Attachments.List(ctx, w.admin, w.entry.ID+1000); model.ErrorCode(err) != model.CodeNotFound {
			t.Errorf("unknown entry: %v", err)
		}
	})
}

func testAttachmentDeadline(t *testing.T, w *attWorld) {
	ctx := t.Context()
	upload := func(a service.Actor) error {
		_, err := w.svc.Attachments.Upload(ctx, a, w.entry.ID, attForm(t, attKind("deck"), attFile("deck.pdf", attPDF(500))))
		return err
	}
	w.clock.Advance(w.comp.RegistrationClosesAt.Sub(w.clock.Now()) - time.Second)
	t.Run("OKOneSecondBefore", func(t *testing.T) { attMust(t, upload(w.team)) })

	w.clock.Advance(time.Second)
	t.Run("ErrFailedPreconditionAtTheDeadline", func(t *testing.T) {
		before := w.stored(t)
		if err := upload(w.team); model.ErrorCode(err) != model.CodeFailedPrecondition {
			t.Fatalf("err %v", err)
		}
		if w.stored(t) != before {
			t.Fatal("something was stored")
		}
	})
	t.Run("OKOrganiserAfterTheDeadline", func(t *testing.T) { attMust(t, upload(w.mgr)) })

	t.Run("OKWithExtension", func(t *testing.T) {
		ext := w.clock.Now().Add(time.Hour)
		attMust(t, w.svc.DB.Model(&model.Entry{}).Where("id = ?", w.entry.ID).Update("deadline_extended_to", ext).Error)
		attMust(t, upload(w.team))
		w.clock.Advance(time.Hour)
		if err := upload(w.team); model.ErrorCode(err) != model.CodeFailedPrecondition {
			t.Fatalf("after the extension: %v", err)
		}
	})
}

func testAttachmentVersions(t *testing.T, w *attWorld) {
	ctx := t.Context()
	var ids []uint
	for i := range 3 {
		v, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("deck"), attFile("deck.pdf", attPDF(1000+i))))
		attMust(t, err)
		if v.Version != i+1 {
			t.Fatalf("upload %d: version %d", i, v.Version)
		}
		ids = append(ids, v.ID)
	}
	_, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("business_plan"), attFile("plan.pdf", attPDF(10))))
	attMust(t, err)

	l, err := w.svc.Attachments.List(ctx, w.team, w.entry.ID)
	attMust(t, err)
	var got []string
	for _, it := range l.Items {
		got = append(got, it.Kind+":"+fmt.Sprint(it.Version))
	}
	if want := "business_plan:1 deck:3 deck:2 deck:1"; strings.Join(got, " ") != want {
		t.Fatalf("order %v, want %s", got, want)
	}
	if l.Current.Deck == nil || *l.Current.Deck != ids[2] || l.Current.Video != nil || l.Current.BusinessPlan == nil {
		t.Fatalf("current %+v", l.Current)
	}
	for i, id := range ids {
		if !bytes.Equal(w.content(t, w.team, id), attPDF(1000+i)) {
			t.Errorf("version %d: content differs", i+1)
		}
	}

	t.Run("OKConcurrent", func(t *testing.T) {
		const n = 4
		var wg sync.WaitGroup
		versions := make(chan int, n)
		errs := make(chan error, n)
		for range n {
			wg.Go(func() {
				v, err := w.svc.Attachments.Upload(ctx, w.team, w.entry.ID, attForm(t, attKind("video"), attFile("v.mp4", attMP4(2000))))
				errs <- err
				versions <- v.Version
			})
		}
		wg.Wait()
		close(errs)
		close(versions)
		for err := range errs {
			attMust(t, err)
		}
		seen := map[int]bool{}
		for v := range versions {
			seen[v] = true
		}
		if len(seen) != n || !seen[1] || !seen[n] {
			t.Fatalf("versions %v", seen)
		}
	})
}
