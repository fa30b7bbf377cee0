package service

import (
	"fmt"

	"gorm.io/gorm"

	"incubator/model"
)

// demoRoom is a room of a demo zone; Desks workstations are numbered
// <college code>-<DeskRow>NN.
type demoRoom struct {
	Name     string
	AreaM2   int
	Capacity int
	Bookable bool
	DeskRow  string
	Desks    int
}

// demoZone is a functional zone of a demo base.
type demoZone struct {
	Name, Kind, SpaceType string
	AreaM2                int
	Rooms                 []demoRoom
}

// campusZones are the five functional zones of a campus base of area m²
// (shared/DOMAIN.md); the maker-incubation zone takes what the others
// leave and holds the 40 workstations.
func campusZones(area int) []demoZone {
	return []demoZone{
		{"创客孵化区", model.ZoneMakerIncubation, model.SpaceIncubatee, area - 1400, []demoRoom{
			{Name: "孵化室A", AreaM2: 480, Capacity: 20, DeskRow: "A", Desks: 20},
			{Name: "孵化室B", AreaM2: 480, Capacity: 20, DeskRow: "B", Desks: 20},
			{Name: "共享会议室", AreaM2: 60, Capacity: 10},
		}},
		{"创业培训区", model.ZoneTraining, model.SpacePublicService, 400, []demoRoom{
			{Name: "创业培训室", AreaM2: 240, Capacity: 60, Bookable: true},
			{Name: "导师工作室", AreaM2: 60, Capacity: 6},
		}},
		{"路演中心", model.ZoneRoadshow, model.SpacePublicService, 450, []demoRoom{
			{Name: "路演厅", AreaM2: 320, Capacity: 120, Bookable: true},
		}},
		{"人才基地", model.ZoneTalent, model.SpaceOffice, 250, []demoRoom{
			{Name: "人才服务站", AreaM2: 120, Capacity: 8},
		}},
		{"校企合作区", model.ZoneSchoolEnterprise, model.SpacePublicService, 300, []demoRoom{
			{Name: "校企合作洽谈室", AreaM2: 80, Capacity: 12},
		}},
	}
}

// headquartersZones are the zones of 凤翔谷总部: a roadshow center and
// offices.
var headquartersZones = []demoZone{
	{"凤翔谷路演中心", model.ZoneRoadshow, model.SpacePublicService, 900, []demoRoom{
		{Name: "路演大厅", AreaM2: 600, Capacity: 200, Bookable: true},
		{Name: "投资洽谈室", AreaM2: 80, Capacity: 12, Bookable: true},
	}},
	{"综合办公区", model.ZoneCustom, model.SpaceOffice, 1200, []demoRoom{
		{Name: "管委会办公室", AreaM2: 300, Capacity: 30},
		{Name: "企业服务中心", AreaM2: 200, Capacity: 15},
	}},
	{"众创空间", model.ZoneMakerIncubation, model.SpaceIncubatee, 800, []demoRoom{
		{Name: "开放工位区", AreaM2: 500, Capacity: 40},
	}},
}

// seedSpaces creates the demo headquarters (base 1) and the campus bases
// of the first three colleges (bases 2–4) with their zones, rooms and
// workstations, all free, and appends the bases to w.bases in id order.
func seedSpaces(tx *gorm.DB, w *demoWorld) error {
	college := func(i int) *uint { id := w.colleges[i].ID; return &id }
	bases := []struct {
		base  model.Base
		code  string
		zones []demoZone
	}{
		{model.Base{Name: "凤翔谷总部", Kind: model.BaseHeadquarters, Address: "清远高新区凤翔谷创新大道1号", AreaM2: 3000,
			Description: "高新区管委会运营的孵化平台总部：路演中心、企业服务与办公。"}, "HQ", headquartersZones},
		{model.Base{Name: "广东工程职业技术学院校内基地", Kind: model.BaseCampus, HostCollegeID: college(0), AreaM2: 2600,
			Address: "清远职教城广东工程职业技术学院创新创业中心", Description: "校内创新创业孵化基地。"}, w.colleges[0].Code, campusZones(2600)},
		{model.Base{Name: "广东科贸职业学院校内基地", Kind: model.BaseCampus, HostCollegeID: college(1), AreaM2: 2650,
			Address: "清远职教城广东科贸职业学院大学生创业园", Description: "校内创新创业孵化基地。"}, w.colleges[1].Code, campusZones(2650)},
		{model.Base{Name: "广东华南工商职业技术学院校内基地", Kind: model.BaseCampus, HostCollegeID: college(2), AreaM2: 2550,
			Address: "清远职教城广东华南工商职业技术学院双创中心", Description: "校内创新创业孵化基地。"}, w.colleges[2].Code, campusZones(2550)},
	}
	for i, b := range bases {
		base := b.base
		base.Version = 1
		if err := tx.Create(&base).Error; err != nil {
			return fmt.Errorf("base %s: %w", base.Name, err)
		}
		if base.ID != uint(i+1) {
			return fmt.Errorf("base %s got id %d, want %d: the bases table was not empty", base.Name, base.ID, i+1)
		}
		if err := seedZones(tx, base.ID, b.code, b.zones); err != nil {
			return fmt.Errorf("base %s: %w", base.Name, err)
		}
		w.bases = append(w.bases, base)
	}
	return nil
}

func seedZones(tx *gorm.DB, baseID uint, code string, zones []demoZone) error {
	for _, dz := range zones {
		z := model.Zone{BaseID: baseID, Name: dz.Name, Kind: dz.Kind, SpaceType: dz.SpaceType, AreaM2: dz.AreaM2, Version: 1}
		if err := tx.Create(&z).Error; err != nil {
			return err
		}
		var desks []model.Workstation
		for _, dr := range dz.Rooms {
			r := model.Room{BaseID: baseID, ZoneID: z.ID, Name: dr.Name, AreaM2: dr.AreaM2, Capacity: dr.Capacity, Bookable: dr.Bookable, Version: 1}
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
			for n := 1; n <= dr.Desks; n++ {
				desks = append(desks, model.Workstation{BaseID: baseID, ZoneID: z.ID, RoomID: r.ID,
					Code: fmt.Sprintf("%s-%s%02d", code, dr.DeskRow, n), Status: model.WorkstationFree, Version: 1})
			}
		}
		if len(desks) > 0 {
			if err := tx.CreateInBatches(desks, 100).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
