package service

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"gorm.io/gorm"

	"incubator/model"
)

// EntryExport is a built workbook of a competition's entries, ready to be
// written once. Close it after writing.
type EntryExport struct {
	// Filename is a suggested file name (may hold CJK; escape it in
	// headers).
	Filename string
	Rows     int
	file     *excelize.File
}

// ContentType is the media type of the workbook.
func (x *EntryExport) ContentType() string {
	return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
}

// WriteTo writes the workbook (a zip) to w.
func (x *EntryExport) WriteTo(w io.Writer) (int64, error) { return x.file.WriteTo(w) }

// Close releases the workbook's temporary files.
func (x *EntryExport) Close() error { return x.file.Close() }

// exportBatch is how many entries are read per query while exporting.
const exportBatch = 500

// exportZone is the time zone of the users (China has no DST).
var exportZone = time.FixedZone("UTC+8", 8*3600)

var entryStatusLabels = map[string]string{
	model.EntryDraft: "草稿", model.EntrySubmitted: "已提交", model.EntryQualified: "已通过资格审查",
	model.EntryDisqualified: "取消资格", model.EntryWithdrawn: "已撤回",
}

var exportHeader = []any{"编号 ID", "标题 Title", "赛道 Track", "院校 College", "项目 Project", "状态 Status", "状态说明 Reason",
	"提交时间 Submitted (UTC+8)", "负责人 Leader", "成员 Members", "指导老师 Advisors", "材料 Materials"}

// Export builds the Excel workbook of a competition's entries: sheet
// "Entries" with one row per entry (id, title, track, college, project,
// status, submitted_at, leader, members with student numbers, advisors,
// material versions) below a header row, and sheet "Counts" with the
// entries per track and per college. Rows are streamed into the workbook
// in batches. Callers: the competition's organisers. Errors: not_found,
// forbidden.
func (s *Entries) Export(ctx context.Context, actor Actor, competitionID uint) (*EntryExport, error) {
	f := excelize.NewFile()
	x := &EntryExport{file: f}
	// No transaction: on SQLite it would hold the write lock for the
	// whole export; rows are read in batches by id instead.
	err := func(tx *gorm.DB) error {
		c, manager, err := entryCompetition(tx, actor, competitionID)
		if err != nil {
			return err
		}
		if !manager {
			return model.Errorf(model.CodeForbidden, "only the competition's organisers export its entries")
		}
		x.Filename = exportFilename(c.Name, s.clock())
		if err := f.SetSheetName("Sheet1", "Entries"); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter("Entries")
		if err != nil {
			return err
		}
		if err := sw.SetColWidth(2, 12, 24); err != nil {
			return err
		}
		if err := sw.SetRow("A1", exportHeader); err != nil {
			return err
		}
		if x.Rows, err = exportEntryRows(tx, c.ID, sw); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		counts, err := countEntries(tx, c.ID)
		if err != nil {
			return err
		}
		return writeCountsSheet(f, counts)
	}(s.db.WithContext(ctx))
	if err != nil {
		_ = f.Close()
		return nil, model.TranslateDBError(err, "competition")
	}
	return x, nil
}

// exportFilename names the workbook after the competition and the day.
func exportFilename(name string, now time.Time) string {
	clean := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf("%s-报名-%s.xlsx", clean, now.In(exportZone).Format("20060102"))
}

// exportEntryRows writes one row per entry of the competition, reading
// the entries in batches by id; it returns the number of rows.
func exportEntryRows(tx *gorm.DB, competitionID uint, sw *excelize.StreamWriter) (int, error) {
	var tracks []model.Track
	if err := tx.Where("competition_id = ?", competitionID).Find(&tracks).Error; err != nil {
		return 0, err
	}
	trackNames := map[uint]string{}
	for _, t := range tracks {
		trackNames[t.ID] = t.Name
	}
	rows, lastID := 0, uint(0)
	for {
		var batch []model.Entry
		if err := tx.Where("competition_id = ? AND id > ?", competitionID, lastID).Order("id").Limit(exportBatch).Find(&batch).Error; err != nil {
			return rows, err
		}
		if len(batch) == 0 {
			return rows, nil
		}
		lines, err := exportLines(tx, batch, trackNames)
		if err != nil {
			return rows, err
		}
		for _, line := range lines {
			rows++
			cell, _ := excelize.CoordinatesToCellName(1, rows+1)
			if err := sw.SetRow(cell, line); err != nil {
				return rows, err
			}
		}
		lastID = batch[len(batch)-1].ID
	}
}

// exportLines builds the cells of a batch of entries.
func exportLines(tx *gorm.DB, batch []model.Entry, trackNames map[uint]string) ([][]any, error) {
	ids, projectIDs, collegeIDs := make([]uint, len(batch)), make([]uint, len(batch)), make([]uint, len(batch))
	for i, e := range batch {
		ids[i], projectIDs[i], collegeIDs[i] = e.ID, e.ProjectID, e.CollegeID
	}
	projects, err := entryNamesByID(tx, "projects", projectIDs)
	if err != nil {
		return nil, err
	}
	colleges, err := entryNamesByID(tx, "colleges", collegeIDs)
	if err != nil {
		return nil, err
	}
	leader, members := map[uint]string{}, map[uint][]string{}
	memberRows, err := entryMemberRows(tx, ids)
	if err != nil {
		return nil, err
	}
	for _, m := range memberRows {
		if m.Role == model.MemberLeader && leader[m.EntryID] == "" {
			leader[m.EntryID] = m.Name
		}
		members[m.EntryID] = append(members[m.EntryID], fmt.Sprintf("%s(%s)", m.Name, m.StudentNo))
	}
	var advisorRows []model.EntryAdvisor
	if err := tx.Where("entry_id IN ?", ids).Order("id").Find(&advisorRows).Error; err != nil {
		return nil, err
	}
	advisors := map[uint][]string{}
	for _, a := range advisorRows {
		advisors[a.EntryID] = append(advisors[a.EntryID], strings.TrimSpace(fmt.Sprintf("%s %s %s", a.Name, a.Organization, a.Title)))
	}
	var files []struct {
		EntryID uint
		Kind    string
		Version int
	}
	if err := tx.Model(&model.Attachment{}).Select("entry_id, kind, version").Where("entry_id IN ?", ids).
		Order("entry_id").Order("kind").Order("version").Scan(&files).Error; err != nil {
		return nil, err
	}
	materials := map[uint][]string{}
	for _, f := range files {
		materials[f.EntryID] = append(materials[f.EntryID], fmt.Sprintf("%s v%d", f.Kind, f.Version))
	}
	out := make([][]any, len(batch))
	for i, e := range batch {
		submitted := ""
		if e.SubmittedAt != nil {
			submitted = e.SubmittedAt.In(exportZone).Format("2006-01-02 15:04:05")
		}
		out[i] = []any{e.ID, e.Title, trackNames[e.TrackID], colleges[e.CollegeID], projects[e.ProjectID],
			entryStatusLabels[e.Status] + " " + e.Status, e.StatusReason, submitted, leader[e.ID],
			strings.Join(members[e.ID], "、"), strings.Join(advisors[e.ID], "；"), strings.Join(materials[e.ID], ", ")}
	}
	return out, nil
}

// writeCountsSheet adds sheet "Counts": entries per track, then per
// college.
func writeCountsSheet(f *excelize.File, counts EntryCounts) error {
	if _, err := f.NewSheet("Counts"); err != nil {
		return err
	}
	rows := [][]any{{"赛道 Track", "报名数 Entries"}}
	for _, t := range counts.ByTrack {
		rows = append(rows, []any{t.Name, t.Count})
	}
	rows = append(rows, []any{}, []any{"院校 College", "报名数 Entries"})
	for _, c := range counts.ByCollege {
		rows = append(rows, []any{c.Name, c.Count})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Counts", cell, &r); err != nil {
			return err
		}
	}
	return f.SetColWidth("Counts", "A", "A", 36)
}
