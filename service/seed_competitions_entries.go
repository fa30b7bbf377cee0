package service

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"incubator/model"
)

// demoEntry is an entry to seed with its team and advisors (EntryID set
// after the entry is written).
type demoEntry struct {
	entry    model.Entry
	members  []model.EntryMember
	advisors []model.EntryAdvisor
}

// seedDemoEntries registers demoEntriesPerCollege entries per college: the
// resident teams of the college first, then generated teams. Every entry
// that was submitted gets a small generated business-plan PDF.
func seedDemoEntries(tx *gorm.DB, w *demoWorld, c model.Competition, tracks []model.Track) error {
	collegeIdx := map[uint]int{}
	for i, col := range w.colleges {
		collegeIdx[col.ID] = i
	}
	resident := make([][]model.Project, len(w.colleges))
	residentIDs := make([]uint, len(w.projects))
	for i, p := range w.projects {
		ci := collegeIdx[p.CollegeID]
		resident[ci] = append(resident[ci], p)
		residentIDs[i] = p.ID
	}
	trackOf := func(ci, j int) int { return (ci + j) % len(demoTracks) }
	slots := make([][]int, len(w.colleges))
	for ci := range w.colleges {
		for j := len(resident[ci]); j < demoEntriesPerCollege; j++ {
			slots[ci] = append(slots[ci], trackOf(ci, j))
		}
	}
	teams, err := seedDemoTeams(tx, w, slots)
	if err != nil {
		return err
	}
	rMembers, rAdvisors, err := residentTeams(tx, residentIDs)
	if err != nil {
		return err
	}
	var entries []demoEntry
	for ci := range w.colleges {
		for j := 0; j < demoEntriesPerCollege; j++ {
			var d demoEntry
			track := trackOf(ci, j)
			if j < len(resident[ci]) {
				p := resident[ci][j]
				if k := slices.Index(demoTracks, p.Field); k >= 0 {
					track = k
				}
				d = demoEntry{entry: model.Entry{ProjectID: p.ID, CollegeID: p.CollegeID, Title: p.Name, Summary: p.Description},
					members: rMembers[p.ID], advisors: rAdvisors[p.ID]}
			} else {
				t := teams[ci][j-len(resident[ci])]
				d = demoEntry{entry: model.Entry{ProjectID: t.project.ID, CollegeID: t.project.CollegeID, Title: t.project.Name, Summary: t.project.Description}}
				for m, s := range t.students {
					role := model.MemberMember
					if m == 0 {
						role = model.MemberLeader
					}
					d.members = append(d.members, model.EntryMember{UserID: s.ID, Role: role})
				}
				d.advisors = []model.EntryAdvisor{{UserID: t.advisor.UserID, Name: t.advisor.Name, Organization: t.advisor.Organization, Title: t.advisor.Title}}
			}
			d.entry.CompetitionID, d.entry.TrackID = c.ID, tracks[track].ID
			demoEntryState(w, &d.entry, ci, j)
			d.entry.CreatedBy = d.members[0].UserID
			entries = append(entries, d)
		}
	}
	return insertDemoEntries(tx, w, entries)
}

// residentTeams loads the members (leader first) and up to three advisors
// of the resident projects, as entry rows without EntryID.
func residentTeams(tx *gorm.DB, ids []uint) (map[uint][]model.EntryMember, map[uint][]model.EntryAdvisor, error) {
	var members []model.ProjectMember
	if err := tx.Where("project_id IN ?", ids).Order("role").Order("id").Find(&members).Error; err != nil {
		return nil, nil, err
	}
	var advisors []model.Advisor
	if err := tx.Where("project_id IN ?", ids).Order("id").Find(&advisors).Error; err != nil {
		return nil, nil, err
	}
	ms, as := map[uint][]model.EntryMember{}, map[uint][]model.EntryAdvisor{}
	for _, m := range members {
		ms[m.ProjectID] = append(ms[m.ProjectID], model.EntryMember{UserID: m.UserID, Role: m.Role})
	}
	for _, a := range advisors {
		if len(as[a.ProjectID]) < 3 {
			as[a.ProjectID] = append(as[a.ProjectID], model.EntryAdvisor{UserID: a.UserID, Name: a.Name, Organization: a.Organization, Title: a.Title})
		}
	}
	return ms, as, nil
}

// demoEntryState sets the status, times and version of the j-th entry of
// college ci.
func demoEntryState(w *demoWorld, e *model.Entry, ci, j int) {
	created, submitted := demoEntryTimes(w, ci, j)
	e.Status, e.Version, e.CreatedAt, e.UpdatedAt = demoEntryStatus(j), 1, created, created
	if e.Status == model.EntryDraft {
		return
	}
	e.SubmittedAt, e.Version, e.UpdatedAt = &submitted, 2, submitted
	if e.Status == model.EntrySubmitted {
		return
	}
	e.Version, e.UpdatedAt = 3, submitted.Add(20*time.Hour)
	if e.Status == model.EntryDisqualified {
		e.StatusReason = demoDisqualifyReasons[ci%len(demoDisqualifyReasons)]
	}
}

// insertDemoEntries writes the entries, their teams and advisors, and a
// business plan for every entry that was submitted.
func insertDemoEntries(tx *gorm.DB, w *demoWorld, entries []demoEntry) error {
	rows := make([]model.Entry, len(entries))
	for i, d := range entries {
		rows[i] = d.entry
	}
	if err := tx.CreateInBatches(rows, 50).Error; err != nil {
		return fmt.Errorf("entries: %w", err)
	}
	var members []model.EntryMember
	var advisors []model.EntryAdvisor
	var plans []model.Attachment
	for i, d := range entries {
		e := rows[i]
		for _, m := range d.members {
			m.EntryID = e.ID
			members = append(members, m)
		}
		for _, a := range d.advisors {
			a.EntryID = e.ID
			advisors = append(advisors, a)
		}
		if e.SubmittedAt == nil || w.blobs == nil {
			continue
		}
		a, err := demoBusinessPlan(w, e, d.members[0].UserID)
		if err != nil {
			return fmt.Errorf("business plan of entry %d: %w", e.ID, err)
		}
		plans = append(plans, a)
	}
	if err := tx.CreateInBatches(members, 50).Error; err != nil {
		return fmt.Errorf("entry members: %w", err)
	}
	if err := tx.CreateInBatches(advisors, 50).Error; err != nil {
		return fmt.Errorf("entry advisors: %w", err)
	}
	if err := tx.CreateInBatches(plans, 50).Error; err != nil {
		return fmt.Errorf("business plans: %w", err)
	}
	return nil
}

// demoBusinessPlan stores a small generated PDF for the entry and returns
// its attachment row (version 1, uploaded by the leader before the
// submission).
func demoBusinessPlan(w *demoWorld, e model.Entry, leader uint) (model.Attachment, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return model.Attachment{}, err
	}
	key := fmt.Sprintf("entries/%d/%s.pdf", e.ID, hex.EncodeToString(b[:]))
	size, sum, err := w.blobs.Put(w.ctx, key, bytes.NewReader(demoPDF(e)))
	if err != nil {
		return model.Attachment{}, err
	}
	return model.Attachment{
		EntryID: e.ID, Kind: model.AttachmentBusinessPlan, Version: 1, FileName: "商业计划书.pdf", ContentType: "application/pdf",
		SizeBytes: size, SHA256: sum, StorageKey: key, UploadedBy: leader, CreatedAt: e.SubmittedAt.Add(-2 * time.Hour),
	}, nil
}

// demoPDF is a minimal valid one-page PDF naming the entry (ASCII text in
// the standard Helvetica font, with a correct cross-reference table).
func demoPDF(e model.Entry) []byte {
	text := fmt.Sprintf("BT /F1 20 Tf 72 760 Td (Business plan) Tj /F1 12 Tf 0 -28 Td (Qingyuan Hi-tech Cup - entry %d, project %d) Tj "+
		"0 -18 Td (Demo material generated by the incubator platform.) Tj ET", e.ID, e.ProjectID)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
