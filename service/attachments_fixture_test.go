package service_test

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/textproto"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"incubator/model"
	"incubator/model/blob"
	"incubator/service"
	"incubator/service/servicetest"
)

// attPlanLimit is the business-plan limit of the attachment tests.
const attPlanLimit = 64 << 10

// attWorld is a demo-seeded database with an open competition organised
// by base GDPT (manager_gdpt) and an entry of the first GDPT demo team
// (student01–03); student22 is on another team.
type attWorld struct {
	svc     *service.Services
	clock   *servicetest.Clock
	blobDir string
	comp    model.Competition
	entry   model.Entry
	// team: student01; mgr: manager_gdpt (organiser); others may not see it.
	team, mgr, admin, otherTeam, otherMgr, judge service.Actor
}

func newAttWorld(t testing.TB) *attWorld {
	t.Helper()
	clock := servicetest.NewClock()
	o := servicetest.Options(clock)
	o.UploadPlanBytes = attPlanLimit
	dir := t.TempDir()
	o.Blobs = blob.NewLocal(dir)
	svc := servicetest.NewWith(t, o)
	w := &attWorld{svc: svc, clock: clock, blobDir: dir,
		team: actorOf(t, svc, "student01"), mgr: actorOf(t, svc, "manager_gdpt"), admin: actorOf(t, svc, "admin"),
		otherTeam: actorOf(t, svc, "student22"), otherMgr: actorOf(t, svc, "manager_gdkm"), judge: actorOf(t, svc, "judge01")}
	w.newEntry(t)
	return w
}

// newEntry makes w.comp a new open competition of base GDPT, closing in
// 24 hours by the clock, and w.entry the first GDPT team's entry in it.
func (w *attWorld) newEntry(t testing.TB) {
	t.Helper()
	now := w.clock.Now()
	base := uint(service.DemoBaseGDPT)
	w.comp = model.Competition{Name: fmt.Sprintf("附件测试赛 %d", now.Unix()), Edition: 1, Year: now.Year(), BaseID: &base,
		Status: model.CompetitionOpen, RegistrationOpensAt: now.Add(-24 * time.Hour), RegistrationClosesAt: now.Add(24 * time.Hour),
		MinTeamSize: 3, MaxTeamSize: 15, MaxAdvisors: 3, CreatedBy: w.admin.UserID, Version: 1}
	attMust(t, w.svc.DB.Create(&w.comp).Error)
	track := model.Track{CompetitionID: w.comp.ID, Name: "新材料"}
	attMust(t, w.svc.DB.Create(&track).Error)
	p := projByName(t, w.svc, projGDPT1)
	w.entry = model.Entry{CompetitionID: w.comp.ID, ProjectID: p.ID, TrackID: track.ID, CollegeID: p.CollegeID,
		Title: p.Name, Status: model.EntryDraft, CreatedBy: w.team.UserID, Version: 1}
	attMust(t, w.svc.DB.Create(&w.entry).Error)
}

func attMust(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// attPart is one part of an upload form: a field (no file name) or a file.
type attPart struct {
	name, fileName string
	file           bool
	body           []byte
}

func attKind(kind string) attPart { return attPart{name: "kind", body: []byte(kind)} }

func attFile(fileName string, body []byte) attPart {
	return attPart{name: "file", fileName: fileName, file: true, body: body}
}

// attMultipart encodes parts; file names go through mime.FormatMediaType,
// so quotes are escaped and newlines or CJK use RFC 2231 (filename*), as
// a client may send them.
func attMultipart(t testing.TB, parts ...attPart) (body []byte, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		params := map[string]string{"name": p.name}
		if p.file {
			params["filename"] = p.fileName
		}
		h := textproto.MIMEHeader{"Content-Disposition": {mime.FormatMediaType("form-data", params)}}
		w, err := mw.CreatePart(h)
		attMust(t, err)
		_, err = w.Write(p.body)
		attMust(t, err)
	}
	attMust(t, mw.Close())
	return buf.Bytes(), mw.FormDataContentType()
}

// attForm returns an UploadForm over the encoded parts.
func attForm(t testing.TB, parts ...attPart) service.UploadForm {
	t.Helper()
	body, _ := attMultipart(t, parts...)
	return attFormOf(body)
}

// attFormOf returns an UploadForm reading body (its boundary is the first line).
func attFormOf(body []byte) service.UploadForm {
	boundary := strings.TrimPrefix(strings.TrimSpace(strings.SplitN(string(body), "\n", 2)[0]), "--")
	return func() (*multipart.Reader, error) { return multipart.NewReader(bytes.NewReader(body), boundary), nil }
}

// Sample contents.
func attPDF(n int) []byte { return attPadded("%PDF-1.7\n", n) }
func attEXE(n int) []byte { return attPadded("MZ\x90\x00\x03\x00\x00\x00", n) }
func attMP4(n int) []byte { return attPadded("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", n) }

func attPadded(prefix string, n int) []byte {
	b := make([]byte, n)
	copy(b, prefix)
	for i := len(prefix); i < n; i++ {
		b[i] = byte('a' + i%26)
	}
	return b
}

// attStored is what an upload may leave behind: rows, files and audit records.
type attStored struct {
	rows, files, audits int64
}

func (w *attWorld) stored(t testing.TB) attStored {
	t.Helper()
	var s attStored
	attMust(t, w.svc.DB.Model(&model.Attachment{}).Count(&s.rows).Error)
	attMust(t, w.svc.DB.Model(&model.AuditLog{}).Where("action = ?", "attachment.uploaded").Count(&s.audits).Error)
	attMust(t, filepath.WalkDir(w.blobDir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			s.files++
		}
		return err
	}))
	return s
}

// content reads an attachment's stored bytes through Open.
func (w *attWorld) content(t testing.TB, actor service.Actor, id uint) []byte {
	t.Helper()
	d, err := w.svc.Attachments.Open(t.Context(), actor, id)
	attMust(t, err)
	defer d.Content.Close()
	b, err := io.ReadAll(d.Content)
	attMust(t, err)
	return b
}
