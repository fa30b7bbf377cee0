package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func TestProjectsRecords(t *testing.T) {
	svc, clock := servicetest.New(t)
	p := projByName(t, svc, projGDPT2)
	member := actorOf(t, svc, "student05")
	today := model.DateOf(clock.Now())
	applied, granted := today.AddMonths(-6), today.AddMonths(-1)

	t.Run("OKDemoTotals", func(t *testing.T) {
		// the first demo team raised 1.2 + 4.5 million yuan and holds two granted patents
		v, err := svc.Projects.Get(ctx, actorOf(t, svc, "student01"), projByName(t, svc, projGDPT1).ID)
		if err != nil || v.FundingTotalFen != 570_000_000 || v.IP != (service.ProjectIP{Applied: 2, Granted: 2}) || len(v.Advisors) != 2 {
			t.Fatalf("demo team: %+v, %v", v, err)
		}
	})
	t.Run("OKIPRecord", func(t *testing.T) {
		n := auditCount(t, svc)
		r, err := svc.Projects.AddIPRecord(ctx, member, p.ID, service.NewIPRecord{Kind: model.IPInventionPatent, Title: "一种巡检路径规划方法",
			Number: "ZL202510000001.1", Status: model.IPGranted, AppliedOn: &applied, GrantedOn: &granted})
		if err != nil || r.ID == 0 || r.Status != model.IPGranted || r.GrantedOn.String() != granted.String() {
			t.Fatalf("ip record %+v, %v", r, err)
		}
		wantAuditDelta(t, svc, n, 1)
		items, total, err := svc.Projects.IPRecords(ctx, actorOf(t, svc, "viewer_gdpt"), p.ID, model.Page{Sort: "applied_on"})
		if err != nil || total != 2 || items[0].ID != r.ID {
			t.Fatalf("ip records = %d %+v, %v", total, items, err)
		}
		v, _ := svc.Projects.Get(ctx, member, p.ID)
		if v.IP != (service.ProjectIP{Applied: 2, Granted: 1}) {
			t.Fatalf("ip counts = %+v", v.IP)
		}
	})
	t.Run("OKFundingEvent", func(t *testing.T) {
		f, err := svc.Projects.AddFundingEvent(ctx, member, p.ID, service.NewFundingEvent{On: today, Round: "天使轮", Investor: "某基金", AmountFen: 50_000_000})
		if err != nil || f.AmountFen != 50_000_000 || f.On.String() != today.String() {
			t.Fatalf("funding %+v, %v", f, err)
		}
		items, total, err := svc.Projects.FundingEvents(ctx, actorOf(t, svc, "admin"), p.ID, model.Page{Sort: "-on"})
		if err != nil || total != 1 || items[0].ID != f.ID {
			t.Fatalf("funding events = %d %+v, %v", total, items, err)
		}
		v, _ := svc.Projects.Get(ctx, member, p.ID)
		if v.FundingTotalFen != 50_000_000 {
			t.Fatalf("funding total = %d", v.FundingTotalFen)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		n := auditCount(t, svc)
		tomorrow := today.AddDays(1)
		before := applied.AddDays(-1)
		for _, tc := range []struct {
			in     service.NewIPRecord
			fields []string
		}{
			{service.NewIPRecord{Kind: model.IPUtilityModel, Title: "x", Status: model.IPGranted, AppliedOn: &applied, GrantedOn: &before}, []string{"granted_on"}},
			{service.NewIPRecord{Kind: model.IPUtilityModel, Title: "x", Status: model.IPGranted, AppliedOn: &applied}, []string{"granted_on"}},
			{service.NewIPRecord{Kind: model.IPUtilityModel, Title: "x", Status: model.IPApplied, AppliedOn: &applied, GrantedOn: &granted}, []string{"granted_on"}},
			{service.NewIPRecord{Kind: "idea", Title: " ", Status: "pending", AppliedOn: &tomorrow}, []string{"kind", "title", "status", "applied_on"}},
			{service.NewIPRecord{Kind: model.IPTrademark, Title: "x", Status: model.IPApplied}, []string{"applied_on"}},
		} {
			_, err := svc.Projects.AddIPRecord(ctx, member, p.ID, tc.in)
			wantFields(t, err, tc.fields...)
		}
		_, err := svc.Projects.AddFundingEvent(ctx, member, p.ID, service.NewFundingEvent{On: tomorrow, AmountFen: -5})
		wantFields(t, err, "on", "amount_fen")
		_, err = svc.Projects.AddFundingEvent(ctx, member, p.ID, service.NewFundingEvent{AmountFen: 0})
		wantFields(t, err, "on", "amount_fen")
		wantAuditDelta(t, svc, n, 0)
		var ip, funding int64
		svc.DB.Model(&model.IPRecord{}).Where("project_id = ?", p.ID).Count(&ip)
		svc.DB.Model(&model.FundingEvent{}).Where("project_id = ?", p.ID).Count(&funding)
		if ip != 2 || funding != 1 {
			t.Fatalf("refused records were written: %d IP records, %d funding events", ip, funding)
		}
	})
	t.Run("ErrSort", func(t *testing.T) {
		_, _, err := svc.Projects.FundingEvents(ctx, member, p.ID, model.Page{Sort: "investor; DROP TABLE users"})
		wantFields(t, err, "sort")
	})
}
