package service_test

import (
	"slices"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func deskCodes(ws []service.WorkstationView) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Code
	}
	return out
}

func TestSpacesWorkstationsCreate(t *testing.T) {
	svc, _ := servicetest.New(t)
	manager := actorOf(t, svc, "manager_gdpt")
	room := demoRoom(t, svc, demoZone(t, svc, service.DemoBaseGDPT, model.ZoneTalent).ID)

	t.Run("OK", func(t *testing.T) {
		n := auditCount(t, svc)
		ws, err := svc.Spaces.CreateWorkstations(ctx, manager, room.ID, service.NewWorkstations{Prefix: "T-", Count: 3})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(deskCodes(ws), []string{"T-01", "T-02", "T-03"}) || ws[0].Status != model.WorkstationFree ||
			ws[0].BaseID != service.DemoBaseGDPT || ws[0].ZoneID != room.ZoneID || ws[0].RoomID != room.ID || ws[0].ID == 0 {
			t.Fatalf("created = %+v", ws)
		}
		ws, err = svc.Spaces.CreateWorkstations(ctx, manager, room.ID, service.NewWorkstations{Prefix: "U", Count: 2, Start: 99})
		if err != nil || !slices.Equal(deskCodes(ws), []string{"U099", "U100"}) {
			t.Fatalf("numbered from 99 = %v, %v", deskCodes(ws), err)
		}
		ws, err = svc.Spaces.CreateWorkstations(ctx, manager, room.ID, service.NewWorkstations{Code: "VIP", Status: model.WorkstationReserved})
		if err != nil || len(ws) != 1 || ws[0].Status != model.WorkstationReserved {
			t.Fatalf("single = %+v, %v", ws, err)
		}
		wantAuditDelta(t, svc, n, 6)
		list, total, err := svc.Spaces.ListWorkstations(ctx, manager, room.ID, service.WorkstationFilter{Status: model.WorkstationFree})
		if err != nil || total != 5 || list[0].Code != "T-01" {
			t.Fatalf("free desks of the room = %d %v", total, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		other := actorOf(t, svc, "manager_gdkm")
		_, err := svc.Spaces.CreateWorkstations(ctx, other, room.ID, service.NewWorkstations{Code: "X1"})
		wantCode(t, err, model.CodeNotFound)
		_, _, err = svc.Spaces.ListWorkstations(ctx, other, room.ID, service.WorkstationFilter{})
		wantCode(t, err, model.CodeNotFound)
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		n, desks := auditCount(t, svc), countRows(t, svc, &model.Workstation{})
		for name, tc := range map[string]struct {
			in     service.NewWorkstations
			fields []string
		}{
			"taken code":          {service.NewWorkstations{Code: "GDPT-A01"}, []string{"code"}},
			"overlapping prefix":  {service.NewWorkstations{Prefix: "GDPT-A", Count: 25}, []string{"prefix"}},
			"nothing":             {service.NewWorkstations{}, []string{"count"}},
			"too many":            {service.NewWorkstations{Prefix: "Z", Count: service.MaxBulkWorkstations + 1}, []string{"count"}},
			"code and prefix":     {service.NewWorkstations{Code: "Z", Prefix: "Z", Count: 2}, []string{"code"}},
			"unknown status":      {service.NewWorkstations{Code: "Z9", Status: "broken"}, []string{"status"}},
			"code does not fit":   {service.NewWorkstations{Prefix: "0123456789012345678901234567", Count: 200}, []string{"prefix"}},
			"negative start":      {service.NewWorkstations{Prefix: "N", Count: 2, Start: -3}, []string{"start"}},
			"one long code (31)":  {service.NewWorkstations{Code: "0123456789012345678901234567890"}, []string{"code"}},
			"duplicate in a base": {service.NewWorkstations{Prefix: "GDPT-B", Count: 1, Start: 20}, []string{"prefix"}},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := svc.Spaces.CreateWorkstations(ctx, manager, room.ID, tc.in)
				wantFields(t, err, tc.fields...)
			})
		}
		_, err := svc.Spaces.CreateWorkstations(ctx, manager, room.ID, service.NewWorkstations{Code: "OCC", Status: model.WorkstationOccupied})
		wantCode(t, err, model.CodeFailedPrecondition)
		wantAuditDelta(t, svc, n, 0)
		if countRows(t, svc, &model.Workstation{}) != desks {
			t.Fatal("a refused create wrote workstations")
		}
	})
}

func TestSpacesWorkstationUpdate(t *testing.T) {
	svc, _ := servicetest.New(t)
	manager := actorOf(t, svc, "manager_gdpt")
	desk := freeDesk(t, svc, service.DemoBaseGDPT)
	status := func(s string) *string { return &s }

	t.Run("OK", func(t *testing.T) {
		n := auditCount(t, svc)
		v := desk.Version
		for _, s := range []string{model.WorkstationReserved, model.WorkstationOutOfService, model.WorkstationFree} {
			w, err := svc.Spaces.UpdateWorkstation(ctx, manager, desk.ID, service.WorkstationUpdate{Status: status(s), Version: v})
			if err != nil {
				t.Fatalf("→ %s: %v", s, err)
			}
			if w.Status != s || w.Version != v+1 {
				t.Fatalf("→ %s: %+v", s, w)
			}
			v = w.Version
		}
		w, err := svc.Spaces.UpdateWorkstation(ctx, manager, desk.ID, service.WorkstationUpdate{Code: status("GDPT-Z01"), Version: v})
		if err != nil || w.Code != "GDPT-Z01" {
			t.Fatalf("rename = %+v, %v", w, err)
		}
		desk.Version = w.Version
		wantAuditDelta(t, svc, n, 4)
	})

	t.Run("ErrFailedPrecondition", func(t *testing.T) {
		n := auditCount(t, svc)
		_, err := svc.Spaces.UpdateWorkstation(ctx, manager, desk.ID, service.WorkstationUpdate{Status: status(model.WorkstationOccupied), Version: desk.Version})
		wantCode(t, err, model.CodeFailedPrecondition)
		// occupied by an admission: no manual move out of it
		var occupied model.Workstation
		if err := svc.DB.Where("base_id = ? AND status = ? AND id <> ?", service.DemoBaseGDPT, model.WorkstationFree, desk.ID).First(&occupied).Error; err != nil {
			t.Fatal(err)
		}
		if err := svc.DB.Model(&model.Workstation{}).Where("id = ?", occupied.ID).Update("status", model.WorkstationOccupied).Error; err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{model.WorkstationFree, model.WorkstationReserved, model.WorkstationOutOfService} {
			_, err = svc.Spaces.UpdateWorkstation(ctx, manager, occupied.ID, service.WorkstationUpdate{Status: status(s), Version: occupied.Version})
			wantCode(t, err, model.CodeFailedPrecondition)
		}
		wantAuditDelta(t, svc, n, 0)
		var got model.Workstation
		svc.DB.Take(&got, occupied.ID)
		if got.Status != model.WorkstationOccupied || got.Version != occupied.Version {
			t.Fatalf("refused moves changed the desk: %+v", got)
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		_, err := svc.Spaces.UpdateWorkstation(ctx, manager, desk.ID, service.WorkstationUpdate{Status: status(model.WorkstationReserved), Version: desk.Version - 1})
		wantCode(t, err, model.CodeConflict)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := svc.Spaces.UpdateWorkstation(ctx, actorOf(t, svc, "manager_gdkm"), desk.ID, service.WorkstationUpdate{Status: status(model.WorkstationReserved), Version: desk.Version})
		wantCode(t, err, model.CodeNotFound)
		_, err = svc.Spaces.UpdateWorkstation(ctx, manager, 999999, service.WorkstationUpdate{Status: status(model.WorkstationReserved), Version: 1})
		wantCode(t, err, model.CodeNotFound)
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := svc.Spaces.UpdateWorkstation(ctx, manager, desk.ID, service.WorkstationUpdate{Code: status("GDPT-A02"), Version: desk.Version})
		wantFields(t, err, "code")
		_, err = svc.Spaces.UpdateWorkstation(ctx, manager, desk.ID, service.WorkstationUpdate{Status: status("lost"), Version: desk.Version})
		wantFields(t, err, "status")
	})
}
