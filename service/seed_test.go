package service_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"incubator/model"
	"incubator/model/testdb"
	"incubator/service"
	"incubator/service/servicetest"
)

// demoAccounts is shared/API.md's list of demo accounts with their roles.
func demoAccounts() map[string][]service.RoleBinding {
	all := func(role string) []service.RoleBinding {
		return []service.RoleBinding{{Role: role, Domain: model.DomainAll}}
	}
	m := map[string][]service.RoleBinding{
		"admin":        all(model.RoleAdmin),
		"manager_gdpt": {{Role: model.RoleBaseManager, Domain: fmt.Sprintf("base:%d", service.DemoBaseGDPT)}},
		"manager_gdkm": {{Role: model.RoleBaseManager, Domain: fmt.Sprintf("base:%d", service.DemoBaseGDKM)}},
		"officer":      all(model.RolePolicyOfficer),
		"viewer_gdpt":  all(model.RoleCollegeViewer),
	}
	for i := 1; i <= 20; i++ {
		m[fmt.Sprintf("judge%02d", i)] = all(model.RoleJudge)
	}
	for i := 1; i <= 60; i++ {
		m[fmt.Sprintf("student%02d", i)] = all(model.RoleStudent)
	}
	return m
}

func TestSeedDemo(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		clock := servicetest.NewClock()
		svc, err := service.New(testdb.Open(t), servicetest.Options(clock))
		if err != nil {
			t.Fatal(err)
		}
		seeded, err := svc.SeedDemo(ctx)
		if err != nil || !seeded {
			t.Fatalf("SeedDemo on an empty database = %v, %v", seeded, err)
		}

		var colleges []model.College
		if err := svc.DB.Order("id").Find(&colleges).Error; err != nil {
			t.Fatal(err)
		}
		if len(colleges) != 10 || colleges[0].Code != "GDPT" || colleges[1].Code != "GDKM" {
			t.Fatalf("colleges = %+v", colleges)
		}
		gdpt, gdkm := colleges[0].ID, colleges[1].ID

		var users []model.User
		if err := svc.DB.Find(&users).Error; err != nil {
			t.Fatal(err)
		}
		want := demoAccounts()
		// Besides the accounts of shared/API.md, the demo competition's
		// teams are generated students named s<college code><nnn>.
		generated := regexp.MustCompile(`^s[a-z]+[0-9]{3}$`)
		named := 0
		for _, u := range users {
			roles, ok := want[u.Username]
			if !ok && generated.MatchString(u.Username) {
				roles, ok = []service.RoleBinding{{Role: model.RoleStudent, Domain: model.DomainAll}}, true
			} else if ok {
				named++
			}
			if !ok {
				t.Fatalf("unexpected demo user %s", u.Username)
			}
			if got := svc.Authz.RolesOf(u.ID); !slices.Equal(got, roles) {
				t.Errorf("%s roles = %v, want %v", u.Username, got, roles)
			}
			if u.Status != model.UserActive || u.TokenVersion != 1 || u.Version != 1 || u.Name == "" {
				t.Errorf("%s = %+v", u.Username, u)
			}
			if roles[0].Role == model.RoleStudent && (u.CollegeID == nil || u.StudentNo == "" || u.GraduationYear == nil) {
				t.Errorf("student %s lacks a profile: %+v", u.Username, u)
			}
		}
		if named != len(want) {
			t.Fatalf("%d of the %d API.md demo accounts exist", named, len(want))
		}
		for name, college := range map[string]uint{"manager_gdpt": gdpt, "viewer_gdpt": gdpt, "manager_gdkm": gdkm} {
			if u := userByName(t, svc, name); u.CollegeID == nil || *u.CollegeID != college {
				t.Errorf("%s college = %v, want %d", name, u.CollegeID, college)
			}
		}
		for _, name := range []string{"admin", "manager_gdkm", "judge20", "student60", "officer"} {
			if _, err := svc.Auth.Login(ctx, name, service.DemoPassword, client); err != nil {
				t.Errorf("%s cannot sign in with the demo password: %v", name, err)
			}
		}
		a := chain(t, svc)[0]
		if a.Action != "seed.demo" || a.ActorName != "system:seed" {
			t.Fatalf("first audit record = %+v", a)
		}
		wantVerified(t, svc, int(auditCount(t, svc)))
	})

	t.Run("OKSecondRunIsNoop", func(t *testing.T) {
		svc, _ := servicetest.New(t) // seeded once already
		users, audits := countUsers(t, svc), auditCount(t, svc)
		var rules int64
		svc.DB.Model(&model.CasbinRule{}).Count(&rules)
		seeded, err := svc.SeedDemo(ctx)
		if err != nil || seeded {
			t.Fatalf("second SeedDemo = %v, %v; want false, nil", seeded, err)
		}
		var rulesAfter int64
		svc.DB.Model(&model.CasbinRule{}).Count(&rulesAfter)
		if countUsers(t, svc) != users || auditCount(t, svc) != audits || rulesAfter != rules {
			t.Fatal("second SeedDemo wrote something")
		}
	})

	t.Run("OKNoSeedOverRealUsers", func(t *testing.T) {
		clock := servicetest.NewClock()
		svc, err := service.New(testdb.Open(t), servicetest.Options(clock))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Users.CreateAdmin(ctx, "root_admin", "Root-pass-2024"); err != nil {
			t.Fatal(err)
		}
		seeded, err := svc.SeedDemo(ctx)
		if err != nil || seeded || countUsers(t, svc) != 1 {
			t.Fatalf("SeedDemo over a real database = %v, %v, %d users", seeded, err, countUsers(t, svc))
		}
	})
}
