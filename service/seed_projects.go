package service

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"incubator/model"
	"incubator/service/creditcode"
)

// demoTeam describes one demo project. company, code17 and regMonths are
// set for registered companies (code17: the credit code without its check
// character, computed at seeding).
type demoTeam struct {
	name, field, stage, desc string
	company, code17          string
	regMonths                int
	highTech                 bool
	advisors                 []string // judge usernames or demoMentors keys
	ip                       []demoIP
	funding                  []demoFunding
}

type demoIP struct {
	kind, title, number string
	appliedMonths       int // months ago
	grantedMonths       int // months ago; 0: still applied
}

type demoFunding struct {
	months          int // months ago
	round, investor string
	yuan            int64
}

// demoMentors are external advisors (industry and university mentors).
var demoMentors = map[string]model.Advisor{
	"chen":  {Name: "陈建国", Organization: "清远高新区创业服务中心", Title: "创业导师", Phone: "0763-3381234", External: true},
	"liu":   {Name: "刘振华", Organization: "广东金禄电子科技股份有限公司", Title: "高级工程师", External: true},
	"huang": {Name: "黄敏", Organization: "清远市天使投资协会", Title: "投资总监", Email: "huangmin@example.com", External: true},
	"wang":  {Name: "王立新", Organization: "华南农业大学食品学院", Title: "教授", External: true},
}

// demoResidentTeams are the 20 resident projects in seeding order: 7 of
// 广东工程 (student01–21), 8 of 广东科贸 (student22–45), 5 of 华南工商
// (student46–60); three students each, the first one leads.
var demoResidentTeams = []demoTeam{
	{name: "烯导科技·石墨烯导热膜", field: "新材料", stage: model.StageCompany, desc: "面向消费电子散热的石墨烯导热膜中试与量产。",
		company: "清远烯创新材料科技有限公司", code17: "91441800MA55XK2P1", regMonths: 20, highTech: true, advisors: []string{"judge10", "liu"},
		ip:      []demoIP{{model.IPInventionPatent, "一种高导热石墨烯复合膜的制备方法", "ZL202310245678.3", 22, 12}, {model.IPUtilityModel, "一种导热膜连续涂布装置", "ZL202320567812.5", 18, 10}},
		funding: []demoFunding{{18, "天使轮", "清远高新区创投基金", 1_200_000}, {6, "A轮", "粤港澳大湾区新材料产业基金", 4_500_000}}},
	{name: "巡天智能巡检机器人", field: "智能制造", stage: model.StagePrototype, desc: "变电站与管廊的轮式巡检机器人样机。", advisors: []string{"judge10"},
		ip: []demoIP{{model.IPUtilityModel, "一种巡检机器人越障底盘", "202420318876.2", 5, 0}}},
	{name: "慧眼工业视觉质检", field: "智能制造", stage: model.StageCompany, desc: "基于深度学习的电路板缺陷检测系统。",
		company: "清远慧眼智能科技有限公司", code17: "91441800MA4UJ2KD7", regMonths: 26, highTech: true, advisors: []string{"judge10", "chen"},
		ip:      []demoIP{{model.IPSoftwareCopyright, "慧眼视觉质检平台V2.0", "2024SR0123456", 14, 12}},
		funding: []demoFunding{{15, "天使轮", "清远市天使投资协会", 800_000}}},
	{name: "陶然非遗陶艺工坊", field: "文创", stage: model.StageIdea, desc: "把广府陶艺做成可体验、可定制的校园文创。", advisors: []string{"chen"}},
	{name: "再生电池梯次利用", field: "新材料", stage: model.StagePrototype, desc: "新能源汽车退役电池的检测与梯次利用。", advisors: []string{"judge10", "liu"},
		funding: []demoFunding{{4, "种子轮", "校友创业基金", 200_000}}},
	{name: "田眼智慧农业物联网", field: "电子信息", stage: model.StagePrototype, desc: "低功耗土壤墒情传感与灌溉控制平台。", advisors: []string{"judge10"}},
	{name: "校园闪送小程序", field: "电子信息", stage: model.StageIdea, desc: "职教城校园内的即时跑腿与代取服务。", advisors: []string{"huang"}},

	{name: "英德红茶新零售", field: "食品", stage: model.StageCompany, desc: "英德红茶的小罐化包装与直播电商。",
		company: "英德茗润茶业有限公司", code17: "91441881MA53R7TB2", regMonths: 16, advisors: []string{"judge01", "wang"},
		ip:      []demoIP{{model.IPTrademark, "茗润英红", "第65432101号", 15, 6}},
		funding: []demoFunding{{10, "天使轮", "英德市乡村振兴基金", 600_000}}},
	{name: "清远鸡预制菜研发", field: "食品", stage: model.StageCompany, desc: "以清远鸡为原料的标准化预制菜与冷链配送。",
		company: "清远味道食品科技有限公司", code17: "91441802MA4X8LQ05", regMonths: 28, advisors: []string{"judge11", "wang"},
		ip:      []demoIP{{model.IPInventionPatent, "一种白切鸡预制菜的保鲜工艺", "202311187654.0", 20, 0}},
		funding: []demoFunding{{24, "天使轮", "清远市天使投资协会", 2_000_000}, {9, "Pre-A轮", "广东农业产业投资基金", 3_500_000}}},
	{name: "生物有机肥菌剂", field: "生物科技", stage: model.StagePrototype, desc: "秸秆降解复合菌剂与生物有机肥。", advisors: []string{"judge01"},
		ip: []demoIP{{model.IPInventionPatent, "一种秸秆快速腐熟复合菌剂", "202410456789.1", 7, 0}}},
	{name: "湾区跨境直播工场", field: "电子信息", stage: model.StageIdea, desc: "为本地企业提供跨境电商直播代运营。", advisors: []string{"huang"}},
	{name: "醒狮文创IP", field: "文创", stage: model.StageCompany, desc: "岭南醒狮形象的潮玩与数字藏品。",
		company: "清远醒狮文化创意有限公司", code17: "91441800MA56C1WN8", regMonths: 11, advisors: []string{"judge11", "chen"},
		ip: []demoIP{{model.IPDesignPatent, "醒狮盲盒公仔", "ZL202430098765.4", 13, 8}, {model.IPTrademark, "狮醒", "第70012345号", 12, 3}}},
	{name: "植物天然色素提取", field: "生物科技", stage: model.StageIdea, desc: "从火龙果皮中提取天然色素。", advisors: []string{"wang"}},
	{name: "翼农无人机植保", field: "智能制造", stage: model.StageCompany, desc: "丘陵山区的无人机植保与测绘服务。",
		company: "清远翼农无人机服务有限公司", code17: "91441803MA54HY3E6", regMonths: 14, advisors: []string{"judge01", "liu"},
		funding: []demoFunding{{8, "天使轮", "清远高新区创投基金", 1_000_000}}},
	{name: "连山大米品牌化", field: "食品", stage: model.StageIdea, desc: "连山高山大米的品牌设计与社群营销。", advisors: []string{"judge11"}},

	{name: "数智人直播营销", field: "电子信息", stage: model.StageCompany, desc: "为中小商家提供AI数字人直播与短视频营销。",
		company: "清远数智人科技有限公司", code17: "91441800MA57P9GR4", regMonths: 9, advisors: []string{"judge02", "huang"},
		ip:      []demoIP{{model.IPSoftwareCopyright, "数智人直播中控系统V1.0", "2025SR0456789", 8, 6}},
		funding: []demoFunding{{5, "种子轮", "校友创业基金", 300_000}}},
	{name: "竹纤维环保餐具", field: "新材料", stage: model.StagePrototype, desc: "以本地毛竹为原料的可降解餐具。", advisors: []string{"judge02"},
		ip: []demoIP{{model.IPUtilityModel, "一种竹纤维餐具热压成型模具", "ZL202420234567.8", 12, 6}}},
	{name: "瑶绣数字文创", field: "文创", stage: model.StageIdea, desc: "连南瑶族刺绣纹样的数字化与文创开发。", advisors: []string{"chen"}},
	{name: "益生菌发酵饮品", field: "生物科技", stage: model.StagePrototype, desc: "本地水果的益生菌发酵饮品。", advisors: []string{"judge02", "wang"}},
	{name: "社区智能回收柜", field: "智能制造", stage: model.StageIdea, desc: "带称重识别的社区可回收物智能回收柜。", advisors: []string{"liu"}},
}

// demoApplicantTeams are six newer teams (two per college) led by plain
// members of resident teams of the same college: leader, member, college
// index.
var demoApplicantTeams = []struct {
	team           demoTeam
	leader, member string
	college        int
}{
	{demoTeam{name: "AI作业批改助手", field: "电子信息", stage: model.StageIdea, desc: "面向职校的编程作业自动批改。"}, "student02", "student06", 0},
	{demoTeam{name: "3D打印文创定制", field: "文创", stage: model.StagePrototype, desc: "校园纪念品的3D打印个性化定制。"}, "student08", "student12", 0},
	{demoTeam{name: "客家娘酒创新酿造", field: "食品", stage: model.StageIdea, desc: "低度化、果味化的客家娘酒。"}, "student23", "student27", 1},
	{demoTeam{name: "宠物智能喂养器", field: "智能制造", stage: model.StagePrototype, desc: "带视频与定量投喂的宠物喂养器。"}, "student29", "student33", 1},
	{demoTeam{name: "校园二手书循环", field: "电子信息", stage: model.StageIdea, desc: "职教城教材的回收、消毒与循环售卖。"}, "student47", "student51", 2},
	{demoTeam{name: "菌菇深加工零食", field: "食品", stage: model.StageIdea, desc: "本地菌菇的冻干零食。"}, "student53", "student57", 2},
}

// seedProjects creates the demo teams with their members and advisors,
// companies, IP records and funding: the 20 resident teams into
// w.projects, then the 6 applicant teams into w.applicants.
func seedProjects(tx *gorm.DB, w *demoWorld) error {
	at := func(monthsAgo int) time.Time { return w.today.AddMonths(-monthsAgo).Add(9 * time.Hour) }
	student := func(n int) string { return fmt.Sprintf("student%02d", n) }
	first := []int{1, 22, 46} // first student of each college's teams
	counts := []int{7, 8, 5}
	i := 0
	for college, n := range counts {
		for k := 0; k < n; k++ {
			s := first[college] + 3*k
			p, err := seedTeam(tx, w, demoResidentTeams[i], college, at(24+i%7), student(s), student(s+1), student(s+2))
			if err != nil {
				return fmt.Errorf("team %d: %w", i+1, err)
			}
			w.projects = append(w.projects, p)
			i++
		}
	}
	for k, a := range demoApplicantTeams {
		p, err := seedTeam(tx, w, a.team, a.college, at(2+k%3), a.leader, a.member)
		if err != nil {
			return fmt.Errorf("applicant team %d: %w", k+1, err)
		}
		w.applicants = append(w.applicants, p)
	}
	return nil
}

// seedTeam writes one project with its members (the first leads),
// advisors, IP records and funding events.
func seedTeam(tx *gorm.DB, w *demoWorld, t demoTeam, college int, created time.Time, members ...string) (model.Project, error) {
	leader := w.users[members[0]]
	p := model.Project{
		Name: t.name, Field: t.field, CollegeID: w.colleges[college].ID, Stage: t.stage, Description: t.desc,
		CreatedBy: leader.ID, Version: 1, CreatedAt: created, UpdatedAt: created,
	}
	if t.company != "" {
		check, err := creditcode.CheckChar(t.code17)
		if err != nil {
			return p, err
		}
		code, reg := t.code17+string(check), w.today.AddMonths(-t.regMonths)
		p.CompanyName, p.CreditCode, p.RegisteredOn, p.CompanyRegion, p.HighTechEnterprise = t.company, &code, &reg, "广东省清远市", t.highTech
	}
	if err := tx.Create(&p).Error; err != nil {
		return p, err
	}
	for j, username := range members {
		role := model.MemberMember
		if j == 0 {
			role = model.MemberLeader
		}
		if err := tx.Create(&model.ProjectMember{ProjectID: p.ID, UserID: w.users[username].ID, Role: role, CreatedAt: created}).Error; err != nil {
			return p, err
		}
	}
	for _, key := range t.advisors {
		a, ok := demoMentors[key]
		if judge, isUser := w.users[key]; isUser {
			id := judge.ID
			a = model.Advisor{UserID: &id, Name: judge.Name, Title: judge.Title, Email: judge.Email, Phone: judge.Phone}
			if judge.CollegeID != nil {
				a.Organization = w.colleges[collegeIndex(w, *judge.CollegeID)].Name
			}
		} else if !ok {
			return p, fmt.Errorf("unknown advisor %q", key)
		}
		a.ProjectID, a.CreatedAt = p.ID, created
		if err := tx.Create(&a).Error; err != nil {
			return p, err
		}
	}
	for _, r := range t.ip {
		applied := w.today.AddMonths(-r.appliedMonths)
		rec := model.IPRecord{ProjectID: p.ID, Kind: r.kind, Title: r.title, Number: r.number, Status: model.IPApplied, AppliedOn: &applied, CreatedAt: created}
		if r.grantedMonths > 0 {
			granted := w.today.AddMonths(-r.grantedMonths)
			rec.Status, rec.GrantedOn = model.IPGranted, &granted
		}
		if err := tx.Create(&rec).Error; err != nil {
			return p, err
		}
	}
	for _, f := range t.funding {
		ev := model.FundingEvent{ProjectID: p.ID, On: w.today.AddMonths(-f.months), Round: f.round, Investor: f.investor, AmountFen: f.yuan * 100, CreatedAt: created}
		if err := tx.Create(&ev).Error; err != nil {
			return p, err
		}
	}
	return p, nil
}

// collegeIndex returns the index in w.colleges of a college id.
func collegeIndex(w *demoWorld, id uint) int {
	for i, c := range w.colleges {
		if c.ID == id {
			return i
		}
	}
	return 0
}
