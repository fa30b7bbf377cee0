package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// occupancyFixture is a small base built for hand-computed figures:
// 1,500 m²; zones incubatee 600, public service 300 + 100, office 200;
// 8 workstations (2 occupied, 1 reserved, 1 out of service, 4 free);
// 2 active residencies and 1 exited.
type occupancyFixture struct {
	base     service.BaseView
	desks    []service.WorkstationView
	projects []model.Project
}

func newOccupancyFixture(t *testing.T, svc *service.Services) occupancyFixture {
	t.Helper()
	admin := actorOf(t, svc, "admin")
	var f occupancyFixture
	var err error
	if f.base, err = svc.Spaces.CreateBase(ctx, admin, service.NewBase{Name: "测试基地", Kind: model.BaseHeadquarters, AreaM2: 1500}); err != nil {
		t.Fatal(err)
	}
	var incubation service.ZoneView
	for _, z := range []service.NewZone{
		{Name: "孵化", Kind: model.ZoneMakerIncubation, SpaceType: model.SpaceIncubatee, AreaM2: 600},
		{Name: "培训", Kind: model.ZoneTraining, SpaceType: model.SpacePublicService, AreaM2: 300},
		{Name: "路演", Kind: model.ZoneRoadshow, SpaceType: model.SpacePublicService, AreaM2: 100},
		{Name: "办公", Kind: model.ZoneTalent, SpaceType: model.SpaceOffice, AreaM2: 200},
	} {
		v, err := svc.Spaces.CreateZone(ctx, admin, f.base.ID, z)
		if err != nil {
			t.Fatal(err)
		}
		if z.Kind == model.ZoneMakerIncubation {
			incubation = v
		}
	}
	room, err := svc.Spaces.CreateRoom(ctx, admin, incubation.ID, service.NewRoom{Name: "孵化室", AreaM2: 300, Capacity: 8})
	if err != nil {
		t.Fatal(err)
	}
	if f.desks, err = svc.Spaces.CreateWorkstations(ctx, admin, room.ID, service.NewWorkstations{Prefix: "T", Count: 8}); err != nil {
		t.Fatal(err)
	}
	for i, s := range map[int]string{2: model.WorkstationReserved, 3: model.WorkstationOutOfService} {
		if _, err := svc.Spaces.UpdateWorkstation(ctx, admin, f.desks[i].ID, service.WorkstationUpdate{Status: &s, Version: 1}); err != nil {
			t.Fatal(err)
		}
	}
	college := *actorOf(t, svc, "viewer_gdpt").CollegeID
	start := model.NewDate(2026, 1, 1)
	for i, status := range []string{model.ResidencyActive, model.ResidencyActive, model.ResidencyExited} {
		p := model.Project{Name: []string{"甲项目", "乙项目", "丙项目"}[i], CollegeID: college, Stage: model.StageIdea, CreatedBy: admin.UserID, Version: 1}
		mustCreate(t, svc, &p)
		app := model.ResidencyApplication{ProjectID: p.ID, BaseID: f.base.ID, RequestedWorkstations: 1, Status: model.AppAdmitted, CreatedBy: admin.UserID, Version: 1}
		mustCreate(t, svc, &app)
		r := model.Residency{ProjectID: p.ID, BaseID: f.base.ID, ApplicationID: app.ID, Status: status, StartOn: start, EndOn: start.AddMonths(12),
			ReportCadence: model.CadenceMonthly, Version: 1}
		mustCreate(t, svc, &r)
		f.projects = append(f.projects, p)
		if status == model.ResidencyActive { // desks 0 and 1
			err := svc.DB.Model(&model.Workstation{}).Where("id = ?", f.desks[i].ID).
				Updates(map[string]any{"status": model.WorkstationOccupied, "residency_id": r.ID}).Error
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return f
}

func mustCreate(t *testing.T, svc *service.Services, v any) {
	t.Helper()
	if err := svc.DB.Create(v).Error; err != nil {
		t.Fatalf("create %T: %v", v, err)
	}
}

func TestSpacesOccupancy(t *testing.T) {
	svc, _ := servicetest.New(t)
	f := newOccupancyFixture(t, svc)

	t.Run("OK", func(t *testing.T) {
		for _, who := range []string{"admin", "officer"} {
			got, err := svc.Spaces.Occupancy(ctx, actorOf(t, svc, who), f.base.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := service.OccupancyView{
				BaseID:          f.base.ID,
				Workstations:    service.WorkstationCounts{Free: 4, Occupied: 2, Reserved: 1, OutOfService: 1, Total: 8},
				AreaBySpaceType: service.AreaBySpaceType{Incubatee: 600, PublicService: 400, Office: 200},
				AreaM2:          1500,
				Incubatees:      2,
				// 2 × 1000 / 1500 = 1.333…; 2 / (8 − 1) = 0.285714…
				IncubateesPer1000M2: 1.33,
				Utilisation:         0.2857,
			}
			if got != want {
				t.Fatalf("%s: occupancy = %+v\nwant %+v", who, got, want)
			}
		}
		got, err := svc.Spaces.Occupancy(ctx, actorOf(t, svc, "manager_gdpt"), service.DemoBaseGDPT)
		if err != nil || got.Workstations.Total != 40 || got.AreaM2 != 2600 {
			t.Fatalf("manager's own base = %+v, %v", got, err)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		b, err := svc.Spaces.CreateBase(ctx, actorOf(t, svc, "admin"), service.NewBase{Name: "空基地", Kind: model.BaseHeadquarters})
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.Spaces.Occupancy(ctx, actorOf(t, svc, "admin"), b.ID)
		if err != nil || got != (service.OccupancyView{BaseID: b.ID}) {
			t.Fatalf("empty base = %+v, %v", got, err)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		for _, who := range []string{"manager_gdpt", "student01", "viewer_gdpt"} {
			_, err := svc.Spaces.Occupancy(ctx, actorOf(t, svc, who), service.DemoBaseGDKM)
			wantCode(t, err, model.CodeForbidden)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := svc.Spaces.Occupancy(ctx, actorOf(t, svc, "admin"), 999)
		wantCode(t, err, model.CodeNotFound)
	})
}

func TestSpacesWorkstationGrid(t *testing.T) {
	svc, _ := servicetest.New(t)
	f := newOccupancyFixture(t, svc)
	admin := actorOf(t, svc, "admin")

	t.Run("OK", func(t *testing.T) {
		grid, err := svc.Spaces.BaseWorkstations(ctx, admin, f.base.ID, service.WorkstationFilter{})
		if err != nil || len(grid) != 8 {
			t.Fatalf("grid = %d, %v", len(grid), err)
		}
		for i, g := range grid {
			want := ""
			if i < 2 {
				want = f.projects[i].Name
			}
			if g.Code != f.desks[i].Code || g.ProjectName != want || (g.ResidencyID != nil) != (i < 2) || g.RoomID != f.desks[i].RoomID {
				t.Fatalf("grid[%d] = %+v, want project %q", i, g, want)
			}
		}
		occupied, err := svc.Spaces.BaseWorkstations(ctx, admin, f.base.ID, service.WorkstationFilter{Status: model.WorkstationOccupied})
		if err != nil || len(occupied) != 2 {
			t.Fatalf("occupied = %d, %v", len(occupied), err)
		}
		other := uint(999999)
		if none, err := svc.Spaces.BaseWorkstations(ctx, admin, f.base.ID, service.WorkstationFilter{ZoneID: &other}); err != nil || len(none) != 0 || none == nil {
			t.Fatalf("unknown zone = %#v, %v", none, err)
		}
		own, err := svc.Spaces.BaseWorkstations(ctx, actorOf(t, svc, "manager_gdpt"), service.DemoBaseGDPT, service.WorkstationFilter{})
		if err != nil || len(own) != 40 {
			t.Fatalf("manager's grid = %d, %v", len(own), err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		for _, who := range []string{"manager_gdpt", "officer", "student01"} {
			_, err := svc.Spaces.BaseWorkstations(ctx, actorOf(t, svc, who), service.DemoBaseGDKM, service.WorkstationFilter{})
			wantCode(t, err, model.CodeNotFound)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := svc.Spaces.BaseWorkstations(ctx, admin, f.base.ID, service.WorkstationFilter{Status: "gone"})
		wantFields(t, err, "status")
	})
}
