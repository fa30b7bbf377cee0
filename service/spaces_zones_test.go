package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func TestSpacesZones(t *testing.T) {
	svc, _ := servicetest.New(t)
	admin, manager, student := actorOf(t, svc, "admin"), actorOf(t, svc, "manager_gdpt"), actorOf(t, svc, "student01")
	area := 3000
	hq, _ := svc.Spaces.GetBase(ctx, admin, 1)
	gdpt, _ := svc.Spaces.GetBase(ctx, admin, service.DemoBaseGDPT)
	if _, err := svc.Spaces.UpdateBase(ctx, admin, gdpt.ID, service.BaseUpdate{AreaM2: &area, Version: gdpt.Version}); err != nil {
		t.Fatal(err) // 400 m² left for new zones
	}

	t.Run("OK", func(t *testing.T) {
		z, err := svc.Spaces.CreateZone(ctx, manager, service.DemoBaseGDPT, service.NewZone{Name: "第二孵化区", Kind: model.ZoneCustom, SpaceType: model.SpaceIncubatee, AreaM2: 400})
		if err != nil {
			t.Fatal(err)
		}
		if z.BaseID != service.DemoBaseGDPT || z.AreaM2 != 400 || z.Version != 1 {
			t.Fatalf("zone = %+v", z)
		}
		zones, total, err := svc.Spaces.ListZones(ctx, student, service.DemoBaseGDPT, service.ZoneFilter{})
		if err != nil || total != 6 || len(zones) != 6 {
			t.Fatalf("student sees %d zones, %v", total, err)
		}
		maker := zones[0]
		if maker.Kind != model.ZoneMakerIncubation || maker.RoomCount != 3 || maker.WorkstationCount != 40 {
			t.Fatalf("maker zone = %+v", maker)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := svc.Spaces.CreateZone(ctx, manager, service.DemoBaseGDKM, service.NewZone{Name: "x", Kind: model.ZoneCustom, SpaceType: model.SpaceOffice})
		wantCode(t, err, model.CodeForbidden)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := svc.Spaces.CreateZone(ctx, admin, 999, service.NewZone{Name: "x", Kind: model.ZoneCustom, SpaceType: model.SpaceOffice})
		wantCode(t, err, model.CodeNotFound)
		_, _, err = svc.Spaces.ListZones(ctx, student, 999, service.ZoneFilter{})
		wantCode(t, err, model.CodeNotFound)
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		n, zones := auditCount(t, svc), countRows(t, svc, &model.Zone{})
		for name, tc := range map[string]struct {
			in     service.NewZone
			fields []string
		}{
			"negative area":      {service.NewZone{Name: "x", Kind: model.ZoneCustom, SpaceType: model.SpaceOffice, AreaM2: -10}, []string{"area_m2"}},
			"unknown kind":       {service.NewZone{Name: "x", Kind: "dungeon", SpaceType: model.SpaceOffice}, []string{"kind"}},
			"unknown space type": {service.NewZone{Name: "x", Kind: model.ZoneCustom, SpaceType: "garden"}, []string{"space_type"}},
			"duplicate name":     {service.NewZone{Name: "路演中心", Kind: model.ZoneRoadshow, SpaceType: model.SpacePublicService}, []string{"name"}},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := svc.Spaces.CreateZone(ctx, manager, service.DemoBaseGDPT, tc.in)
				wantFields(t, err, tc.fields...)
			})
		}
		wantAuditDelta(t, svc, n, 0)
		if countRows(t, svc, &model.Zone{}) != zones {
			t.Fatal("a refused create wrote a zone")
		}
	})

	t.Run("ErrFailedPrecondition", func(t *testing.T) {
		n, zones := auditCount(t, svc), countRows(t, svc, &model.Zone{})
		// headquarters: 3,000 m², zones 2,900 m²
		_, err := svc.Spaces.CreateZone(ctx, admin, hq.ID, service.NewZone{Name: "溢出区", Kind: model.ZoneCustom, SpaceType: model.SpaceOffice, AreaM2: 101})
		wantCode(t, err, model.CodeFailedPrecondition)
		wantAuditDelta(t, svc, n, 0)
		if countRows(t, svc, &model.Zone{}) != zones {
			t.Fatal("an overflowing zone was written")
		}
		if _, err := svc.Spaces.CreateZone(ctx, admin, hq.ID, service.NewZone{Name: "刚好", Kind: model.ZoneCustom, SpaceType: model.SpaceOffice, AreaM2: 100}); err != nil {
			t.Fatalf("a zone filling the base exactly: %v", err)
		}
	})
}

func TestSpacesRooms(t *testing.T) {
	svc, _ := servicetest.New(t)
	admin, manager := actorOf(t, svc, "admin"), actorOf(t, svc, "manager_gdpt")
	own, other := demoZone(t, svc, service.DemoBaseGDPT, model.ZoneTraining), demoZone(t, svc, service.DemoBaseGDKM, model.ZoneTraining)

	t.Run("OK", func(t *testing.T) {
		r, err := svc.Spaces.CreateRoom(ctx, manager, own.ID, service.NewRoom{Name: "小教室", AreaM2: 50, Capacity: 20, Bookable: true})
		if err != nil {
			t.Fatal(err)
		}
		if r.BaseID != service.DemoBaseGDPT || r.ZoneID != own.ID || !r.Bookable {
			t.Fatalf("room = %+v", r)
		}
		yes := true
		rooms, total, err := svc.Spaces.ListRooms(ctx, manager, own.ID, service.RoomFilter{Bookable: &yes})
		if err != nil || total != 2 || rooms[0].Name != "创业培训室" {
			t.Fatalf("bookable rooms = %+v, %d, %v", rooms, total, err)
		}
		if _, total, err := svc.Spaces.ListRooms(ctx, admin, other.ID, service.RoomFilter{}); err != nil || total != 2 {
			t.Fatalf("admin sees %d rooms of another base, %v", total, err)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := svc.Spaces.CreateRoom(ctx, manager, other.ID, service.NewRoom{Name: "x"})
		wantCode(t, err, model.CodeForbidden)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, _, err := svc.Spaces.ListRooms(ctx, manager, other.ID, service.RoomFilter{})
		wantCode(t, err, model.CodeNotFound)
		_, err = svc.Spaces.CreateRoom(ctx, admin, 99999, service.NewRoom{Name: "x"})
		wantCode(t, err, model.CodeNotFound)
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		n := auditCount(t, svc)
		_, err := svc.Spaces.CreateRoom(ctx, manager, own.ID, service.NewRoom{Name: "创业培训室"})
		wantFields(t, err, "name")
		_, err = svc.Spaces.CreateRoom(ctx, manager, own.ID, service.NewRoom{Name: "y", AreaM2: -1, Capacity: -1})
		wantFields(t, err, "area_m2", "capacity")
		wantAuditDelta(t, svc, n, 0)
	})
}
