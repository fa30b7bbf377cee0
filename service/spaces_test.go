package service_test

import (
	"slices"
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

func countRows(t testing.TB, svc *service.Services, entity any) int64 {
	t.Helper()
	var n int64
	if err := svc.DB.Model(entity).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// demoZone returns the zone of a demo base with the kind.
func demoZone(t testing.TB, svc *service.Services, baseID uint, kind string) model.Zone {
	t.Helper()
	var z model.Zone
	if err := svc.DB.Where("base_id = ? AND kind = ?", baseID, kind).Order("id").First(&z).Error; err != nil {
		t.Fatalf("zone %s of base %d: %v", kind, baseID, err)
	}
	return z
}

// demoRoom returns the first room of a demo zone.
func demoRoom(t testing.TB, svc *service.Services, zoneID uint) model.Room {
	t.Helper()
	var r model.Room
	if err := svc.DB.Where("zone_id = ?", zoneID).Order("id").First(&r).Error; err != nil {
		t.Fatalf("room of zone %d: %v", zoneID, err)
	}
	return r
}

// freeDesk returns a free workstation of a demo base.
func freeDesk(t testing.TB, svc *service.Services, baseID uint) model.Workstation {
	t.Helper()
	var w model.Workstation
	if err := svc.DB.Where("base_id = ? AND status = ?", baseID, model.WorkstationFree).Order("id DESC").First(&w).Error; err != nil {
		t.Fatalf("free desk of base %d: %v", baseID, err)
	}
	return w
}

func TestSpacesSeed(t *testing.T) {
	svc, _ := servicetest.New(t)
	admin := actorOf(t, svc, "admin")
	bases, total, err := svc.Spaces.ListBases(ctx, admin, service.BaseFilter{})
	if err != nil || total != 4 {
		t.Fatalf("bases = %d, %v", total, err)
	}
	wantNames := []string{"凤翔谷总部", "广东工程职业技术学院校内基地", "广东科贸职业学院校内基地", "广东华南工商职业技术学院校内基地"}
	for i, b := range bases {
		if b.ID != uint(i+1) || b.Name != wantNames[i] {
			t.Fatalf("base %d = %d %s", i, b.ID, b.Name)
		}
		if i == 0 {
			if b.Kind != model.BaseHeadquarters || b.HostCollegeID != nil || b.WorkstationCount != 0 {
				t.Fatalf("headquarters = %+v", b)
			}
			continue
		}
		if b.Kind != model.BaseCampus || b.HostCollegeID == nil || b.HostCollegeName == "" || b.ZoneCount != 5 || b.WorkstationCount != 40 {
			t.Fatalf("campus base = %+v", b)
		}
		occ, err := svc.Spaces.Occupancy(ctx, admin, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sum := occ.AreaBySpaceType.Incubatee + occ.AreaBySpaceType.PublicService + occ.AreaBySpaceType.Office; sum > b.AreaM2 || b.AreaM2 < 2500 || b.AreaM2 > 2700 {
			t.Fatalf("base %d area %d, zones %d", b.ID, b.AreaM2, sum)
		}
	}
	gdpt := bases[service.DemoBaseGDPT-1]
	if !slices.Equal(gdpt.Managers, []service.ManagerView{{ID: userID(t, svc, "manager_gdpt"), Username: "manager_gdpt", Name: userByName(t, svc, "manager_gdpt").Name}}) {
		t.Fatalf("GDPT managers = %+v", gdpt.Managers)
	}
	if len(bases[3].Managers) != 0 || bases[3].Managers == nil {
		t.Fatalf("HNGS managers = %#v, want an empty list", bases[3].Managers)
	}
	var bookable []string
	svc.DB.Model(&model.Room{}).Where("base_id = ? AND bookable = ?", service.DemoBaseGDPT, true).Order("name").Pluck("name", &bookable)
	if !slices.Equal(bookable, []string{"创业培训室", "路演厅"}) {
		t.Fatalf("bookable rooms = %v", bookable)
	}
}

func TestSpacesBaseCreate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		n := auditCount(t, svc)
		college := actorOf(t, svc, "viewer_gdpt").CollegeID
		b, err := svc.Spaces.CreateBase(ctx, actorOf(t, svc, "admin"), service.NewBase{Name: " 新基地 ", Kind: model.BaseCampus, HostCollegeID: college, AreaM2: 1200})
		if err != nil {
			t.Fatal(err)
		}
		if b.ID == 0 || b.Name != "新基地" || b.HostCollegeName != "广东工程职业技术学院" || b.Version != 1 || b.Managers == nil {
			t.Fatalf("view = %+v", b)
		}
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != "base.created" || a.Entity != "base" {
			t.Fatalf("audit = %+v", a)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		n, bases := auditCount(t, svc), countRows(t, svc, &model.Base{})
		for _, who := range []string{"manager_gdpt", "student01", "viewer_gdpt", "officer"} {
			_, err := svc.Spaces.CreateBase(ctx, actorOf(t, svc, who), service.NewBase{Name: "x", Kind: model.BaseHeadquarters})
			wantCode(t, err, model.CodeForbidden)
		}
		wantAuditDelta(t, svc, n, 0)
		if countRows(t, svc, &model.Base{}) != bases {
			t.Fatal("a forbidden create wrote a base")
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		n, bases := auditCount(t, svc), countRows(t, svc, &model.Base{})
		unknown := uint(999999)
		for name, tc := range map[string]struct {
			in     service.NewBase
			fields []string
		}{
			"negative area":     {service.NewBase{Name: "x", Kind: model.BaseHeadquarters, AreaM2: -1}, []string{"area_m2"}},
			"unknown kind":      {service.NewBase{Name: "x", Kind: "castle"}, []string{"kind"}},
			"blank name":        {service.NewBase{Name: "  ", Kind: model.BaseHeadquarters}, []string{"name"}},
			"campus no college": {service.NewBase{Name: "x", Kind: model.BaseCampus}, []string{"host_college_id"}},
			"unknown college":   {service.NewBase{Name: "x", Kind: model.BaseCampus, HostCollegeID: &unknown}, []string{"host_college_id"}},
			"duplicate name":    {service.NewBase{Name: "凤翔谷总部", Kind: model.BaseHeadquarters}, []string{"name"}},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := svc.Spaces.CreateBase(ctx, admin, tc.in)
				wantFields(t, err, tc.fields...)
			})
		}
		wantAuditDelta(t, svc, n, 0)
		if countRows(t, svc, &model.Base{}) != bases {
			t.Fatal("a refused create wrote a base")
		}
	})
}

func TestSpacesBaseUpdate(t *testing.T) {
	svc, _ := servicetest.New(t)
	admin, manager := actorOf(t, svc, "admin"), actorOf(t, svc, "manager_gdpt")
	version := func(id uint) int {
		b, err := svc.Spaces.GetBase(ctx, admin, id)
		if err != nil {
			t.Fatal(err)
		}
		return b.Version
	}

	t.Run("OK", func(t *testing.T) {
		n := auditCount(t, svc)
		addr := "新地址 1 号"
		b, err := svc.Spaces.UpdateBase(ctx, manager, service.DemoBaseGDPT, service.BaseUpdate{Address: &addr, Version: version(service.DemoBaseGDPT)})
		if err != nil {
			t.Fatal(err)
		}
		if b.Address != addr || b.Version != 2 || b.Kind != model.BaseCampus {
			t.Fatalf("view = %+v", b)
		}
		area := 5000
		if b, err = svc.Spaces.UpdateBase(ctx, admin, service.DemoBaseGDKM, service.BaseUpdate{AreaM2: &area, Version: version(service.DemoBaseGDKM)}); err != nil || b.AreaM2 != 5000 {
			t.Fatalf("admin update = %+v, %v", b, err)
		}
		wantAuditDelta(t, svc, n, 2)
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		n := auditCount(t, svc)
		addr, kind, college := "x", model.BaseHeadquarters, *actorOf(t, svc, "manager_gdkm").CollegeID
		_, err := svc.Spaces.UpdateBase(ctx, manager, service.DemoBaseGDKM, service.BaseUpdate{Address: &addr, Version: version(service.DemoBaseGDKM)})
		wantCode(t, err, model.CodeForbidden)
		_, err = svc.Spaces.UpdateBase(ctx, manager, service.DemoBaseGDPT, service.BaseUpdate{Kind: &kind, Version: version(service.DemoBaseGDPT)})
		wantCode(t, err, model.CodeForbidden)
		_, err = svc.Spaces.UpdateBase(ctx, manager, service.DemoBaseGDPT, service.BaseUpdate{HostCollegeID: &college, Version: version(service.DemoBaseGDPT)})
		wantCode(t, err, model.CodeForbidden)
		wantAuditDelta(t, svc, n, 0)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		addr := "x"
		_, err := svc.Spaces.UpdateBase(ctx, admin, 999, service.BaseUpdate{Address: &addr, Version: 1})
		wantCode(t, err, model.CodeNotFound)
	})

	t.Run("ErrConflict", func(t *testing.T) {
		addr := "x"
		_, err := svc.Spaces.UpdateBase(ctx, admin, 1, service.BaseUpdate{Address: &addr, Version: version(1) + 5})
		wantCode(t, err, model.CodeConflict)
	})

	t.Run("ErrFailedPrecondition", func(t *testing.T) {
		n := auditCount(t, svc)
		area := 1000 // the zones take 2,600 m²
		_, err := svc.Spaces.UpdateBase(ctx, manager, service.DemoBaseGDPT, service.BaseUpdate{AreaM2: &area, Version: version(service.DemoBaseGDPT)})
		wantCode(t, err, model.CodeFailedPrecondition)
		neg := -5
		_, err = svc.Spaces.UpdateBase(ctx, manager, service.DemoBaseGDPT, service.BaseUpdate{AreaM2: &neg, Version: version(service.DemoBaseGDPT)})
		wantFields(t, err, "area_m2")
		wantAuditDelta(t, svc, n, 0)
		if b, _ := svc.Spaces.GetBase(ctx, admin, service.DemoBaseGDPT); b.AreaM2 != 2600 {
			t.Fatalf("area = %d after refused updates", b.AreaM2)
		}
	})
}
