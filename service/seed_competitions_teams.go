package service

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"incubator/model"
)

// demoTopics are generated project names per track (field): a prefix
// from demoTopicPrefixes and a topic.
var demoTopics = map[string][]string{
	"新材料":  {"石墨烯涂层", "可降解包装膜", "陶瓷基复合材料", "相变储能材料", "竹基复合板材", "稀土发光材料", "自修复涂料", "气凝胶保温毡", "再生塑料颗粒"},
	"智能制造": {"协作机械臂", "AGV物流小车", "注塑质检视觉", "数控机床预测维护", "柔性装配线", "无人机巡检", "智能仓储机器人", "激光焊接工作站", "3D打印修复"},
	"文创":   {"岭南醒狮潮玩", "瑶绣数字纹样", "英石盆景文创", "客家围屋研学", "非遗剪纸盲盒", "北江文化IP", "校园手作市集", "陶艺体验工坊", "连州地下河导览"},
	"生物科技": {"益生菌饲料", "植物源农药", "菌菇深加工", "茶多酚提取", "水质快检试剂", "中药材组培", "酵素护肤品", "宠物营养补充剂", "土壤修复菌剂"},
}

var demoTopicPrefixes = []string{"绿源", "智造", "锐思", "青禾", "匠心", "星火", "北江", "凤翔", "知行", "启航"}

var demoAdvisorTitles = []string{"讲师", "副教授", "教授", "高级工程师", "实验师"}

// demoGenTeam is a generated team: its project and students (the first
// leads).
type demoGenTeam struct {
	project  model.Project
	students []model.User
	advisor  model.Advisor
}

// seedDemoTeams generates the teams that fill each college up to
// demoEntriesPerCollege entries beside its resident teams: about three
// students each (accounts s<college code><nnn> with the demo password,
// role student), one project in the team's college with one advisor.
// slots[ci] lists the track index of each generated team of college ci.
func seedDemoTeams(tx *gorm.DB, w *demoWorld, slots [][]int) ([][]demoGenTeam, error) {
	hash := w.users["student01"].PasswordHash
	teams := make([][]demoGenTeam, len(w.colleges))
	perField := map[string]int{}
	n := 0
	for ci, col := range w.colleges {
		code, collegeID := strings.ToLower(col.Code), col.ID
		student := 0
		for k, track := range slots[ci] {
			n++
			field := demoTracks[track]
			topics := demoTopics[field]
			i := perField[field]
			perField[field]++
			name := demoTopicPrefixes[i%len(demoTopicPrefixes)] + "·" + topics[(i/len(demoTopicPrefixes)+i)%len(topics)]
			created, _ := demoEntryTimes(w, ci, k)
			created = created.AddDate(0, -2, 0)
			t := demoGenTeam{project: model.Project{
				Name: name, Field: field, CollegeID: col.ID, Stage: []string{model.StageIdea, model.StagePrototype}[k%2],
				Description: fmt.Sprintf("%s的%s方向学生团队，聚焦%s。", col.ShortName, field, topics[i%len(topics)]),
				Version:     1, CreatedAt: created, UpdatedAt: created,
			}}
			size := 3
			if k%4 == 3 {
				size = 4
			}
			for m := 0; m < size; m++ {
				student++
				year := 2026 + (student % 3)
				t.students = append(t.students, model.User{
					Username: fmt.Sprintf("s%s%03d", code, student), Name: demoName(n*5 + m + 7), CollegeID: &collegeID,
					StudentNo: fmt.Sprintf("%s25%03d", col.Code, student), Major: demoMajors[(n+m)%len(demoMajors)], GraduationYear: &year,
					PasswordHash: hash, Status: model.UserActive, TokenVersion: 1, Version: 1, Expertise: []string{},
					CreatedAt: created, UpdatedAt: created,
				})
			}
			t.advisor = model.Advisor{Name: demoName(n*3+200) + "老师", Organization: col.Name, Title: demoAdvisorTitles[n%len(demoAdvisorTitles)], CreatedAt: created}
			teams[ci] = append(teams[ci], t)
		}
	}
	return teams, insertDemoTeams(tx, teams)
}

// insertDemoTeams writes the generated students (with their role), their
// projects, memberships and advisors in batches, filling in the ids.
func insertDemoTeams(tx *gorm.DB, teams [][]demoGenTeam) error {
	var users []model.User
	for _, ts := range teams {
		for _, t := range ts {
			users = append(users, t.students...)
		}
	}
	if err := tx.CreateInBatches(users, 50).Error; err != nil {
		return fmt.Errorf("students: %w", err)
	}
	rules := make([]model.CasbinRule, len(users))
	for i, u := range users {
		rules[i] = model.CasbinRule{Ptype: "g", V0: Subject(u.ID), V1: model.RoleStudent, V2: model.DomainAll}
	}
	if err := tx.CreateInBatches(rules, 50).Error; err != nil {
		return fmt.Errorf("student roles: %w", err)
	}
	var projects []model.Project
	u := 0
	for ci := range teams {
		for k := range teams[ci] {
			t := &teams[ci][k]
			for m := range t.students {
				t.students[m].ID = users[u].ID
				u++
			}
			t.project.CreatedBy = t.students[0].ID
			projects = append(projects, t.project)
		}
	}
	if err := tx.CreateInBatches(projects, 50).Error; err != nil {
		return fmt.Errorf("projects: %w", err)
	}
	var members []model.ProjectMember
	var advisors []model.Advisor
	p := 0
	for ci := range teams {
		for k := range teams[ci] {
			t := &teams[ci][k]
			t.project.ID = projects[p].ID
			p++
			for m, s := range t.students {
				role := model.MemberMember
				if m == 0 {
					role = model.MemberLeader
				}
				members = append(members, model.ProjectMember{ProjectID: t.project.ID, UserID: s.ID, Role: role, CreatedAt: t.project.CreatedAt})
			}
			t.advisor.ProjectID = t.project.ID
			advisors = append(advisors, t.advisor)
		}
	}
	if err := tx.CreateInBatches(members, 50).Error; err != nil {
		return fmt.Errorf("project members: %w", err)
	}
	if err := tx.CreateInBatches(advisors, 50).Error; err != nil {
		return fmt.Errorf("advisors: %w", err)
	}
	a := 0
	for ci := range teams {
		for k := range teams[ci] {
			teams[ci][k].advisor.ID = advisors[a].ID
			a++
		}
	}
	return nil
}
