package service

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/model/blob"
)

// DemoPassword is the password of every demo account (demo mode only).
const DemoPassword = "Demo@2024"

// Demo base ids: the residency feature seeds the headquarters as base 1 and
// the campus bases of 广东工程职业技术学院 and 广东科贸职业学院 as 2 and 3;
// the demo base managers hold their role in those domains.
const (
	DemoBaseGDPT = 2
	DemoBaseGDKM = 3
)

// demoColleges are the colleges of the vocational-education city; the
// first three host campus bases (shared/DOMAIN.md).
var demoColleges = []model.College{
	{Name: "广东工程职业技术学院", ShortName: "广东工程", Code: "GDPT", City: "清远"},
	{Name: "广东科贸职业学院", ShortName: "广东科贸", Code: "GDKM", City: "清远"},
	{Name: "广东华南工商职业技术学院", ShortName: "华南工商", Code: "HNGS", City: "清远"},
	{Name: "清远职业技术学院", ShortName: "清远职院", Code: "QYPT", City: "清远"},
	{Name: "广东工贸职业技术学院", ShortName: "广东工贸", Code: "GDGM", City: "清远"},
	{Name: "广东交通职业技术学院", ShortName: "广东交通", Code: "GDJT", City: "清远"},
	{Name: "广东建设职业技术学院", ShortName: "广东建设", Code: "GDJS", City: "清远"},
	{Name: "广东财贸职业学院", ShortName: "广东财贸", Code: "GDCM", City: "清远"},
	{Name: "广东农工商职业技术学院", ShortName: "农工商", Code: "GDNGS", City: "清远"},
	{Name: "广东碧桂园职业学院", ShortName: "碧桂园职院", Code: "BGY", City: "清远"},
}

var demoJudgeTitles = []string{"教授", "副教授", "高级工程师", "投资总监", "创业导师", "研究员", "企业家", "高级经济师"}

var demoFields = []string{"新材料", "智能制造", "文创", "生物科技", "电子信息", "食品"}

var demoMajors = []string{"机电一体化技术", "电子商务", "软件技术", "工业机器人技术", "食品检验检测技术", "视觉传达设计", "新能源汽车技术", "市场营销"}

var demoSurnames = []rune("陈李张王刘黄林周吴徐孙胡朱高何郭马罗梁宋")
var demoGiven = []string{"子涵", "浩然", "欣怡", "宇航", "梓萱", "俊杰", "诗琪", "志强", "雨桐", "嘉豪", "思远", "晓彤"}

// SeedDemo fills an empty database with the demo colleges and accounts of
// shared/API.md, all with DemoPassword. It does nothing (and reports false)
// when any user exists. The one password hash is shared by every demo
// account to keep start-up fast; demo mode only.
func SeedDemo(ctx context.Context, db *gorm.DB, authz *Authorizer, audit *Auditor, hasher *Hasher, clock Clock, blobs blob.Store) (bool, error) {
	var n int64
	if err := db.WithContext(ctx).Model(&model.User{}).Count(&n).Error; err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	hash, err := hasher.Hash(ctx, DemoPassword)
	if err != nil {
		return false, err
	}
	err = model.Transaction(ctx, db, func(tx *gorm.DB) error {
		colleges := make([]model.College, len(demoColleges))
		copy(colleges, demoColleges)
		for i := range colleges {
			colleges[i].Version = 1
		}
		if err := tx.Create(&colleges).Error; err != nil {
			return fmt.Errorf("colleges: %w", err)
		}
		users, roles := demoUsers(colleges, hash)
		if err := tx.CreateInBatches(users, 100).Error; err != nil {
			return fmt.Errorf("users: %w", err)
		}
		var rules []model.CasbinRule
		for i, u := range users {
			for _, r := range roles[i] {
				rules = append(rules, model.CasbinRule{Ptype: "g", V0: Subject(u.ID), V1: r.Role, V2: r.Domain})
			}
		}
		if err := tx.CreateInBatches(rules, 200).Error; err != nil {
			return fmt.Errorf("roles: %w", err)
		}
		w := &demoWorld{ctx: ctx, now: clock(), today: model.DateOf(clock()), colleges: colleges, users: map[string]model.User{}, blobs: blobs}
		for _, u := range users {
			w.users[u.Username] = u
		}
		for _, step := range []struct {
			name string
			fn   func(*gorm.DB, *demoWorld) error
		}{{"spaces", seedSpaces}, {"projects", seedProjects}, {"residency", seedResidency}, {"competitions", seedCompetitions}} {
			if err := step.fn(tx, w); err != nil {
				return fmt.Errorf("%s: %w", step.name, err)
			}
		}
		return audit.Record(tx, SystemActor("seed"), AuditEntry{Action: "seed.demo", Entity: "platform", EntityID: "demo",
			After: map[string]int{"colleges": len(colleges), "users": len(users), "bases": len(w.bases), "projects": len(w.projects)}})
	})
	if err != nil {
		return false, err
	}
	return true, authz.Reload()
}

func demoUsers(colleges []model.College, hash string) ([]model.User, [][]RoleBinding) {
	var users []model.User
	var roles [][]RoleBinding
	add := func(u model.User, rs ...RoleBinding) {
		u.PasswordHash, u.Status, u.TokenVersion, u.Version = hash, model.UserActive, 1, 1
		if u.Expertise == nil {
			u.Expertise = []string{}
		}
		users = append(users, u)
		roles = append(roles, rs)
	}
	id := func(i int) *uint { v := colleges[i].ID; return &v }
	global := func(role string) RoleBinding { return RoleBinding{Role: role, Domain: model.DomainAll} }
	base := func(b int) RoleBinding {
		return RoleBinding{Role: model.RoleBaseManager, Domain: fmt.Sprintf("%s%d", model.DomainBasePrefix, b)}
	}

	add(model.User{Username: "admin", Name: "平台管理员", Email: "admin@example.com"}, global(model.RoleAdmin))
	add(model.User{Username: "manager_gdpt", Name: "广工程基地管理员", CollegeID: id(0)}, base(DemoBaseGDPT))
	add(model.User{Username: "manager_gdkm", Name: "科贸基地管理员", CollegeID: id(1)}, base(DemoBaseGDKM))
	add(model.User{Username: "officer", Name: "政策专员"}, global(model.RolePolicyOfficer))
	add(model.User{Username: "viewer_gdpt", Name: "广工程院校联络人", CollegeID: id(0)}, global(model.RoleCollegeViewer))
	for i := 1; i <= 20; i++ {
		u := model.User{
			Username: fmt.Sprintf("judge%02d", i), Name: demoName(i+100) + "（评委）",
			Title:     demoJudgeTitles[i%len(demoJudgeTitles)],
			Expertise: []string{demoFields[i%len(demoFields)], demoFields[(i+2)%len(demoFields)]},
		}
		if i%4 != 0 { // every fourth judge comes from industry, not a college
			u.CollegeID = id(i % len(colleges))
		}
		add(u, global(model.RoleJudge))
	}
	// 60 students in the teams of the three campus bases: 7, 8 and 5
	// projects of three students each (shared/DOMAIN.md).
	for i := 1; i <= 60; i++ {
		college := 2
		switch {
		case i <= 21:
			college = 0
		case i <= 45:
			college = 1
		}
		year := 2026 + i%3
		add(model.User{
			Username: fmt.Sprintf("student%02d", i), Name: demoName(i), CollegeID: id(college),
			StudentNo: fmt.Sprintf("%s%04d", colleges[college].Code, 2400+i), Major: demoMajors[i%len(demoMajors)], GraduationYear: &year,
		}, global(model.RoleStudent))
	}
	return users, roles
}

func demoName(i int) string {
	return string(demoSurnames[i%len(demoSurnames)]) + demoGiven[(i/len(demoSurnames)+i)%len(demoGiven)]
}

// demoWorld carries what one seeding step made to the next.
type demoWorld struct {
	ctx      context.Context
	now      time.Time
	blobs    blob.Store // demo materials are written here
	today    model.Date
	colleges []model.College       // in demoColleges order
	users    map[string]model.User // by username
	bases    []model.Base          // HQ, then the campus bases (ids 1..4)
	projects []model.Project       // the 20 resident teams: 7 GDPT, 8 GDKM, 5 HNGS
	// applicants are extra teams whose applications are in the other states.
	applicants []model.Project
}
