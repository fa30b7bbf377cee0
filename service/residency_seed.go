package service

import (
	"time"

	"incubator/model"
	"incubator/service/schedule"
)

// resident admits team i: application, residency, two desks of the maker
// zone and its report rows (see the demo layout constants).
func (sd residencySeeder) resident(i int, p model.Project) error {
	today := sd.w.today
	start := today.AddMonths(-(3 + i*5%12))
	end := start.AddMonths(24).AddDays(-1)
	if demoNearEnd[i] {
		start = today.AddMonths(-12).AddDays(20)
		end = start.AddMonths(12).AddDays(-1)
	}
	cadence := model.CadenceQuarterly
	if i%4 == 1 {
		cadence = model.CadenceMonthly
	}
	b := sd.baseOf(p)
	app, err := sd.application(p, b, model.AppAdmitted, start.AddDays(-40), 70+i*7%26)
	if err != nil {
		return err
	}
	r := model.Residency{
		ProjectID: p.ID, BaseID: b.ID, ApplicationID: app.ID, Status: model.ResidencyActive, StartOn: start, EndOn: end,
		ReportCadence: cadence, FreeRentFen: int64(6000+i%3*2000) * 100, PropertyWaiverFen: int64(1200+i%2*600) * 100,
		Version: 1, CreatedAt: seedAt(start, 1), UpdatedAt: seedAt(start, 1),
	}
	var exitOn *model.Date
	if i == demoGraduatedResident {
		d := today.AddDays(-20)
		exitOn = &d
		r.Status, r.ExitReason, r.ExitedOn = model.ResidencyGraduated, "累计融资超过500万元，达到毕业条件，迁入高新区产业园。", exitOn
		r.UpdatedAt = seedAt(d, 8)
	}
	if err := sd.tx.Create(&r).Error; err != nil {
		return err
	}
	if err := sd.desks(r, exitOn); err != nil {
		return err
	}
	return sd.reports(i, r, exitOn)
}

// desks gives r two free desks of its base's maker zone (allocations
// closed and desks left free when it has exited).
func (sd residencySeeder) desks(r model.Residency, exitOn *model.Date) error {
	q := sd.tx.Where("base_id = ? AND status = ?", r.BaseID, model.WorkstationFree)
	if z := sd.makerZone(r.BaseID); z != nil {
		q = q.Where("zone_id = ?", *z)
	}
	var ws []model.Workstation
	if err := q.Order("code, id").Limit(2).Find(&ws).Error; err != nil {
		return err
	}
	for _, w := range ws {
		if err := sd.tx.Create(&model.WorkstationAllocation{ResidencyID: r.ID, WorkstationID: w.ID, FromOn: r.StartOn, ToOn: exitOn, CreatedAt: r.CreatedAt}).Error; err != nil {
			return err
		}
		if exitOn != nil {
			continue
		}
		if err := sd.tx.Model(&model.Workstation{}).Where("id = ?", w.ID).
			Updates(map[string]any{"status": model.WorkstationOccupied, "residency_id": r.ID, "version": w.Version + 1}).Error; err != nil {
			return err
		}
	}
	return nil
}

// reports generates r's report rows; ended periods are mostly submitted
// with growing numbers, a few are left overdue and one was filed late.
func (sd residencySeeder) reports(i int, r model.Residency, exitOn *model.Date) error {
	today := sd.w.today
	periods, err := schedule.Periods(r.StartOn, r.EndOn, r.ReportCadence, demoReportDueDays)
	if err != nil {
		return err
	}
	ended := 0
	for _, p := range periods {
		if schedule.Ended(p.End, today) {
			ended++
		}
	}
	leader := sd.leader(r.ProjectID)
	var rows []model.ProgressReport
	for k, p := range periods {
		if exitOn != nil && p.Start.After(*exitOn) {
			break
		}
		row := model.ProgressReport{ResidencyID: r.ID, PeriodStart: p.Start, PeriodEnd: p.End, DueOn: p.Due, Version: 1, CreatedAt: r.CreatedAt, UpdatedAt: r.CreatedAt}
		overdue := (i%6 == 3 && k == ended-1) || (i == demoLateResident && k >= ended-2)
		on := p.End.AddDays(1 + (i+k)%8)
		if i == demoFirstReportLate && k == 0 {
			on = p.Due.AddDays(5)
		}
		if schedule.Ended(p.End, today) && !overdue && !on.After(today) {
			sd.fill(&row, i, k, r, on, leader)
		}
		rows = append(rows, row)
	}
	return sd.tx.CreateInBatches(rows, 100).Error
}

// fill gives a report plausible numbers, filed on day on.
func (sd residencySeeder) fill(row *model.ProgressReport, i, k int, r model.Residency, on model.Date, leader uint) {
	months := int64(3)
	if r.ReportCadence == model.CadenceMonthly {
		months = 1
	}
	at := seedAt(on, 2+(i+k)%8).Add(time.Duration(i*7%60) * time.Minute)
	row.SubmittedAt, row.SubmittedBy, row.UpdatedAt, row.Version = &at, &leader, at, 2
	row.RevenueFen = int64(20_000+i*7_000) * 100 * months * int64(10+k) / 10
	row.Employees = 3 + i%5 + k/2
	row.GraduatesHired = (i + k) % 3 / 2
	if i%5 == 0 && k == 1 {
		row.FundingFen = 50_000_000 // 500,000 yuan angel round
	}
	if i == demoGraduatedResident && k == 1 {
		row.FundingFen = 100_000_000 // 1 million yuan bridge round
	}
	row.PatentsApplied = seedFlag((i+k)%4 == 0)
	row.PatentsGranted = seedFlag((i+k)%7 == 0)
	row.Narrative = "本期完成产品迭代与市场推广，客户数量稳步增长。"
}

func seedFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}
